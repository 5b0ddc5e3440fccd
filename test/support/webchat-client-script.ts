// Stands in for nodes/shared/channels/webchat/webchat-client-script.ts when page.ts runs from its
// TypeScript source (jest.config.js maps the module here): there is no compiled client next to the
// source, so the client is compiled in memory with the build's own options (client/tsconfig.json).
// For a script with no type-directed emit this is the same text `tsc -p` writes; the package test
// (test/unit/package-contents.test.ts) checks that the built file is exactly this.
import { readFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';

const CLIENT_DIR = join(__dirname, '..', '..', 'nodes', 'shared', 'channels', 'webchat', 'client');

export const WEBCHAT_CLIENT_SCRIPT_FILE = join(CLIENT_DIR, 'webchat.client.ts');

/** client/webchat.client.ts compiled with client/tsconfig.json. */
export function compileWebchatClient(): string {
	const configFile = join(CLIENT_DIR, 'tsconfig.json');
	const { config, error } = ts.readConfigFile(configFile, (path) => ts.sys.readFile(path));
	if (error) throw new Error(`${configFile}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
	const { options } = ts.parseJsonConfigFileContent(config, ts.sys, CLIENT_DIR);
	return ts.transpileModule(readFileSync(WEBCHAT_CLIENT_SCRIPT_FILE, 'utf8'), { compilerOptions: options, fileName: WEBCHAT_CLIENT_SCRIPT_FILE }).outputText;
}

let script: string | undefined;

export function webchatClientScript(): string {
	script ??= compileWebchatClient();
	return script;
}
