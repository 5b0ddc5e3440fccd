/** Text helpers shared by the renderers: safe truncation and the numbered-options fallback. */
import type { Choice } from './types';

const ELLIPSIS = '…';

/** Default prompt when a question has no text (interactive messages need a body). */
export const DEFAULT_CHOICE_PROMPT = 'Escolha uma opção:';

/** Line that tells the customer how to answer a numbered menu. */
export const NUMBERED_REPLY_HINT = 'Responda com o número da opção desejada.';

/**
 * Cuts `text` to at most `max` UTF-16 code units, ending with '…' when cut. Counting code units
 * is never more lenient than counting characters, and a surrogate pair (emoji) is never split.
 */
export function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	if (max <= 0) return '';
	let cut = text.slice(0, max - ELLIPSIS.length);
	const last = cut.charCodeAt(cut.length - 1);
	if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
	return cut + ELLIPSIS;
}

/** Size of `text` in UTF-8 bytes. */
export function utf8Length(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

/** True when every choice id is non-empty and no two are equal. */
export function hasUniqueIds(choices: Choice[]): boolean {
	const ids = new Set(choices.map((choice) => choice.id));
	return ids.size === choices.length && !ids.has('');
}

/**
 * The plain-text menu used where buttons cannot carry the options:
 * prompt, "1 - Comercial" lines, the answer-with-the-number hint and the footer.
 * The prompt is shortened first so the options always fit in `maxLength`.
 */
export function numberedChoicesText(text: string, choices: Choice[], maxLength: number, footer?: string): string {
	const lines = choices.map((choice, index) => {
		const description = choice.description ? ` (${choice.description})` : '';
		return `${index + 1} - ${choice.label}${description}`;
	});
	const tail = [lines.join('\n'), NUMBERED_REPLY_HINT, footer].filter(Boolean).join('\n\n');
	const prompt = text.trim();
	if (prompt === '') return truncate(tail, maxLength);
	const room = maxLength - tail.length - 2;
	if (room < 1) return truncate(`${prompt}\n\n${tail}`, maxLength);
	return `${truncate(prompt, room)}\n\n${tail}`;
}

/** A template rendered as text: `fallbackText` with `{{n}}` filled in, else the parameters one per line. */
export function templateAsText(name: string, bodyParameters: string[], fallbackText?: string): string {
	if (fallbackText) {
		return fallbackText.replace(/\{\{\s*(\d+)\s*\}\}/g, (match, index: string) => bodyParameters[Number(index) - 1] ?? match);
	}
	const joined = bodyParameters.filter((parameter) => parameter.trim() !== '').join('\n');
	return joined !== '' ? joined : name;
}
