/** Renders neutral outbound messages as Telegram Bot API requests (paths carry only `/<method>`). */
import { InvalidOutboundError } from '../errors';
import { DEFAULT_CHOICE_PROMPT, hasUniqueIds, numberedChoicesText, templateAsText, truncate, utf8Length } from '../text';
import type { Choice, OutboundMessage, WireRequest } from '../types';

export {
	answerCallbackQuery,
	deleteWebhookRequest,
	getWebhookInfoRequest,
	setWebhookRequest,
	telegramPath,
	withTelegramToken,
} from './requests';

/** Bot API limits (docs/apis-externas.md §B). */
export const TELEGRAM_LIMITS = { text: 4096, caption: 1024, callbackDataBytes: 64 } as const;

type MediaMessage = Extract<OutboundMessage, { kind: 'media' }>;

const SEND_METHOD = { image: 'sendPhoto', document: 'sendDocument', audio: 'sendAudio', video: 'sendVideo' } as const;
const MEDIA_FIELD = { image: 'photo', document: 'document', audio: 'audio', video: 'video' } as const;

/**
 * Renders `msg` for the chat `chatId`. Choices become an inline keyboard (one button per row,
 * `callback_data` = choice id); ids that are empty, repeated or over 64 bytes fall back to a
 * numbered text menu. Media goes by URL or file_id (`mediaId`); templates become plain text.
 * Send each request to `withTelegramToken(token, request)`.
 * Throws `InvalidOutboundError` for an empty text or media without URL or file_id.
 */
export function renderTelegram(chatId: string, msg: OutboundMessage): WireRequest[] {
	if (typeof chatId !== 'string' || chatId.trim() === '') {
		throw new InvalidOutboundError('Chat do Telegram vazio: responda ao chat.id recebido.');
	}
	switch (msg.kind) {
		case 'text':
			return [sendMessage(chatId, msg.text)];
		case 'choices':
			return [choicesRequest(chatId, msg.text, msg.choices, msg.footer)];
		case 'media':
			return [mediaRequest(chatId, msg)];
		case 'template':
			return [sendMessage(chatId, templateAsText(msg.name, msg.bodyParameters, msg.fallbackText))];
		case 'flow':
			throw new InvalidOutboundError('O Telegram não mostra formulários do WhatsApp (Flows): pergunte os campos como texto.');
	}
}

function sendMessage(chatId: string, text: string, replyMarkup?: unknown): WireRequest {
	if (typeof text !== 'string' || text.trim() === '') {
		throw new InvalidOutboundError('Mensagem de texto vazia: o Telegram não aceita texto sem conteúdo.');
	}
	const markup = replyMarkup ? { reply_markup: replyMarkup } : {};
	const body = { chat_id: chatId, text: truncate(text, TELEGRAM_LIMITS.text), ...markup };
	return { method: 'POST', path: '/sendMessage', body };
}

function choicesRequest(chatId: string, text: string, choices: Choice[], footer?: string): WireRequest {
	const prompt = text.trim() === '' ? DEFAULT_CHOICE_PROMPT : text;
	if (choices.length === 0) return sendMessage(chatId, prompt);
	if (!fitsKeyboard(choices)) {
		return sendMessage(chatId, numberedChoicesText(text, choices, TELEGRAM_LIMITS.text, footer?.trim()));
	}
	const withFooter = footer?.trim() ? `${prompt}\n\n${footer.trim()}` : prompt;
	const inlineKeyboard = choices.map((choice) => [{ text: choice.label, callback_data: choice.id }]);
	return sendMessage(chatId, withFooter, { inline_keyboard: inlineKeyboard });
}

/** Inline buttons need non-empty labels and unique, non-empty `callback_data` of at most 64 bytes. */
function fitsKeyboard(choices: Choice[]): boolean {
	return (
		hasUniqueIds(choices) &&
		choices.every((choice) => choice.label.trim() !== '' && utf8Length(choice.id) <= TELEGRAM_LIMITS.callbackDataBytes)
	);
}

function mediaRequest(chatId: string, msg: MediaMessage): WireRequest {
	const file = msg.mediaId ?? msg.url;
	if (!file) {
		throw new InvalidOutboundError(
			msg.data
				? 'Arquivo em binário não suportado neste envio ao Telegram: informe uma URL pública ou o file_id.'
				: 'Mídia sem URL nem file_id: informe o link público do arquivo.',
		);
	}
	const caption = msg.caption?.trim() ? { caption: truncate(msg.caption, TELEGRAM_LIMITS.caption) } : {};
	return {
		method: 'POST',
		path: `/${SEND_METHOD[msg.mediaType]}`,
		body: { chat_id: chatId, [MEDIA_FIELD[msg.mediaType]]: file, ...caption },
	};
}
