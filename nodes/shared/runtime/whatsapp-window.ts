/**
 * WhatsApp's 24-hour customer-service window (docs/apis-externas.md §A.7, docs/arquitetura.md §4): free
 * text, media, buttons and lists reach the customer only within 24 h of his last message; after that
 * only an approved template does, and Meta refuses the rest with 131047. The pack tracks the window
 * from the conversation's history (the customer's last message), the same way for the cards and the
 * Painel, and never lets a card's message die as a silent 131047: the trigger's "Modelo fora da
 * janela de 24h" is sent instead, or the card raises OutsideWindowError.
 */
import { NodeOperationError, type INode } from 'n8n-workflow';

import type { OutboundMessage } from '../channels/types';
import type { Conversation } from '../conversation/types';
import { renderTemplate, type TemplateVariables } from '../text/template';
import { lastCustomerMessageAt } from './history';

/** The customer-service window of WhatsApp (and the standard window of Messenger and Instagram). */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Meta's error code of a free-form send outside the window ("Re-engagement message"). */
export const OUTSIDE_WINDOW_CODE = 131047;

/** The trigger's "Modelo fora da janela de 24h": body variables may hold message variables ({{nome_cliente}}…). */
export interface OutsideWindowTemplate {
	name: string;
	language: string;
	bodyParameters: string[];
}

/** Whether free-form messages can reach the customer now: a WhatsApp conversation whose customer wrote less than 24 h ago; always for other channels. */
export function isWindowOpen(conversation: Conversation, now: number): boolean {
	if (conversation.channel.type !== 'whatsapp') return true;
	const last = lastCustomerMessageAt(conversation);
	return last !== undefined && now - last < WHATSAPP_WINDOW_MS;
}

/** Whether `messages` hold something only the window lets through (anything but a template). */
export function needsWindow(messages: OutboundMessage[]): boolean {
	return messages.some((message) => message.kind !== 'template');
}

/** The trigger's fallback template for this conversation, its variables filled; undefined when none is set. */
export function outsideWindowMessage(conversation: Conversation, variables: TemplateVariables): OutboundMessage | undefined {
	const template = conversation.channel.outsideWindowTemplate;
	if (!template?.name.trim()) return undefined;
	return {
		kind: 'template',
		name: template.name.trim(),
		language: template.language.trim() || 'pt_BR',
		bodyParameters: template.bodyParameters.map((parameter) => renderTemplate(parameter, variables)),
	};
}

/**
 * A card's message could not reach the customer: outside WhatsApp's 24-hour window (by the pack's
 * count, or Meta's 131047), and the trigger has no "Modelo fora da janela de 24h". Enviar Mensagem and
 * Enviar Pergunta turn it into their "Fora da janela de 24h" output when it is on; other cards fail with it.
 */
export class OutsideWindowError extends NodeOperationError {
	readonly outsideWindow = true;

	constructor(node: INode, lastCustomerMessage: number | undefined) {
		const since = lastCustomerMessage === undefined ? 'o cliente ainda não escreveu nesta conversa' : `a última mensagem do cliente foi em ${new Date(lastCustomerMessage).toISOString()}`;
		super(node, 'Fora da janela de 24h do WhatsApp: a mensagem não foi enviada', {
			description: `O WhatsApp só entrega mensagens livres até 24 horas depois da última mensagem do cliente (${since}). Configure "Modelo fora da janela de 24h" no gatilho Início do Atendimento (um template aprovado, enviado no lugar), ou ligue a saída "Fora da janela de 24h" deste card.`,
		});
		this.name = 'OutsideWindowError';
	}
}

/** Whether `error` is an OutsideWindowError (also across module copies). */
export function isOutsideWindowError(error: unknown): error is OutsideWindowError {
	return error instanceof OutsideWindowError || (typeof error === 'object' && error !== null && (error as { outsideWindow?: unknown }).outsideWindow === true);
}

/**
 * Runs `send`; 'outsideWindow' when it failed with OutsideWindowError and `routeOutsideWindow` (the
 * card's "Fora da janela de 24h" output is on), 'sent' when it succeeded. Any other failure is thrown.
 */
export async function sendUnlessOutsideWindow(send: () => Promise<unknown>, routeOutsideWindow: boolean): Promise<'sent' | 'outsideWindow'> {
	try {
		await send();
		return 'sent';
	} catch (error) {
		if (routeOutsideWindow && isOutsideWindowError(error)) return 'outsideWindow';
		throw error;
	}
}
