import { createHash } from 'crypto';

/**
 * Text safe inside HTML element content and single- or double-quoted attribute values: the five
 * HTML-significant characters become numeric character references.
 */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The Content-Security-Policy source that allows exactly this inline script or style: `'sha256-…'`. */
export function cspHashSource(text: string): string {
	return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}
