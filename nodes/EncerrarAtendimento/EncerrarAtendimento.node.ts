import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import type { Conversation } from '../shared/conversation/types';
import { errorText, logLine } from '../shared/log';
import { outputItem } from '../shared/runtime/atendimento';
import { endConversation, forEachConversationItem, templateVariablesOf } from '../shared/runtime/card';
import { conversationChatwootApi, sendToConversation } from '../shared/runtime/send';
import { renderTemplate } from '../shared/text/template';
import { variablesHint } from '../shared/ui/variables-hint';

/** "Encerrar Atendimento": final message and the end of the conversation (a flow may have several). */
export class EncerrarAtendimento implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Encerrar Atendimento',
		name: 'encerrarAtendimento',
		icon: 'file:encerrarAtendimento.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["resolved"] ? "Resolvido" : "Não resolvido" }}',
		description: 'Envia a mensagem final e encerra o atendimento; a próxima mensagem do cliente abre um novo',
		defaults: { name: 'Encerrar Atendimento' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Mensagem final',
				name: 'finalMessage',
				type: 'string',
				typeOptions: { rows: 3 },
				default: 'Atendimento encerrado. Protocolo: {{protocolo}}. Obrigado pelo contato!',
				description: 'Deixe vazio para encerrar sem mensagem. ' + variablesHint,
			},
			{
				displayName: 'Resolvido pelo bot',
				name: 'resolved',
				type: 'boolean',
				default: true,
				description: 'Se o atendimento conta como resolvido no relatório',
			},
			{
				displayName: 'Motivo',
				name: 'reason',
				type: 'string',
				default: 'concluido',
				description: 'Motivo do encerramento registrado nos eventos (ex.: segunda_via_enviada)',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		return await forEachConversationItem(this, async (conversation, itemIndex) => {
			const text = renderTemplate(this.getNodeParameter('finalMessage', itemIndex) as string, templateVariablesOf(conversation)).trim();
			if (text) await sendToConversation(this, conversation, [{ kind: 'text', text }]);
			const ended = await endConversation(conversation.id, {
				reason: (this.getNodeParameter('reason', itemIndex) as string) || 'concluido',
				resolved: this.getNodeParameter('resolved', itemIndex) as boolean,
				node: this.getNode().name,
			});
			if (conversation.channel.type === 'chatwoot') await resolveInChatwoot(this, conversation, itemIndex);
			return outputItem(items[itemIndex], ended ?? conversation, itemIndex, { encerrado: true });
		});
	}
}

/**
 * The bot's end is the end of the Chatwoot conversation too: it is resolved there, out of the inbox's
 * queue (Chatwoot reopens a resolved conversation of a bot inbox as `pending` on the customer's next
 * message, so the bot starts a new atendimento then). The atendimento has already ended here: a
 * failure only leaves the conversation pending in Chatwoot, and is logged.
 */
async function resolveInChatwoot(context: IExecuteFunctions, conversation: Conversation, itemIndex: number): Promise<void> {
	try {
		await (await conversationChatwootApi(context, conversation, itemIndex)).toggleStatus(conversation.contact.id, 'resolved');
	} catch (error) {
		logLine(context.logger, 'warn', `a conversa não foi resolvida no Chatwoot (fica pendente lá): ${errorText(error)}`, {
			node: context.getNode().name,
			protocolo: conversation.protocolo,
		});
	}
}
