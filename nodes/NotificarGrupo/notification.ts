/** What "Notificar Grupo Interno" sends, as pure functions of its parameters and the conversation. */
import type { IDataObject } from 'n8n-workflow';

import type { OutboundMessage } from '../shared/channels/types';
import type { Conversation } from '../shared/conversation/types';
import { parsePhone } from '../shared/validation/phone';

export type Destination = 'telegram' | 'whatsapp' | 'http';

/** A setting that cannot work; raised before any network call (message and fix-it description in pt-BR). */
export class NotificationConfigError extends Error {
	constructor(message: string, readonly description: string) {
		super(message);
		this.name = 'NotificationConfigError';
	}
}

/** Longest notification text kept in the conversation's events. */
export const EVENT_TEXT_LENGTH = 1000;

/**
 * The Telegram chat to notify: a group or channel id (`-1001234567890`), a user id, or a public
 * `@username`. Throws NotificationConfigError otherwise.
 */
export function telegramChatId(text: string): string {
	const chatId = text.trim();
	if (/^-?\d{1,20}$/.test(chatId) || /^@[A-Za-z][A-Za-z0-9_]{4,31}$/.test(chatId)) return chatId;
	throw new NotificationConfigError(
		chatId === '' ? 'ID do grupo do Telegram vazio' : `ID do grupo do Telegram inválido: "${chatId}"`,
		'Informe o ID numérico do grupo (ex.: -1001234567890; adicione o bot ao grupo e veja o chat.id de uma mensagem) ou o @usuario de um canal público.',
	);
}

/**
 * The WhatsApp number to notify, as the Cloud API's `to` (digits): a Brazilian number in any usual
 * format becomes `55` + DDD + number (9th digit added to mobiles); a foreign one needs `+` and
 * its country code. Throws NotificationConfigError otherwise.
 */
export function whatsAppRecipient(text: string): string {
	const phone = parsePhone(text);
	if (phone) return phone.e164;
	const digits = text.replace(/\D/g, '');
	if (text.trim().startsWith('+') && !digits.startsWith('55') && digits.length >= 8 && digits.length <= 15) return digits;
	throw new NotificationConfigError(
		text.trim() === '' ? 'Número de WhatsApp vazio' : `Número de WhatsApp inválido: "${text.trim()}"`,
		'Informe o número com DDD, ex.: (11) 98765-4321, ou um número estrangeiro com + e o código do país.',
	);
}

/** The endpoint's URL, trimmed; throws NotificationConfigError when it is not an absolute http(s) URL. */
export function endpointUrl(text: string): string {
	const url = text.trim();
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
		throw new NotificationConfigError(url === '' ? 'URL do endpoint vazia' : 'URL do endpoint inválida', 'Informe um endereço http(s) completo, ex.: https://alertas.exemplo.com.br/atendimento.');
	}
	return url;
}

/** WhatsApp sends free text only within 24 h of the recipient's last message; a template goes anytime. */
export interface WhatsAppFormat {
	format: 'text' | 'template';
	templateName?: string;
	templateLanguage?: string;
}

/**
 * The neutral message of the notification. As a WhatsApp template, the text fills the template's
 * only body variable `{{1}}`.
 */
export function notificationMessage(text: string, whatsApp?: WhatsAppFormat): OutboundMessage {
	if (text.trim() === '') {
		throw new NotificationConfigError('Mensagem da notificação vazia', 'Escreva o texto que a equipe vai receber.');
	}
	if (whatsApp?.format !== 'template') return { kind: 'text', text };
	const name = whatsApp.templateName?.trim() ?? '';
	if (name === '') {
		throw new NotificationConfigError('Nome do template vazio', 'Informe o nome de um template aprovado, com uma variável {{1}} no corpo.');
	}
	return { kind: 'template', name, language: whatsApp.templateLanguage?.trim() || 'pt_BR', bodyParameters: [text], fallbackText: text };
}

/**
 * The JSON posted to an HTTP endpoint: the text plus who and what it is about, so the receiver
 * (a team chat bot, a helpdesk, an alert system) can link back to the conversation.
 */
export function httpNotificationBody(conversation: Conversation, text: string, card: string, now: number): IDataObject {
	return {
		texto: text,
		protocolo: conversation.protocolo,
		canal: conversation.channel.type,
		contato: { id: conversation.contact.id, nome: conversation.contact.name ?? null, telefone: conversation.contact.phone ?? null },
		cliente: (conversation.customer as unknown as IDataObject | undefined) ?? null,
		etiquetas: conversation.tags,
		variaveis: conversation.variables as IDataObject,
		departamento: conversation.department ?? null,
		atendente: conversation.attendant ?? null,
		conversationId: conversation.id,
		card,
		enviadoEm: new Date(now).toISOString(),
	};
}
