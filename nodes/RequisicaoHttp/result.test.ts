import { itemFields, mapResponse, resultOf } from './result';

const MAPPINGS = [
	{ variable: 'valor', path: 'data.fatura.valor' },
	{ variable: 'primeiro', path: 'items[0].id' },
	{ variable: 'linha', path: 'data.boleto.linha' },
];
const BODY = { data: { fatura: { valor: 89.9 } }, items: [{ id: 'a1' }] };

describe('mapResponse', () => {
	it('reads each path and lists the missing ones', () => {
		expect(mapResponse(BODY, MAPPINGS)).toEqual({ variables: { valor: 89.9, primeiro: 'a1' }, missing: ['linha'] });
	});

	it('parses a JSON body that came as text', () => {
		expect(mapResponse(JSON.stringify(BODY), MAPPINGS.slice(0, 1))).toEqual({ variables: { valor: 89.9 }, missing: [] });
	});

	it('saves a text body whole with an empty path', () => {
		expect(mapResponse('OK', [{ variable: 'resposta', path: '' }, { variable: 'x', path: 'a' }])).toEqual({ variables: { resposta: 'OK' }, missing: ['x'] });
	});
});

describe('resultOf', () => {
	it('2xx is a success with the mapped variables', () => {
		expect(resultOf({ kind: 'response', statusCode: 201, body: BODY, durationMs: 5 }, MAPPINGS, 10)).toEqual({
			ok: true,
			status: 201,
			variables: { valor: 89.9, primeiro: 'a1' },
			missing: ['linha'],
		});
	});

	it('another status is a failure with its message and body excerpt', () => {
		expect(resultOf({ kind: 'response', statusCode: 500, statusMessage: 'Internal Server Error', body: { erro: 'falha' }, durationMs: 5 }, MAPPINGS, 10)).toEqual({
			ok: false,
			kind: 'http',
			status: 500,
			message: 'O serviço respondeu HTTP 500 (Internal Server Error).',
			excerpt: '{"erro":"falha"}',
		});
		const redirect = resultOf({ kind: 'response', statusCode: 304, body: '', durationMs: 5 }, MAPPINGS, 10);
		expect(redirect).toEqual({ ok: false, kind: 'http', status: 304, message: 'O serviço respondeu HTTP 304.' });
	});

	it('cuts long bodies', () => {
		const result = resultOf({ kind: 'response', statusCode: 502, body: 'x'.repeat(2000), durationMs: 5 }, [], 10);
		expect(!result.ok && result.excerpt).toBe(`${'x'.repeat(500)}…`);
	});

	it('timeouts and network failures', () => {
		expect(resultOf({ kind: 'timeout', durationMs: 1000 }, [], 1)).toEqual({ ok: false, kind: 'timeout', message: 'O serviço não respondeu em 1 s.' });
		expect(resultOf({ kind: 'network', code: 'ECONNREFUSED', durationMs: 3 }, [], 10)).toEqual({
			ok: false,
			kind: 'rede',
			message: 'Não foi possível conectar ao serviço (ECONNREFUSED): confira o endereço e se o serviço está no ar.',
		});
	});
});

describe('itemFields', () => {
	it('success: status and variables, the body only on request', () => {
		const result = resultOf({ kind: 'response', statusCode: 200, body: BODY, durationMs: 5 }, MAPPINGS, 10);
		expect(itemFields(result, BODY, false)).toEqual({ sucesso: true, status: 200, variaveis: { valor: 89.9, primeiro: 'a1' }, camposAusentes: ['linha'] });
		expect(itemFields(result, BODY, true)).toMatchObject({ resposta: BODY });
	});

	it('failure: status, message and excerpt', () => {
		const result = resultOf({ kind: 'response', statusCode: 404, body: 'não achei', durationMs: 5 }, [], 10);
		expect(itemFields(result, 'não achei', true)).toEqual({
			sucesso: false,
			erro: 'http',
			status: 404,
			mensagem: 'O serviço respondeu HTTP 404.',
			trechoResposta: 'não achei',
		});
		expect(itemFields(resultOf({ kind: 'timeout', durationMs: 1 }, [], 3), undefined, true)).toEqual({
			sucesso: false,
			erro: 'timeout',
			mensagem: 'O serviço não respondeu em 3 s.',
		});
	});
});
