// End to end through DebugClient: variables, stepping and the run to exit, the way the VS Code
// UI asks for them (stackTrace → scopes → variables after every stop).
import * as assert from 'assert';
import { DebugProtocol } from '@vscode/debugprotocol';
import { describeEndToEnd, launchConfigFromSnippet } from './support/e2e-suite';
import { scopeValues, stopAndTopFrame } from './support/inspect';
import { lineOf } from './support/markers';
import { FIXTURE, loopSource } from './support/paths';

describeEndToEnd('int3-dap variables and stepping (DebugClient)', __filename, (current) => {
  it('shows arguments and locals, steps in, out and over, evaluates, runs to exit', async () => {
    const session = current();
    const dc = session.client;
    const source = loopSource();
    const callLine = lineOf(source, 'BREAK: call square');
    const squareLine = lineOf(source, 'BREAK: square body');
    const forLine = lineOf(source, 'BREAK: for header');

    // First hit: i == 0. Continue to the second, where the values differ from their defaults.
    await session.guard(
      dc.hitBreakpoint(launchConfigFromSnippet(FIXTURE), { path: source, line: callLine }),
    );
    let stopped = session.expectEvent('stopped');
    const threads = await session.guard(dc.threadsRequest());
    const threadId = threads.body.threads[0].id;
    await session.guard(dc.continueRequest({ threadId }));
    let at = await stopAndTopFrame(session, stopped);
    assert.strictEqual(at.event.body.reason, 'breakpoint');
    assert.strictEqual(at.top.line, callLine);
    assert.deepStrictEqual(
      pick(await scopeValues(session, at.top.id, 'Locals'), ['i', 'total']),
      { i: '1', total: '0' },
    );
    assert.strictEqual((await scopeValues(session, at.top.id, 'Arguments')).n, '3');

    stopped = session.expectEvent('stopped');
    await session.guard(dc.stepInRequest({ threadId }));
    at = await stopAndTopFrame(session, stopped);
    assert.strictEqual(at.event.body.reason, 'step');
    assert.match(at.top.name, /square/);
    assert.strictEqual(at.top.line, squareLine, 'stepIn stops after square’s prologue');
    assert.strictEqual((await scopeValues(session, at.top.id, 'Arguments')).x, '1');

    stopped = session.expectEvent('stopped');
    await session.guard(dc.stepOutRequest({ threadId }));
    at = await stopAndTopFrame(session, stopped);
    assert.strictEqual(at.event.body.reason, 'step');
    assert.match(at.top.name, /sum_squares/);
    assert.strictEqual(at.top.line, callLine, 'stepOut returns to the line of the call');

    stopped = session.expectEvent('stopped');
    await session.guard(dc.nextRequest({ threadId }));
    at = await stopAndTopFrame(session, stopped);
    assert.strictEqual(at.event.body.reason, 'step');
    assert.strictEqual(at.top.line, forLine, 'next finishes the line and stops at i++');
    const total = await session.guard(
      dc.evaluateRequest({ expression: 'total', frameId: at.top.id, context: 'watch' }),
    );
    assert.strictEqual(total.body.result, '1', 'total after adding square(1)');

    await session.guard(dc.setBreakpointsRequest({ source: { path: source }, breakpoints: [] }));
    const exited = session.expectEvent('exited');
    const terminated = session.expectEvent('terminated');
    await session.guard(dc.continueRequest({ threadId }));
    const exit = (await session.guard(exited)) as DebugProtocol.ExitedEvent;
    assert.strictEqual(exit.body.exitCode, 0);
    await session.guard(terminated);
    // The program's stdout reaches the Debug Console as output events.
    assert.match(session.output('stdout'), /total=5\n/);
  });
});

function pick(values: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, values[n]]));
}
