/**
 * What the web chat page shows besides the bot's own messages, computed on the server (pure functions,
 * unit-tested here; the page's client script only displays the result):
 *
 * - {@link webchatMessageView}: a bot message as the page gets it: a question whose text tells the
 *   customer to type a number (`1 - Financeiro` lines, "digite o número") gets `numbered: true`, so
 *   its buttons show their number; a text that is a Pix copia-e-cola (BR Code) gets `pix`, so the
 *   page shows a "Copiar código Pix" button;
 * - {@link webchatStatusOf}: the status line under the messages after a transfer to a person;
 * - {@link typedChoiceOf}: which button of the last question a typed answer picks (the card's own
 *   matcher), so the page marks it like a click.
 */
import type { Choice, OutboundMessage } from '../types';
import type { Conversation, WebchatEntry } from '../../conversation/types';
import { matchChoice } from '../../text/match';
import { normalizeForMatch } from '../../text/normalize';

/** A bot message as served to the page: the neutral message plus display hints. */
export type WebchatMessageView = OutboundMessage & {
	/** Choices: the text says the options can be answered by number; the buttons show it. */
	numbered?: boolean;
	/** Text: the Pix copia-e-cola the message carries (the whole message is the code). */
	pix?: string;
};

/** `1 - Financeiro`, `2) Suporte`, `3. Comercial`, `4: Outros`, `*1* Financeiro` at the start of a line. */
const NUMBERED_LINE = /^\s*\*?(\d{1,2})\*?\s*(?:[-–—).:]|\s)\s*\S/;
/** Words that tell the customer to type the option's number. */
const NUMBER_HINT = /\b(digite|responda|envie|informe|escolha)\b.*\bnumero\b|\bnumero da opcao\b/;

/**
 * True when the question text offers numbered answers: at least two lines numbered 1, 2… in order
 * (`1 - Financeiro` style), or a hint such as "digite o número da opção".
 */
export function isNumberedQuestion(text: string): boolean {
	const numbers = text
		.split('\n')
		.map((line) => NUMBERED_LINE.exec(line)?.[1])
		.filter((n): n is string => n !== undefined)
		.map(Number);
	if (numbers.length >= 2 && numbers[0] === 1 && numbers.every((n, i) => i === 0 || n === numbers[i - 1] + 1)) return true;
	return NUMBER_HINT.test(normalizeForMatch(text));
}

/** CRC16/CCITT-FALSE (poly 0x1021, init 0xFFFF), the checksum of the BR Code's field 63. */
export function crc16Ccitt(text: string): string {
	let crc = 0xffff;
	for (const byte of Buffer.from(text, 'utf8')) {
		crc ^= byte << 8;
		for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
	}
	return crc.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * The Pix copia-e-cola in `text`, when the whole text (trimmed) is one: an EMV BR Code that starts with
 * `000201`, names the Pix domain (`br.gov.bcb.pix`) and ends with a valid CRC (`6304XXXX`).
 */
export function pixCodeOf(text: string): string | undefined {
	const code = text.trim();
	if (code.length < 50 || code.length > 512 || /[\r\n]/.test(code)) return undefined;
	if (!code.startsWith('000201') || !/br\.gov\.bcb\.pix/i.test(code)) return undefined;
	const tail = /6304([0-9A-Fa-f]{4})$/.exec(code);
	if (!tail) return undefined;
	return crc16Ccitt(code.slice(0, -4)) === tail[1].toUpperCase() ? code : undefined;
}

/** A bot message with the page's display hints (the message itself is not changed). */
export function webchatMessageView(message: OutboundMessage): WebchatMessageView {
	if (message.kind === 'choices' && isNumberedQuestion(message.text)) return { ...message, numbered: true };
	if (message.kind === 'text') {
		const pix = pixCodeOf(message.text);
		if (pix) return { ...message, pix };
	}
	return message;
}

/** The stream entries as the page gets them (see {@link webchatMessageView}). */
export function webchatEntriesView(entries: WebchatEntry[]): Array<Omit<WebchatEntry, 'message'> & { message: WebchatMessageView }> {
	return entries.map((entry) => ({ ...entry, message: webchatMessageView(entry.message) }));
}

/** The status line of the page: waiting for a person, or who joined. */
export interface WebchatStatus {
	state: 'aguardando' | 'atendente';
	text: string;
}

export const WAITING_FOR_AGENT_TEXT = 'Aguardando um atendente…';

/**
 * The status line while the conversation is with people: "Aguardando um atendente…" from the transfer
 * until an agent takes it on the Painel (or writes), then "<nome> entrou na conversa". Nothing when
 * the bot has the conversation or the human part ended.
 */
export function webchatStatusOf(conversation: Conversation | undefined): WebchatStatus | undefined {
	if (!conversation || conversation.state !== 'human' || conversation.deskEndedAt !== undefined) return undefined;
	const since = conversation.transferredAt ?? 0;
	const wrote = conversation.history.find((entry) => entry.from === 'atendente' && entry.at >= since);
	const took = conversation.events.some((event) => event.type === 'painel_atribuida' && event.at >= since);
	const login = conversation.attendant ?? wrote?.agent;
	if (!took && !wrote) return { state: 'aguardando', text: WAITING_FOR_AGENT_TEXT };
	const name = (conversation.attendant && conversation.attendantName) || login;
	return { state: 'atendente', text: name ? `${name} entrou na conversa` : 'Um atendente entrou na conversa' };
}

/**
 * The button a typed answer picks: the card's matcher (number, title, unique start of a title) applied
 * to the newest question with buttons of the stream (none when a password was asked after it). `seq`
 * identifies that question on the page.
 */
export function typedChoiceOf(entries: WebchatEntry[], text: string): { seq: number; choice: Choice } | undefined {
	for (let i = entries.length - 1; i >= 0; i--) {
		const message = entries[i].message;
		// A password asked after the question is never matched against its buttons.
		if (message.kind === 'text' && message.secretAnswer) return undefined;
		if (entries[i].from !== 'bot' || message.kind !== 'choices') continue;
		const choice = matchChoice(text, message.choices);
		return choice ? { seq: entries[i].seq, choice } : undefined;
	}
	return undefined;
}
