// Where int3-dap comes from. Pure: no `vscode` import, so mocha tests it directly.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ADAPTER_NAME = 'int3-dap';

export type AdapterSource = 'launch configuration' | 'setting' | 'bundled' | 'PATH';

export interface AdapterSearch {
  /** `adapterPath` of the launch configuration, already variable-substituted. */
  configPath?: string;
  /** The `int3.adapterPath` setting. */
  settingPath?: string;
  /** Root of the installed extension; a packaged adapter lives in its `bin/`. */
  extensionPath: string;
  /** Base for relative paths, normally the workspace folder. */
  baseDir?: string;
  /** The PATH to search; `process.env.PATH` when absent. */
  pathEnv?: string;
  /** Injected by tests; defaults to a stat + X_OK check. */
  isExecutable?: (file: string) => boolean;
}

export type AdapterLookup =
  | { found: true; path: string; source: AdapterSource }
  | { found: false; reason: string; tried: string[] };

// Errors that only mean "there is no usable file here"; anything else is a real fault.
const ABSENT_CODES = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'ELOOP', 'ENAMETOOLONG']);

export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch (err) {
    if (ABSENT_CODES.has((err as NodeJS.ErrnoException).code ?? '')) {
      return false;
    }
    throw err;
  }
}

function searchPath(name: string, pathEnv: string, isExecutable: (f: string) => boolean) {
  const tried: string[] = [];
  for (const dir of pathEnv.split(path.delimiter)) {
    if (dir === '') {
      continue;
    }
    const candidate = path.join(dir, name);
    tried.push(candidate);
    if (isExecutable(candidate)) {
      return { path: candidate, tried };
    }
  }
  return { path: undefined, tried };
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

/**
 * Finds the adapter: launch configuration `adapterPath`, then the `int3.adapterPath` setting,
 * then `<extension>/bin/int3-dap`, then `int3-dap` on PATH (the lldb-dap order).
 * A path the user set explicitly that does not work is reported, not skipped: silently falling
 * back to another adapter would hide the mistake.
 */
export function findAdapter(search: AdapterSearch): AdapterLookup {
  const isExecutable = search.isExecutable ?? isExecutableFile;
  const pathEnv = search.pathEnv ?? process.env.PATH ?? '';
  const explicit: Array<[string | undefined, AdapterSource, string]> = [
    [search.configPath, 'launch configuration', '"adapterPath" in the launch configuration'],
    [search.settingPath, 'setting', 'the int3.adapterPath setting'],
  ];
  for (const [value, source, what] of explicit) {
    const given = value?.trim();
    if (!given) {
      continue;
    }
    // A bare name ("int3-dap") means a command on PATH, as a shell would read it.
    if (!given.includes('/') && !given.startsWith('~')) {
      const hit = searchPath(given, pathEnv, isExecutable);
      if (hit.path !== undefined) {
        return { found: true, path: hit.path, source };
      }
      return {
        found: false,
        reason: `${what} is "${given}", which is not an executable on PATH.`,
        tried: hit.tried,
      };
    }
    const resolved = path.resolve(search.baseDir ?? process.cwd(), expandHome(given));
    if (isExecutable(resolved)) {
      return { found: true, path: resolved, source };
    }
    return {
      found: false,
      reason: `${what} is "${given}", but ${resolved} is not an executable file.`,
      tried: [resolved],
    };
  }

  const bundled = path.join(search.extensionPath, 'bin', ADAPTER_NAME);
  if (isExecutable(bundled)) {
    return { found: true, path: bundled, source: 'bundled' };
  }
  const hit = searchPath(ADAPTER_NAME, pathEnv, isExecutable);
  if (hit.path !== undefined) {
    return { found: true, path: hit.path, source: 'PATH' };
  }
  return {
    found: false,
    reason:
      `Cannot find the ${ADAPTER_NAME} executable: it is not bundled with the extension ` +
      `and not on PATH. Set int3.adapterPath to the int3-dap you built.`,
    tried: [bundled, ...hit.tried],
  };
}

/** Command-line arguments for the adapter process. */
export function adapterArgs(logFile: string | undefined): string[] {
  const file = logFile?.trim();
  return file ? ['--log-file', expandHome(file)] : [];
}
