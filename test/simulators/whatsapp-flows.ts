/**
 * WhatsApp Flows in the simulator (docs/apis-externas.md §A "WhatsApp Flows"): validation of the interactive `flow`
 * message and of a template's FLOW button parameters with Meta-like errors, and the `nfm_reply` webhook
 * message a customer's submitted form comes back as.
 */
import { isPlainObject } from './base';
import type { MessageRejection } from './whatsapp-validation';
import { WHATSAPP_TEST_ACCOUNT, newWamid, type InboundMessageOptions, type WebhookObject } from './whatsapp-webhooks';

const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
const FLOW_PARAMETER_KEYS = new Set(['flow_message_version', 'flow_token', 'flow_id', 'flow_name', 'flow_cta', 'mode', 'flow_action', 'flow_action_payload']);

function invalid(details: string): MessageRejection {
	return { code: 100, details };
}

function outOfLimits(details: string): MessageRejection {
	return { code: 131009, details };
}

function text(value: unknown, label: string, max: number): MessageRejection | null {
	if (typeof value !== 'string' || value.trim() === '') return invalid(`${label} is required`);
	if ([...value].length > max) return outOfLimits(`${label} must be at most ${max} characters (got ${[...value].length})`);
	return null;
}

/** Checks an `interactive` object of `type: "flow"` (flow_message_version 3, CTA, navigate/data_exchange). */
export function validateFlowInteractive(interactive: Record<string, unknown>): MessageRejection | null {
	const body = isPlainObject(interactive.body) ? interactive.body.text : undefined;
	const rejection =
		text(body, 'interactive.body.text', 1024) ??
		(interactive.header === undefined
			? null
			: isPlainObject(interactive.header) && interactive.header.type === 'text'
				? text(interactive.header.text, 'interactive.header.text', 60)
				: invalid('interactive.header of a flow message must be { type: "text", text }')) ??
		(interactive.footer === undefined ? null : text(isPlainObject(interactive.footer) ? interactive.footer.text : undefined, 'interactive.footer.text', 60));
	if (rejection) return rejection;
	const action = interactive.action;
	if (!isPlainObject(action) || action.name !== 'flow') return invalid('interactive.action.name must be "flow"');
	const parameters = action.parameters;
	if (!isPlainObject(parameters)) return invalid('interactive.action.parameters is required');
	const unknown = Object.keys(parameters).find((key) => !FLOW_PARAMETER_KEYS.has(key));
	if (unknown) return invalid(`Unknown parameter in interactive.action.parameters: ${unknown}`);
	if (parameters.flow_message_version !== '3') return invalid('flow_message_version must be "3"');
	if (parameters.flow_token !== undefined && (typeof parameters.flow_token !== 'string' || parameters.flow_token === '')) {
		return invalid('flow_token must be a non-empty string');
	}
	const hasId = typeof parameters.flow_id === 'string' && /^\d+$/.test(parameters.flow_id);
	const hasName = typeof parameters.flow_name === 'string' && parameters.flow_name !== '';
	if (hasId === hasName) return invalid('Exactly one of flow_id or flow_name is required');
	const cta = parameters.flow_cta;
	const ctaRejection = text(cta, 'flow_cta', 20);
	if (ctaRejection) return ctaRejection;
	if (EMOJI.test(cta as string)) return outOfLimits('flow_cta must not contain emoji');
	if (parameters.mode !== undefined && parameters.mode !== 'published' && parameters.mode !== 'draft') return invalid('mode must be "published" or "draft"');
	// Without flow_action Meta opens the Flow's default first screen (nyaruka/courier #1134): no payload needed.
	if (parameters.flow_action === undefined && parameters.flow_action_payload === undefined) return null;
	const flowAction = parameters.flow_action ?? 'navigate';
	if (flowAction === 'data_exchange') {
		return parameters.flow_action_payload === undefined ? null : invalid('flow_action_payload must be omitted when flow_action is "data_exchange"');
	}
	if (flowAction !== 'navigate') return invalid('flow_action must be "navigate" or "data_exchange"');
	const payload = parameters.flow_action_payload;
	if (!isPlainObject(payload)) return invalid('flow_action_payload is required when flow_action is "navigate"');
	if (typeof payload.screen !== 'string' || payload.screen === '') return invalid('flow_action_payload.screen is required');
	if (payload.data !== undefined && !(isPlainObject(payload.data) && Object.keys(payload.data).length > 0)) {
		return invalid('flow_action_payload.data must be a non-empty object');
	}
	return null;
}

/** Checks the parameters of a template `button` component with `sub_type: "flow"` (an `action` parameter). */
export function validateFlowTemplateButton(component: Record<string, unknown>, index: number): MessageRejection | null {
	const parameters = Array.isArray(component.parameters) ? component.parameters : [];
	const parameter = parameters[0];
	if (parameters.length !== 1 || !isPlainObject(parameter) || parameter.type !== 'action' || !isPlainObject(parameter.action)) {
		return invalid(`template.components[${index}] (flow button) needs one parameter { type: "action", action: {...} }`);
	}
	const { flow_token: token, flow_action_data: data } = parameter.action;
	if (token !== undefined && (typeof token !== 'string' || token === '')) return invalid('flow_token must be a non-empty string');
	if (data !== undefined && !(isPlainObject(data) && Object.keys(data).length > 0)) return invalid('flow_action_data must be a non-empty object');
	return null;
}

/** The message a simulator accepted, as far as a Flow reply needs it. */
export interface SentFlowMessage {
	wamid: string;
	waId: string;
	type: string;
	body: Record<string, unknown>;
}

/**
 * The `flow_token` a sent Flow carries: an interactive flow message's parameter, or a template FLOW
 * button's action (Meta's default `"unused"` when none was set). Undefined when the message has no Flow.
 */
export function flowTokenOf(message: SentFlowMessage): string | undefined {
	const interactive = message.body.interactive;
	if (message.type === 'interactive' && isPlainObject(interactive) && interactive.type === 'flow') {
		const parameters = isPlainObject(interactive.action) && isPlainObject(interactive.action.parameters) ? interactive.action.parameters : {};
		return typeof parameters.flow_token === 'string' ? parameters.flow_token : 'unused';
	}
	const template = message.body.template;
	if (message.type === 'template' && isPlainObject(template) && Array.isArray(template.components)) {
		for (const component of template.components) {
			if (!isPlainObject(component) || component.sub_type !== 'flow') continue;
			const [parameter] = Array.isArray(component.parameters) ? component.parameters : [];
			const action = isPlainObject(parameter) && isPlainObject(parameter.action) ? parameter.action : {};
			return typeof action.flow_token === 'string' ? action.flow_token : 'unused';
		}
	}
	return undefined;
}

/** Options of {@link flowReplyMessage}. */
export interface FlowReplyOptions extends InboundMessageOptions {
	/** `response_json` as Meta sends it (a JSON string, default) or already parsed (defensive parsers). */
	responseJson?: 'string' | 'object';
	/** Echo another token than the sent one (a stale or forged reply); `null` leaves it out (seen from iOS clients). */
	flowToken?: string | null;
}

/**
 * The `nfm_reply` message of a customer who submitted the Flow `sent`: `context.id` is the Flow message's
 * wamid, `response_json` carries the echoed `flow_token` and `fields`. Throws when `sent` has no Flow.
 */
export function flowReplyMessage(sent: SentFlowMessage, fields: Record<string, unknown>, options: FlowReplyOptions = {}): WebhookObject {
	const echoed = flowTokenOf(sent);
	if (echoed === undefined) throw new Error(`A mensagem ${sent.wamid} não tem Flow para responder.`);
	const response = options.flowToken === null ? { ...fields } : { flow_token: options.flowToken ?? echoed, ...fields };
	return {
		context: { from: WHATSAPP_TEST_ACCOUNT.displayPhoneNumber, id: sent.wamid },
		from: options.from ?? sent.waId,
		id: options.id ?? newWamid(),
		timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
		type: 'interactive',
		interactive: {
			type: 'nfm_reply',
			nfm_reply: { name: 'flow', body: 'Sent', response_json: options.responseJson === 'object' ? response : JSON.stringify(response) },
		},
	};
}
