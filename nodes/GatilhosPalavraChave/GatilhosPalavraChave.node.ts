import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { waitingCardWebhooks } from '../shared/ui/waiting-card';
import { executeTriggers, resumeTriggers } from './action';
import { triggerProperties } from './description';
import { triggerOutputsExpression } from './outputs';

/**
 * "Gatilhos por Palavra-chave" (like Acelerato's "Gatilhos Conversas"): one number, many flows. Each
 * customer message is checked against ordered rules — current team, time without interaction,
 * keywords — and the first that matches acts: a reply ("Mensagem inteligente", the card then waits
 * for the next message), a team ("Equipe de atendimento": the Painel's queue, or only the current
 * team), or its own output ("Executar fluxo"). No match: "Nenhum gatilho". Rules: shared/keyword-triggers.
 */
export class GatilhosPalavraChave implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gatilhos por Palavra-chave',
		name: 'gatilhosPalavraChave',
		icon: 'file:gatilhosPalavraChave.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ ($parameter["rules"]?.values?.length ?? 0) + " regra(s)" }}',
		description: 'Direciona cada mensagem por regras: equipe atual, tempo sem interação e palavras-chave (mensagem, equipe ou fluxo)',
		defaults: { name: 'Gatilhos por Palavra-chave' },
		inputs: [NodeConnectionTypes.Main],
		outputs: triggerOutputsExpression,
		webhooks: waitingCardWebhooks,
		properties: triggerProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeTriggers(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeTriggers(this);
	}
}
