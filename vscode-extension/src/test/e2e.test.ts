// End to end: VS Code's DebugClient drives the real int3-dap on a fixture, with the launch
// configuration a user gets from this extension's own snippet. Registered only with
// INT3_E2E=1 (ctest sets it); then a missing adapter or fixture is a failure, never a skip.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DebugProtocol } from '@vscode/debugprotocol';
import { AdapterSession, errorText } from './support/adapter-session';
import { lineOf } from './support/markers';
import { ADAPTER, EXTENSION_ROOT, FIXTURE, int3Debugger, loopSource } from './support/paths';
import { configFromSnippet } from './support/snippets';

const EVENT_TIMEOUT_MS = 20000;

function launchConfigFromSnippet(program: string): Record<string, unknown> {
  const snippet = int3Debugger().configurationSnippets.find((s) => s.body.request === 'launch');
  assert.ok(snippet, 'package.json has no launch snippet');
  // Tab stop 2 is the program name under ${workspaceFolder}: fill it like a user would.
  return configFromSnippet(
    snippet.body,
    { 2: path.basename(program) },
    { workspaceFolder: path.dirname(program) },
  );
}

function requireFile(file: string, what: string, hint: string): void {
  if (!fs.existsSync(file)) {
    throw new Error(`${what} not found at ${file}: ${hint}`);
  }
}

function reproCommand(title: string): string {
  return (
    `cd ${EXTENSION_ROOT} && INT3_E2E=1 INT3_DAP=${ADAPTER} INT3_FIXTURE=${FIXTURE} ` +
    `npx mocha out/test/e2e.test.js -g ${JSON.stringify(title)}`
  );
}

if (process.env.INT3_E2E === '1') {
  describe('int3-dap end to end (DebugClient)', function () {
    this.timeout(4 * EVENT_TIMEOUT_MS);
    let session: AdapterSession;

    before(() => {
      requireFile(
        ADAPTER,
        'int3-dap',
        'build it (cmake --build <build> --target int3-dap) or point INT3_DAP at it',
      );
      requireFile(
        FIXTURE,
        'fixture',
        'build the fixtures (tests/fixtures) or point INT3_FIXTURE at loop_gcc_O0_pie_d5',
      );
    });

    beforeEach(() => {
      session = new AdapterSession(ADAPTER, EVENT_TIMEOUT_MS);
    });

    afterEach(async function () {
      await session.close();
      if (this.currentTest?.state === 'failed') {
        console.error(session.diagnostics());
        console.error(
          `--- logs kept in ${session.logDir}; reproduce with:\n${reproCommand(this.currentTest.title)}`,
        );
      } else {
        session.removeLogs();
      }
    });

    it('stops at a breakpoint on the marker line, shows it on top of the stack, runs to exit', async () => {
      const dc = session.client;
      const source = loopSource();
      const line = lineOf(source, 'BREAK: square body');
      const config = launchConfigFromSnippet(FIXTURE);
      assert.strictEqual(config.program, FIXTURE);

      const [, , firstStop] = (await session.guard(
        dc.hitBreakpoint(config, { path: source, line }),
      )) as [unknown, unknown, DebugProtocol.StackTraceResponse];
      assert.strictEqual(firstStop.body.stackFrames[0].line, line);

      const threads = await session.guard(dc.threadsRequest());
      assert.ok(threads.body.threads.length >= 1, 'no threads while stopped');
      const threadId = threads.body.threads[0].id;
      const trace = await session.guard(dc.stackTraceRequest({ threadId }));
      const top = trace.body.stackFrames[0];
      assert.strictEqual(top.line, line, 'top frame line');
      assert.match(top.name, /square/, 'top frame function');
      assert.strictEqual(top.source?.path, source, 'top frame source');
      assert.ok(
        trace.body.stackFrames.some((f) => /sum_squares/.test(f.name)),
        `caller sum_squares missing from ${trace.body.stackFrames.map((f) => f.name).join(' < ')}`,
      );

      // square runs once per loop iteration, so continuing stops on the same line again.
      const stopped = session.expectEvent('stopped');
      await session.guard(dc.continueRequest({ threadId }));
      const again = (await session.guard(stopped)) as DebugProtocol.StoppedEvent;
      assert.strictEqual(again.body.reason, 'breakpoint');
      const secondTrace = await session.guard(dc.stackTraceRequest({ threadId }));
      assert.strictEqual(secondTrace.body.stackFrames[0].line, line);

      const cleared = await session.guard(
        dc.setBreakpointsRequest({ source: { path: source }, breakpoints: [] }),
      );
      assert.deepStrictEqual(cleared.body.breakpoints, []);
      const exited = session.expectEvent('exited');
      const terminated = session.expectEvent('terminated');
      await session.guard(dc.continueRequest({ threadId }));
      const exit = (await session.guard(exited)) as DebugProtocol.ExitedEvent;
      assert.strictEqual(exit.body.exitCode, 0);
      await session.guard(terminated);
    });

    it('fails the launch of a missing program with a message naming it', async () => {
      const dc = session.client;
      const missing = path.join(path.dirname(FIXTURE), 'no-such-program');
      await session.guard(dc.initializeRequest());
      const response = await session.guard(
        dc.rawRequest('launch', launchConfigFromSnippet(missing)),
      );
      assert.strictEqual(response.success, false, 'launch of a missing program succeeded');
      assert.ok(
        errorText(response).includes('no-such-program'),
        `unhelpful error: ${errorText(response)}`,
      );
    });
  });
} else {
  describe('int3-dap end to end (DebugClient)', () => {
    it('is registered only with INT3_E2E=1 (scripts/ci.sh and ctest set it)', () => {
      assert.notStrictEqual(process.env.INT3_E2E, '1');
    });
  });
}
