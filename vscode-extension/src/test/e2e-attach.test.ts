// End to end through DebugClient: attach to a process the test started, with the
// configuration from the extension's attach snippet (its ${command:pickProcess} answered by
// the pid), stop at a breakpoint, detach, and see the process run on unharmed.
import * as assert from 'assert';
import * as fs from 'fs';
import { DebugProtocol } from '@vscode/debugprotocol';
import { TestProcess, tracerPid } from './support/child-process';
import {
  attachConfigFromSnippet,
  describeEndToEnd,
  EVENT_TIMEOUT_MS,
  fixturePath,
} from './support/e2e-suite';
import { stopAndTopFrame } from './support/inspect';
import { lineOf } from './support/markers';
import { REPO_ROOT } from './support/paths';

describeEndToEnd('int3-dap attach (DebugClient)', __filename, (current, cleanup) => {
  it('attaches by pid, stops at a breakpoint, detaches, the process runs on', async () => {
    const session = current();
    const dc = session.client;
    // sleeper runs for 60 s unless told to stop with SIGUSR1, then exits 0.
    const sleeper = new TestProcess(fixturePath('sleeper'), ['60']);
    cleanup(() => sleeper.kill());
    await sleeper.waitForOutput('SLEEPER-READY', EVENT_TIMEOUT_MS);
    const source = fs.realpathSync(`${REPO_ROOT}/tests/fixtures/sleeper.c`);
    const line = lineOf(source, 'BREAK: tick');

    const config = attachConfigFromSnippet(sleeper.pid);
    assert.strictEqual(config.pid, String(sleeper.pid));
    const initialized = session.expectEvent('initialized');
    await session.guard(dc.initializeRequest());
    await session.guard(dc.attachRequest(config as DebugProtocol.AttachRequestArguments));
    await session.guard(initialized);
    const set = await session.guard(
      dc.setBreakpointsRequest({ source: { path: source }, breakpoints: [{ line }] }),
    );
    assert.strictEqual(set.body.breakpoints[0].verified, true, 'tick breakpoint not verified');
    const stopped = session.expectEvent('stopped');
    await session.guard(dc.configurationDoneRequest());
    const at = await stopAndTopFrame(session, stopped);
    assert.strictEqual(at.event.body.reason, 'breakpoint');
    assert.strictEqual(at.top.line, line);
    assert.match(at.top.name, /tick/);
    const threads = await session.guard(dc.threadsRequest());
    assert.ok(threads.body.threads.length >= 2, 'sleeper has two threads; attach shows them all');

    await session.guard(dc.disconnectRequest({ terminateDebuggee: false }));
    assert.ok(sleeper.running(), 'the process died when the debugger detached');
    assert.strictEqual(tracerPid(sleeper.pid), 0, 'still traced after disconnect');
    // It keeps calling tick(): with a trap byte left behind it would die of SIGTRAP.
    // Asked to stop, it finishes its loop and exits 0.
    sleeper.child.kill('SIGUSR1');
    const end = await sleeper.exited;
    assert.deepStrictEqual(end, { code: 0, signal: null }, `sleeper said: ${sleeper.output}`);
    assert.match(sleeper.output, /INT3-FIXTURE-DONE/);
  });
});
