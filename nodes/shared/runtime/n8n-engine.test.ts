import { readFileSync } from 'fs';
import { join } from 'path';

import { isStillBeingSaved, isTestWebhookUrl, N8N_VERIFIED_VERSIONS } from './n8n-engine';

test('the pinned n8n is one on which the engine assumptions were verified', () => {
	const pinned = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'scripts', 'versions.json'), 'utf8')) as { n8n: string }).n8n;
	if (!N8N_VERIFIED_VERSIONS.includes(pinned)) throw new Error(`n8n ${pinned} not verified: check nodes/shared/runtime/n8n-engine.ts`);
});

test('"still being saved" is n8n\'s 409 with "running already", as JSON or as text, and nothing else', () => {
	// n8n 2.40.7's answer to a resume posted while the execution is still being saved as waiting
	// (ConflictError thrown by the waiting-webhooks handler), as its webhook server sends it.
	expect(isStillBeingSaved(409, { code: 409, message: 'The execution "42" is running already.' })).toBe(true);
	expect(isStillBeingSaved(409, 'The execution "42" is running already.')).toBe(true);
	// the same status for an execution that failed: only the text tells them apart
	expect(isStillBeingSaved(409, { code: 409, message: 'The execution "42" has finished with error.' })).toBe(false);
	expect(isStillBeingSaved(404, { message: 'The execution "42" is running already.' })).toBe(false);
	expect(isStillBeingSaved(409, undefined)).toBe(false);
});

test('a test webhook URL is told by its /webhook-test/ segment (or N8N_ENDPOINT_WEBHOOK_TEST), not by a path that merely contains it', () => {
	expect(isTestWebhookUrl('https://n8n.example.com/webhook-test/atendimento')).toBe(true);
	expect(isTestWebhookUrl('https://n8n.example.com/webhook/atendimento')).toBe(false);
	expect(isTestWebhookUrl('https://n8n.example.com/webhook/webhook-test-bot')).toBe(false);
	expect(isTestWebhookUrl(undefined)).toBe(false);
	const previous = process.env.N8N_ENDPOINT_WEBHOOK_TEST;
	process.env.N8N_ENDPOINT_WEBHOOK_TEST = 'teste';
	try {
		expect(isTestWebhookUrl('https://n8n.example.com/base/teste/atendimento')).toBe(true);
		expect(isTestWebhookUrl('https://n8n.example.com/webhook-test/atendimento')).toBe(false);
	} finally {
		if (previous === undefined) delete process.env.N8N_ENDPOINT_WEBHOOK_TEST;
		else process.env.N8N_ENDPOINT_WEBHOOK_TEST = previous;
	}
});
