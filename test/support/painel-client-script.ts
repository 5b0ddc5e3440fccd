// Stands in for nodes/PainelAtendimento/painel-client-script.ts when page.ts runs from its TypeScript
// source (jest.config.js maps the module here): there is no compiled client next to the source, so
// the client's files are compiled in memory with the build's own tsconfig (client/tsconfig.json, one
// output file). The emitted text is captured instead of written, so it is exactly what `tsc -p`
// writes; the package test (test/unit/package-contents.test.ts) checks the built file against it.
import { join } from 'path';
import * as ts from 'typescript';

const CLIENT_DIR = join(__dirname, '..', '..', 'nodes', 'PainelAtendimento', 'client');

/** The desk client compiled with client/tsconfig.json; throws on a type error, like the build. */
export function compilePainelClient(): string {
	const configFile = join(CLIENT_DIR, 'tsconfig.json');
	const { config, error } = ts.readConfigFile(configFile, (path) => ts.sys.readFile(path));
	if (error) throw new Error(`${configFile}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
	const parsed = ts.parseJsonConfigFileContent(config, ts.sys, CLIENT_DIR);
	const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
	const diagnostics = ts.getPreEmitDiagnostics(program);
	if (diagnostics.length > 0) {
		throw new Error(ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => CLIENT_DIR, getNewLine: () => '\n' }));
	}
	let output: string | undefined;
	program.emit(undefined, (fileName, text) => {
		if (fileName.endsWith('.js')) output = text;
	});
	if (output === undefined) throw new Error('painel: o cliente não gerou JavaScript');
	return output;
}

let script: string | undefined;

export function painelClientScript(): string {
	script ??= compilePainelClient();
	return script;
}
