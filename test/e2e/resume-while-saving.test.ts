// An answer that arrives right after a card parked, while n8n has not yet saved the execution as
// "waiting" (docs/arquitetura.md §3, §6): the pack waits for n8n to save it before posting the resume,
// so n8n never answers 409 "running already" — which it logs as an ERROR line — and the answer still
// continues the same execution.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'fs';
import { join } from 'path';

import { activateWorkflow, e2eState, templateWithTrigger, waitFor } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(180_000);

const n8nLog = () => join(e2eState().dataDir, 'n8n.log');
const journal = () => join(e2eState().dataDir, '.n8n', 'atendimento', 'conversas.jsonl');

/** The n8n log written since byte `from`. */
function logSince(from: number): string {
	return readFileSync(n8nLog()).subarray(from).toString('utf8');
}

/**
 * Resolves as soon as the conversation store's journal records the session's conversation parked
 * (state "waiting"): the moment the card parked, before n8n saved the execution. Polls the journal
 * every few milliseconds, reading only what was appended.
 */
async function parkedIn(session: string, from: number, timeoutMs = 20_000): Promise<void> {
	const limit = Date.now() + timeoutMs;
	let offset = from;
	let pending = '';
	for (;;) {
		const size = statSync(journal()).size;
		if (size < offset) offset = 0; // compacted: read the new file from its start
		if (size > offset) {
			const descriptor = openSync(journal(), 'r');
			try {
				const chunk = Buffer.alloc(size - offset);
				readSync(descriptor, chunk, 0, chunk.length, offset);
				offset = size;
				pending += chunk.toString('utf8');
			} finally {
				closeSync(descriptor);
			}
			const lines = pending.split('\n');
			pending = lines.pop() ?? '';
			if (lines.some((line) => line.includes(session) && line.includes('"state":"waiting"'))) return;
		}
		if (Date.now() > limit) throw new Error(`a conversa ${session} não estacionou a tempo`);
		await new Promise((resolve) => setTimeout(resolve, 2));
	}
}

test('answers sent the moment the card parks continue the execution, and n8n logs no "running already" error', async () => {
	const path = 'e2e-resposta-imediata';
	await activateWorkflow(templateWithTrigger('boas-vindas.json', 'E2E resposta imediata', { path }));
	const url = `${e2eState().baseUrl}/webhook/${path}`;
	await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook');
	const logStart = statSync(n8nLog()).size;

	for (let round = 0; round < 6; round++) {
		const customer = new WebchatCustomer(url);
		const journalStart = statSync(journal()).size;
		await customer.say('oi');
		await parkedIn(customer.session, journalStart);
		// Right after the park: n8n is still saving the execution as waiting.
		const answered = await customer.say('2');
		expect(answered.status).toBe(200);
		const [welcome, menu, askCpf] = await customer.next(3, 30_000);
		expect((welcome as { text: string }).text).toMatch(/^Olá/);
		expect(menu).toMatchObject({ kind: 'choices', text: 'Como podemos ajudar?' });
		expect((askCpf as { text: string }).text).toContain('informe o CPF');
	}

	const log = logSince(logStart);
	expect(log.match(/^.*running already.*$/gm) ?? []).toEqual([]);
	expect(log.match(/^Error in handling webhook request.*$/gm) ?? []).toEqual([]);
});
