// What a user looks at while stopped, through DebugClient: the top frame, a scope's variables.
import * as assert from 'assert';
import { DebugProtocol } from '@vscode/debugprotocol';
import { AdapterSession } from './adapter-session';

/** Waits for the `stopped` event already expected, then returns it with its top frame. */
export async function stopAndTopFrame(
  session: AdapterSession,
  stopped: Promise<DebugProtocol.Event>,
): Promise<{ event: DebugProtocol.StoppedEvent; top: DebugProtocol.StackFrame }> {
  const event = (await session.guard(stopped)) as DebugProtocol.StoppedEvent;
  assert.ok(event.body.threadId !== undefined, 'stopped event without threadId');
  const trace = await session.guard(
    session.client.stackTraceRequest({ threadId: event.body.threadId!, startFrame: 0, levels: 20 }),
  );
  assert.ok(trace.body.stackFrames.length > 0, 'empty stack while stopped');
  return { event, top: trace.body.stackFrames[0] };
}

/** Name → value of the variables in the scope called `scopeName` of frame `frameId`. */
export async function scopeValues(
  session: AdapterSession,
  frameId: number,
  scopeName: string,
): Promise<Record<string, string>> {
  const scopes = await session.guard(session.client.scopesRequest({ frameId }));
  const scope = scopes.body.scopes.find((s) => s.name === scopeName);
  assert.ok(
    scope,
    `no scope ${scopeName} among ${scopes.body.scopes.map((s) => s.name).join(', ')}`,
  );
  const vars = await session.guard(
    session.client.variablesRequest({ variablesReference: scope.variablesReference }),
  );
  return Object.fromEntries(vars.body.variables.map((v) => [v.name, v.value]));
}
