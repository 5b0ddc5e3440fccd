import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { getBroadcastStore } from '../shared/broadcast';
import { logDate } from '../shared/broadcast/rules';
import { getConversationStore } from '../shared/conversation';
import { InvalidOutboundError } from '../shared/channels/errors';
import { logLine } from '../shared/log';
import { processarFilaProperties } from './description';
import { runSender, type Clock, type SenderSummary } from './sender';
import { DEFAULT_PARAMETERS, InvalidSettingError, senderSettings, type ProcessarFilaParameters } from './settings';
import { progressLines, summaryItem } from './summary';
import { checkSendTarget } from './template-request';
import { processarFilaDoor, WHATSAPP_CREDENTIAL_TYPE, whatsAppTemplateSender, type WhatsAppTarget } from './whatsapp-transport';
import { recipientWindow } from './window';

const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

/**
 * "Processar Fila": run by a Schedule Trigger, sends the queued WhatsApp templates of every campaign
 * at the configured rate (see sender.ts) and outputs one summary item. Runs once per execution,
 * whatever the number of input items.
 */
export class ProcessarFila implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Processar Fila',
		name: 'processarFila',
		icon: 'file:processarFila.svg',
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["ratePerSecond"] + " mensagens/s" }}',
		description: 'Envia os templates do WhatsApp enfileirados, no ritmo configurado, com novas tentativas por código de erro',
		defaults: { name: 'Processar Fila' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: WHATSAPP_CREDENTIAL_TYPE, required: true }],
		properties: processarFilaProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const node = this.getNode();
		const options = this.getNodeParameter('options', 0, {}) as Partial<ProcessarFilaParameters>;
		const parameters: ProcessarFilaParameters = {
			...DEFAULT_PARAMETERS,
			...options,
			ratePerSecond: this.getNodeParameter('ratePerSecond', 0) as number,
			concurrency: this.getNodeParameter('concurrency', 0) as number,
			maxDurationSeconds: this.getNodeParameter('maxDurationSeconds', 0) as number,
			maxAttempts: this.getNodeParameter('maxAttempts', 0) as number,
		};
		let settings: ReturnType<typeof senderSettings>;
		try {
			settings = senderSettings(parameters);
		} catch (error) {
			if (error instanceof InvalidSettingError) throw new NodeOperationError(node, error.message, { description: error.description });
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- rethrows unchanged what this catch does not handle (already a NodeApiError/NodeOperationError, or a bug worth its stack)
			throw error;
		}
		const credentials = await this.getCredentials(WHATSAPP_CREDENTIAL_TYPE);
		const target: WhatsAppTarget = {
			baseUrl: String(credentials.baseUrl ?? ''),
			apiVersion: String(credentials.apiVersion ?? ''),
			phoneNumberId: String(credentials.phoneNumberId ?? ''),
		};
		const reference = node.credentials?.[WHATSAPP_CREDENTIAL_TYPE];
		const credentialsDecrypted = { id: reference?.id ?? '', name: reference?.name ?? '', type: WHATSAPP_CREDENTIAL_TYPE, data: credentials };
		try {
			checkSendTarget(target);
		} catch (error) {
			if (error instanceof InvalidOutboundError) {
				throw new NodeOperationError(node, error.message, { description: 'Corrija a credencial do WhatsApp: nenhum envio foi feito.' });
			}
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- rethrows unchanged what this catch does not handle (already a NodeApiError/NodeOperationError, or a bug worth its stack)
			throw error;
		}

		const conversations = getConversationStore();
		const timeZone = this.getTimezone();
		let windowLookupFailed = false;
		const windowOf = async (job: { id: string; phone: string }, now: number) => {
			try {
				return await recipientWindow(conversations, target.phoneNumberId, job.phone, now);
			} catch (error) {
				// the window is only recorded: the send goes on, the log says "desconhecido"
				if (!windowLookupFailed) {
					windowLookupFailed = true;
					logLine(this.logger, 'warn', `Janela de 24 h não consultada (registrada como desconhecida): ${(error as Error).message}`, { node: node.name });
				}
				return 'desconhecido' as const;
			}
		};
		const formatDate = (epochMs: number) => logDate(epochMs, timeZone);

		let summary: SenderSummary;
		try {
			summary = await runSender(
				{
					store: getBroadcastStore(),
					send: whatsAppTemplateSender(processarFilaDoor(this, credentialsDecrypted), target, settings.requestTimeoutMs),
					clock: systemClock,
					random: Math.random,
					windowOf,
					formatDate,
					timeZone,
					onProgress: (progress) => {
						for (const line of progressLines(progress)) logLine(this.logger, 'info', line, { node: node.name });
					},
				},
				settings,
			);
		} catch (error) {
			throw new NodeOperationError(node, `A fila de envios falhou: ${(error as Error).message}`, {
				description: 'Os envios já aceitos pelo WhatsApp foram registrados; os demais continuam na fila para a próxima execução.',
			});
		}
		if (summary.stoppedBy === 'halt') {
			throw new NodeOperationError(node, summary.haltReason ?? 'O WhatsApp recusou o envio.', {
				description: `Envio interrompido: ${summary.sent} mensagens enviadas antes do erro, ${summary.remaining} continuam na fila e serão enviadas pela próxima execução depois de corrigir a credencial ou a conta.`,
			});
		}
		const pairedItem = this.getInputData().map((_, item) => ({ item }));
		return [[{ json: summaryItem(summary), ...(pairedItem.length > 0 ? { pairedItem } : {}) }]];
	}
}
