/**
 * Message templates of a WhatsApp Business Account: `GET /<ver>/<WABA_ID>/message_templates`
 * answers `{ data: [...], paging: { cursors: { before, after }, next? } }` as on Meta's
 * "Template management" page (developers.facebook.com/documentation/business-messaging/whatsapp/
 * templates/template-management; the pack's use in docs/apis-externas.md §A.5). Template sends are checked against them.
 */
import type { RecordedRequest, SimulatorReply } from './base';
import { graphErrorReply } from './whatsapp-errors';

/** One component of a template definition (upper-case types, as Meta returns them). */
export interface TemplateComponentDefinition {
	type: 'HEADER' | 'BODY' | 'FOOTER' | 'BUTTONS';
	format?: 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION';
	text?: string;
	buttons?: Array<{
		type: 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER' | 'FLOW';
		text: string;
		url?: string;
		phone_number?: string;
		/** FLOW buttons (docs/apis-externas.md §A "WhatsApp Flows"). */
		flow_id?: string;
		navigate_screen?: string;
		flow_action?: 'navigate' | 'data_exchange';
	}>;
	example?: Record<string, unknown>;
}

/** A template as listed by the Message Templates API. */
export interface MessageTemplate {
	id: string;
	name: string;
	language: string;
	status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';
	category: 'UTILITY' | 'MARKETING' | 'AUTHENTICATION';
	parameter_format: 'POSITIONAL' | 'NAMED';
	components: TemplateComponentDefinition[];
}

/** Templates every WhatsApp simulator starts with. */
export const DEFAULT_TEMPLATES: readonly MessageTemplate[] = [
	{
		id: '1000000000000001',
		name: 'fatura_disponivel',
		language: 'pt_BR',
		status: 'APPROVED',
		category: 'UTILITY',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'HEADER', format: 'DOCUMENT' },
			{ type: 'BODY', text: 'Olá {{1}}, sua fatura de {{2}} vence em {{3}}.', example: { body_text: [['Maria', 'R$ 26,00', '21/11/2024']] } },
			{ type: 'FOOTER', text: 'Provedor XYZ' },
			{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Pagar com Pix' }] },
		],
	},
	{
		id: '1000000000000002',
		name: 'retomar_atendimento',
		language: 'pt_BR',
		status: 'APPROVED',
		category: 'UTILITY',
		parameter_format: 'POSITIONAL',
		components: [{ type: 'BODY', text: 'Olá {{1}}! Podemos continuar o seu atendimento?' }],
	},
	{
		id: '1000000000000003',
		name: 'promocao_upgrade',
		language: 'pt_BR',
		status: 'PENDING',
		category: 'MARKETING',
		parameter_format: 'POSITIONAL',
		components: [{ type: 'BODY', text: 'Aproveite o upgrade para {{1}}!' }],
	},
];

/** Answers a template listing with Meta's filters `name`, `status`, `language`, `category` and cursor paging (`limit`, `after`). */
export function listTemplates(templates: readonly MessageTemplate[], request: RecordedRequest): SimulatorReply {
	const { name, status, language, category } = request.query;
	const matching = templates.filter(
		(template) =>
			(!name || template.name.includes(name)) &&
			(!status || template.status === status.toUpperCase()) &&
			(!language || template.language === language) &&
			(!category || template.category === category.toUpperCase()),
	);
	const limit = Math.max(1, Number(request.query.limit) || 25);
	const offset = request.query.after ? Number(Buffer.from(request.query.after, 'base64').toString('utf8')) || 0 : 0;
	const page = matching.slice(offset, offset + limit);
	const cursor = (index: number) => Buffer.from(String(index)).toString('base64');
	const paging: Record<string, unknown> = { cursors: { before: cursor(offset), after: cursor(offset + page.length) } };
	if (offset + page.length < matching.length) paging.next = `${request.path}?limit=${limit}&after=${cursor(offset + page.length)}`;
	return { status: 200, body: { data: page, paging } };
}

/**
 * Checks a `template` send against the registered templates: an unknown or non-approved
 * name/language gives 132001, a body parameter count that differs from the `{{n}}` count gives 132000.
 */
export function checkTemplateSend(templates: readonly MessageTemplate[], template: Record<string, unknown>): SimulatorReply | null {
	const language = (template.language as { code?: unknown } | undefined)?.code;
	const registered = templates.find((candidate) => candidate.name === template.name && candidate.language === language);
	if (!registered || registered.status !== 'APPROVED') {
		return graphErrorReply(132001, `template name (${String(template.name)}) does not exist in ${String(language)}`);
	}
	const bodyText = registered.components.find((component) => component.type === 'BODY')?.text ?? '';
	const expected = new Set(bodyText.match(/\{\{[^}]+\}\}/g) ?? []).size;
	const components = Array.isArray(template.components) ? (template.components as Array<Record<string, unknown>>) : [];
	const body = components.find((component) => component.type === 'body');
	const received = Array.isArray(body?.parameters) ? body.parameters.length : 0;
	if (expected !== received) {
		return graphErrorReply(132000, `body: number of localizable_params (${received}) does not match the expected number of params (${expected})`);
	}
	return checkQuickReplyButtons(registered, components);
}

/**
 * A send's `button` components of sub-type `quick_reply` must name, by `index` (a string, zero-based
 * among all the template's buttons), a QUICK_REPLY button of the template, once, with one `payload`
 * parameter (non-empty, at most 256 characters: the pack's own cap, as Meta documents none).
 */
function checkQuickReplyButtons(registered: MessageTemplate, components: Array<Record<string, unknown>>): SimulatorReply | null {
	const buttons = registered.components.find((component) => component.type === 'BUTTONS')?.buttons ?? [];
	const seen = new Set<string>();
	for (const component of components.filter((candidate) => candidate.type === 'button' && candidate.sub_type === 'quick_reply')) {
		const index = component.index;
		if (typeof index !== 'string' || !/^\d$/.test(index) || buttons[Number(index)]?.type !== 'QUICK_REPLY' || seen.has(index)) {
			return graphErrorReply(131009, `button at index ${String(index)} is not a quick reply of the template`);
		}
		seen.add(index);
		const parameters = Array.isArray(component.parameters) ? (component.parameters as Array<Record<string, unknown>>) : [];
		const payload = parameters[0]?.payload;
		if (parameters.length !== 1 || parameters[0].type !== 'payload' || typeof payload !== 'string' || payload === '' || payload.length > 256) {
			return graphErrorReply(131009, `button at index ${index}: a quick reply takes one payload parameter (1 to 256 characters)`);
		}
	}
	return null;
}

/**
 * The inbound message of a customer tapping the quick reply `text` of a template the simulator
 * accepted: `type: "button"` with the payload the send gave that button (or its text when it gave
 * none, as WhatsApp does), replying to the template's wamid. `undefined` when the template has no such button.
 */
export function templateButtonTap(templates: readonly MessageTemplate[], sent: { body: Record<string, unknown> }, text: string): { payload: string; text: string } | undefined {
	const template = sent.body.template as { name?: unknown; language?: { code?: unknown }; components?: Array<Record<string, unknown>> } | undefined;
	const registered = templates.find((candidate) => candidate.name === template?.name && candidate.language === template?.language?.code);
	const buttons = registered?.components.find((component) => component.type === 'BUTTONS')?.buttons ?? [];
	const index = buttons.findIndex((button) => button.type === 'QUICK_REPLY' && button.text === text);
	if (index < 0) return undefined;
	const component = (template?.components ?? []).find((candidate) => candidate.type === 'button' && candidate.sub_type === 'quick_reply' && candidate.index === String(index));
	const payload = (component?.parameters as Array<{ payload?: string }> | undefined)?.[0]?.payload;
	return { payload: payload ?? text, text };
}
