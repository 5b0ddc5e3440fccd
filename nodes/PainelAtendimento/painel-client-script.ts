import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * The compiled desk client: `npm run build` compiles the files of client/ (with client/tsconfig.json,
 * one output file) into client/painel.client.js next to this module's compiled file in dist/. Tests
 * that run page.ts from its TypeScript source get the same text from
 * test/support/painel-client-script.ts instead (jest.config.js maps this module to it).
 */
export const PAINEL_CLIENT_SCRIPT_FILE = join(__dirname, 'client', 'painel.client.js');

let script: string | undefined;

/** The client script inlined into the desk page (read once, on first use). */
export function painelClientScript(): string {
	script ??= readFileSync(PAINEL_CLIENT_SCRIPT_FILE, 'utf8');
	return script;
}
