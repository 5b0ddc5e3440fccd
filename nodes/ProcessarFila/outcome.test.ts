import { graphErrorBody } from '../../test/simulators/whatsapp-errors';
import { classifySend } from './outcome';

const error = (statusCode: number, code: number, details?: string) => classifySend({ kind: 'response', statusCode, body: graphErrorBody(code, details) });

test('2xx with messages[0].id: accepted with the wamid', () => {
	const body = { messaging_product: 'whatsapp', contacts: [{ input: '+5511987654321', wa_id: '5511987654321' }], messages: [{ id: 'wamid.ABC' }] };
	expect(classifySend({ kind: 'response', statusCode: 200, body })).toEqual({ kind: 'accepted', wamid: 'wamid.ABC' });
});

test('2xx without a message id may have been sent: transient, possibly arrived', () => {
	expect(classifySend({ kind: 'response', statusCode: 200, body: { messaging_product: 'whatsapp' } })).toMatchObject({
		kind: 'transient',
		mayHaveArrived: true,
	});
});

test.each([
	['130429 (throughput of the phone number)', 400, 130429],
	['4 (app call limit)', 429, 4],
	['80007 (WABA limit)', 429, 80007],
	['131048 (spam rate limit)', 400, 131048],
])('%s: rate limited, for every send', (_name, statusCode, code) => {
	expect(error(statusCode, code)).toMatchObject({ kind: 'rateLimited', code });
});

test('HTTP 429 without a known code: rate limited', () => {
	expect(classifySend({ kind: 'response', statusCode: 429, body: 'Too Many Requests' })).toMatchObject({ kind: 'rateLimited', code: undefined });
	expect(classifySend({ kind: 'response', statusCode: 429, body: { error: { code: 99999 } } })).toMatchObject({ kind: 'rateLimited', code: 99999 });
});

test('131056 (pair rate limit), even with HTTP 429: this recipient only', () => {
	expect(error(429, 131056)).toMatchObject({ kind: 'recipientLimited', code: 131056 });
	expect(error(400, 131056)).toMatchObject({ kind: 'recipientLimited', code: 131056 });
});

test('131047 is rejected for good with its reason', () => {
	const verdict = error(400, 131047);
	expect(verdict).toMatchObject({ kind: 'rejected', code: 131047 });
	expect(verdict.kind === 'rejected' && verdict.reason).toMatch(/^Mais de 24 horas.*WhatsApp: \(#131047\) Re-engagement message — Message failed to send/);
});

test('other 4xx are rejected with the API message and details', () => {
	const verdict = error(400, 132001, 'template status_logins_offline does not exist in pt_BR');
	expect(verdict).toMatchObject({ kind: 'rejected', code: 132001 });
	expect(verdict.kind === 'rejected' && verdict.reason).toBe(
		'Requisição recusada pelo WhatsApp (HTTP 400) (código 132001). WhatsApp: (#132001) Template name does not exist in the translation — template status_logins_offline does not exist in pt_BR',
	);
	expect(error(400, 131026)).toMatchObject({ kind: 'rejected', code: 131026 });
	expect(classifySend({ kind: 'response', statusCode: 404, body: '<html>' })).toMatchObject({ kind: 'rejected', code: undefined });
});

test.each([
	['HTTP 500 with code 1', 500, 1],
	['HTTP 503 with code 2', 503, 2],
	['131057 (maintenance)', 400, 131057],
])('%s: transient, the request did not go through', (_name, statusCode, code) => {
	expect(error(statusCode, code)).toMatchObject({ kind: 'transient', code, mayHaveArrived: false });
});

test('5xx without a JSON body: transient', () => {
	expect(classifySend({ kind: 'response', statusCode: 502, body: 'Bad Gateway' })).toMatchObject({ kind: 'transient', mayHaveArrived: false });
});

test('a timeout may have reached WhatsApp', () => {
	expect(classifySend({ kind: 'timeout' })).toEqual({ kind: 'transient', reason: 'O WhatsApp não respondeu a tempo.', mayHaveArrived: true });
});

test('a refused connection never left; a reset one may have arrived', () => {
	expect(classifySend({ kind: 'network', code: 'ECONNREFUSED' })).toMatchObject({ kind: 'transient', mayHaveArrived: false });
	expect(classifySend({ kind: 'network', code: 'ECONNRESET' })).toMatchObject({
		kind: 'transient',
		mayHaveArrived: true,
		reason: 'Falha de rede ao falar com o WhatsApp (ECONNRESET).',
	});
	expect(classifySend({ kind: 'network' })).toMatchObject({ kind: 'transient', mayHaveArrived: true });
});

test('expired token, auth errors and a blocked number halt the run', () => {
	expect(error(401, 190)).toMatchObject({ kind: 'halt', code: 190 });
	expect(error(400, 368)).toMatchObject({ kind: 'halt', code: 368 });
	expect(classifySend({ kind: 'response', statusCode: 403, body: { error: { code: 10, message: '(#10) Application does not have permission' } } })).toMatchObject({
		kind: 'halt',
		code: 10,
		reason: expect.stringContaining('WhatsApp: (#10) Application does not have permission'),
	});
});

test('a job that cannot become a request is rejected with the reason', () => {
	expect(classifySend({ kind: 'invalid', reason: 'Template sem nome' })).toEqual({ kind: 'rejected', reason: 'Template sem nome' });
});

test('131049 (per-user marketing limit) is a policy answer of its own, not a rejection nor a rate limit', () => {
	expect(error(400, 131049)).toMatchObject({ kind: 'marketingLimited', code: 131049, reason: expect.stringMatching(/engajamento/) });
});

test('131026 (undeliverable) is rejected for good, with its reason', () => {
	const verdict = error(400, 131026);
	expect(verdict).toMatchObject({ kind: 'rejected', code: 131026 });
	expect(verdict.kind === 'rejected' && verdict.reason).toMatch(/^Mensagem não entregue: o número não tem WhatsApp/);
});
