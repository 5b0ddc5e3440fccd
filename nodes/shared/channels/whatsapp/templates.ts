/**
 * Message templates of a WhatsApp Business Account (WABA): `GET /<ver>/<WABA_ID>/message_templates`
 * answers `{ data: [...], paging: { cursors: { after }, next? } }` (Meta's "Template management"
 * page). Fetching takes an injected HTTP function (n8n's `httpRequestWithAuthentication` with the
 * WhatsApp credential); everything else here is pure: which templates this pack can send, their
 * `{{n}}` variables, quick-reply buttons and the text the customer reads.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

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

/** The WhatsApp credential fields the listing needs. */
export interface TemplateAccount {
	baseUrl: string;
	apiVersion: string;
	businessAccountId?: string;
}

/** A listing failure with Meta's error body, for the caller to turn into a NodeApiError. */
export class TemplateListError extends Error {
	constructor(
		message: string,
		readonly statusCode: number | undefined,
		readonly body: unknown,
	) {
		super(message);
		this.name = 'TemplateListError';
	}
}

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/** Pages read at most (100 templates each): a WABA has at most a few hundred templates. */
const MAX_TEMPLATE_PAGES = 20;

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
	return (component(template, 'BUTTONS')?.buttons ?? []).filter((button) => button.type.toUpperCase() === 'QUICK_REPLY').map((button) => button.text ?? '');
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

function isTemplate(value: unknown): value is WabaTemplate {
	const candidate = value as Partial<WabaTemplate> | undefined;
	return typeof candidate?.name === 'string' && typeof candidate.language === 'string' && Array.isArray(candidate.components);
}

/**
 * Every APPROVED template of the account, following Meta's cursor paging (`after`). Throws
 * {@link TemplateListError} when the account id is missing or Meta refuses the listing.
 */
export async function fetchApprovedTemplates(request: HttpRequest, account: TemplateAccount): Promise<WabaTemplate[]> {
	const wabaId = String(account.businessAccountId ?? '').trim();
	if (!/^\d+$/.test(wabaId)) {
		throw new TemplateListError('A credencial do WhatsApp não tem o ID da conta do WhatsApp Business (WABA)', undefined, undefined);
	}
	const version = String(account.apiVersion ?? '').trim().replace(/^v?/, 'v');
	const url = `${String(account.baseUrl ?? '').replace(/\/+$/, '')}/${version}/${wabaId}/message_templates`;
	const templates: WabaTemplate[] = [];
	let after: string | undefined;
	for (let page = 0; page < MAX_TEMPLATE_PAGES; page++) {
		const response = (await request({
			method: 'GET',
			url,
			qs: { status: 'APPROVED', limit: 100, ...(after ? { after } : {}) },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 20_000,
		})) as { statusCode: number; body: unknown };
		if (response.statusCode >= 300) {
			throw new TemplateListError(`O WhatsApp recusou a listagem de templates (HTTP ${response.statusCode})`, response.statusCode, response.body);
		}
		const body = (response.body ?? {}) as { data?: unknown; paging?: { next?: unknown; cursors?: { after?: unknown } } };
		const data = Array.isArray(body.data) ? body.data.filter(isTemplate) : [];
		templates.push(...data.filter((template) => String(template.status).toUpperCase() === 'APPROVED'));
		const next = typeof body.paging?.cursors?.after === 'string' ? body.paging.cursors.after : undefined;
		if (!body.paging?.next || !next || data.length === 0) break;
		after = next;
	}
	return templates;
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
