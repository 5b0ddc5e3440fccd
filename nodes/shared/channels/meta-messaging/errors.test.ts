import { classifyMetaMessagingError, isRecipientUnavailable } from './errors';

const graph = (code: number, subcode?: number) => ({ error: { message: 'x', type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'A' } });

describe('classifyMetaMessagingError', () => {
	it('outside the window (10/2018278): never retried, said in pt-BR', () => {
		expect(classifyMetaMessagingError(400, graph(10, 2018278))).toMatchObject({ retry: 'never', code: 10, reason: expect.stringMatching(/janela de 24 horas/) });
	});

	it('person unavailable (551/1545041): never retried', () => {
		expect(classifyMetaMessagingError(400, graph(551, 1545041))).toMatchObject({ retry: 'never', code: 551, reason: expect.stringMatching(/não está disponível/) });
		expect(isRecipientUnavailable(graph(551, 1545041))).toBe(true);
		expect(isRecipientUnavailable(graph(10, 2018278))).toBe(false);
	});

	it('rate limits (4, 613) and temporary errors (2) back off; a bad token (190) is never retried', () => {
		expect(classifyMetaMessagingError(400, graph(613)).retry).toBe('backoff');
		expect(classifyMetaMessagingError(429, graph(4)).retry).toBe('backoff');
		expect(classifyMetaMessagingError(503, graph(2)).retry).toBe('backoff');
		expect(classifyMetaMessagingError(401, graph(190))).toMatchObject({ retry: 'never', reason: expect.stringMatching(/Token/) });
	});

	it('falls back on the HTTP status without a known code', () => {
		expect(classifyMetaMessagingError(502, 'Bad gateway').retry).toBe('backoff');
		expect(classifyMetaMessagingError(400, graph(12345))).toMatchObject({ retry: 'never', reason: expect.stringMatching(/12345/) });
		expect(classifyMetaMessagingError(undefined, undefined).retry).toBe('capped');
	});
});
