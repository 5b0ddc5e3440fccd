import type { ChatModel } from '../ai/model';
import { classifyWithChatModel, classifyWithModel, type AuthenticatedRequest, type ModelSettings } from './model';
import { classifyOffline } from './offline';
import type { Intent, IntentClassification } from './types';

/** A configured model: its settings (read when needed) and the authenticated HTTP call. */
export interface ModelAccess {
	settings: () => Promise<ModelSettings>;
	request: AuthenticatedRequest;
}

/**
 * Why a model call failed, for the conversation's events: the HTTP status when there is one (n8n's
 * NodeApiError `httpCode`, or the raw response's status), else the network error code, with the message.
 */
export function modelErrorReason(error: unknown): string {
	const details = (error ?? {}) as {
		httpCode?: unknown;
		/** LangChain/OpenAI SDK errors (an n8n Chat Model sub-node) carry the HTTP status here. */
		status?: unknown;
		code?: unknown;
		message?: unknown;
		response?: { status?: unknown };
		cause?: { code?: unknown; status?: unknown };
	};
	const status = details.httpCode ?? details.status ?? details.response?.status ?? details.cause?.status;
	const code = details.code ?? details.cause?.code;
	const label = status !== undefined && status !== null && status !== '' ? `HTTP ${String(status)}` : typeof code === 'string' ? code : 'erro';
	const message = typeof details.message === 'string' ? details.message.slice(0, 200) : '';
	return message ? `${label}: ${message}` : label;
}

/** An n8n Chat Model sub-node connected to the card: undefined when the (optional) input has none. */
export type ChatModelAccess = () => Promise<ChatModel | undefined>;

/**
 * Classifies `text` with the Chat Model sub-node when one is connected, else with the credential's
 * model when one is configured, else (or when the model fails) by offline keyword matching; a failure
 * is reported in `fallbackReason`, never thrown.
 */
export async function classifyIntent(text: string, intents: readonly Intent[], model?: ModelAccess, chatModel?: ChatModelAccess): Promise<IntentClassification> {
	if (chatModel) {
		try {
			const connected = await chatModel();
			if (connected) return await classifyWithChatModel(connected, text, intents);
		} catch (error) {
			return { ...classifyOffline(text, intents), fallbackReason: modelErrorReason(error) };
		}
	}
	if (!model) return classifyOffline(text, intents);
	try {
		return await classifyWithModel(model.request, await model.settings(), text, intents);
	} catch (error) {
		return { ...classifyOffline(text, intents), fallbackReason: modelErrorReason(error) };
	}
}
