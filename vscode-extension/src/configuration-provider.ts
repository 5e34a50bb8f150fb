// Fills in and checks int3 debug configurations before a session starts.
import * as vscode from 'vscode';
import { lookupAdapter, reportAdapterNotFound } from './adapter-factory';
import {
  ActiveFile,
  DebugConfig,
  Resolution,
  dynamicLaunchConfigs,
  normalizeConfig,
  resolveConfig,
} from './debug-config';

function activeFile(): ActiveFile | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && { languageId: doc.languageId, fileName: doc.fileName };
}

// undefined cancels the launch; null cancels it and opens launch.json (DebugConfigurationProvider).
function settle(resolution: Resolution): vscode.DebugConfiguration | null | undefined {
  if ('error' in resolution) {
    void vscode.window.showErrorMessage(resolution.error);
    return resolution.openConfig ? null : undefined;
  }
  return resolution.config as vscode.DebugConfiguration;
}

export class Int3ConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly extensionPath: string) {}

  resolveDebugConfiguration(
    _folder: vscode.WorkspaceFolder | undefined,
    config: vscode.DebugConfiguration,
  ): vscode.ProviderResult<vscode.DebugConfiguration> {
    return settle(resolveConfig(config as DebugConfig, activeFile()));
  }

  resolveDebugConfigurationWithSubstitutedVariables(
    folder: vscode.WorkspaceFolder | undefined,
    config: vscode.DebugConfiguration,
  ): vscode.ProviderResult<vscode.DebugConfiguration> {
    const resolved = settle(
      normalizeConfig(config as DebugConfig, { baseDir: folder?.uri.fsPath }),
    );
    if (!resolved) {
      return resolved;
    }
    // Checked here rather than in the factory because here a missing adapter can cancel the
    // launch quietly, leaving only our message with its "Open Settings" button on screen.
    const lookup = lookupAdapter(resolved as DebugConfig, folder, this.extensionPath);
    if (!lookup.found) {
      void reportAdapterNotFound(lookup);
      return undefined;
    }
    return resolved;
  }
}

export class Int3DynamicConfigurationProvider implements vscode.DebugConfigurationProvider {
  provideDebugConfigurations(): vscode.ProviderResult<vscode.DebugConfiguration[]> {
    return dynamicLaunchConfigs(activeFile()) as vscode.DebugConfiguration[];
  }
}
