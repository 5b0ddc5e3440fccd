import { accept, reject, type ValidationResult } from './result';

/** Accepts any non-blank free-text answer; the value is trimmed. */
export function validateText(text: string): ValidationResult {
	const trimmed = text.trim();
	return trimmed ? accept(trimmed) : reject('Resposta vazia: digite sua resposta.');
}
