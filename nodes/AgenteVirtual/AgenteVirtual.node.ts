import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { connectedChatModel, connectedTools, type ChatModel } from '../shared/ai/model';
import type { Conversation } from '../shared/conversation/types';
import { enterCard, requireOneItem } from '../shared/runtime/card';
import { sendToConversation } from '../shared/runtime/send';
import { resumeWaitingCard, startWaitingCard } from '../shared/runtime/waiting';
import { waitingCardWebhooks } from '../shared/ui/waiting-card';
import { AGENT_OUTPUTS, agentCardConfig, greetingOf, type AgentDialog, type AgentRuntime } from './config';
import {
	agentProperties,
	DEFAULT_FALLBACK_MESSAGE,
	DEFAULT_GREETING,
	DEFAULT_HANDOFF_WORDS,
	DEFAULT_INSTRUCTIONS,
	DEFAULT_MAX_TURNS_MESSAGE,
} from './description';
import type { AgentParameters } from './dialog';

function readParameters(read: (name: string, fallback: unknown) => unknown): AgentParameters {
	return {
		greeting: read('greeting', DEFAULT_GREETING) as string,
		companyInfo: read('companyInfo', '') as string,
		instructions: read('instructions', DEFAULT_INSTRUCTIONS) as string,
		exits: read('exits', {}) as AgentParameters['exits'],
		handoffWords: read('handoffWords', DEFAULT_HANDOFF_WORDS) as string,
		maxTurns: read('maxTurns', 10) as number,
		maxTurnsMessage: read('maxTurnsMessage', DEFAULT_MAX_TURNS_MESSAGE) as string,
		maxAnswerLength: read('maxAnswerLength', 1000) as number,
		allowPersonalData: read('allowPersonalData', false) as boolean,
		modelTimeoutSeconds: read('modelTimeoutSeconds', 30) as number,
		fallbackMessage: read('fallbackMessage', DEFAULT_FALLBACK_MESSAGE) as string,
		timeoutMinutes: read('timeoutMinutes', 0) as number,
	};
}

/** How the card reaches the model, the tools and the customer from an n8n context. */
function runtimeOf(context: IExecuteFunctions | IWebhookFunctions): AgentRuntime {
	const node = context.getNode();
	return {
		model: async (): Promise<ChatModel> => {
			const model = await connectedChatModel(context, 0);
			if (!model) {
				throw new NodeOperationError(node, 'Nenhum modelo ligado ao Agente Virtual', {
					description: 'Ligue um Chat Model do n8n (OpenAI Chat Model, Anthropic Chat Model, Ollama Chat Model…) na entrada "Modelo" do card.',
				});
			}
			return model;
		},
		tools: async () => await connectedTools(context, 0),
		send: async (conversation: Conversation, messages) => await sendToConversation(context, conversation, messages),
		nodeName: node.name,
		logger: context.logger,
	};
}

/**
 * "Agente Virtual (IA)": answers the customer's free questions in the chat, turn after turn, with an
 * n8n Chat Model sub-node (and tool sub-nodes), grounded in the company's information, until the
 * customer picks a way out, asks for a person, or the limits are reached.
 */
export class AgenteVirtual implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Agente Virtual (IA)',
		name: 'agenteVirtual',
		icon: 'file:agenteVirtual.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ "até " + ($parameter["maxTurns"] || 10) + " interações" }}',
		description: 'Responde às perguntas do cliente no chat com um modelo de IA do n8n, com base nas informações da empresa',
		defaults: { name: 'Agente Virtual' },
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: '' },
			{ type: NodeConnectionTypes.AiLanguageModel, displayName: 'Modelo', required: true, maxConnections: 1 },
			{ type: NodeConnectionTypes.AiTool, displayName: 'Ferramentas', required: false },
		],
		outputs: AGENT_OUTPUTS.map((name) => ({ type: NodeConnectionTypes.Main, displayName: name })),
		webhooks: waitingCardWebhooks,
		properties: agentProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		requireOneItem(this, items, 'Agente Virtual');
		const parameters = readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback));
		const conversation = await enterCard(this, 0);
		const dialog: AgentDialog = { turns: 0, startedAt: Date.now() };
		const config = agentCardConfig(parameters, runtimeOf(this), conversation);
		return await startWaitingCard(this, config, conversation, greetingOf(conversation, parameters), { ...dialog });
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const parameters = readParameters((name, fallback) => this.getNodeParameter(name, fallback));
		const runtime = runtimeOf(this);
		return await resumeWaitingCard(this, (conversation) => agentCardConfig(parameters, runtime, conversation));
	}
}
