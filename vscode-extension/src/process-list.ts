// Running processes, read from /proc. Pure: no `vscode` import.
import * as fs from 'fs';
import * as path from 'path';

export interface ProcessInfo {
  pid: number;
  /** The kernel's short name (`comm`), at most 15 characters. */
  name: string;
  /** argv joined by spaces. */
  commandLine: string;
}

// A process can exit between readdir and the reads of its files; that is not an error.
const VANISHED_CODES = new Set(['ENOENT', 'ESRCH']);

function readProcFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (VANISHED_CODES.has((err as NodeJS.ErrnoException).code ?? '')) {
      return undefined;
    }
    throw err;
  }
}

function readProcess(procRoot: string, pid: number): ProcessInfo | undefined {
  const dir = path.join(procRoot, String(pid));
  const comm = readProcFile(path.join(dir, 'comm'));
  const cmdline = readProcFile(path.join(dir, 'cmdline'));
  if (comm === undefined || cmdline === undefined) {
    return undefined;
  }
  const argv = cmdline.split('\0');
  if (argv[argv.length - 1] === '') {
    argv.pop();
  }
  // Kernel threads and zombies have no command line, and neither can be attached to.
  if (argv.length === 0) {
    return undefined;
  }
  return { pid, name: comm.replace(/\n$/, ''), commandLine: argv.join(' ') };
}

/** User processes, newest (highest pid) first: the one just started is usually the one wanted. */
export function listProcesses(procRoot = '/proc'): ProcessInfo[] {
  const processes: ProcessInfo[] = [];
  for (const entry of fs.readdirSync(procRoot)) {
    if (!/^[0-9]+$/.test(entry)) {
      continue;
    }
    const info = readProcess(procRoot, Number(entry));
    if (info !== undefined) {
      processes.push(info);
    }
  }
  return processes.sort((a, b) => b.pid - a.pid);
}
