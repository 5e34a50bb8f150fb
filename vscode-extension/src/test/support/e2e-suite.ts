// What the end-to-end suites share: registration only with INT3_E2E=1 (ctest sets it; then a
// missing adapter or fixture is a failure, never a skip), one AdapterSession per test with its
// log kept and a repro command printed on failure, and configurations built from the
// extension's own snippets.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { AdapterSession } from './adapter-session';
import { ADAPTER, EXTENSION_ROOT, FIXTURE, int3Debugger } from './paths';
import { configFromSnippet } from './snippets';

export const EVENT_TIMEOUT_MS = 20000;

/** A fixture built next to the loop fixture (INT3_FIXTURE) by tests/fixtures/CMakeLists.txt. */
export function fixturePath(name: string): string {
  return path.join(path.dirname(FIXTURE), name);
}

function snippetBody(request: 'launch' | 'attach'): Record<string, unknown> {
  const snippet = int3Debugger().configurationSnippets.find((s) => s.body.request === request);
  assert.ok(snippet, `package.json has no ${request} snippet`);
  return snippet.body;
}

/** The launch snippet with tab stop 2 (the program under ${workspaceFolder}) filled in. */
export function launchConfigFromSnippet(program: string): Record<string, unknown> {
  return configFromSnippet(
    snippetBody('launch'),
    { 2: path.basename(program) },
    { workspaceFolder: path.dirname(program) },
  );
}

/** The attach snippet with ${command:pickProcess} answered by `pid`, as the picker returns it. */
export function attachConfigFromSnippet(pid: number): Record<string, unknown> {
  return configFromSnippet(snippetBody('attach'), {}, { 'command:pickProcess': String(pid) });
}

function requireFile(file: string, what: string, hint: string): void {
  if (!fs.existsSync(file)) {
    throw new Error(`${what} not found at ${file}: ${hint}`);
  }
}

function reproCommand(testFile: string, title: string): string {
  return (
    `cd ${EXTENSION_ROOT} && INT3_E2E=1 INT3_DAP=${ADAPTER} INT3_FIXTURE=${FIXTURE} ` +
    `npx mocha out/test/${path.basename(testFile)} -g ${JSON.stringify(title)}`
  );
}

/**
 * Registers `title` as an end-to-end suite of `testFile` (its __filename). `body` gets a
 * function returning the current test's session, and one registering cleanups that run after
 * the test, also when it failed.
 */
export function describeEndToEnd(
  title: string,
  testFile: string,
  body: (session: () => AdapterSession, cleanup: (fn: () => Promise<void>) => void) => void,
): void {
  if (process.env.INT3_E2E !== '1') {
    describe(title, () => {
      it('is registered only with INT3_E2E=1 (scripts/ci.sh and ctest set it)', () => {
        assert.notStrictEqual(process.env.INT3_E2E, '1');
      });
    });
    return;
  }
  describe(title, function () {
    this.timeout(4 * EVENT_TIMEOUT_MS);
    let current: AdapterSession | undefined;
    let cleanups: Array<() => Promise<void>> = [];

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
      current = new AdapterSession(ADAPTER, EVENT_TIMEOUT_MS);
      cleanups = [];
    });

    afterEach(async function () {
      const session = current!;
      await session.close();
      // Processes the test started go after the adapter, which may hold them stopped.
      for (const fn of cleanups.reverse()) {
        await fn();
      }
      if (this.currentTest?.state === 'failed') {
        console.error(session.diagnostics());
        console.error(
          `--- logs kept in ${session.logDir}; reproduce with:\n` +
            reproCommand(testFile, this.currentTest.title),
        );
      } else {
        session.removeLogs();
      }
    });

    body(
      () => current!,
      (fn) => cleanups.push(fn),
    );
  });
}
