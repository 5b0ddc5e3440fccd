import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { getConversationStore } from '../shared/conversation';
import { appendEvent } from '../shared/conversation/routing';
import { classifyIntent, type ChatModelAccess, type ModelAccess } from '../shared/intent/classify';
import type { Intent, IntentClassification } from '../shared/intent/types';
import type { Classifier } from './config';

/** The credential type of the (optional) model. */
export const OPENAI_CREDENTIAL = 'atendimentoOpenAiApi';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
const DEFAULT_MODEL = 'gpt-4o-mini';

/**
 * The model of the card, when a credential is selected on it: settings read from the credential when
 * needed, calls authenticated by n8n's credential system. Undefined = keywords only.
 */
export function modelAccessOf(context: IExecuteFunctions | IWebhookFunctions): ModelAccess | undefined {
	if (!context.getNode().credentials?.[OPENAI_CREDENTIAL]) return undefined;
	return {
		settings: async () => {
			const credentials = await context.getCredentials(OPENAI_CREDENTIAL);
			return {
				baseUrl: String(credentials.baseUrl ?? '').trim() || DEFAULT_BASE_URL,
				model: String(credentials.model ?? '').trim() || DEFAULT_MODEL,
			};
		},
		request: async (options) => await context.helpers.httpRequestWithAuthentication.call(context, OPENAI_CREDENTIAL, options),
	};
}

/** Records in the conversation's events why the model was not used, or why its answer was not usable. */
async function recordModelTrouble(conversationId: string, nodeName: string, classification: IntentClassification): Promise<void> {
	const event = classification.fallbackReason
		? { type: 'intencao_sem_modelo', data: { motivo: classification.fallbackReason, intencao: classification.intent ?? null } }
		: classification.modelProblem
			? { type: 'intencao_resposta_invalida', data: { motivo: classification.modelProblem } }
			: undefined;
	if (!event) return;
	const at = Date.now();
	await getConversationStore().update(conversationId, (record) => {
		record.events = appendEvent(record.events, { at, node: nodeName, ...event });
	});
}

/**
 * The card's classifier: the connected Chat Model sub-node, else the credential's model (keywords when
 * either fails), with its trouble recorded.
 */
export function classifierFor(model: ModelAccess | undefined, intents: readonly Intent[], nodeName: string, chatModel?: ChatModelAccess): Classifier {
	return async (text, conversation) => {
		const classification = await classifyIntent(text, intents, model, chatModel);
		await recordModelTrouble(conversation.id, nodeName, classification);
		return classification;
	};
}
