import type { IDataObject } from 'n8n-workflow';

import type { QueuedTemplateMessage } from '../shared/broadcast/types';

/** Who an item is for: the customer, the login (or contract) and the phone(s) kept in the ERP. */
export interface Recipient {
	clienteId: string;
	login?: string;
	telefone: unknown;
}

/** An item that cannot be queued as it is (wiring mistake): message and fix-it description, pt-BR. */
export class RecipientItemError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}

function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `json[field]` as the recipient ({clienteId, login, telefone}, as "Status Logins" gives it). */
export function readRecipient(json: IDataObject, field: string): Recipient {
	const value = json[field];
	const clienteId = isObject(value) ? text(value.clienteId) : undefined;
	if (!isObject(value) || clienteId === undefined) {
		throw new RecipientItemError(
			`O item não tem o destinatário em "${field}" com o ID do cliente`,
			`Ligue este nó à saída do "Status Logins" (que traz "destinatario": { clienteId, login, telefone }) ou monte esse campo com um nó Set.`,
		);
	}
	const login = text(value.login);
	return { clienteId, ...(login !== undefined ? { login } : {}), telefone: value.telefone };
}

/** `[{ index, text }]`: the template's quick-reply buttons, as "Mensagem Omnichannel" lists them. */
function isQuickReplies(value: unknown): boolean {
	return Array.isArray(value) && value.every((button) => isObject(button) && Number.isInteger(button.index) && (button.index as number) >= 0 && typeof button.text === 'string');
}

/** Reads `json[field]` as the template message "Mensagem Omnichannel" filled for this item. */
export function readMessage(json: IDataObject, field: string): QueuedTemplateMessage {
	const value = json[field];
	const valid =
		isObject(value) &&
		typeof value.name === 'string' &&
		value.name !== '' &&
		typeof value.language === 'string' &&
		Array.isArray(value.bodyParameters) &&
		value.bodyParameters.every((parameter) => typeof parameter === 'string') &&
		typeof value.previewText === 'string' &&
		(value.quickReplies === undefined || isQuickReplies(value.quickReplies));
	if (!valid) {
		throw new RecipientItemError(
			`O item não tem a mensagem do template em "${field}"`,
			'Coloque o nó "Mensagem Omnichannel" antes deste: ele acrescenta a cada item a mensagem pronta (template, variáveis e prévia).',
		);
	}
	return structuredClone(value) as unknown as QueuedTemplateMessage;
}

/** The recipient's key in the campaign: one message per customer and login. */
export function recipientKey(recipient: Recipient): string {
	return recipient.login === undefined ? `cliente:${recipient.clienteId}` : `cliente:${recipient.clienteId}/login:${recipient.login}`;
}
