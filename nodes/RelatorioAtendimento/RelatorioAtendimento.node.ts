import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { getConversationStore } from '../shared/conversation';
import { renderReportHtml } from './html';
import { buildReport } from './report';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * "Relatório de Atendimento": not a conversation card. For each input item (e.g. a Webhook call) it
 * reads the conversations of the period from the store and returns the report, as JSON or as an
 * HTML page (`json.html`) for a Respond to Webhook node.
 */
export class RelatorioAtendimento implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Relatório de Atendimento',
		name: 'relatorioAtendimento',
		icon: 'file:relatorioAtendimento.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ "Últimos " + $parameter["periodDays"] + " dias" }}',
		description: 'Relatório dos atendimentos: visitas por etapa, tempo médio, demandas mais solicitadas, resolvidos pelo bot e transferidos, satisfação (CSAT) e questionários',
		defaults: { name: 'Relatório de Atendimento' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Período (Dias)',
				name: 'periodDays',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 30,
				description: 'Atendimentos iniciados nos últimos N dias (os encerrados ficam guardados por 30 dias)',
			},
			{
				displayName: 'Evento de Demanda',
				name: 'demandEvent',
				type: 'string',
				default: 'demanda',
				description: 'Nome do evento do card Registrar Evento que indica a demanda do atendimento; o primeiro valor de texto do último evento é a demanda',
			},
			{
				displayName: 'Formato',
				name: 'outputFormat',
				type: 'options',
				options: [
					{ name: 'HTML', value: 'html', description: 'Página com gráficos no campo html (para o Respond to Webhook), mais os números do relatório' },
					{ name: 'JSON', value: 'json', description: 'Os números do relatório como item' },
				],
				default: 'json',
			},
			{
				displayName: 'Opções',
				name: 'options',
				type: 'collection',
				placeholder: 'Adicionar opção',
				default: {},
				options: [
					{
						displayName: 'Conta Do Canal',
						name: 'accountId',
						type: 'string',
						default: '',
						description: 'Só os atendimentos desta conta: caminho do web chat, phone_number_id do WhatsApp ou ID do bot do Telegram. Vazio = todas.',
					},
					{
						displayName: 'Título',
						name: 'title',
						type: 'string',
						default: 'Relatório de Atendimento',
						description: 'Título da página HTML',
						displayOptions: { show: { '/outputFormat': ['html'] } },
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const periodDays = this.getNodeParameter('periodDays', itemIndex) as number;
				if (!Number.isFinite(periodDays) || periodDays <= 0) {
					throw new NodeOperationError(this.getNode(), `Período inválido: ${periodDays} dias`, {
						itemIndex,
						description: 'Informe um período de pelo menos 1 dia em "Período (Dias)".',
					});
				}
				const demandEvent = (this.getNodeParameter('demandEvent', itemIndex) as string).trim() || 'demanda';
				const format = this.getNodeParameter('outputFormat', itemIndex) as 'html' | 'json';
				const options = this.getNodeParameter('options', itemIndex, {}) as { accountId?: string; title?: string };
				const now = Date.now();
				const since = now - periodDays * DAY_MS;
				const report = buildReport(await getConversationStore().listConversations(since), {
					now,
					since,
					demandEvent,
					accountId: options.accountId?.trim() || undefined,
				});
				const json: IDataObject = { ...report };
				if (format === 'html') json.html = renderReportHtml(report, options.title?.trim() || 'Relatório de Atendimento');
				output.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- n8n's continueOnFail pattern: the error is already a NodeApiError/NodeOperationError raised by the card; wrapping it again would hide its message
				if (!this.continueOnFail()) throw error;
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}
