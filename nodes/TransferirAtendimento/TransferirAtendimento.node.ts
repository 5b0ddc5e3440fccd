import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { outputItem } from '../shared/runtime/atendimento';
import { forEachConversationItem, enterCard } from '../shared/runtime/card';
import { waitingCardWebhooks } from '../shared/ui/waiting-card';
import { transferProperties } from './description';
import { transferOutputsExpression } from './outputs';
import { resumeFromDesk, transferToApi, transferToDesk } from './transfer';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

/**
 * "Transferir Atendimento": hands the conversation to people. From then on the bot stays silent for it.
 * - Destino "Painel do Atendente" (version 2 default): the conversation lands in the Painel's queue of
 *   its team and the card waits; it continues by "Devolvido ao bot", "Encerrado pelo atendente" or
 *   "Encerrado por inatividade" (docs/arquitetura.md, Painel do Atendente).
 * - Destino "API de atendentes" (version 1): the human side answers, releases or closes it through
 *   the trigger's attendant API, and the card goes on at once.
 */
export class TransferirAtendimento implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transferir Atendimento',
		name: 'transferirAtendimento',
		icon: 'file:transferirAtendimento.svg',
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: subtitleExpression(
			`$parameter["department"] ? "Equipe: " + ${subtitleText('$parameter["department"]', '', 24)} : $parameter["attendant"] ? "Atendente: " + ${subtitleText('$parameter["attendant"]', '', 24)} : $parameter["destination"] === "painel" ? "Painel: equipe do primeiro contato" : "API de atendentes"`,
		),
		description: 'Passa o atendimento para uma equipe ou atendente humano (Painel do Atendente ou API); o bot deixa de responder',
		defaults: { name: 'Transferir Atendimento' },
		inputs: [NodeConnectionTypes.Main],
		outputs: transferOutputsExpression,
		webhooks: waitingCardWebhooks,
		properties: transferProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		if ((this.getNodeParameter('destination', 0, 'api') as string) === 'api') {
			return await forEachConversationItem(this, async (conversation, itemIndex) => {
				const { transferred, department, attendant } = await transferToApi(this, conversation, itemIndex);
				return outputItem(items[itemIndex], transferred, itemIndex, { transferido: true, departamento: department ?? null, atendente: attendant ?? null });
			});
		}
		return await transferToDesk(this, await enterCard(this, 0));
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeFromDesk(this);
	}
}
