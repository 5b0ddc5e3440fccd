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
import { sendLogCsv } from './csv';
import { logsProperties } from './description';
import { FilterParameterError, logFilterOf, type FilterParameters } from './filter';
import { logRow } from './rows';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

/**
 * "Logs Omnichannel": not a conversation card. For each input item it queries the broadcast send log
 * with the filters and outputs one item per row, or one item with the rows as a CSV file.
 */
export class LogsOmnichannel implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Logs Omnichannel',
		name: 'logsOmnichannel',
		icon: 'file:logsOmnichannel.svg',
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(`$parameter["exportCsv"] ? "CSV" : ${subtitleText('$parameter["campaign"]', 'Todas as campanhas')}`),
		description: 'Consulta o registro dos envios omnichannel (sucesso, falha, ignorados) com filtros e exporta em CSV',
		defaults: { name: 'Logs Omnichannel' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: logsProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const timeZone = this.getTimezone();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const parameter = (name: string, fallback: unknown) => this.getNodeParameter(name, itemIndex, fallback);
				const parameters: FilterParameters = {
					campaign: String(parameter('campaign', '')),
					clienteId: String(parameter('clienteId', '')),
					status: parameter('status', 'all') as FilterParameters['status'],
					contato: String(parameter('contato', '')),
					from: String(parameter('from', '') ?? ''),
					to: String(parameter('to', '') ?? ''),
					limit: parameter('maxRows', 1000) as number,
				};
				const entries = await getBroadcastStore().queryLog(logFilterOf(parameters, timeZone));
				if (!(parameter('exportCsv', false) as boolean)) {
					for (const entry of entries) output.push({ json: logRow(entry, timeZone) as unknown as IDataObject, pairedItem: { item: itemIndex } });
					continue;
				}
				const fileName = String(parameter('fileName', 'logs-omnichannel.csv')).trim() || 'logs-omnichannel.csv';
				const binaryPropertyName = String(parameter('binaryPropertyName', 'data')).trim() || 'data';
				const file = await this.helpers.prepareBinaryData(Buffer.from(sendLogCsv(entries, timeZone), 'utf8'), fileName, 'text/csv; charset=utf-8');
				output.push({ json: { registros: entries.length, arquivo: fileName }, binary: { [binaryPropertyName]: file }, pairedItem: { item: itemIndex } });
			} catch (caught) {
				const error =
					caught instanceof FilterParameterError ? new NodeOperationError(this.getNode(), caught.message, { itemIndex, description: caught.description }) : caught;
				if (!this.continueOnFail()) throw error;
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}
