// Default and normalised int3 debug configurations. Pure: no `vscode` import.
import * as fs from 'fs';
import * as path from 'path';
import { splitArgs } from './shell-args';

export const DEBUG_TYPE = 'int3';
export const PICK_PROCESS = '${command:pickProcess}';

export interface DebugConfig {
  type?: string;
  request?: string;
  name?: string;
  [key: string]: unknown;
}

export interface ActiveFile {
  languageId: string;
  fileName: string;
}

/** `openConfig` asks VS Code to open launch.json, where the fix belongs. */
export type Resolution = { config: DebugConfig } | { error: string; openConfig?: boolean };

export function isNativeSource(file: ActiveFile | undefined): file is ActiveFile {
  return file !== undefined && (file.languageId === 'c' || file.languageId === 'cpp');
}

/**
 * What F5 runs without a launch.json: the executable named like the active source file, next
 * to it (what `gcc -g foo.c -o foo` produces). cwd is the file's folder rather than
 * ${workspaceFolder} because with no folder open that variable cannot be resolved.
 */
export function defaultLaunchConfig(): DebugConfig {
  return {
    type: DEBUG_TYPE,
    request: 'launch',
    name: 'int3: Launch active file',
    program: '${fileDirname}/${fileBasenameNoExtension}',
    args: [],
    cwd: '${fileDirname}',
    stopOnEntry: false,
  };
}

/** Offered in the Run and Debug drop-down: the active file's executable, spelled out. */
export function dynamicLaunchConfigs(active: ActiveFile | undefined): DebugConfig[] {
  if (!isNativeSource(active)) {
    return [];
  }
  const dir = path.dirname(active.fileName);
  const stem = path.basename(active.fileName, path.extname(active.fileName));
  return [
    {
      type: DEBUG_TYPE,
      request: 'launch',
      name: `int3: Launch ${stem}`,
      program: path.join(dir, stem),
      args: [],
      cwd: dir,
      stopOnEntry: false,
    },
  ];
}

// What VS Code passes when there is no launch.json: {} for F5, { noDebug: true } for Ctrl+F5.
function isEmptyConfig(config: DebugConfig): boolean {
  return !config.type && !config.request && !config.name;
}

/** Before ${...} substitution: fill what is missing, refuse what cannot work. */
export function resolveConfig(config: DebugConfig, active: ActiveFile | undefined): Resolution {
  if (isEmptyConfig(config)) {
    if (isNativeSource(active)) {
      return { config: { ...defaultLaunchConfig(), ...config } };
    }
    return {
      error:
        'int3: there is no launch configuration to run. Open the C or C++ source file whose ' +
        'executable sits next to it, or add an int3 configuration to launch.json.',
    };
  }
  const resolved: DebugConfig = { ...config };
  resolved.type = resolved.type || DEBUG_TYPE;
  resolved.request = resolved.request || 'launch';
  if (resolved.request !== 'launch' && resolved.request !== 'attach') {
    return {
      error: `int3: "request" must be "launch" or "attach", not "${resolved.request}".`,
      openConfig: true,
    };
  }
  resolved.name =
    resolved.name || (resolved.request === 'launch' ? 'int3: Launch' : 'int3: Attach');
  if (resolved.request === 'launch') {
    if (typeof resolved.program !== 'string' || resolved.program.trim() === '') {
      return {
        error:
          `int3: the launch configuration "${resolved.name}" has no "program". ` +
          'Set it to the executable to debug, for example "${workspaceFolder}/a.out".',
        openConfig: true,
      };
    }
  } else if (resolved.pid === undefined && resolved.processId === undefined) {
    resolved.pid = PICK_PROCESS;
  }
  return { config: resolved };
}

export interface SubstitutedContext {
  /** Relative `program` and `cwd` are taken from here (the workspace folder). */
  baseDir?: string;
  /** Injected by tests. */
  exists?: (file: string) => boolean;
}

function normalizeLaunch(config: DebugConfig, ctx: SubstitutedContext): Resolution {
  const exists = ctx.exists ?? fs.existsSync;
  const out: DebugConfig = { ...config };
  for (const key of ['program', 'cwd']) {
    const value = out[key];
    if (value === undefined) {
      continue;
    }
    if (typeof value !== 'string') {
      return { error: `int3: "${key}" must be a string.`, openConfig: true };
    }
    if (ctx.baseDir !== undefined && !path.isAbsolute(value)) {
      out[key] = path.resolve(ctx.baseDir, value);
    }
  }
  const program = out.program as string;
  // int3-dap would otherwise use its own cwd, which under VS Code is the extension host's.
  if (out.cwd === undefined) {
    out.cwd = ctx.baseDir ?? path.dirname(program);
  }
  if (!exists(program)) {
    return {
      error: `int3: the program ${program} does not exist. Build it first, or fix "program" in "${out.name}".`,
      openConfig: true,
    };
  }
  if (typeof out.args === 'string') {
    const split = splitArgs(out.args);
    if ('error' in split) {
      return { error: `int3: ${split.error}`, openConfig: true };
    }
    out.args = split.args;
  } else if (
    out.args !== undefined &&
    !(Array.isArray(out.args) && out.args.every((a) => typeof a === 'string'))
  ) {
    return { error: 'int3: "args" must be an array of strings or one string.', openConfig: true };
  }
  // int3-dap also takes a list of "NAME=VALUE" strings, and null to unset a variable.
  const env = out.env;
  const validEnv = Array.isArray(env)
    ? env.every((v) => typeof v === 'string' && v.indexOf('=') > 0)
    : typeof env === 'object' &&
      env !== null &&
      Object.values(env).every((v) => typeof v === 'string' || v === null);
  if (env !== undefined && !validEnv) {
    return {
      error:
        'int3: "env" must be an object of variable names to string values (null unsets one), ' +
        'or a list of "NAME=VALUE" strings.',
      openConfig: true,
    };
  }
  return { config: out };
}

function normalizeAttach(config: DebugConfig): Resolution {
  const out: DebugConfig = { ...config };
  const raw = out.pid ?? out.processId;
  delete out.processId;
  const pid = typeof raw === 'string' && /^\s*[0-9]+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0) {
    return {
      error: `int3: "pid" must be a process id, not ${JSON.stringify(raw)}.`,
      openConfig: true,
    };
  }
  out.pid = pid;
  return { config: out };
}

/**
 * After ${...} substitution: one shape for the adapter. `args` becomes an array, `processId`
 * becomes a numeric `pid`, relative paths become absolute, a missing cwd is filled in.
 */
export function normalizeConfig(config: DebugConfig, ctx: SubstitutedContext = {}): Resolution {
  return config.request === 'attach' ? normalizeAttach(config) : normalizeLaunch(config, ctx);
}
