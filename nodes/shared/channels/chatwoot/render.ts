/**
 * Renders neutral outbound messages as Chatwoot message bodies (`POST .../conversations/{id}/messages`,
 * docs/apis-externas.md §G). How options show depends on the inbox's channel: the web widget,
 * API, Telegram and LINE inboxes render `input_select`; WhatsApp inboxes turn it into buttons (≤ 3) or a
 * list, without enforcing Meta's title limits, so titles are cut here; other inboxes (Facebook,
 * Instagram, e-mail, SMS…) get a numbered text menu.
 */
import { InvalidOutboundError } from '../errors';
import { DEFAULT_CHOICE_PROMPT, numberedChoicesText, templateAsText, truncate } from '../text';
import type { Choice, OutboundMessage } from '../types';
import { WHATSAPP_LIMITS } from '../whatsapp/limits';

/** How an inbox shows a question's options. */
export type ChatwootInboxKind = 'options' | 'whatsapp' | 'text';

/** Longest message Chatwoot takes (`content` is validated to 150 000 characters). */
export const CHATWOOT_MAX_CONTENT = 150_000;

const OPTION_CHANNELS = new Set(['Channel::WebWidget', 'Channel::Api', 'Channel::Telegram', 'Channel::Line']);

/** The inbox kind of a Chatwoot channel type (`conversation.channel`, e.g. `Channel::Whatsapp`); unknown → text. */
export function chatwootInboxKind(channelType: string | undefined): ChatwootInboxKind {
	if (!channelType) return 'text';
	if (channelType === 'Channel::Whatsapp') return 'whatsapp';
	return OPTION_CHANNELS.has(channelType) ? 'options' : 'text';
}

/** A Chatwoot message body (JSON), or a file sent as multipart (`attachments[]`). */
export type ChatwootOutbound =
	| { kind: 'json'; body: Record<string, unknown> }
	| { kind: 'file'; content?: string; data: string; mimeType: string; fileName: string };

/**
 * The titles a WhatsApp inbox shows for `choices`: ≤ 3 options become reply buttons (≤ 20 characters),
 * more a list (rows ≤ 24, at most 10). Undefined when they cannot be shown as buttons or a list (more
 * than 10, or titles that become equal once cut): the menu is then numbered text.
 */
export function whatsAppTitles(choices: Choice[]): string[] | undefined {
	if (choices.length === 0 || choices.length > WHATSAPP_LIMITS.maxListRows) return undefined;
	const max = choices.length <= WHATSAPP_LIMITS.maxButtons ? WHATSAPP_LIMITS.buttonTitle : WHATSAPP_LIMITS.rowTitle;
	const titles = choices.map((choice) => truncate(choice.label.trim(), max));
	const unique = new Set(titles.map((title) => title.toLocaleLowerCase('pt-BR')));
	return unique.size === titles.length && titles.every((title) => title !== '') ? titles : undefined;
}

/**
 * Renders `msg` for an inbox of `kind`. Choices: `input_select` with `items: [{title, value: choice id}]`
 * where the inbox shows options, numbered text elsewhere. A file with its bytes (`data`) goes as an
 * attachment; a file by URL goes as a text with the link (Chatwoot takes no attachment URL and the
 * credential's token must not go to another host). Templates become their fallback text.
 * Throws `InvalidOutboundError` for an empty text or a file with neither bytes nor URL.
 */
export function renderChatwoot(msg: OutboundMessage, kind: ChatwootInboxKind): ChatwootOutbound {
	switch (msg.kind) {
		case 'text':
			return textBody(msg.text);
		case 'choices':
			return choicesBody(msg.text, msg.choices, kind, msg.footer);
		case 'media':
			if (msg.data) {
				return {
					kind: 'file',
					...(msg.caption?.trim() ? { content: msg.caption.trim() } : {}),
					data: msg.data,
					mimeType: msg.mimeType ?? 'application/octet-stream',
					fileName: msg.fileName ?? 'arquivo',
				};
			}
			if (!msg.url) throw new InvalidOutboundError('Arquivo sem conteúdo nem URL: informe o arquivo em binário ou o link público.');
			return textBody([msg.caption?.trim(), msg.url].filter(Boolean).join('\n'));
		case 'template':
			return textBody(templateAsText(msg.name, msg.bodyParameters, msg.fallbackText));
		case 'flow':
			// Enviar Pergunta asks a form's fields one by one outside the WhatsApp channel itself.
			throw new InvalidOutboundError('Formulário do WhatsApp (Flow) só é enviado pelo canal WhatsApp; pelo Chatwoot o card pergunta os campos um a um.');
	}
}

function textBody(text: string): ChatwootOutbound {
	if (typeof text !== 'string' || text.trim() === '') throw new InvalidOutboundError('Mensagem de texto vazia: o Chatwoot não aceita mensagem sem conteúdo.');
	return { kind: 'json', body: { content: truncate(text, CHATWOOT_MAX_CONTENT), message_type: 'outgoing', private: false } };
}

function choicesBody(text: string, choices: Choice[], kind: ChatwootInboxKind, footer?: string): ChatwootOutbound {
	const prompt = text.trim() === '' ? DEFAULT_CHOICE_PROMPT : text.trim();
	if (choices.length === 0) return textBody(prompt);
	const titles = kind === 'options' ? choices.map((choice) => choice.label.trim()) : kind === 'whatsapp' ? whatsAppTitles(choices) : undefined;
	if (!titles) return textBody(numberedChoicesText(text, choices, CHATWOOT_MAX_CONTENT, footer?.trim()));
	const content = footer?.trim() ? `${prompt}\n\n${footer.trim()}` : prompt;
	const bodyMax = kind === 'whatsapp' ? WHATSAPP_LIMITS.interactiveBody : CHATWOOT_MAX_CONTENT;
	return {
		kind: 'json',
		body: {
			content: truncate(content, bodyMax),
			content_type: 'input_select',
			content_attributes: { items: choices.map((choice, index) => ({ title: titles[index], value: choice.id })) },
			message_type: 'outgoing',
			private: false,
		},
	};
}

/** A private note (seen by the agents only). */
export function privateNoteBody(text: string): Record<string, unknown> {
	return { content: truncate(text, CHATWOOT_MAX_CONTENT), message_type: 'outgoing', private: true };
}
