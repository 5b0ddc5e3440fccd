/**
 * Validation of `POST /<ver>/<PHONE_NUMBER_ID>/messages` bodies with the limits of
 * docs/apis-externas.md §A.5: a missing or wrong parameter is Graph error 100, a value outside its
 * limits is 131009 (A.10).
 */
import { isPlainObject } from './base';
import { validateFlowInteractive, validateFlowTemplateButton } from './whatsapp-flows';

/** Why a message body was refused. */
export interface MessageRejection {
	code: 100 | 131009;
	details: string;
}

/** What a valid body asks for. */
export type ValidatedRequest =
	| { kind: 'read'; messageId: string; typing: boolean }
	/** `by`: the addressing field used — `to` (a phone, or a BSUID Meta silently drops) or `recipient` (a BSUID). */
	| { kind: 'message'; to: string; type: string; by: 'to' | 'recipient' };

/** A business-scoped user id (BSUID) or parent BSUID, docs/apis-externas.md §A.9. */
export const BSUID_PATTERN = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;

const MEDIA_TYPES = ['image', 'document', 'audio', 'video', 'sticker'] as const;
const CAPTIONED_MEDIA = new Set(['image', 'document', 'video']);

/** Length in characters (code points), as Meta counts them. */
function characters(value: string): number {
	return [...value].length;
}

function invalid(details: string): MessageRejection {
	return { code: 100, details };
}

function outOfLimits(details: string): MessageRejection {
	return { code: 131009, details };
}

/** Checks that `value` is a string of 1..`max` characters; `label` names it in the rejection. */
function checkText(value: unknown, label: string, max: number, required = true): MessageRejection | null {
	if (value === undefined && !required) return null;
	if (typeof value !== 'string' || value.length === 0) return invalid(`${label} is required`);
	if (characters(value) > max) return outOfLimits(`${label} must be at most ${max} characters (got ${characters(value)})`);
	return null;
}

/** Validates a send or mark-as-read body; returns what it asks for, or why it is refused. */
export function validateMessageBody(body: unknown): ValidatedRequest | MessageRejection {
	if (!isPlainObject(body)) return invalid('The request body must be a JSON object');
	if (body.messaging_product !== 'whatsapp') return invalid('messaging_product must be "whatsapp"');
	if (body.status === 'read') return validateMarkAsRead(body);
	if (body.recipient_type !== undefined && body.recipient_type !== 'individual') return invalid('recipient_type must be "individual"');
	const address = addressOf(body);
	if ('code' in address) return address;
	if (body.context !== undefined && !(isPlainObject(body.context) && typeof body.context.message_id === 'string')) {
		return invalid('context.message_id must be a string');
	}
	const type = body.type ?? 'text';
	if (typeof type !== 'string') return invalid('type must be a string');
	const rejection = validateContent(type, body[type]);
	return rejection ?? { kind: 'message', to: address.to, type, by: address.by };
}

/**
 * Who a send is for: `to` takes precedence over `recipient` (Meta). A BSUID in `to` is accepted (and
 * then silently dropped by the simulator, as Meta does); `recipient` must be a BSUID.
 */
function addressOf(body: Record<string, unknown>): { to: string; by: 'to' | 'recipient' } | MessageRejection {
	if (body.to !== undefined) {
		if (typeof body.to === 'string' && (/^\+?\d{8,15}$/.test(body.to) || BSUID_PATTERN.test(body.to))) return { to: body.to, by: 'to' };
		return invalid('to must be a phone number in international format');
	}
	if (typeof body.recipient === 'string' && BSUID_PATTERN.test(body.recipient)) return { to: body.recipient, by: 'recipient' };
	return invalid(body.recipient === undefined ? 'to or recipient is required' : 'recipient must be a business-scoped user ID');
}

function validateMarkAsRead(body: Record<string, unknown>): ValidatedRequest | MessageRejection {
	if (typeof body.message_id !== 'string' || !body.message_id.startsWith('wamid.')) return outOfLimits('message_id is not a valid wamid');
	if (body.typing_indicator !== undefined && !(isPlainObject(body.typing_indicator) && body.typing_indicator.type === 'text')) {
		return invalid('typing_indicator.type must be "text"');
	}
	return { kind: 'read', messageId: body.message_id, typing: body.typing_indicator !== undefined };
}

function validateContent(type: string, content: unknown): MessageRejection | null {
	if (!isPlainObject(content)) return invalid(`${type} object is required`);
	if (type === 'text') return validateText(content);
	if (type === 'interactive') return validateInteractive(content);
	if (type === 'template') return validateTemplate(content);
	if ((MEDIA_TYPES as readonly string[]).includes(type)) return validateMedia(type, content);
	return invalid(`Unsupported message type: ${type}`);
}

function validateText(text: Record<string, unknown>): MessageRejection | null {
	if (text.preview_url !== undefined && typeof text.preview_url !== 'boolean') return invalid('text.preview_url must be a boolean');
	return checkText(text.body, 'text.body', 4096);
}

function validateMedia(type: string, media: Record<string, unknown>): MessageRejection | null {
	const hasId = typeof media.id === 'string' && media.id !== '';
	const hasLink = typeof media.link === 'string' && /^https?:\/\//.test(media.link);
	if (hasId === hasLink) return invalid(`${type} needs exactly one of id or link`);
	if (media.caption !== undefined) {
		if (!CAPTIONED_MEDIA.has(type)) return invalid(`${type} does not take a caption`);
		const rejection = checkText(media.caption, `${type}.caption`, 1024);
		if (rejection) return rejection;
	}
	if (media.filename !== undefined && (type !== 'document' || typeof media.filename !== 'string')) {
		return invalid('filename is only valid, as a string, on documents');
	}
	return null;
}

function validateInteractive(interactive: Record<string, unknown>): MessageRejection | null {
	const kind = interactive.type;
	if (kind === 'flow') return validateFlowInteractive(interactive);
	if (kind !== 'button' && kind !== 'list') return invalid('interactive.type must be "button", "list" or "flow"');
	const body = isPlainObject(interactive.body) ? interactive.body.text : undefined;
	const rejection =
		checkText(body, 'interactive.body.text', kind === 'button' ? 1024 : 4096) ??
		validateHeader(kind, interactive.header) ??
		(interactive.footer === undefined
			? null
			: checkText(isPlainObject(interactive.footer) ? interactive.footer.text : undefined, 'interactive.footer.text', 60));
	if (rejection) return rejection;
	if (!isPlainObject(interactive.action)) return invalid('interactive.action is required');
	return kind === 'button' ? validateButtons(interactive.action) : validateList(interactive.action);
}

function validateHeader(kind: 'button' | 'list', header: unknown): MessageRejection | null {
	if (header === undefined) return null;
	if (!isPlainObject(header)) return invalid('interactive.header must be an object');
	if (header.type === 'text') return checkText(header.text, 'interactive.header.text', 60);
	if (kind === 'button' && (header.type === 'image' || header.type === 'video' || header.type === 'document')) {
		return validateMedia(header.type, isPlainObject(header[header.type]) ? (header[header.type] as Record<string, unknown>) : {});
	}
	return invalid(`interactive.header.type ${String(header.type)} is not allowed on ${kind} messages`);
}

function validateButtons(action: Record<string, unknown>): MessageRejection | null {
	const buttons = action.buttons;
	if (!Array.isArray(buttons) || buttons.length === 0) return invalid('interactive.action.buttons is required');
	if (buttons.length > 3) return outOfLimits(`at most 3 buttons are allowed (got ${buttons.length})`);
	const titles = new Set<string>();
	const ids = new Set<string>();
	for (const [index, button] of buttons.entries()) {
		const reply = isPlainObject(button) && button.type === 'reply' && isPlainObject(button.reply) ? button.reply : undefined;
		if (!reply) return invalid(`buttons[${index}] must be { type: "reply", reply: { id, title } }`);
		const rejection = checkText(reply.id, `buttons[${index}].reply.id`, 256) ?? checkText(reply.title, `buttons[${index}].reply.title`, 20);
		if (rejection) return rejection;
		if (titles.has(reply.title as string)) return outOfLimits(`button titles must be unique ("${String(reply.title)}")`);
		if (ids.has(reply.id as string)) return outOfLimits(`button ids must be unique ("${String(reply.id)}")`);
		titles.add(reply.title as string);
		ids.add(reply.id as string);
	}
	return null;
}

function validateList(action: Record<string, unknown>): MessageRejection | null {
	const rejection = checkText(action.button, 'interactive.action.button', 20);
	if (rejection) return rejection;
	const sections = action.sections;
	if (!Array.isArray(sections) || sections.length === 0) return invalid('interactive.action.sections is required');
	if (sections.length > 10) return outOfLimits(`at most 10 sections are allowed (got ${sections.length})`);
	const ids = new Set<string>();
	let rowCount = 0;
	for (const [sectionIndex, section] of sections.entries()) {
		if (!isPlainObject(section) || !Array.isArray(section.rows) || section.rows.length === 0) {
			return invalid(`sections[${sectionIndex}].rows is required`);
		}
		const titleRejection = checkText(section.title, `sections[${sectionIndex}].title`, 24, sections.length > 1);
		if (titleRejection) return titleRejection;
		for (const [rowIndex, row] of section.rows.entries()) {
			const label = `sections[${sectionIndex}].rows[${rowIndex}]`;
			if (!isPlainObject(row)) return invalid(`${label} must be an object`);
			const rowRejection =
				checkText(row.id, `${label}.id`, 200) ?? checkText(row.title, `${label}.title`, 24) ?? checkText(row.description, `${label}.description`, 72, false);
			if (rowRejection) return rowRejection;
			if (ids.has(row.id as string)) return outOfLimits(`row ids must be unique ("${String(row.id)}")`);
			ids.add(row.id as string);
		}
		rowCount += section.rows.length;
	}
	if (rowCount > 10) return outOfLimits(`at most 10 rows are allowed across all sections (got ${rowCount})`);
	return null;
}

function validateTemplate(template: Record<string, unknown>): MessageRejection | null {
	if (typeof template.name !== 'string' || template.name === '') return invalid('template.name is required');
	if (!isPlainObject(template.language) || typeof template.language.code !== 'string') return invalid('template.language.code is required');
	if (template.components === undefined) return null;
	if (!Array.isArray(template.components)) return invalid('template.components must be an array');
	for (const [index, component] of template.components.entries()) {
		if (!isPlainObject(component) || !['header', 'body', 'button'].includes(component.type as string)) {
			return invalid(`template.components[${index}].type must be header, body or button`);
		}
		if (component.type === 'button' && (typeof component.sub_type !== 'string' || typeof component.index !== 'string')) {
			return invalid(`template.components[${index}] needs sub_type and a string index`);
		}
		if (component.parameters !== undefined && !Array.isArray(component.parameters)) {
			return invalid(`template.components[${index}].parameters must be an array`);
		}
		const flowButton = component.sub_type === 'flow' ? validateFlowTemplateButton(component, index) : null;
		if (flowButton) return flowButton;
	}
	return null;
}
