// The `${command:pickProcess}` behind attach configurations.
import * as vscode from 'vscode';
import { listProcesses } from './process-list';

interface ProcessItem extends vscode.QuickPickItem {
  pid: number;
}

/** The chosen pid as a string (what command variables substitute), or undefined to cancel. */
export async function pickProcess(): Promise<string | undefined> {
  const items: ProcessItem[] = listProcesses()
    .filter((p) => p.pid !== process.pid)
    .map((p) => ({
      label: p.name,
      description: String(p.pid),
      detail: p.commandLine,
      pid: p.pid,
    }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'int3: attach to process',
    placeHolder: 'Type a process name, pid or part of its command line',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked === undefined ? undefined : String(picked.pid);
}
