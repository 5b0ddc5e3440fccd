import { buttonPayload, campaignButtonPayloads, decodeReplyPayload, encodeReplyPayload, MAX_BUTTON_PAYLOAD } from './reply-payload';

const JOB_ID = 'aviso-offline|2026:12:cliente:101/login:3001';

describe('broadcast button payloads', () => {
	it('round-trips the job and the button, whatever the campaign name holds', () => {
		const payload = encodeReplyPayload(JOB_ID, 2);
		expect(payload).toBe(`atd1|2|${JOB_ID}`);
		expect(decodeReplyPayload(payload!)).toEqual({ jobId: JOB_ID, button: 2 });
		expect(decodeReplyPayload(encodeReplyPayload('c:cliente:1', 10)!)).toEqual({ jobId: 'c:cliente:1', button: 10 });
	});

	it('reads nothing from other payloads: a button text, a card payload, another version, a bad number or an empty job', () => {
		for (const other of ['Já voltou', 'botao_1', 'atd2|1|c:cliente:1', 'atd1|0|c:cliente:1', 'atd1|x|c:cliente:1', 'atd1|100|c:cliente:1', 'atd1|1|', 'ATD1|1|c:cliente:1', '']) {
			expect(decodeReplyPayload(other)).toBeUndefined();
		}
		expect(decodeReplyPayload(`atd1|1|${'x'.repeat(MAX_BUTTON_PAYLOAD)}`)).toBeUndefined();
	});

	it('keeps payloads within 256 characters: a job id too long gives the plain button payload', () => {
		const longest = 'c'.repeat(MAX_BUTTON_PAYLOAD - 'atd1|1|'.length);
		expect(encodeReplyPayload(longest, 1)).toHaveLength(MAX_BUTTON_PAYLOAD);
		expect(encodeReplyPayload(`${longest}x`, 1)).toBeUndefined();
		const message = { name: 'aviso', language: 'pt_BR', bodyParameters: [], previewText: 'Aviso', quickReplies: [{ index: 0, text: 'Sim' }] };
		expect(campaignButtonPayloads({ id: `${longest}x`, message })).toEqual([{ index: 0, payload: buttonPayload(1) }]);
		expect(campaignButtonPayloads({ id: 'c:cliente:1', message })).toEqual([{ index: 0, payload: 'atd1|1|c:cliente:1' }]);
	});

	it('gives no payloads to a message queued without its quick replies (queued before, or a template without them)', () => {
		const message = { name: 'aviso', language: 'pt_BR', bodyParameters: [], previewText: 'Aviso' };
		expect(campaignButtonPayloads({ id: 'c:cliente:1', message })).toBeUndefined();
		expect(campaignButtonPayloads({ id: 'c:cliente:1', message: { ...message, quickReplies: [] } })).toBeUndefined();
	});
});
