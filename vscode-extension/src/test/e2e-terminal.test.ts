// End to end through DebugClient: console integratedTerminal. The adapter asks the client to
// run the program with the runInTerminal reverse request; the test answers it as VS Code
// would, spawning the given args with the given cwd and env, its output going to a file that
// plays the terminal, and checks the program stops at a breakpoint and prints there.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DebugProtocol } from '@vscode/debugprotocol';
import { TestProcess } from './support/child-process';
import { describeEndToEnd, launchConfigFromSnippet } from './support/e2e-suite';
import { stopAndTopFrame } from './support/inspect';
import { lineOf } from './support/markers';
import { FIXTURE, loopSource } from './support/paths';

/** The editor's terminal: one program at a time, its stdout and stderr in a file. */
class FakeTerminal {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'int3-vscode-terminal-'));
  readonly screen = path.join(this.dir, 'terminal.txt');
  process?: TestProcess;

  run(
    args: DebugProtocol.RunInTerminalRequestArguments,
  ): DebugProtocol.RunInTerminalResponse['body'] {
    assert.strictEqual(this.process, undefined, 'a second runInTerminal');
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const [name, value] of Object.entries(args.env ?? {})) {
      if (value === null) {
        delete env[name];
      } else {
        env[name] = value;
      }
    }
    const out = fs.openSync(this.screen, 'w');
    try {
      this.process = new TestProcess(args.args[0], args.args.slice(1), {
        cwd: args.cwd,
        env,
        stdio: ['ignore', out, out],
      });
    } finally {
      fs.closeSync(out);
    }
    return { processId: this.process.pid };
  }

  text(): string {
    return fs.existsSync(this.screen) ? fs.readFileSync(this.screen, 'utf8') : '';
  }

  async close(): Promise<void> {
    await this.process?.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

describeEndToEnd('int3-dap runInTerminal (DebugClient)', __filename, (current, cleanup) => {
  it('runs the program in the client’s terminal and still stops at a breakpoint', async () => {
    const session = current();
    const dc = session.client;
    const terminal = new FakeTerminal();
    cleanup(() => terminal.close());
    dc.onReverseRequest('runInTerminal', (args) =>
      terminal.run(args as DebugProtocol.RunInTerminalRequestArguments),
    );
    const source = loopSource();
    const line = lineOf(source, 'BREAK: square body');
    // The snippet, plus the two keys a user adds for a terminal.
    const config: Record<string, unknown> = {
      ...launchConfigFromSnippet(FIXTURE),
      console: 'integratedTerminal',
      env: { INT3_TERMINAL_TEST: 'from-launch-json' },
    };

    const initialized = session.expectEvent('initialized');
    await session.guard(
      dc.initializeRequest({
        adapterID: 'int3',
        clientID: 'vscode',
        linesStartAt1: true,
        columnsStartAt1: true,
        pathFormat: 'path',
        supportsRunInTerminalRequest: true,
      }),
    );
    await session.guard(initialized);
    await session.guard(dc.launchRequest(config as DebugProtocol.LaunchRequestArguments));
    const [request] = dc.reverseRequests;
    assert.ok(request, 'launch finished without a runInTerminal request');
    const args = request.arguments as DebugProtocol.RunInTerminalRequestArguments;
    assert.strictEqual(args.kind, 'integrated');
    assert.strictEqual(args.cwd, config.cwd);
    assert.strictEqual(args.env?.INT3_TERMINAL_TEST, 'from-launch-json');
    assert.ok(args.args.includes(FIXTURE), `the program is not among ${args.args.join(' ')}`);

    const set = await session.guard(
      dc.setBreakpointsRequest({ source: { path: source }, breakpoints: [{ line }] }),
    );
    assert.strictEqual(set.body.breakpoints[0].verified, true);
    const stopped = session.expectEvent('stopped');
    await session.guard(dc.configurationDoneRequest());
    const at = await stopAndTopFrame(session, stopped);
    assert.strictEqual(at.event.body.reason, 'breakpoint');
    assert.strictEqual(at.top.line, line);
    // The thread that stopped is the very process the terminal started (the helper execs).
    assert.strictEqual(at.event.body.threadId, terminal.process!.pid);

    await session.guard(dc.setBreakpointsRequest({ source: { path: source }, breakpoints: [] }));
    const exited = session.expectEvent('exited');
    await session.guard(dc.continueRequest({ threadId: at.event.body.threadId! }));
    const exit = (await session.guard(exited)) as DebugProtocol.ExitedEvent;
    assert.strictEqual(exit.body.exitCode, 0);
    const end = await terminal.process!.exited;
    assert.deepStrictEqual(end, { code: 0, signal: null });
    // Its output is on the terminal, not in the Debug Console.
    assert.match(terminal.text(), /total=5\n[^]*INT3-FIXTURE-DONE/);
    assert.doesNotMatch(session.output('stdout'), /total=/);
  });
});
