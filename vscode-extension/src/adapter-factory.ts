// Starts int3-dap as a child process speaking DAP over stdio.
import * as vscode from 'vscode';
import { AdapterLookup, adapterArgs, findAdapter } from './adapter-path';
import { DebugConfig } from './debug-config';

const OPEN_SETTINGS = 'Open Settings';

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function lookupAdapter(
  config: DebugConfig,
  folder: vscode.WorkspaceFolder | undefined,
  extensionPath: string,
): AdapterLookup {
  const settings = vscode.workspace.getConfiguration('int3', folder);
  return findAdapter({
    configPath: stringOrUndefined(config.adapterPath),
    settingPath: stringOrUndefined(settings.get<string>('adapterPath')),
    extensionPath,
    baseDir: folder?.uri.fsPath,
  });
}

export function logFileFor(config: DebugConfig, folder: vscode.WorkspaceFolder | undefined) {
  return (
    stringOrUndefined(config.logFile) ??
    stringOrUndefined(vscode.workspace.getConfiguration('int3', folder).get<string>('logFile'))
  );
}

/** Not awaited by callers: the promise settles only when the user dismisses the message. */
export async function reportAdapterNotFound(lookup: { reason: string; tried: string[] }) {
  const choice = await vscode.window.showErrorMessage(
    lookup.reason,
    { modal: false, detail: `Looked for: ${lookup.tried.join(', ')}` },
    OPEN_SETTINGS,
  );
  if (choice === OPEN_SETTINGS) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'int3.adapterPath');
  }
}

export class Int3AdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(private readonly extensionPath: string) {}

  createDebugAdapterDescriptor(session: vscode.DebugSession): vscode.DebugAdapterDescriptor {
    const config = session.configuration as DebugConfig;
    const lookup = lookupAdapter(config, session.workspaceFolder, this.extensionPath);
    if (!lookup.found) {
      // The configuration provider normally catches this first and cancels quietly; reaching
      // here means the adapter vanished in between, so fail the session loudly.
      void reportAdapterNotFound(lookup);
      throw new Error(lookup.reason);
    }
    return new vscode.DebugAdapterExecutable(
      lookup.path,
      adapterArgs(logFileFor(config, session.workspaceFolder)),
    );
  }
}
