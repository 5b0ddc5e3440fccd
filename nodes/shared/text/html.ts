/**
 * Text safe inside HTML element content and single- or double-quoted attribute values: the five
 * HTML-significant characters become numeric character references.
 */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
