/**
 * Graph API error envelopes as the WhatsApp Cloud API sends them (docs/apis-externas.md §A.8):
 * `{ error: { message: "(#<code>) <title>", type, code, error_data: { messaging_product, details }, fbtrace_id } }`.
 */
import { randomBytes } from 'node:crypto';

import type { SimulatorReply } from './base';

/** A Graph error code with its title, details and the HTTP status the simulator answers with by default. */
export interface GraphErrorDefinition {
	title: string;
	details: string;
	httpStatus: number;
	/** Auth errors carry the bare title as `message` and no `error_data`. */
	authError?: boolean;
}

/**
 * The error codes of the table of docs/apis-externas.md §A.8. HTTP statuses follow Meta's tables and its partners'
 * (131056 → 429, 4 → 429); Meta says the HTTP status is unreliable, so clients must read `code`.
 */
export const GRAPH_ERRORS: Record<number, GraphErrorDefinition> = {
	1: { title: 'An unknown error occurred', details: 'An unknown error occurred', httpStatus: 500 },
	2: { title: 'Service temporarily unavailable', details: 'Service temporarily unavailable', httpStatus: 503 },
	4: { title: 'API Too Many Calls', details: 'Application request limit reached', httpStatus: 429 },
	100: { title: 'Invalid parameter', details: 'Invalid parameter', httpStatus: 400 },
	190: { title: 'Invalid OAuth access token - Cannot parse access token', details: '', httpStatus: 401, authError: true },
	368: { title: 'Temporarily blocked for policies violations', details: 'Temporarily blocked for policies violations', httpStatus: 400 },
	80007: { title: 'Rate limit issues', details: 'The WhatsApp Business Account has reached its rate limit', httpStatus: 429 },
	130429: {
		title: 'Rate limit hit',
		details: 'Message failed to send because there were too many messages sent from this phone number in a short period of time',
		httpStatus: 400,
	},
	131009: { title: 'Parameter value is not valid', details: 'Parameter value is not valid', httpStatus: 400 },
	131026: { title: 'Message undeliverable', details: 'Message Undeliverable.', httpStatus: 400 },
	131047: {
		title: 'Re-engagement message',
		details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
		httpStatus: 400,
	},
	131048: { title: 'Spam rate limit hit', details: 'Message failed to send because there are restrictions on how many messages can be sent from this phone number.', httpStatus: 400 },
	131049: { title: 'This message was not delivered to maintain healthy ecosystem engagement.', details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.', httpStatus: 400 },
	131062: {
		title: 'Business-scoped User ID (BSUID) recipients are not supported for this message',
		details: 'Business-scoped User ID (BSUID) recipients are not supported for this message.',
		httpStatus: 400,
	},
	131056: {
		title: '(Business Account, Consumer Account) pair rate limit hit',
		details: 'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
		httpStatus: 429,
	},
	131057: { title: 'Account in maintenance mode', details: 'Business Account is in maintenance mode', httpStatus: 400 },
	132000: { title: 'Number of parameters does not match the expected number of params', details: 'Number of parameters does not match the expected number of params', httpStatus: 400 },
	132001: { title: 'Template name does not exist in the translation', details: 'Template name does not exist in the translation', httpStatus: 400 },
	132018: { title: 'There was an issue with the parameters in your template.', details: 'There was an issue with the parameters in your template.', httpStatus: 400 },
};

/** The synchronous Graph error body for `code`; `details` overrides the default wording. */
export function graphErrorBody(code: number, details?: string): { error: Record<string, unknown> } {
	const definition = definitionOf(code);
	const fbtrace_id = randomBytes(12).toString('base64url');
	if (definition.authError) return { error: { message: definition.title, type: 'OAuthException', code, fbtrace_id } };
	return {
		error: {
			message: `(#${code}) ${definition.title}`,
			type: 'OAuthException',
			code,
			error_data: { messaging_product: 'whatsapp', details: details ?? definition.details },
			fbtrace_id,
		},
	};
}

/** A full reply for `code`, with the default HTTP status unless `httpStatus` is given. */
export function graphErrorReply(code: number, details?: string, httpStatus?: number): SimulatorReply {
	return { status: httpStatus ?? definitionOf(code).httpStatus, body: graphErrorBody(code, details) };
}

/**
 * The error object carried by failed status webhooks and `value.errors` (A.4):
 * `{ code, title, message, error_data: { details }, href }`.
 */
export function webhookErrorObject(code: number, details?: string): Record<string, unknown> {
	const definition = definitionOf(code);
	return {
		code,
		title: definition.title,
		message: definition.title,
		error_data: { details: details ?? definition.details },
		href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
	};
}

function definitionOf(code: number): GraphErrorDefinition {
	return GRAPH_ERRORS[code] ?? { title: 'Unknown error', details: 'Unknown error', httpStatus: 400 };
}
