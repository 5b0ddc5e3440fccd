import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { connectedChatModel } from '../shared/ai/model';
import { enterCard, requireOneItem } from '../shared/runtime/card';
import { resumeWaitingCard, startWaitingCard } from '../shared/runtime/waiting';
import { waitingCardWebhooks } from '../shared/ui/waiting-card';
import { classifierFor, modelAccessOf, OPENAI_CREDENTIAL } from './classifier';
import { intentCardConfig, intentsOf, promptOf, type IntentParameters } from './config';
import { DEFAULT_INVALID_MESSAGE, DEFAULT_MAX_ATTEMPTS_MESSAGE, DEFAULT_QUESTION, intentProperties } from './description';
import { intentOutputsExpression } from './outputs';

function readParameters(read: (name: string, fallback: unknown) => unknown): IntentParameters {
	return {
		question: read('question', DEFAULT_QUESTION) as string,
		intents: read('intents', {}) as IntentParameters['intents'],
		saveAs: read('saveAs', 'intencao') as string,
		maxAttempts: read('maxAttempts', 3) as number,
		invalidMessage: read('invalidMessage', DEFAULT_INVALID_MESSAGE) as string,
		maxAttemptsMessage: read('maxAttemptsMessage', DEFAULT_MAX_ATTEMPTS_MESSAGE) as string,
		timeoutMinutes: read('timeoutMinutes', 0) as number,
	};
}

/**
 * "Identificar Intenção": asks what the customer needs, waits for the answer in the chat and resumes
 * on the output of the intent it expresses, recognised by a connected n8n Chat Model sub-node, an
 * OpenAI-compatible model (when a credential is set) or by keywords.
 */
export class IdentificarIntencao implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Identificar Intenção',
		name: 'identificarIntencao',
		icon: 'file:identificarIntencao.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["intents"].values ? $parameter["intents"].values.length + " intenções" : "sem intenções" }}',
		description: 'Entende o que o cliente escreveu (IA compatível com OpenAI ou palavras-chave) e segue pela saída da intenção',
		defaults: { name: 'Identificar Intenção' },
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: '' },
			{ type: NodeConnectionTypes.AiLanguageModel, displayName: 'Modelo (opcional)', required: false, maxConnections: 1 },
		],
		outputs: intentOutputsExpression,
		credentials: [{ name: OPENAI_CREDENTIAL, required: false }],
		webhooks: waitingCardWebhooks,
		properties: intentProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		requireOneItem(this, items, 'Identificar Intenção');
		const node = this.getNode();
		const parameters = readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback));
		const intents = intentsOf(node, parameters, 0);
		const conversation = await enterCard(this, 0);
		const prompt = promptOf(conversation, parameters);
		const classify = classifierFor(modelAccessOf(this), intents, node.name, async () => await connectedChatModel(this, 0));
		return await startWaitingCard(this, intentCardConfig(parameters, intents, prompt, classify), conversation, prompt);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const node = this.getNode();
		const parameters = readParameters((name, fallback) => this.getNodeParameter(name, fallback));
		const intents = intentsOf(node, parameters);
		const classify = classifierFor(modelAccessOf(this), intents, node.name, async () => await connectedChatModel(this, 0));
		return await resumeWaitingCard(this, (conversation) => intentCardConfig(parameters, intents, promptOf(conversation, parameters), classify));
	}
}
