// One int3-dap process driven by VS Code's own DebugClient, with its log kept for failures.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable, Writable } from 'stream';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { DebugProtocol } from '@vscode/debugprotocol';

/** Answers one reverse request (the adapter asking the client); throwing fails the request. */
export type ReverseRequestHandler = (args: unknown) => object | Promise<object>;

// DebugClient.start() can only spawn `runtime executable`; int3-dap is native and takes its
// own flags, so the tests spawn it and hand the pipes over.
class PipedDebugClient extends DebugClient {
  private readonly reverseHandlers = new Map<string, ReverseRequestHandler>();
  /** Every reverse request the adapter sent, answered or not. */
  readonly reverseRequests: DebugProtocol.Request[] = [];

  attachPipes(fromAdapter: Readable, toAdapter: Writable): void {
    // DebugClient 1.68 takes every message without an `event` for a response and drops
    // reverse requests; VS Code answers them, so the tests must too.
    const internals = this as unknown as ProtocolInternals;
    const dispatchOthers = internals.dispatch.bind(this);
    internals.dispatch = (body: string) => {
      const message = JSON.parse(body) as DebugProtocol.ProtocolMessage;
      if (message.type === 'request') {
        void this.answer(message as DebugProtocol.Request, toAdapter);
      } else {
        dispatchOthers(body);
      }
    };
    this.connect(fromAdapter, toAdapter);
  }

  /** Handles the reverse request `command` the way an editor would. */
  onReverseRequest(command: string, handler: ReverseRequestHandler): void {
    this.reverseHandlers.set(command, handler);
  }

  private async answer(request: DebugProtocol.Request, toAdapter: Writable): Promise<void> {
    this.reverseRequests.push(request);
    const handler = this.reverseHandlers.get(request.command);
    const internals = this as unknown as ProtocolInternals;
    const response: DebugProtocol.Response = {
      type: 'response',
      seq: 0,
      request_seq: request.seq,
      command: request.command,
      success: true,
    };
    try {
      if (handler === undefined) {
        throw new Error(`the test client does not handle ${request.command}`);
      }
      response.body = await handler(request.arguments);
    } catch (err) {
      response.success = false;
      response.message = err instanceof Error ? err.message : String(err);
    }
    response.seq = internals.sequence++;
    const json = JSON.stringify(response);
    toAdapter.write(`Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`, 'utf8');
  }

  /**
   * The whole response, failed or not. DebugClient rejects a failed request with only its
   * `message`, but VS Code shows the user `body.error` when there is one.
   */
  rawRequest(command: string, args?: object): Promise<DebugProtocol.Response> {
    const sender = this as unknown as RawSender;
    return new Promise((resolve) => sender.doSend(command, args, resolve));
  }
}

// ProtocolClient's private message dispatcher and sequence counter.
interface ProtocolInternals {
  dispatch(body: string): void;
  sequence: number;
}

// ProtocolClient's private request primitive, which takes a callback for any response.
interface RawSender {
  doSend(
    command: string,
    args: object | undefined,
    done: (r: DebugProtocol.Response) => void,
  ): void;
}

/** The text VS Code would show for a failed response. */
export function errorText(response: DebugProtocol.Response): string {
  const body = response.body as DebugProtocol.ErrorResponse['body'] | undefined;
  return [response.message ?? '', body?.error?.format ?? ''].join(' ').trim();
}

const EXIT_GRACE_MS = 5000;

function gracePeriod(): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(resolve, EXIT_GRACE_MS, 'timeout').unref());
}

export class AdapterSession {
  readonly client: PipedDebugClient;
  readonly logDir: string;
  readonly logFile: string;
  /** Rejects if the adapter exits before close(); race requests against it to fail fast. */
  readonly unexpectedExit: Promise<never>;
  private readonly child: ChildProcess;
  private readonly exit: Promise<string>;
  private stderr = '';
  private closing = false;
  private readonly outputs: DebugProtocol.OutputEvent['body'][] = [];

  constructor(
    readonly adapterPath: string,
    eventTimeoutMs: number,
  ) {
    this.logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'int3-vscode-e2e-'));
    this.logFile = path.join(this.logDir, 'int3-dap.log');
    this.child = spawn(adapterPath, ['--log-file', this.logFile, '--log-level', 'debug'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exit = new Promise((resolve) => {
      this.child.on('error', (err) => resolve(`failed to start: ${err.message}`));
      this.child.on('exit', (code, signal) =>
        resolve(signal ? `killed by ${signal}` : `exited with code ${code}`),
      );
    });
    this.unexpectedExit = this.exit.then((how) => {
      throw new Error(`int3-dap ${how} in the middle of the test (its stderr and log follow)`);
    });
    this.unexpectedExit.catch(() => undefined);
    this.client = new PipedDebugClient(adapterPath, '', 'int3');
    this.client.defaultTimeout = eventTimeoutMs;
    this.client.attachPipes(this.child.stdout!, this.child.stdin!);
    this.client.on('output', (event: DebugProtocol.OutputEvent) => this.outputs.push(event.body));
  }

  /** Everything the adapter sent as `output` events of `category` so far, concatenated. */
  output(category: string): string {
    return this.outputs
      .filter((o) => (o.category ?? 'console') === category)
      .map((o) => o.output)
      .join('');
  }

  /**
   * Starts listening for `name` now; await the result later. If the test fails before that,
   * the timeout's rejection must not surface as an unhandled one in some later test.
   */
  expectEvent(name: string): Promise<DebugProtocol.Event> {
    const event = this.client.waitForEvent(name);
    event.catch(() => undefined);
    return event;
  }

  /** Resolves with `work`, or rejects as soon as the adapter dies. */
  guard<T>(work: Promise<T>): Promise<T> {
    return this.closing ? work : Promise.race([work, this.unexpectedExit]);
  }

  /** Disconnects, then makes sure the adapter process is gone and reaped. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.child.exitCode === null && this.child.signalCode === null) {
      // A failed request is fine here: the test may have left the adapter in any state.
      await Promise.race([
        this.client.disconnectRequest({ terminateDebuggee: true }).catch(() => undefined),
        gracePeriod(),
      ]);
      this.child.stdin!.end();
      if ((await Promise.race([this.exit, gracePeriod()])) === 'timeout') {
        this.child.kill('SIGKILL');
        await this.exit;
      }
    }
  }

  removeLogs(): void {
    fs.rmSync(this.logDir, { recursive: true, force: true });
  }

  diagnostics(): string {
    const log = fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '(none)';
    return [
      `--- int3-dap stderr ---`,
      this.stderr || '(empty)',
      `--- int3-dap log (${this.logFile}) ---`,
      log.length > 20000 ? `...${log.slice(-20000)}` : log,
    ].join('\n');
  }
}
