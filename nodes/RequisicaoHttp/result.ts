import type { IDataObject } from 'n8n-workflow';

import { bodyExcerpt, type HttpOutcome } from '../shared/http/request';
import { readPath } from './path';

/** What a successful request leaves on the item (`requisicaoHttp`) and in the conversation's variables. */
export interface SuccessResult {
	ok: true;
	status: number;
	/** Variables to save: name → value found at its path. */
	variables: Record<string, unknown>;
	/** Variables whose path was not in the response (they are removed from the conversation). */
	missing: string[];
}

/** What a failed request leaves on the item: never the request itself (it may carry credentials). */
export interface FailureResult {
	ok: false;
	kind: 'http' | 'timeout' | 'rede';
	status?: number;
	/** pt-BR, for the flow author and for messages to the customer. */
	message: string;
	/** The start of the response body, when there was one. */
	excerpt?: string;
}

export type RequestResult = SuccessResult | FailureResult;

function parsedBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		return body;
	}
}

/** Reads each mapping's path in the response body. */
export function mapResponse(body: unknown, mappings: Array<{ variable: string; path: string }>): Pick<SuccessResult, 'variables' | 'missing'> {
	const root = parsedBody(body);
	const variables: Record<string, unknown> = {};
	const missing: string[] = [];
	for (const { variable, path } of mappings) {
		const lookup = readPath(root, path);
		if (lookup.found && lookup.value !== undefined) variables[variable] = lookup.value;
		else missing.push(variable);
	}
	return { variables, missing };
}

/**
 * The card's verdict: a 2xx response is a success (its fields mapped into variables); any other
 * status, a timeout or a network failure is a failure with a pt-BR message.
 */
export function resultOf(outcome: HttpOutcome, mappings: Array<{ variable: string; path: string }>, timeoutSeconds: number): RequestResult {
	switch (outcome.kind) {
		case 'timeout':
			return { ok: false, kind: 'timeout', message: `O serviço não respondeu em ${timeoutSeconds} s.` };
		case 'network':
			return {
				ok: false,
				kind: 'rede',
				message: `Não foi possível conectar ao serviço${outcome.code ? ` (${outcome.code})` : ''}: confira o endereço e se o serviço está no ar.`,
			};
		case 'response': {
			if (outcome.statusCode >= 200 && outcome.statusCode < 300) {
				return { ok: true, status: outcome.statusCode, ...mapResponse(outcome.body, mappings) };
			}
			const excerpt = bodyExcerpt(outcome.body);
			const reason = outcome.statusMessage ? ` (${outcome.statusMessage})` : '';
			return {
				ok: false,
				kind: 'http',
				status: outcome.statusCode,
				message: `O serviço respondeu HTTP ${outcome.statusCode}${reason}.`,
				...(excerpt ? { excerpt } : {}),
			};
		}
	}
}

/** The `requisicaoHttp` field of the output item. */
export function itemFields(result: RequestResult, responseBody: unknown, includeResponse: boolean): IDataObject {
	if (!result.ok) {
		return {
			sucesso: false,
			erro: result.kind,
			...(result.status !== undefined ? { status: result.status } : {}),
			mensagem: result.message,
			...(result.excerpt !== undefined ? { trechoResposta: result.excerpt } : {}),
		};
	}
	return {
		sucesso: true,
		status: result.status,
		variaveis: result.variables as IDataObject,
		...(result.missing.length > 0 ? { camposAusentes: result.missing } : {}),
		...(includeResponse ? { resposta: parsedBody(responseBody) as IDataObject } : {}),
	};
}
