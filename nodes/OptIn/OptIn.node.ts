import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { Choice, OutboundMessage } from '../shared/channels/types';
import { getConversationStore } from '../shared/conversation';
import type { Conversation } from '../shared/conversation/types';
import { outputItem } from '../shared/runtime/atendimento';
import { endConversation, enterCard } from '../shared/runtime/card';
import { sendToConversation, type SendingContext } from '../shared/runtime/send';
import { resumeWaitingCard, startWaitingCard, type WaitingCardConfig } from '../shared/runtime/waiting';
import { isNo, isYes, matchChoice } from '../shared/text/match';
import { timeoutMinutesProperty, waitingCardWebhooks } from '../shared/ui/waiting-card';

const OUTPUTS = ['Aceitou', 'Recusou', 'Máximo de tentativas', 'Sem resposta'];
const ACCEPTED = 0;
const REFUSED = 1;
const CHOICES: Choice[] = [
	{ id: 'optin_sim', label: 'Sim, aceito' },
	{ id: 'optin_nao', label: 'Não aceito' },
];

export const DEFAULT_OPT_IN_MESSAGE =
	'Para continuarmos, precisamos da sua autorização para enviar mensagens por este canal, de acordo com a nossa política de privacidade. Você aceita receber nossas mensagens? A qualquer momento, envie /bloquear para não receber mais.';
export const DEFAULT_OPT_OUT_MESSAGE =
	'Tudo bem. Você não receberá mais mensagens automáticas nossas por este canal. Se mudar de ideia, envie /desbloquear.';

interface OptInParameters {
	optInMessage: string;
	optOutMessage: string;
	maxAttempts: number;
	invalidMessage: string;
	timeoutMinutes: number;
}

function readParameters(read: (name: string, fallback: unknown) => unknown): OptInParameters {
	return {
		optInMessage: read('optInMessage', DEFAULT_OPT_IN_MESSAGE) as string,
		optOutMessage: read('optOutMessage', DEFAULT_OPT_OUT_MESSAGE) as string,
		maxAttempts: read('maxAttempts', 3) as number,
		invalidMessage: read('invalidMessage', '') as string,
		timeoutMinutes: read('timeoutMinutes', 0) as number,
	};
}

function prompt(parameters: OptInParameters): OutboundMessage {
	return { kind: 'choices', text: parameters.optInMessage.trim() || DEFAULT_OPT_IN_MESSAGE, choices: CHOICES };
}

/** The consent question as a waiting card: Sim → opt-in recorded; Não → opt-out recorded and confirmed, the conversation ended. */
function optInConfig(context: SendingContext, parameters: OptInParameters): WaitingCardConfig {
	const nodeName = context.getNode().name;
	return {
		outputCount: OUTPUTS.length,
		maxAttemptsOutput: 2,
		noAnswerOutput: 3,
		maxAttempts: Math.max(1, parameters.maxAttempts),
		timeoutMinutes: Math.max(0, parameters.timeoutMinutes),
		saveAs: 'optIn',
		invalidMessages: () => [{ kind: 'text', text: parameters.invalidMessage.trim() || 'Responda Sim ou Não, por favor.' }, prompt(parameters)],
		maxAttemptsMessages: [],
		evaluate: (message) => {
			const content = message.content;
			const answer = content.kind === 'choice' ? content.id : content.kind === 'text' ? content.text : '';
			const chosen = matchChoice(answer, CHOICES);
			const accepted = chosen ? chosen.id === 'optin_sim' : isYes(answer) ? true : isNo(answer) ? false : undefined;
			if (accepted === undefined) return { accepted: false };
			return { accepted: true, output: accepted ? ACCEPTED : REFUSED, result: { resposta: accepted ? 'aceito' : 'recusado' } };
		},
		afterAnswer: async (conversation, output) => {
			const store = getConversationStore();
			if (output === ACCEPTED) {
				await store.setConsent(conversation.channel.type, conversation.contact.id, 'in');
				return;
			}
			const goodbye = parameters.optOutMessage.trim() || DEFAULT_OPT_OUT_MESSAGE;
			await sendToConversation(context, conversation, [{ kind: 'text', text: goodbye }]);
			// As /bloquear: the contact's next messages start and resume nothing (they are only recorded) until /desbloquear.
			await store.setConsent(conversation.channel.type, conversation.contact.id, 'out');
			await endConversation(conversation.id, { reason: 'opt_out', node: nodeName });
		},
	};
}

/**
 * "Opt-in / Opt-out": at the start of a flow, asks the contact's permission to send messages. A contact
 * who already accepted goes straight to "Aceitou". Refusing works as /bloquear: the conversation ends
 * and the contact's next messages only go to its history until /desbloquear. (A contact who refused
 * earlier starts no flow, so "Recusou" without asking is only reached in a race.)
 */
export class OptIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Opt-in / Opt-out',
		name: 'optIn',
		icon: 'file:optIn.svg',
		group: ['transform'],
		version: 1,
		subtitle: 'Pede autorização: Sim ou Não',
		description: 'Pede ao cliente autorização para receber mensagens (coloque no início do fluxo)',
		defaults: { name: 'Opt-in / Opt-out' },
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS.map((name) => ({ type: NodeConnectionTypes.Main, displayName: name })),
		webhooks: waitingCardWebhooks,
		properties: [
			{
				displayName: 'Mensagem de opt-in',
				name: 'optInMessage',
				type: 'string',
				typeOptions: { rows: 4 },
				default: DEFAULT_OPT_IN_MESSAGE,
				description: 'Texto revisado juridicamente; altere só se necessário',
			},
			{
				displayName: 'Mensagem de opt-out',
				name: 'optOutMessage',
				type: 'string',
				typeOptions: { rows: 3 },
				default: DEFAULT_OPT_OUT_MESSAGE,
				description: 'Enviada uma única vez a quem recusar',
			},
			{
				displayName: 'Tentativas',
				name: 'maxAttempts',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10, numberPrecision: 0 },
				default: 3,
			},
			{
				displayName: 'Mensagem de opção inválida',
				name: 'invalidMessage',
				type: 'string',
				default: 'Responda Sim ou Não, por favor.',
			},
			timeoutMinutesProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const parameters = readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback));
		const conversation = await enterCard(this, 0);
		const consent = await getConversationStore().consentOf(conversation.channel.type, conversation.contact.id);
		if (consent !== undefined) return decided(conversation, items[0], consent === 'in' ? ACCEPTED : REFUSED);
		return await startWaitingCard(this, optInConfig(this, parameters), conversation, [prompt(parameters)]);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const parameters = readParameters((name, fallback) => this.getNodeParameter(name, fallback));
		return await resumeWaitingCard(this, () => optInConfig(this, parameters));
	}
}

/** Routes a contact whose consent is already recorded, without asking. */
function decided(conversation: Conversation, input: INodeExecutionData, output: number): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = OUTPUTS.map(() => []);
	outputs[output] = [outputItem(input, conversation, 0, { resposta: output === ACCEPTED ? 'aceito' : 'recusado', jaRegistrado: true })];
	return outputs;
}
