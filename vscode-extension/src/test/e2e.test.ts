// End to end: VS Code's DebugClient drives the real int3-dap on a fixture, with the launch
// configuration a user gets from this extension's own snippet.
import * as assert from 'assert';
import * as path from 'path';
import { DebugProtocol } from '@vscode/debugprotocol';
import { errorText } from './support/adapter-session';
import { describeEndToEnd, launchConfigFromSnippet } from './support/e2e-suite';
import { lineOf } from './support/markers';
import { FIXTURE, loopSource } from './support/paths';

describeEndToEnd('int3-dap end to end (DebugClient)', __filename, (current) => {
  it('stops at a breakpoint on the marker line, shows it on top of the stack, runs to exit', async () => {
    const session = current();
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
    const session = current();
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
