/**
 * Normalises text for lenient comparison: lower case, accents removed (NFD, combining marks
 * dropped), punctuation and symbols turned into spaces, spaces collapsed and trimmed.
 * `"  Suporte   Técnico! "` → `"suporte tecnico"`, `"2 - Financeiro"` → `"2 financeiro"`.
 */
export function normalizeForMatch(s: string): string {
	return s
		.toLowerCase()
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[\p{P}\p{S}]/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}
