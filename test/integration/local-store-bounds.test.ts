// 100,000 anonymous web chat sessions through the local store, as the trigger and the cards create
// them (route the first message, answer it, send a file to some), then the clock moves past the
// retention: memory (record counts and heap after GC) and the journal shrink back.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

import { LocalConversationStore } from '../../nodes/shared/conversation/local-store';
import { DEFAULT_RETENTION_MS } from '../../nodes/shared/conversation/store';
import type { ChannelRef } from '../../nodes/shared/conversation/types';

const SESSIONS = 100_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const channel: ChannelRef = { type: 'webchat', accountId: 'atendimento', triggerUrl: 'http://127.0.0.1/webhook/atendimento' };

/** A full garbage collection (the test runs without --expose-gc: the flag is set at run time). */
function collectGarbage(): void {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
}

function heapMb(): number {
	collectGarbage();
	return Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
}

function megabytes(bytes: number): number {
	return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

let directory: string;
beforeAll(() => {
	directory = mkdtempSync(join(tmpdir(), 'store-bounds-'));
});
afterAll(() => {
	rmSync(directory, { recursive: true, force: true });
});

test(`${SESSIONS.toLocaleString('en')} anonymous web chat sessions leave nothing behind after the retention`, async () => {
	let clock = Date.now();
	const store = new LocalConversationStore(directory, { now: () => clock });
	const journal = join(directory, 'conversas.jsonl');
	const heapBefore = heapMb();

	const started = Date.now();
	let starts = 0;
	for (let index = 0; index < SESSIONS; index++) {
		const session = `anonima-${index.toString(36).padStart(8, '0')}`;
		const decision = await store.routeInbound(
			channel,
			{ channel: 'webchat', accountId: 'atendimento', contactId: session, messageId: `m-${index}`, timestamp: clock, content: { kind: 'text', text: 'oi' } },
			{ now: clock, runningLeaseMs: 60_000, newConversationId: () => `c-${index}`, newProtocolo: () => `P-${index}` },
		);
		if (decision.action === 'start') starts++;
		await store.appendWebchat('atendimento', session, 'bot', { kind: 'text', text: 'Olá! Digite o número da opção: 1 Financeiro, 2 Suporte.' });
		if (index % 1_000 === 0) {
			const fileId = await store.putWebchatFile('atendimento', session, { data: Buffer.alloc(4_096, 1), mimeType: 'application/pdf', fileName: 'boleto.pdf' });
			await store.appendWebchat('atendimento', session, 'bot', { kind: 'media', mediaType: 'document', url: `?arquivo=${fileId}&sessao=${session}` });
		}
		clock += 10; // 100,000 sessions over about 17 minutes
	}
	const loaded = {
		seconds: (Date.now() - started) / 1000,
		sizes: store.sizes(),
		heapMb: heapMb() - heapBefore,
		journalMb: megabytes(statSync(journal).size),
		files: readdirSync(join(directory, 'arquivos')).length,
	};
	expect(starts).toBe(SESSIONS);
	expect(loaded.sizes).toMatchObject({ conversations: SESSIONS, pointers: SESSIONS, webchatSessions: SESSIONS, files: SESSIONS / 1_000 });
	expect(loaded.files).toBe(SESSIONS / 1_000);

	// One day later the dedupe marks are gone; past the retention, everything else.
	clock += DEFAULT_RETENTION_MS + DAY_MS;
	await store.setConsent('webchat', 'anonima-00000000', 'out'); // any write sweeps and compacts
	const expired = {
		sizes: store.sizes(),
		heapMb: heapMb() - heapBefore,
		journalMb: megabytes(statSync(journal).size),
		files: readdirSync(join(directory, 'arquivos')).length,
	};
	console.log(JSON.stringify({ sessions: SESSIONS, loaded, expired }));

	expect(expired.sizes).toEqual({ conversations: 0, wholeConversations: 0, pointers: 0, dedupe: 0, webchatSessions: 0, webchatEntries: 0, files: 0, consents: 1, tags: 0 });
	expect(expired.files).toBe(0);
	expect(statSync(journal).size).toBeLessThan(1_024);
	expect(loaded.journalMb).toBeGreaterThan(50);
	expect(expired.heapMb).toBeLessThan(Math.max(10, loaded.heapMb / 10));

	// A restart reads the compacted journal: the opted-out contact is still out.
	await store.close();
	const reopened = new LocalConversationStore(directory, { now: () => clock });
	expect(reopened.sizes()).toMatchObject({ conversations: 0, webchatSessions: 0, consents: 1 });
	expect(await reopened.consentOf('webchat', 'anonima-00000000')).toBe('out');
	await reopened.close();
}, 120_000);
