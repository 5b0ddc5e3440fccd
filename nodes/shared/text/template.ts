/** Values available to message templates. Empty or missing values render as an empty string. */
export interface TemplateVariables {
	/** Protocol number of the conversation (`{{protocolo}}`). */
	protocol?: string;
	/** Name on the customer's channel profile, e.g. WhatsApp (`{{nome_usuario}}`). */
	userName?: string;
	/** Customer name from the ERP (`{{nome_cliente}}`, "Cliente" when empty). */
	customerName?: string;
	/** Customer phone (`{{telefone}}`). */
	phone?: string;
	/** Name of the provider (`{{nome_empresa}}`). */
	companyName?: string;
	/** Name of the human agent handling the conversation (`{{nome_atendente}}`). */
	agentName?: string;
	/** The customer's summary of the problem, from Solicitar Descrição (`{{descricao}}`). */
	description?: string;
	/** Conversation variables, read with `{{var.<name>}}` and nested paths `{{var.a.b}}`. */
	conversation?: Record<string, unknown>;
}

/** One placeholder offered to flow authors, for the node UI. */
export interface TemplateVariableDescription {
	placeholder: string;
	label: string;
}

interface FixedPlaceholder {
	label: string;
	resolve: (vars: TemplateVariables) => string;
}

const CUSTOMER_NAME_FALLBACK = 'Cliente';
const CONVERSATION_PREFIX = 'var.';

const FIXED_PLACEHOLDERS: Readonly<Record<string, FixedPlaceholder>> = {
	protocolo: { label: 'Número do protocolo do atendimento', resolve: (vars) => vars.protocol ?? '' },
	nome_usuario: { label: 'Nome do perfil do cliente no canal (ex.: WhatsApp)', resolve: (vars) => vars.userName ?? '' },
	nome_cliente: {
		label: 'Nome do cliente no ERP ("Cliente" se desconhecido)',
		resolve: (vars) => vars.customerName?.trim() || CUSTOMER_NAME_FALLBACK,
	},
	telefone: { label: 'Telefone do cliente', resolve: (vars) => vars.phone ?? '' },
	nome_empresa: { label: 'Nome da empresa (provedor)', resolve: (vars) => vars.companyName ?? '' },
	nome_atendente: { label: 'Nome do atendente humano', resolve: (vars) => vars.agentName ?? '' },
	descricao: { label: 'Descrição do problema escrita pelo cliente (card Solicitar Descrição)', resolve: (vars) => vars.description ?? '' },
};

/** `{{ name }}`: anything but braces between double braces, spaces around the name allowed. */
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** Follows a dotted path through own properties only; `found: false` when any step is missing. */
function readPath(root: Record<string, unknown> | undefined, path: string): { found: boolean; value?: unknown } {
	let current: unknown = root;
	for (const key of path.split('.')) {
		const isContainer = current !== null && typeof current === 'object';
		if (key === '' || !isContainer || !Object.prototype.hasOwnProperty.call(current, key)) return { found: false };
		current = (current as Record<string, unknown>)[key];
	}
	return { found: true, value: current };
}

function stringify(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/**
 * Replaces the placeholders of a message: `{{protocolo}}`, `{{nome_usuario}}`,
 * `{{nome_cliente}}`, `{{telefone}}`, `{{nome_empresa}}`, `{{nome_atendente}}`, `{{descricao}}` and
 * `{{var.<name>}}` (conversation variables, nested paths such as `{{var.fatura.valor}}`; objects
 * render as JSON). Unknown placeholders and missing variables are left as typed so the author
 * notices them. Plain substitution: nothing is evaluated.
 */
export function renderTemplate(text: string, vars: TemplateVariables): string {
	return text.replace(PLACEHOLDER, (placeholder: string, name: string) => {
		const fixed = Object.prototype.hasOwnProperty.call(FIXED_PLACEHOLDERS, name) ? FIXED_PLACEHOLDERS[name] : undefined;
		if (fixed) return fixed.resolve(vars);
		if (!name.startsWith(CONVERSATION_PREFIX)) return placeholder;
		const lookup = readPath(vars.conversation, name.slice(CONVERSATION_PREFIX.length));
		return lookup.found ? stringify(lookup.value) : placeholder;
	});
}

/** The placeholders authors can use in message fields, with pt-BR labels for the node UI. */
export function listTemplateVariables(): TemplateVariableDescription[] {
	return [
		...Object.entries(FIXED_PLACEHOLDERS).map(([name, { label }]) => ({ placeholder: `{{${name}}}`, label })),
		{ placeholder: '{{var.<nome>}}', label: 'Variável da conversa (caminhos aninhados: {{var.fatura.valor}})' },
	];
}
