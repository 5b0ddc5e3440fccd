/**
 * WhatsApp Flows (docs/apis-externas.md §A "WhatsApp Flows"): the interactive `flow` message that opens a form, and the
 * `nfm_reply` the customer's submitted form comes back as.
 */
import { InvalidOutboundError } from '../errors';
import { isObject, optionalObject, optionalString, type JsonObject } from '../guards';
import { truncate } from '../text';
import type { FlowMessage, InboundContent } from '../types';
import { WHATSAPP_LIMITS } from './limits';

/** Flow messages: CTA ≤ 20 characters without emoji; text header ≤ 60. */
export const FLOW_LIMITS = { cta: 20, header: 60 } as const;

/** The only `flow_message_version` the Cloud API accepts today. */
export const FLOW_MESSAGE_VERSION = '3';

const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;

/** Why `label` cannot be a Flow button (CTA), or undefined when it can. */
export function flowCtaProblem(label: string): string | undefined {
	const trimmed = label.trim();
	if (trimmed === '') return 'o texto do botão do formulário está vazio';
	if ([...trimmed].length > FLOW_LIMITS.cta) return `o texto do botão do formulário ("${trimmed}") passa de ${FLOW_LIMITS.cta} caracteres`;
	if (EMOJI.test(trimmed)) return `o texto do botão do formulário ("${trimmed}") não pode ter emoji`;
	return undefined;
}

/**
 * The `interactive` payload of a Flow message: `flow_action_payload` only for `navigate` (required there),
 * `data` only when it has keys. Throws `InvalidOutboundError` for what Meta would refuse (CTA, empty
 * body, navigate without a screen, a Flow without id or name, an empty token).
 */
export function flowPayload(msg: FlowMessage): Record<string, unknown> {
	const ctaProblem = flowCtaProblem(msg.buttonLabel);
	if (ctaProblem) throw new InvalidOutboundError(`Formulário do WhatsApp inválido: ${ctaProblem}.`);
	if (msg.text.trim() === '') throw new InvalidOutboundError('Formulário do WhatsApp sem texto: o WhatsApp exige o corpo da mensagem.');
	if (msg.token.trim() === '') throw new InvalidOutboundError('Formulário do WhatsApp sem flow_token.');
	const flowId = 'id' in msg.flow ? msg.flow.id.trim() : '';
	const flowName = 'name' in msg.flow ? msg.flow.name.trim() : '';
	if (!flowId && !flowName) throw new InvalidOutboundError('Formulário do WhatsApp sem o ID nem o nome do Flow.');
	const parameters: Record<string, unknown> = {
		flow_message_version: FLOW_MESSAGE_VERSION,
		flow_token: msg.token,
		...(flowId ? { flow_id: flowId } : { flow_name: flowName }),
		flow_cta: msg.buttonLabel.trim(),
		mode: msg.mode,
		flow_action: msg.action.type === 'navigate' ? 'navigate' : 'data_exchange',
	};
	if (msg.action.type === 'navigate') {
		const screen = msg.action.screen.trim();
		if (!screen) throw new InvalidOutboundError('Formulário do WhatsApp sem a tela inicial (screen) para abrir com "navigate".');
		const data = msg.action.data;
		parameters.flow_action_payload = data && Object.keys(data).length > 0 ? { screen, data } : { screen };
	}
	const header = msg.header?.trim() ? { header: { type: 'text', text: truncate(msg.header.trim(), FLOW_LIMITS.header) } } : {};
	const footer = msg.footer?.trim() ? { footer: { text: truncate(msg.footer.trim(), WHATSAPP_LIMITS.footer) } } : {};
	return {
		type: 'interactive',
		interactive: {
			type: 'flow',
			...header,
			body: { text: truncate(msg.text, WHATSAPP_LIMITS.interactiveBody) },
			...footer,
			action: { name: 'flow', parameters },
		},
	};
}

/** Why an `nfm_reply` could not be read: the trigger logs it and the message counts as unsupported. */
export class UnreadableFlowReply extends Error {}

/**
 * Reads an `interactive.nfm_reply` of a Flow: `response_json` is a JSON string (an already parsed object
 * is accepted too) holding `flow_token` and the Flow's fields. `flow_token` is left out when absent (a
 * known WhatsApp issue on iOS). `repliesTo`: the `context.id` of the message. Other `nfm_reply` names
 * (e.g. `address_message`) are unsupported content. Throws `UnreadableFlowReply` for a Flow reply
 * without a readable `response_json`.
 */
export function parseFlowReply(interactive: JsonObject | undefined, context: unknown): InboundContent {
	const reply = optionalObject(interactive?.nfm_reply);
	if (!reply) throw new UnreadableFlowReply('resposta de formulário sem "nfm_reply"');
	const name = optionalString(reply.name);
	if (name !== undefined && name !== 'flow') return { kind: 'unsupported', originalType: `interactive.nfm_reply.${name}` };
	const raw = reply.response_json;
	let response: unknown = raw;
	if (typeof raw === 'string') {
		try {
			response = JSON.parse(raw);
		} catch {
			throw new UnreadableFlowReply('"response_json" da resposta do formulário não é um JSON válido');
		}
	}
	if (!isObject(response)) throw new UnreadableFlowReply('"response_json" da resposta do formulário não é um objeto');
	const { flow_token: token, ...fields } = response;
	const flowToken = optionalString(token);
	const repliesTo = optionalString(optionalObject(context)?.id);
	return { kind: 'form', ...(flowToken ? { token: flowToken } : {}), fields, ...(repliesTo ? { repliesTo } : {}) };
}
