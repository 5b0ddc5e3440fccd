/**
 * Message templates of a WhatsApp Business Account (WABA): `GET /<ver>/<WABA_ID>/message_templates`
 * answers `{ data: [...], paging: { cursors: { after }, next? } }` (Meta's "Template management"
 * page); fetching them is `listApprovedTemplates` of api.ts. Everything here is pure: which templates
 * this pack can send, their `{{n}}` variables, quick-reply buttons and the text the customer reads.
 */

/** One component of a template definition, as Meta lists it (upper-case types). */
export interface WabaTemplateComponent {
	type: string;
	format?: string;
	text?: string;
	buttons?: Array<{ type: string; text?: string; url?: string }>;
}

/** A template as the Message Templates API lists it. */
export interface WabaTemplate {
	name: string;
	language: string;
	status: string;
	category?: string;
	parameter_format?: string;
	components: WabaTemplateComponent[];
}

/** `{{1}}`, `{{ 2 }}`: positional variables of a component text. */
const POSITIONAL = /\{\{\s*(\d+)\s*\}\}/g;
/** Any `{{…}}`, positional or named. */
const ANY_VARIABLE = /\{\{[^{}]*\}\}/;

function component(template: WabaTemplate, type: string): WabaTemplateComponent | undefined {
	return template.components.find((candidate) => candidate.type.toUpperCase() === type);
}

/** The positional body variables, in order: `[1, 2, 3]`. */
export function bodyVariables(template: WabaTemplate): number[] {
	const text = component(template, 'BODY')?.text ?? '';
	return [...new Set([...text.matchAll(POSITIONAL)].map((match) => Number(match[1])))].sort((a, b) => a - b);
}

/** Texts of the template's quick-reply buttons, in order. */
export function quickReplyButtons(template: WabaTemplate): string[] {
	return quickReplyButtonPositions(template).map((button) => button.text);
}

/**
 * The template's quick-reply buttons with their `index` among all of its buttons (what a send's
 * `button` component names: a link or call button before a quick reply shifts it), in order.
 */
export function quickReplyButtonPositions(template: WabaTemplate): Array<{ index: number; text: string }> {
	return (component(template, 'BUTTONS')?.buttons ?? [])
		.map((button, index) => ({ index, type: button.type.toUpperCase(), text: button.text ?? '' }))
		.filter((button) => button.type === 'QUICK_REPLY')
		.map(({ index, text }) => ({ index, text }));
}

/**
 * Why this pack cannot send `template` (pt-BR), or `undefined` when it can: the queue and the cards
 * fill body variables only, so a media header, a header or URL button with variables, named
 * variables or gaps in the numbering cannot be sent.
 */
export function unsupportedReason(template: WabaTemplate): string | undefined {
	if ((template.parameter_format ?? 'POSITIONAL').toUpperCase() !== 'POSITIONAL') return 'usa variáveis nomeadas';
	const header = component(template, 'HEADER');
	if (header && (header.format ?? 'TEXT').toUpperCase() !== 'TEXT') return `tem cabeçalho de mídia (${String(header.format).toLowerCase()})`;
	if (header?.text && ANY_VARIABLE.test(header.text)) return 'tem variável no cabeçalho';
	const buttons = component(template, 'BUTTONS')?.buttons ?? [];
	if (buttons.some((button) => ANY_VARIABLE.test(button.url ?? ''))) return 'tem botão de link com variável';
	const body = component(template, 'BODY')?.text ?? '';
	if (ANY_VARIABLE.test(body.replace(POSITIONAL, ''))) return 'usa variáveis nomeadas';
	const variables = bodyVariables(template);
	if (variables.some((number, index) => number !== index + 1)) return 'tem variáveis fora de sequência ({{1}}, {{2}}…)';
	return undefined;
}

/** The body with `{{n}}` replaced by `values[n-1]` (a missing value keeps the placeholder). */
export function fillBody(template: WabaTemplate, values: string[]): string {
	const text = component(template, 'BODY')?.text ?? '';
	return text.replace(POSITIONAL, (placeholder, number: string) => values[Number(number) - 1] ?? placeholder);
}

/** What the customer reads: header, body with the values, footer, each on its own paragraph. */
export function previewText(template: WabaTemplate, values: string[]): string {
	return [component(template, 'HEADER')?.text, fillBody(template, values), component(template, 'FOOTER')?.text]
		.map((part) => part?.trim())
		.filter(Boolean)
		.join('\n\n');
}

/** The `name|language` value lists and parameters use for one template. */
export function templateKey(template: Pick<WabaTemplate, 'name' | 'language'>): string {
	return `${template.name}|${template.language}`;
}

/** `name|language` split; `undefined` when the value is not one. */
export function parseTemplateKey(value: string): { name: string; language: string } | undefined {
	const [name, language, ...rest] = String(value ?? '').split('|');
	return name?.trim() && language?.trim() && rest.length === 0 ? { name: name.trim(), language: language.trim() } : undefined;
}

/** The approved template `key` (`name|language`) of the account, or `undefined`. */
export function findTemplate(templates: WabaTemplate[], key: string): WabaTemplate | undefined {
	const wanted = parseTemplateKey(key);
	return wanted && templates.find((template) => template.name === wanted.name && template.language === wanted.language);
}

/** A template variable filled by the flow: `{{variable}}` takes `value`. */
export interface VariableMapping {
	variable: number;
	value: unknown;
}

/** A mapping that does not fit the template (missing, repeated or unknown variable). */
export class TemplateVariableError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'TemplateVariableError';
	}
}

function asText(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * The body parameters of `template` in order, one per `{{n}}`, from the mappings. Every variable
 * must be mapped exactly once; values are text as WhatsApp accepts it (`normalize`, e.g. flattened
 * lines and '-' for empty), so what is queued is exactly what is sent and previewed.
 */
export function bodyParameters(template: WabaTemplate, mappings: VariableMapping[], normalize: (value: string) => string): string[] {
	const variables = bodyVariables(template);
	const byVariable = new Map<number, unknown>();
	for (const mapping of mappings) {
		const variable = Number(mapping.variable);
		if (!variables.includes(variable)) {
			throw new TemplateVariableError(`O template "${template.name}" não tem a variável {{${mapping.variable}}}`, `As variáveis dele são ${variables.map((n) => `{{${n}}}`).join(', ') || 'nenhuma'}. Remova ou corrija a linha em "Variáveis".`);
		}
		if (byVariable.has(variable)) {
			throw new TemplateVariableError(`A variável {{${variable}}} foi preenchida duas vezes`, 'Deixe uma só linha por variável em "Variáveis".');
		}
		byVariable.set(variable, mapping.value);
	}
	const missing = variables.filter((variable) => !byVariable.has(variable));
	if (missing.length > 0) {
		throw new TemplateVariableError(`Faltam valores para ${missing.map((n) => `{{${n}}}`).join(', ')} do template "${template.name}"`, 'Adicione uma linha em "Variáveis" para cada variável do template, com o campo do item que a preenche.');
	}
	return variables.map((variable) => normalize(asText(byVariable.get(variable))));
}
