import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * The compiled client script: `npm run build` compiles client/webchat.client.ts (with
 * client/tsconfig.json) into client/webchat.client.js next to this module's compiled file in dist/.
 * Tests that run page.ts from its TypeScript source get the same text from
 * test/support/webchat-client-script.ts instead (jest.config.js maps this module to it).
 */
export const WEBCHAT_CLIENT_SCRIPT_FILE = join(__dirname, 'client', 'webchat.client.js');

let script: string | undefined;

/** The client script inlined into every chat page (read once, on first use). */
export function webchatClientScript(): string {
	script ??= readFileSync(WEBCHAT_CLIENT_SCRIPT_FILE, 'utf8');
	return script;
}
