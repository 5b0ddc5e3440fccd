/** Renders neutral outbound messages as WhatsApp Cloud API send requests. */
import { InvalidOutboundError } from '../errors';
import { DEFAULT_CHOICE_PROMPT, hasUniqueIds, numberedChoicesText, truncate } from '../text';
import type { Choice, OutboundMessage, WireRequest } from '../types';
import { flowPayload } from './flows';
import { addressee } from './bsuid';
import { WHATSAPP_LIMITS as LIMITS } from './limits';

/** Where to send: Graph API version (`v25.0` or `25.0`) and the business phone number id. */
export interface WhatsAppRenderOptions {
	apiVersion: string;
	phoneNumberId: string;
}

type ChoicesMessage = Extract<OutboundMessage, { kind: 'choices' }>;
type MediaMessage = Extract<OutboundMessage, { kind: 'media' }>;
type TemplateMessage = Extract<OutboundMessage, { kind: 'template' }>;

/** Default label of the button that opens a list message. */
export const DEFAULT_LIST_BUTTON = 'Ver opções';

/**
 * Renders `msg` as the requests to `POST /<version>/<phoneNumberId>/messages`.
 * `to` is used exactly as received (the inbound `wa_id`): Brazilian numbers are never "fixed"
 * with or without the 9th digit. A business-scoped user id (BSUID) is sent as `recipient`, without `to`. Choices become reply buttons (≤3, titles ≤20), else a list
 * (≤10 rows, titles ≤24), else a numbered text menu. Over-long texts are cut with '…'.
 * Throws `InvalidOutboundError` when the message cannot be sent (no recipient, empty text,
 * media without link or uploaded id).
 */
export function renderWhatsApp(to: string, msg: OutboundMessage, opts: WhatsAppRenderOptions): WireRequest[] {
	if (typeof to !== 'string' || to.trim() === '') {
		throw new InvalidOutboundError('Destinatário do WhatsApp vazio: responda ao wa_id recebido do contato.');
	}
	const path = messagesPath(opts);
	const send = (payload: Record<string, unknown>): WireRequest => ({
		method: 'POST',
		path,
		body: { messaging_product: 'whatsapp', recipient_type: 'individual', ...addressee(to), ...payload },
	});
	switch (msg.kind) {
		case 'text':
			return [send(textPayload(msg.text))];
		case 'choices':
			return [send(choicesPayload(msg))];
		case 'media':
			return mediaPayloads(msg).map(send);
		case 'template':
			return [send(templatePayload(msg))];
		case 'flow':
			return [send(flowPayload(msg))];
	}
}

function messagesPath(opts: WhatsAppRenderOptions): string {
	const version = opts.apiVersion.trim().replace(/^v?/, 'v');
	const phoneNumberId = opts.phoneNumberId.trim();
	if (!/^v\d+(\.\d+)?$/.test(version)) {
		throw new InvalidOutboundError(`Versão da API do WhatsApp inválida: "${opts.apiVersion}" (use, por exemplo, v25.0).`);
	}
	if (!/^\d+$/.test(phoneNumberId)) {
		throw new InvalidOutboundError(`Phone number ID do WhatsApp inválido: "${opts.phoneNumberId}" (só dígitos).`);
	}
	return `/${version}/${phoneNumberId}/messages`;
}

function textPayload(text: string): Record<string, unknown> {
	if (typeof text !== 'string' || text.trim() === '') {
		throw new InvalidOutboundError('Mensagem de texto vazia: o WhatsApp não aceita texto sem conteúdo.');
	}
	return { type: 'text', text: { preview_url: false, body: truncate(text, LIMITS.textBody) } };
}

function choicesPayload(msg: ChoicesMessage): Record<string, unknown> {
	const prompt = msg.text.trim() === '' ? DEFAULT_CHOICE_PROMPT : msg.text;
	const { choices } = msg;
	if (choices.length === 0) return textPayload(prompt);
	const footer = msg.footer?.trim() ? { footer: { text: truncate(msg.footer, LIMITS.footer) } } : {};
	const body = { text: truncate(prompt, LIMITS.interactiveBody) };
	if (fitsButtons(choices)) {
		const buttons = choices.map((choice) => ({ type: 'reply', reply: { id: choice.id, title: choice.label } }));
		return { type: 'interactive', interactive: { type: 'button', body, ...footer, action: { buttons } } };
	}
	if (fitsList(choices)) {
		const label = truncate(msg.buttonLabel?.trim() || DEFAULT_LIST_BUTTON, LIMITS.listButton);
		const rows = choices.map((choice) => ({
			id: choice.id,
			title: choice.label,
			...(choice.description ? { description: truncate(choice.description, LIMITS.rowDescription) } : {}),
		}));
		const sections = [{ title: truncate(label, LIMITS.sectionTitle), rows }];
		return { type: 'interactive', interactive: { type: 'list', body, ...footer, action: { button: label, sections } } };
	}
	return textPayload(numberedChoicesText(msg.text, choices, LIMITS.textBody, msg.footer?.trim()));
}

/** Reply buttons: ≤3, unique non-empty ids ≤256, unique non-empty titles ≤20. */
function fitsButtons(choices: Choice[]): boolean {
	const titles = new Set(choices.map((choice) => choice.label));
	return (
		choices.length <= LIMITS.maxButtons &&
		hasUniqueIds(choices) &&
		titles.size === choices.length &&
		choices.every((choice) => isWithin(choice.label, LIMITS.buttonTitle) && choice.id.length <= LIMITS.buttonId)
	);
}

/** List rows: ≤10, unique non-empty ids ≤200, non-empty titles ≤24 (descriptions are cut to 72). */
function fitsList(choices: Choice[]): boolean {
	return (
		choices.length <= LIMITS.maxListRows &&
		hasUniqueIds(choices) &&
		choices.every((choice) => isWithin(choice.label, LIMITS.rowTitle) && choice.id.length <= LIMITS.rowId)
	);
}

function isWithin(label: string, max: number): boolean {
	return label.trim() !== '' && label.length <= max;
}

function mediaPayloads(msg: MediaMessage): Array<Record<string, unknown>> {
	const source = mediaSource(msg);
	const caption = msg.caption?.trim() ? truncate(msg.caption, LIMITS.caption) : undefined;
	const fileName = msg.mediaType === 'document' && msg.fileName ? { filename: msg.fileName } : {};
	if (msg.mediaType === 'audio') {
		const audio = { type: 'audio', audio: source };
		return caption ? [audio, textPayload(caption)] : [audio];
	}
	return [{ type: msg.mediaType, [msg.mediaType]: { ...source, ...(caption ? { caption } : {}), ...fileName } }];
}

function mediaSource(msg: MediaMessage): { id: string } | { link: string } {
	if (msg.mediaId) return { id: msg.mediaId };
	if (msg.url) return { link: msg.url };
	if (msg.data) {
		throw new InvalidOutboundError(
			'Arquivo em binário ainda não enviado ao WhatsApp: faça o upload (POST /<versão>/<phone_number_id>/media) e informe o mediaId.',
		);
	}
	throw new InvalidOutboundError('Mídia sem URL nem ID: informe o link público do arquivo ou o ID de mídia do WhatsApp.');
}

function templatePayload(msg: TemplateMessage): Record<string, unknown> {
	if (msg.name.trim() === '' || msg.language.trim() === '') {
		throw new InvalidOutboundError('Template do WhatsApp sem nome ou idioma (ex.: fatura_disponivel, pt_BR).');
	}
	const parameters = msg.bodyParameters.map((value) => ({ type: 'text', text: templateParameter(value) }));
	const buttons = (msg.buttonPayloads ?? [])
		.map((entry, position) => (typeof entry === 'string' ? { index: position, payload: entry } : entry))
		.map(({ index, payload }) => ({
			type: 'button',
			sub_type: 'quick_reply',
			index: String(index),
			parameters: [{ type: 'payload', payload }],
		}));
	const list = [...(parameters.length > 0 ? [{ type: 'body', parameters }] : []), ...buttons];
	const components = list.length > 0 ? { components: list } : {};
	return { type: 'template', template: { name: msg.name, language: { code: msg.language }, ...components } };
}

/**
 * Meta rejects template parameters that are empty or contain new lines, tabs or more than four
 * consecutive spaces: those are flattened, and an empty value becomes '-'.
 */
export function templateParameter(value: string): string {
	const flat = String(value ?? '')
		.replace(/\s*[\r\n\t]+\s*/g, ' ')
		.replace(/ {5,}/g, '    ')
		.trim();
	return flat === '' ? '-' : flat;
}

/**
 * The request that marks inbound message `messageId` (and the earlier ones) as read, with the typing
 * indicator when `typing` (shown until the reply or for 25 s): docs/apis-externas.md §A.5.
 */
export function renderMarkRead(messageId: string, typing: boolean, opts: WhatsAppRenderOptions): WireRequest {
	if (!messageId.trim()) throw new InvalidOutboundError('Mensagem do WhatsApp sem id: não há o que marcar como lida.');
	return {
		method: 'POST',
		path: messagesPath(opts),
		body: { messaging_product: 'whatsapp', status: 'read', message_id: messageId, ...(typing ? { typing_indicator: { type: 'text' } } : {}) },
	};
}
