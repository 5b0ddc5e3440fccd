import type { TemplateVariables } from '../shared/text/template';
import { buildRequest, checkedMappings, renderUrl, RequestConfigError, type HttpCardParameters } from './request';

const VARS: TemplateVariables = {
	protocol: '20260701-101500-AB12',
	customerName: 'José da Silva',
	conversation: { cpf: '52998224725', nome: 'Maria das Dores', caminho: 'a/b?c', url_erp: 'https://erp.exemplo.com.br/api', valor: 10.5 },
};

function parameters(overrides: Partial<HttpCardParameters> = {}): HttpCardParameters {
	return {
		method: 'GET',
		url: 'https://api.exemplo.com.br/faturas',
		queryParameters: [],
		headerParameters: [],
		bodyType: 'json',
		jsonBody: '',
		formParameters: [],
		textBody: '',
		textContentType: 'text/plain; charset=utf-8',
		responseMapping: [],
		timeoutSeconds: 10,
		...overrides,
	};
}

function configError(run: () => unknown): RequestConfigError {
	try {
		run();
	} catch (error) {
		if (error instanceof RequestConfigError) return error;
		throw error;
	}
	throw new Error('esperava RequestConfigError');
}

describe('renderUrl', () => {
	it('percent-encodes values in the path and the query', () => {
		expect(renderUrl('https://api.exemplo.com.br/clientes/{{var.nome}}?p={{protocolo}}&c={{var.caminho}}', VARS)).toBe(
			'https://api.exemplo.com.br/clientes/Maria%20das%20Dores?p=20260701-101500-AB12&c=a%2Fb%3Fc',
		);
	});

	it('inserts a placeholder in the scheme/host part as is (a base URL in a variable)', () => {
		expect(renderUrl('{{var.url_erp}}/faturas/{{var.cpf}}', VARS)).toBe('https://erp.exemplo.com.br/api/faturas/52998224725');
	});

	it('leaves unknown placeholders as typed', () => {
		expect(renderUrl('https://x.com.br/{{var.nao_existe}}', VARS)).toBe('https://x.com.br/{{var.nao_existe}}');
	});
});

describe('buildRequest', () => {
	it('builds a GET with query parameters and headers from the conversation', () => {
		const request = buildRequest(
			parameters({
				queryParameters: [{ name: 'protocolo', value: '{{protocolo}}' }, { name: 'cpf', value: '{{var.cpf}}' }, { name: '', value: 'ignorado' }],
				headerParameters: [{ name: 'X-Cliente', value: '{{nome_cliente}}' }],
				jsonBody: '{"nunca": "enviado"}',
			}),
			VARS,
		);
		expect(request).toEqual({
			method: 'GET',
			url: 'https://api.exemplo.com.br/faturas',
			qs: { protocolo: '20260701-101500-AB12', cpf: '52998224725' },
			headers: { 'X-Cliente': 'José da Silva' },
		});
	});

	it('sends a JSON body on POST, with typed values', () => {
		const request = buildRequest(parameters({ method: 'POST', jsonBody: '{"protocolo": "{{protocolo}}", "valor": {{var.valor}}}' }), VARS);
		expect(request).toMatchObject({ method: 'POST', body: { protocolo: '20260701-101500-AB12', valor: 10.5 }, json: true });
		expect(request.qs).toBeUndefined();
	});

	it('sends no body for an empty JSON field', () => {
		expect(buildRequest(parameters({ method: 'POST', jsonBody: '  ' }), VARS)).not.toHaveProperty('body');
	});

	it('sends a urlencoded form', () => {
		const request = buildRequest(parameters({ method: 'PUT', bodyType: 'form', formParameters: [{ name: 'cpf', value: '{{var.cpf}}' }, { name: 'nome', value: '{{var.nome}}' }] }), VARS);
		expect(request.body).toBeInstanceOf(URLSearchParams);
		expect(String(request.body)).toBe('cpf=52998224725&nome=Maria+das+Dores');
	});

	it('sends a text body with its content type, unless a header sets one', () => {
		const xml = buildRequest(parameters({ method: 'POST', bodyType: 'text', textBody: '<cpf>{{var.cpf}}</cpf>', textContentType: 'application/xml' }), VARS);
		expect(xml).toMatchObject({ body: '<cpf>52998224725</cpf>', headers: { 'Content-Type': 'application/xml' } });
		const own = buildRequest(
			parameters({ method: 'POST', bodyType: 'text', textBody: 'x', headerParameters: [{ name: 'content-type', value: 'text/csv' }] }),
			VARS,
		);
		expect(own.headers).toEqual({ 'content-type': 'text/csv' });
	});

	it('sends nothing with bodyType none', () => {
		expect(buildRequest(parameters({ method: 'POST', bodyType: 'none', jsonBody: '{"a":1}' }), VARS)).not.toHaveProperty('body');
	});

	it('flattens line breaks in header values', () => {
		const request = buildRequest(parameters({ headerParameters: [{ name: 'X-Obs', value: 'a\r\nX-Injetado: 1' }] }), VARS);
		expect(request.headers).toEqual({ 'X-Obs': 'a X-Injetado: 1' });
	});

	it('refuses an invalid URL, header name or JSON body before any call', () => {
		expect(configError(() => buildRequest(parameters({ url: '' }), VARS)).message).toBe('URL vazia');
		expect(configError(() => buildRequest(parameters({ url: 'ftp://x.com' }), VARS)).message).toBe('URL inválida: ftp://x.com');
		// the query string (a token, a CPF) never reaches the message saved with the execution
		expect(configError(() => buildRequest(parameters({ url: 'ftp://x.com/a?token=S3CRET&cpf={{var.cpf}}' }), VARS)).message).toBe(
			'URL inválida: ftp://x.com/a',
		);
		expect(configError(() => buildRequest(parameters({ url: 'api/faturas' }), VARS)).description).toMatch(/https:\/\/erp\.exemplo/);
		expect(configError(() => buildRequest(parameters({ headerParameters: [{ name: 'X Api', value: '1' }] }), VARS)).message).toBe(
			'Nome de cabeçalho inválido: "X Api"',
		);
		const json = configError(() => buildRequest(parameters({ method: 'POST', jsonBody: '{"a": {{desconhecido}}}' }), VARS));
		expect(json.message).toBe('Corpo JSON inválido');
		expect(json.description).toMatch(/Confira aspas, vírgulas e chaves/);
	});
});

describe('checkedMappings', () => {
	it('keeps filled rows, skips blank ones', () => {
		expect(
			checkedMappings([
				{ variable: ' valor_fatura ', path: ' data.fatura.valor ' },
				{ variable: '', path: '' },
				{ variable: 'tudo', path: '' },
			]),
		).toEqual([
			{ variable: 'valor_fatura', path: 'data.fatura.valor' },
			{ variable: 'tudo', path: '' },
		]);
	});

	it('refuses names {{var.x}} could not read and malformed paths', () => {
		expect(configError(() => checkedMappings([{ variable: 'fatura.valor', path: 'a' }])).message).toBe('Nome de variável inválido: "fatura.valor"');
		expect(configError(() => checkedMappings([{ variable: '', path: 'a' }])).message).toBe('Nome de variável inválido: ""');
		expect(configError(() => checkedMappings([{ variable: '1x', path: 'a' }])).message).toBe('Nome de variável inválido: "1x"');
		expect(configError(() => checkedMappings([{ variable: 'x', path: 'items[0' }])).message).toMatch(/^Caminho "items\[0" inválido/);
	});
});
