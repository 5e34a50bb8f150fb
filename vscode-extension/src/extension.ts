// Entry point: wires int3's factory, configuration providers and process picker into VS Code.
import * as vscode from 'vscode';
import { Int3AdapterFactory } from './adapter-factory';
import {
  Int3ConfigurationProvider,
  Int3DynamicConfigurationProvider,
} from './configuration-provider';
import { DEBUG_TYPE } from './debug-config';
import { pickProcess } from './process-picker';

export function activate(context: vscode.ExtensionContext): void {
  const extensionPath = context.extensionUri.fsPath;
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory(
      DEBUG_TYPE,
      new Int3AdapterFactory(extensionPath),
    ),
    vscode.debug.registerDebugConfigurationProvider(
      DEBUG_TYPE,
      new Int3ConfigurationProvider(extensionPath),
      vscode.DebugConfigurationProviderTriggerKind.Initial,
    ),
    vscode.debug.registerDebugConfigurationProvider(
      DEBUG_TYPE,
      new Int3DynamicConfigurationProvider(),
      vscode.DebugConfigurationProviderTriggerKind.Dynamic,
    ),
    vscode.commands.registerCommand('int3.pickProcess', pickProcess),
  );
}

export function deactivate(): void {}
