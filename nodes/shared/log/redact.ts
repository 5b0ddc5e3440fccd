import { maskDocument, validateDocument } from '../validation/document';

/**
 * What may not reach a log line or an error message (both end up in files and in saved execution
 * data): CPF/CNPJ, passwords, tokens and full URLs (their query strings and some paths carry
 * tokens). Pure functions; `redactText` is what the pack's logger applies to every line.
 */

/** `scheme://host/path` of a URL, without user info, query string or fragment; Telegram's `/bot<token>` hidden. */
export function redactUrl(url: string): string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return '(URL inválida)';
	}
	const path = parsed.pathname.replace(/\/bot[^/]+/g, '/bot***');
	const hidden = parsed.search || parsed.hash ? '?…' : '';
	return `${parsed.protocol}//${parsed.host}${path === '/' ? '' : path}${hidden}`;
}

// A URL inside free text, up to a space or a closing quote/bracket.
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>)\]]+/gi;
// CPF (11 digits) or CNPJ (14 characters, alphanumeric since 2026), with or without punctuation, not
// part of a longer run of digits (phone numbers, ids, protocols are 12+ digits and left alone).
const DOCUMENT_IN_TEXT = /(?<![0-9A-Za-z])(?:\d{3}\.?\d{3}\.?\d{3}-?\d{2}|[0-9A-Z]{2}\.?[0-9A-Z]{3}\.?[0-9A-Z]{3}\/?[0-9A-Z]{4}-?\d{2})(?![0-9A-Za-z])/g;
// `Bearer xyz`, `Basic xyz`.
const AUTH_SCHEME = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{6,}/g;
// `"senha":"x"`, `password=x`, `token: x`, `access_token=x`… in JSON, query or prose.
const SECRET_FIELD =
	/(["']?\b(?:senha|password|passwd|secret|segredo|token|access_token|accessToken|apiKey|api_key|hash|authorization)\b["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&}]+)/gi;

/**
 * Masks CPF/CNPJ in a text (`123.***.***-09`). Only runs whose check digits are right count: a
 * protocolo, an id or a phone number of the same length is left alone (1 in 100 would pass by chance).
 */
export function maskDocumentsIn(text: string): string {
	return text.replace(DOCUMENT_IN_TEXT, (match) => (validateDocument(match).valid ? maskDocument(match) : match));
}

/** A text fit for a log line: URLs cut to host and path, CPF/CNPJ masked, passwords and tokens hidden. */
export function redactText(text: string): string {
	return maskDocumentsIn(
		text
			.replace(URL_IN_TEXT, (url) => redactUrl(url))
			.replace(AUTH_SCHEME, '$1 ***')
			.replace(SECRET_FIELD, (_match, key: string) => `${key}***`),
	);
}

/** Log metadata with every string redacted (nested objects and arrays too, up to a small depth). */
export function redactMeta(value: unknown, depth = 0): unknown {
	if (typeof value === 'string') return redactText(value);
	if (depth > 4 || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((entry) => redactMeta(entry, depth + 1));
	const result: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) {
		result[key] = /senha|password|secret|segredo|token|authorization|apikey|api_key/i.test(key) ? '***' : redactMeta(entry, depth + 1);
	}
	return result;
}
