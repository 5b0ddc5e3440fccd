/**
 * Pieces of the cards' `subtitle`s: the line n8n shows under a node on the canvas. n8n's editor evaluates
 * the subtitle as an expression over the node's parameters (`$parameter`, with their defaults) and shows
 * nothing when it throws, so every piece here tolerates a missing or empty parameter.
 */

/** Longest text a subtitle shows from a parameter before cutting it with '…' (about one line on the canvas). */
export const SUBTITLE_TEXT_MAX = 32;

/**
 * Expression code (JavaScript inside `={{ }}`) for the text of `source`, spaces collapsed, cut to `max`
 * characters at a word with '…', or `empty` when blank.
 */
export function subtitleText(source: string, empty: string, max = SUBTITLE_TEXT_MAX): string {
	const cut = `((c) => (c.replace(/\\s+\\S*$/, "") || c) + "…")(t.slice(0, ${max - 1}))`;
	return `((t) => t.length > ${max} ? ${cut} : (t || ${JSON.stringify(empty)}))(String(${source} ?? "").replace(/\\s+/g, " ").trim())`;
}

/** Expression code for "1 opção" / "3 opções": `count` is expression code for a number. */
export function subtitleCount(count: string, singular: string, plural: string): string {
	return `((n) => n + (n === 1 ? ${JSON.stringify(` ${singular}`)} : ${JSON.stringify(` ${plural}`)}))(${count})`;
}

/** Expression code for the number of rows of a fixedCollection parameter (`values` rows), 0 when it has none. */
export function subtitleRows(parameter: string, rows = 'values'): string {
	return `($parameter[${JSON.stringify(parameter)}]?.${rows}?.length ?? 0)`;
}

/** Expression code for the label of an options parameter's value, `fallback` for an unknown one. */
export function subtitleLabel(parameter: string, labels: Record<string, string>, fallback = ''): string {
	return `(${JSON.stringify(labels)}[$parameter[${JSON.stringify(parameter)}]] ?? ${JSON.stringify(fallback)})`;
}

/** A whole subtitle from expression code. */
export function subtitleExpression(code: string): string {
	return `={{ ${code} }}`;
}
