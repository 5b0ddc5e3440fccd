/** Renders neutral outbound messages as Send API requests of Messenger and Instagram (docs/apis-externas.md §H.3). */
import { InvalidOutboundError } from '../errors';
import { DEFAULT_CHOICE_PROMPT, hasUniqueIds, numberedChoicesText, templateAsText, truncate } from '../text';
import type { Choice, OutboundMessage, WireRequest } from '../types';
import { META_LIMITS as LIMITS } from './limits';
import type { MetaMessagingChannel } from './parse';

/** Where to send and how the send is justified. */
export interface MetaRenderOptions {
	channel: MetaMessagingChannel;
	apiVersion: string;
	/** Messenger: the Page id (`/<ver>/<PAGE_ID>/messages`). Instagram sends to `/<ver>/me/messages` (the token's account). */
	accountId: string;
	/**
	 * `RESPONSE` (default): a reply within 24 h of the customer's last message. `HUMAN_AGENT`: a human
	 * agent's reply up to 7 days after it (`messaging_type: MESSAGE_TAG`, `tag: HUMAN_AGENT`). The bot never tags.
	 */
	humanAgent?: boolean;
}

type ChoicesMessage = Extract<OutboundMessage, { kind: 'choices' }>;
type MediaMessage = Extract<OutboundMessage, { kind: 'media' }>;

/** Neutral media types as attachment types of the Send API. */
const ATTACHMENT_TYPE: Record<MediaMessage['mediaType'], string> = { image: 'image', audio: 'audio', video: 'video', document: 'file' };

/** The Send API path of the account. */
export function metaMessagesPath(opts: Pick<MetaRenderOptions, 'channel' | 'apiVersion' | 'accountId'>, edge: 'messages' | 'message_attachments' = 'messages'): string {
	const version = opts.apiVersion.trim().replace(/^v?/, 'v');
	if (!/^v\d+(\.\d+)?$/.test(version)) throw new InvalidOutboundError(`Versão da Graph API inválida: "${opts.apiVersion}" (use, por exemplo, v26.0).`);
	if (opts.channel === 'instagram') return `/${version}/me/${edge}`;
	const pageId = opts.accountId.trim();
	if (!/^\d+$/.test(pageId)) throw new InvalidOutboundError(`ID da Página do Facebook inválido: "${opts.accountId}" (só dígitos).`);
	return `/${version}/${pageId}/${edge}`;
}

/** Longest text message of the channel. */
export function textLimit(channel: MetaMessagingChannel): number {
	return channel === 'instagram' ? LIMITS.textInstagram : LIMITS.textMessenger;
}

/**
 * Renders `msg` to `recipientId` (the PSID or IGSID received) as Send API requests, in order. A long
 * text is split in several messages; choices become quick replies (≤13, titles cut to 20 characters
 * and kept distinct), else a numbered text menu; a file goes as an attachment by URL or by an uploaded
 * attachment id, its caption as a text after it; a template becomes its text.
 * Throws `InvalidOutboundError` when the message cannot be sent.
 */
export function renderMetaMessaging(recipientId: string, msg: OutboundMessage, opts: MetaRenderOptions): WireRequest[] {
	if (typeof recipientId !== 'string' || recipientId.trim() === '') {
		throw new InvalidOutboundError('Destinatário vazio: responda ao ID recebido do contato (PSID/IGSID).');
	}
	const path = metaMessagesPath(opts);
	const justification = opts.humanAgent ? { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } : { messaging_type: 'RESPONSE' };
	const send = (message: Record<string, unknown>): WireRequest => ({ method: 'POST', path, body: { recipient: { id: recipientId }, ...justification, message } });
	const limit = textLimit(opts.channel);
	switch (msg.kind) {
		case 'text':
			return textMessages(msg.text, limit).map((text) => send({ text }));
		case 'choices':
			return choicesMessages(msg, limit).map(send);
		case 'media':
			return [send({ attachment: { type: ATTACHMENT_TYPE[msg.mediaType], payload: attachmentPayload(msg) } }), ...(msg.caption?.trim() ? textMessages(msg.caption, limit).map((text) => send({ text })) : [])];
		case 'template':
			return textMessages(templateAsText(msg.name, msg.bodyParameters, msg.fallbackText), limit).map((text) => send({ text }));
		case 'flow':
			throw new InvalidOutboundError('O Messenger e o Instagram não mostram formulários do WhatsApp (Flows): o card Enviar Pergunta faz as perguntas dos campos uma a uma.');
	}
}

/** A sender action (`mark_seen`, `typing_on`, `typing_off`): a request with `sender_action` and no `message`. */
export function renderSenderAction(recipientId: string, action: 'mark_seen' | 'typing_on' | 'typing_off', opts: Pick<MetaRenderOptions, 'channel' | 'apiVersion' | 'accountId'>): WireRequest {
	return { method: 'POST', path: metaMessagesPath(opts), body: { recipient: { id: recipientId }, sender_action: action } };
}

/**
 * `text` in pieces of at most `limit` characters, cut at a paragraph, line or word end when there is
 * one in the second half of the piece. An empty text is refused.
 */
export function textMessages(text: string, limit: number): string[] {
	if (typeof text !== 'string' || text.trim() === '') throw new InvalidOutboundError('Mensagem de texto vazia.');
	const pieces: string[] = [];
	let rest = text;
	while (rest.length > limit) {
		let cut = -1;
		for (const separator of ['\n\n', '\n', ' ']) {
			const at = rest.lastIndexOf(separator, limit - separator.length);
			if (at >= limit / 2) {
				cut = at;
				break;
			}
		}
		if (cut < 0) {
			cut = limit;
			const last = rest.charCodeAt(cut - 1);
			if (last >= 0xd800 && last <= 0xdbff) cut--; // never split an emoji
		}
		pieces.push(rest.slice(0, cut).trimEnd());
		rest = rest.slice(cut).trimStart();
	}
	if (rest.trim() !== '') pieces.push(rest);
	return pieces;
}

function choicesMessages(msg: ChoicesMessage, limit: number): Array<Record<string, unknown>> {
	const prompt = msg.text.trim() === '' ? DEFAULT_CHOICE_PROMPT : msg.text;
	const { choices } = msg;
	if (choices.length === 0) return textMessages(prompt, limit).map((text) => ({ text }));
	if (!fitsQuickReplies(choices)) return textMessages(numberedChoicesText(msg.text, choices, limit, msg.footer?.trim()), limit).map((text) => ({ text }));
	const withFooter = msg.footer?.trim() ? `${prompt}\n\n${msg.footer.trim()}` : prompt;
	const pieces = textMessages(withFooter, limit);
	const titles = distinctTitles(choices.map((choice) => choice.label), LIMITS.quickReplyTitle);
	const quickReplies = choices.map((choice, index) => ({ content_type: 'text', title: titles[index], payload: choice.id }));
	return pieces.map((text, index) => (index === pieces.length - 1 ? { text, quick_replies: quickReplies } : { text }));
}

/** Quick replies: 1–13 choices, distinct non-empty ids ≤1000 characters, non-empty labels. */
function fitsQuickReplies(choices: Choice[]): boolean {
	return choices.length <= LIMITS.maxQuickReplies && hasUniqueIds(choices) && choices.every((choice) => choice.label.trim() !== '' && choice.id.length <= LIMITS.payload);
}

/**
 * The labels cut to `max` characters and kept distinct: a label that would repeat an earlier one
 * after the cut ends with its position instead (`Segunda via do bo… 2`).
 */
export function distinctTitles(labels: string[], max: number): string[] {
	const used = new Set<string>();
	return labels.map((label, index) => {
		let title = truncate(label.trim(), max);
		if (used.has(title)) {
			const suffix = ` ${index + 1}`;
			title = `${truncate(label.trim(), max - suffix.length)}${suffix}`;
		}
		used.add(title);
		return title;
	});
}

function attachmentPayload(msg: MediaMessage): Record<string, unknown> {
	if (msg.mediaId) return { attachment_id: msg.mediaId };
	if (msg.url) return { url: msg.url, is_reusable: true };
	if (msg.data) throw new InvalidOutboundError('Arquivo em binário ainda não enviado à Meta: faça o upload (message_attachments) e informe o attachment_id.');
	throw new InvalidOutboundError('Mídia sem URL nem ID: informe o link público do arquivo.');
}

/** The attachment type of a neutral media type (`document` is a `file`). */
export function attachmentTypeOf(mediaType: MediaMessage['mediaType']): string {
	return ATTACHMENT_TYPE[mediaType];
}
