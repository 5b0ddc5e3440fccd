import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { renderTemplate, type TemplateVariables } from '../shared/text/template';
import { renderJsonTemplate } from './json-template';
import { parsePath } from './path';

export type BodyType = 'none' | 'json' | 'form' | 'text';

export interface NameValue {
	name?: string;
	value?: string;
}

/** One "Salvar na variável" row: a conversation variable and the path of its value in the response. */
export interface ResponseMapping {
	variable?: string;
	path?: string;
}

/** The card's parameters, read per item. */
export interface HttpCardParameters {
	method: IHttpRequestMethods;
	url: string;
	queryParameters: NameValue[];
	headerParameters: NameValue[];
	bodyType: BodyType;
	jsonBody: string;
	formParameters: NameValue[];
	textBody: string;
	textContentType: string;
	responseMapping: ResponseMapping[];
	timeoutSeconds: number;
}

/** A card setting that cannot work; raised before any network call (message and fix-it description in pt-BR). */
export class RequestConfigError extends Error {
	constructor(message: string, readonly description: string) {
		super(message);
		this.name = 'RequestConfigError';
	}
}

const METHODS_WITH_BODY = new Set<string>(['POST', 'PUT', 'PATCH', 'DELETE']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A URL's scheme and authority, up to where the path, query or fragment starts. */
const AUTHORITY_DONE = /^\s*[a-z][a-z0-9+.-]*:\/\/[^/?#]*[/?#]/i;

/**
 * Renders the URL's placeholders. Values that land in the path, query or fragment are
 * percent-encoded (a name with spaces or a `/` cannot change the route); a placeholder in the
 * scheme or host part (e.g. the whole URL in `{{var.url_erp}}`) is inserted as is.
 */
export function renderUrl(template: string, vars: TemplateVariables): string {
	let output = '';
	let rest = template;
	const placeholder = /\{\{\s*[^{}]+?\s*\}\}/;
	for (let match = placeholder.exec(rest); match; match = placeholder.exec(rest)) {
		output += rest.slice(0, match.index);
		const value = renderTemplate(match[0], vars);
		const inPathOrQuery = AUTHORITY_DONE.test(output);
		output += inPathOrQuery && value !== match[0] ? encodeURIComponent(value) : value;
		rest = rest.slice(match.index + match[0].length);
	}
	return (output + rest).trim();
}

function renderPairs(pairs: NameValue[], vars: TemplateVariables): Array<[string, string]> {
	return pairs
		.filter((pair) => (pair.name ?? '').trim() !== '')
		.map((pair) => [pair.name!.trim(), renderTemplate(pair.value ?? '', vars)]);
}

function headersOf(parameters: HttpCardParameters, vars: TemplateVariables): IDataObject {
	const headers: IDataObject = {};
	for (const [name, value] of renderPairs(parameters.headerParameters, vars)) {
		if (!HEADER_NAME.test(name)) {
			throw new RequestConfigError(`Nome de cabeçalho inválido: "${name}"`, 'Use só letras, números e hífen no nome do cabeçalho (ex.: X-Api-Key).');
		}
		// a value with a line break would be refused (or, worse, split into two headers)
		headers[name] = value.replace(/[\r\n]+/g, ' ').trim();
	}
	return headers;
}

function jsonBodyOf(text: string, vars: TemplateVariables): IDataObject | IDataObject[] | undefined {
	if (text.trim() === '') return undefined;
	const rendered = renderJsonTemplate(text, vars);
	try {
		return JSON.parse(rendered) as IDataObject | IDataObject[];
	} catch (error) {
		throw new RequestConfigError(
			'Corpo JSON inválido',
			`Depois de trocar as variáveis, o corpo não é um JSON válido (${(error as Error).message}). Confira aspas, vírgulas e chaves, e se as variáveis fora de aspas existem (ex.: {"valor": {{var.valor}}}, {"cpf": "{{var.cpf}}"}).`,
		);
	}
}

function bodyOf(parameters: HttpCardParameters, vars: TemplateVariables): Pick<IHttpRequestOptions, 'body' | 'json'> & { contentType?: string } {
	if (!METHODS_WITH_BODY.has(parameters.method)) return {};
	switch (parameters.bodyType) {
		case 'json': {
			const body = jsonBodyOf(parameters.jsonBody, vars);
			return body === undefined ? {} : { body, json: true };
		}
		case 'form': {
			const pairs = renderPairs(parameters.formParameters, vars);
			return pairs.length === 0 ? {} : { body: new URLSearchParams(pairs) };
		}
		case 'text': {
			const text = renderTemplate(parameters.textBody, vars);
			return text === '' ? {} : { body: text, contentType: parameters.textContentType.trim() || 'text/plain; charset=utf-8' };
		}
		default:
			return {};
	}
}

/** Checks the "Salvar na variável" rows; returns the ones to apply (blank rows are skipped). */
export function checkedMappings(mappings: ResponseMapping[]): Array<{ variable: string; path: string }> {
	const checked: Array<{ variable: string; path: string }> = [];
	for (const mapping of mappings) {
		const variable = (mapping.variable ?? '').trim();
		const path = (mapping.path ?? '').trim();
		if (variable === '' && path === '') continue;
		if (!VARIABLE_NAME.test(variable)) {
			throw new RequestConfigError(
				`Nome de variável inválido: "${variable}"`,
				'Use letras, números e _ (começando por letra), ex.: valor_fatura. Depois leia com {{var.valor_fatura}}.',
			);
		}
		try {
			parsePath(path);
		} catch (error) {
			throw new RequestConfigError((error as Error).message, 'Exemplos de caminho: data.fatura.valor, items[0].id, [0].nome. Vazio = a resposta inteira.');
		}
		checked.push({ variable, path });
	}
	return checked;
}

/**
 * The request the card sends, without authentication (added by the transport) or timeout: URL,
 * query, headers and body with the message placeholders replaced. Bodies are sent only with POST,
 * PUT, PATCH and DELETE. Throws RequestConfigError for a URL, header or JSON body that cannot work.
 */
export function buildRequest(parameters: HttpCardParameters, vars: TemplateVariables): IHttpRequestOptions {
	const url = renderUrl(parameters.url, vars);
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
		throw new RequestConfigError(
			// Never the query string: it often carries a token or the customer's CPF (the message is saved with the execution).
			url === '' ? 'URL vazia' : `URL inválida: ${url.split(/[?#]/)[0]}`,
			'Informe um endereço http(s) completo, ex.: https://erp.exemplo.com.br/api/faturas?cpf={{var.cpf}}.',
		);
	}
	const headers = headersOf(parameters, vars);
	const { contentType, ...body } = bodyOf(parameters, vars);
	const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
	if (contentType && !hasContentType) headers['Content-Type'] = contentType;
	const query = renderPairs(parameters.queryParameters, vars);
	return {
		method: parameters.method,
		url,
		...(query.length > 0 ? { qs: Object.fromEntries(query) } : {}),
		headers,
		...body,
	};
}
