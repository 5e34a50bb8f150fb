// Programs the tests start themselves (the process to attach to, the "terminal"), always
// reaped: kill() waits for the exit, so no test leaves a process behind.
import { ChildProcess, spawn, SpawnOptions } from 'child_process';
import * as fs from 'fs';

export class TestProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private out = '';

  constructor(command: string, args: string[], options: SpawnOptions = {}) {
    this.child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.out += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.out += chunk.toString()));
    this.exited = new Promise((resolve, reject) => {
      this.child.on('error', reject);
      this.child.on('exit', (code, signal) => resolve({ code, signal }));
    });
    this.exited.catch(() => undefined);
  }

  get pid(): number {
    if (this.child.pid === undefined) {
      throw new Error('the process did not start');
    }
    return this.child.pid;
  }

  /** What it wrote to its stdout and stderr pipes so far. */
  get output(): string {
    return this.out;
  }

  running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once its output contains `text`; rejects if it exits first or after `ms`. */
  waitForOutput(text: string, ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.out.includes(text)) {
          finish();
          resolve();
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no "${text}" from the process within ${ms} ms; it said: ${this.out}`));
      }, ms);
      const onExit = () => {
        finish();
        if (!this.out.includes(text)) {
          reject(new Error(`the process exited before saying "${text}"; it said: ${this.out}`));
        } else {
          resolve();
        }
      };
      const onError = (err: Error) => {
        finish();
        reject(new Error(`the process did not start: ${err.message}`));
      };
      const finish = () => {
        clearTimeout(timer);
        this.child.stdout?.off('data', check);
        this.child.off('exit', onExit);
        this.child.off('error', onError);
      };
      this.child.stdout?.on('data', check);
      this.child.on('exit', onExit);
      this.child.on('error', onError);
      check();
    });
  }

  /** SIGKILL unless it already ended; resolves when it is reaped. */
  async kill(): Promise<void> {
    if (this.running()) {
      this.child.kill('SIGKILL');
    }
    await this.exited.catch(() => undefined);
  }
}

/** The TracerPid of /proc/<pid>/status: 0 when nobody traces the process. */
export function tracerPid(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^TracerPid:\s*(\d+)$/m.exec(status);
  if (match === null) {
    throw new Error(`no TracerPid in /proc/${pid}/status`);
  }
  return Number(match[1]);
}
