import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { getBroadcastStore } from '../shared/broadcast';
import { sendLogCsv } from '../LogsOmnichannel/csv';
import { campaignReport } from './campaigns';
import { CSV_QUERY_PARAMETER, renderCampaignsHtml } from './html';

/** Log rows read per campaign (its newest): above it the page says the numbers from the log are partial. */
export const LOG_ROWS_PER_CAMPAIGN = 50_000;

/** The CSV's file name for a campaign: letters, digits, `.`, `-` and `_` only (it goes into a header). */
export function csvFileName(campaign: string): string {
	return `log-${campaign.replace(/[^\w.-]+/g, '_')}.csv`;
}

/**
 * "Relatório de Campanhas": not a conversation card. For each input item (e.g. a Webhook call) it reads
 * the broadcast campaigns (queue totals and send log) and returns them as JSON or as an HTML page
 * (`json.html`) on the "Relatório" output; with "Exportar CSV da Campanha" set, one campaign's log as a
 * CSV file (the Logs Omnichannel's) on the "CSV" output.
 */
export class RelatorioCampanhas implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Relatório de Campanhas',
		name: 'relatorioCampanhas',
		icon: 'file:relatorioCampanhas.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["outputFormat"] === "html" ? "Página HTML" : "JSON" }}',
		description: 'Campanhas de disparo: enfileiradas, enviadas, entregues, lidas, falhas e pendentes, custo estimado e real, taxas de entrega e leitura ao longo do tempo, falhas por motivo e o log de uma campanha em CSV',
		defaults: { name: 'Relatório de Campanhas' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Relatório', 'CSV'],
		properties: [
			{
				displayName: 'Formato',
				name: 'outputFormat',
				type: 'options',
				options: [
					{ name: 'HTML', value: 'html', description: 'Página com o gráfico no campo html (para o Respond to Webhook), mais os números' },
					{ name: 'JSON', value: 'json', description: 'Os números das campanhas como item' },
				],
				default: 'html',
			},
			{
				displayName: 'Exportar CSV Da Campanha',
				name: 'csvCampaign',
				type: 'string',
				default: '',
				description: `Nome de uma campanha: em vez do relatório, sai pela saída CSV o log dela em arquivo (o mesmo CSV do Logs Omnichannel). Os links da página levam "?${CSV_QUERY_PARAMETER}=<campanha>" e o modelo passa esse valor da consulta para cá. Vazio = o relatório.`,
			},
			{
				displayName: 'Opções',
				name: 'options',
				type: 'collection',
				placeholder: 'Adicionar opção',
				default: {},
				options: [
					{
						displayName: 'Máximo De Campanhas',
						name: 'maxCampaigns',
						type: 'number',
						typeOptions: { minValue: 1, numberPrecision: 0 },
						default: 20,
						description: 'As campanhas com atividade mais recente primeiro',
					},
					{
						displayName: 'Título',
						name: 'title',
						type: 'string',
						default: 'Campanhas de Disparo',
						description: 'Título da página HTML',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const timeZone = this.getTimezone();
		const reports: INodeExecutionData[] = [];
		const files: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const store = getBroadcastStore();
				const csvCampaign = String(this.getNodeParameter('csvCampaign', itemIndex, '') ?? '').trim();
				if (csvCampaign) {
					const rows = await store.queryLog({ campaign: csvCampaign, limit: LOG_ROWS_PER_CAMPAIGN });
					const fileName = csvFileName(csvCampaign);
					const file = await this.helpers.prepareBinaryData(Buffer.from(sendLogCsv(rows, timeZone), 'utf8'), fileName, 'text/csv; charset=utf-8');
					files.push({ json: { campanha: csvCampaign, registros: rows.length, arquivo: fileName }, binary: { data: file }, pairedItem: { item: itemIndex } });
					continue;
				}
				const format = this.getNodeParameter('outputFormat', itemIndex) as 'html' | 'json';
				const options = this.getNodeParameter('options', itemIndex, {}) as { maxCampaigns?: number; title?: string };
				const maxCampaigns = options.maxCampaigns ?? 20;
				if (!Number.isInteger(maxCampaigns) || maxCampaigns < 1) {
					throw new NodeOperationError(this.getNode(), `Máximo de campanhas inválido: ${maxCampaigns}`, {
						itemIndex,
						description: 'Informe em "Máximo De Campanhas" quantas campanhas mostrar, a partir de 1.',
					});
				}
				const campaigns = [];
				for (const totals of (await store.campaignTotals()).slice(0, maxCampaigns)) {
					const rows = await store.queryLog({ campaign: totals.campaign, limit: LOG_ROWS_PER_CAMPAIGN });
					campaigns.push(campaignReport(totals, rows, rows.length >= LOG_ROWS_PER_CAMPAIGN));
				}
				const json: IDataObject = { campanhas: campaigns as unknown as IDataObject[] };
				if (format === 'html') json.html = renderCampaignsHtml(campaigns, { title: options.title?.trim() || 'Campanhas de Disparo', timeZone, now: Date.now() });
				reports.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- n8n's continueOnFail pattern: the error is already a NodeOperationError or the store's own
				if (!this.continueOnFail()) throw error;
				reports.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return [reports, files];
	}
}
