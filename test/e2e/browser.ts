// A real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, for the web chat page.
// Each session gets a fresh profile directory; closing it also makes sure no Chromium process of
// that profile is left behind.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { join } from 'path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/**
 * Why browser tests cannot run here, or undefined when they can. Only a missing Chromium outside CI
 * is a reason to skip: in CI scripts/install-test-deps.sh installs it, so there a missing browser
 * must fail the run instead of silently skipping it.
 */
export function browserSkipReason(): string | undefined {
	if (existsSync(CHROMIUM_PATH) || process.env.CI) return undefined;
	return `${CHROMIUM_PATH} não encontrado (instale com: bash scripts/install-test-deps.sh)`;
}

export interface BrowserSession {
	context: BrowserContext;
	page: Page;
	/** Dialogs (alert/confirm/prompt) the page opened; each is dismissed. */
	dialogs: string[];
	/** Console errors (including CSP violations) and uncaught page errors. */
	errors: string[];
	close(): Promise<void>;
}

/** Pids of live processes whose command line mentions `needle`. */
function processesMentioning(needle: string): number[] {
	const pids: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		try {
			const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
			if (cmdline.includes(needle)) pids.push(Number(entry));
		} catch {
			/* the process ended meanwhile */
		}
	}
	return pids;
}

/** Launches Chromium with a fresh profile under .test-data/ and opens one page. */
export async function openBrowser(viewport = { width: 480, height: 900 }): Promise<BrowserSession> {
	const profiles = join(__dirname, '..', '..', '.test-data', 'chromium');
	mkdirSync(profiles, { recursive: true });
	const userDataDir = mkdtempSync(join(profiles, 'profile-'));
	let context: BrowserContext;
	try {
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: CHROMIUM_PATH,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport,
			locale: 'pt-BR',
			timezoneId: 'America/Sao_Paulo',
			timeout: 60_000,
		});
	} catch (error) {
		rmSync(userDataDir, { recursive: true, force: true });
		throw error;
	}
	const page = context.pages()[0] ?? (await context.newPage());
	const dialogs: string[] = [];
	const errors: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(`${dialog.type()}: ${dialog.message()}`);
		void dialog.dismiss().catch(() => undefined);
	});
	page.on('console', (message: ConsoleMessage) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));

	const close = async (): Promise<void> => {
		await context.close().catch(() => undefined);
		// Normally nothing is left; if a Chromium process of this profile survived, end it (by pid).
		const deadline = Date.now() + 5_000;
		let left = processesMentioning(userDataDir);
		while (left.length > 0 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			left = processesMentioning(userDataDir);
		}
		for (const pid of left) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				/* already gone */
			}
		}
		rmSync(userDataDir, { recursive: true, force: true });
		if (left.length > 0) throw new Error(`Chromium não terminou ao fechar (pids ${left.join(', ')} encerrados à força)`);
	};
	return { context, page, dialogs, errors, close };
}
