// Locations the tests share. Compiled to out/test/support/, three levels below the extension.
import * as fs from 'fs';
import * as path from 'path';

export const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');
export const REPO_ROOT = path.resolve(EXTENSION_ROOT, '..');

export const ADAPTER = path.resolve(
  process.env.INT3_DAP || path.join(REPO_ROOT, 'build', 'int3-dap'),
);
export const FIXTURE = path.resolve(
  process.env.INT3_FIXTURE ||
    path.join(REPO_ROOT, 'build', 'tests', 'fixtures', 'loop_gcc_O0_pie_d5'),
);
/** The fixture's source, by real path: what the compiler recorded and the adapter reports. */
export function loopSource(): string {
  return fs.realpathSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'loop.c'));
}

export function readPackageJson(): PackageJson {
  return JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'package.json'), 'utf8'));
}

export interface DebuggerContribution {
  type: string;
  configurationAttributes: Record<
    'launch' | 'attach',
    { required?: string[]; properties: Record<string, { type: unknown; default?: unknown }> }
  >;
  initialConfigurations: Array<Record<string, unknown>>;
  configurationSnippets: Array<{ label: string; body: Record<string, unknown> }>;
  variables?: Record<string, string>;
}

export interface PackageJson {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  devDependencies: Record<string, string>;
  contributes: {
    debuggers: DebuggerContribution[];
    breakpoints: Array<{ language: string }>;
    commands: Array<{ command: string }>;
    configuration: { properties: Record<string, unknown> };
  };
}

export function int3Debugger(pkg = readPackageJson()): DebuggerContribution {
  const found = pkg.contributes.debuggers.find((d) => d.type === 'int3');
  if (found === undefined) {
    throw new Error('package.json contributes no debugger of type "int3"');
  }
  return found;
}
