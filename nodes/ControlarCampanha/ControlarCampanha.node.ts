import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { getBroadcastStore } from '../shared/broadcast';
import { logLine } from '../shared/log';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';
import { CampaignControlError, controlCampaign, type ControlOperation } from './control';
import { controlarCampanhaProperties } from './description';

/**
 * "Controlar Campanha": not a conversation card. For each input item it pauses, resumes or cancels a
 * broadcast campaign of the queue (docs/arquitetura.md §8), or reads its progress, and outputs the
 * campaign's progress with the ETA.
 */
export class ControlarCampanha implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Controlar Campanha',
		name: 'controlarCampanha',
		icon: 'file:controlarCampanha.svg',
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(subtitleText('$parameter["campaign"]', 'Campanha')),
		description: 'Pausa, retoma ou cancela um disparo da fila de envios e mostra o progresso (enviadas, entregues, lidas, falhas, pendentes, previsão)',
		defaults: { name: 'Controlar Campanha' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: controlarCampanhaProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const operation = this.getNodeParameter('operation', itemIndex) as ControlOperation;
				const campaign = String(this.getNodeParameter('campaign', itemIndex, '')).trim();
				const item = await controlCampaign(getBroadcastStore(), operation, campaign, {
					reason: operation === 'cancel' ? String(this.getNodeParameter('reason', itemIndex, '')) : '',
					etaRatePerSecond: Number(this.getNodeParameter('etaRatePerSecond', itemIndex, 80)),
					now: Date.now(),
				});
				if (operation !== 'progress') {
					logLine(this.logger, 'info', `Campanha "${campaign}": ${String(item.operacao)} (estava ${String(item.estadoAnterior)}).`, { node: this.getNode().name });
				}
				output.push({ json: item, pairedItem: { item: itemIndex } });
			} catch (caught) {
				const error =
					caught instanceof CampaignControlError ? new NodeOperationError(this.getNode(), caught.message, { itemIndex, description: caught.description }) : caught;
				if (!this.continueOnFail()) throw error;
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}
