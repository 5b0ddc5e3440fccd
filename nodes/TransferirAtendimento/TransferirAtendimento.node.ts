import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getConversationStore } from '../shared/conversation';
import { appendEvent, setHistoryStatus } from '../shared/conversation/routing';
import { outputItem } from '../shared/runtime/atendimento';
import { forEachConversationItem, templateVariablesOf } from '../shared/runtime/card';
import { sendToConversation } from '../shared/runtime/send';
import { renderTemplate } from '../shared/text/template';
import { variablesHint } from '../shared/ui/variables-hint';

/**
 * "Transferir Atendimento": hands the conversation to a department and/or attendant. From then on the
 * bot stays silent for it; the human side answers, releases or closes it through the trigger's
 * attendant API (README, "Atendimento humano"), or it ends after the inactivity time.
 */
export class TransferirAtendimento implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transferir Atendimento',
		name: 'transferirAtendimento',
		icon: 'file:transferirAtendimento.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["department"] || $parameter["attendant"] }}',
		description: 'Passa o atendimento para um departamento e/ou atendente humano; o bot deixa de responder',
		defaults: { name: 'Transferir Atendimento' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Departamento',
				name: 'department',
				type: 'string',
				default: '',
				placeholder: 'Suporte',
			},
			{
				displayName: 'Atendente',
				name: 'attendant',
				type: 'string',
				default: '',
				description: 'Nome do atendente (variável {{nome_atendente}}); vazio para qualquer atendente do departamento',
			},
			{
				displayName: 'Mensagem ao cliente',
				name: 'message',
				type: 'string',
				typeOptions: { rows: 2 },
				default: 'Estou transferindo você para um atendente. Aguarde um momento, por favor. Protocolo {{protocolo}}.',
				description: 'Vazio para transferir sem mensagem. ' + variablesHint,
			},
			{
				displayName: 'Encerrar após inatividade (minutos)',
				name: 'inactivityMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60,
				description: 'Sem mensagens de nenhum dos lados por este tempo, o atendimento é encerrado e a próxima mensagem volta ao bot. 0 = nunca.',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		return await forEachConversationItem(this, async (conversation, itemIndex) => {
			const department = (this.getNodeParameter('department', itemIndex) as string).trim() || undefined;
			const attendant = (this.getNodeParameter('attendant', itemIndex) as string).trim() || undefined;
			const inactivityMinutes = Math.max(0, this.getNodeParameter('inactivityMinutes', itemIndex) as number);
			const transferred = (await getConversationStore().update(conversation.id, (record) => {
				record.state = 'human';
				record.waiter = undefined;
				record.department = department;
				record.attendant = attendant;
				record.humanTimeoutMs = inactivityMinutes * 60_000;
				record.events = appendEvent(record.events, {
					at: Date.now(),
					type: 'transferido',
					node: this.getNode().name,
					data: { departamento: department ?? null, atendente: attendant ?? null, mensagensPendentes: record.inbox.length },
				});
				// Messages that arrived while the bot was busy are now the human's to read (kept in the events).
				for (const pending of record.inbox) {
					record.events = appendEvent(record.events, { at: pending.timestamp, type: 'mensagem_para_humano', data: { messageId: pending.messageId } });
					setHistoryStatus(record, pending.messageId, 'humano');
				}
				record.inbox = [];
			}))!;
			const text = renderTemplate(this.getNodeParameter('message', itemIndex) as string, templateVariablesOf(transferred)).trim();
			if (text) await sendToConversation(this, transferred, [{ kind: 'text', text }]);
			return outputItem(items[itemIndex], transferred, itemIndex, { transferido: true, departamento: department ?? null, atendente: attendant ?? null });
		});
	}
}
