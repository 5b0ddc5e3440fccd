import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import type { OutboundMessage } from '../shared/channels/types';
import { outputItem } from '../shared/runtime/atendimento';
import { endIfLastCard, forEachConversationItem, templateVariablesOf } from '../shared/runtime/card';
import { sendToConversation } from '../shared/runtime/send';
import { sendUnlessOutsideWindow } from '../shared/runtime/whatsapp-window';
import { OUTSIDE_WINDOW_OUTPUT, outsideWindowOutputProperty } from '../shared/ui/outside-window';
import { renderTemplate } from '../shared/text/template';
import { variablesHint } from '../shared/ui/variables-hint';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

/** "Enviar Mensagem": a text (with variables) or an audio sent to the customer. */
export class EnviarMensagem implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Enviar Mensagem',
		name: 'enviarMensagem',
		icon: 'file:enviarMensagem.svg',
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(`$parameter["messageType"] === "audio" ? "Áudio: " + ${subtitleText('($parameter["audioUrl"] ?? "").split("/").pop()', '(sem URL)', 24)} : ${subtitleText('$parameter["text"]', '(sem texto)')}`),
		description: 'Envia uma mensagem de texto ou áudio ao cliente no canal do atendimento',
		defaults: { name: 'Enviar Mensagem' },
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{$parameter.outsideWindowOutput ? [{ type: "main", displayName: "Enviada" }, { type: "main", displayName: "${OUTSIDE_WINDOW_OUTPUT}" }] : ["main"]}}`,
		properties: [
			{
				displayName: 'Tipo de mensagem',
				name: 'messageType',
				type: 'options',
				options: [
					{ name: 'Texto', value: 'text' },
					{ name: 'Áudio (MP3)', value: 'audio' },
				],
				default: 'text',
			},
			{
				displayName: 'Mensagem',
				name: 'text',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				required: true,
				displayOptions: { show: { messageType: ['text'] } },
				description: variablesHint,
			},
			{
				displayName: 'URL do áudio',
				name: 'audioUrl',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'https://exemplo.com.br/boas-vindas.mp3',
				displayOptions: { show: { messageType: ['audio'] } },
				description: 'Endereço público de um arquivo MP3',
			},
			outsideWindowOutputProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outsideWindowOutput = this.getNodeParameter('outsideWindowOutput', 0, false) as boolean;
		const outsideWindow: INodeExecutionData[] = [];
		const [sent] = await forEachConversationItem(this, async (conversation, itemIndex) => {
			const message = buildMessage(this, itemIndex, templateVariablesOf(conversation));
			if ((await sendUnlessOutsideWindow(async () => await sendToConversation(this, conversation, [message]), outsideWindowOutput)) === 'outsideWindow') {
				// nothing reached the customer: the flow decides (e.g. a template card, a ticket)
				outsideWindow.push(outputItem(items[itemIndex], conversation, itemIndex));
				return undefined;
			}
			await endIfLastCard(this, conversation.id);
			return outputItem(items[itemIndex], conversation, itemIndex);
		});
		return outsideWindowOutput ? [sent, outsideWindow] : [sent];
	}
}

function buildMessage(context: IExecuteFunctions, itemIndex: number, variables: ReturnType<typeof templateVariablesOf>): OutboundMessage {
	if (context.getNodeParameter('messageType', itemIndex) === 'audio') {
		const url = (context.getNodeParameter('audioUrl', itemIndex) as string).trim();
		if (!/^https?:\/\//i.test(url)) {
			throw new NodeOperationError(context.getNode(), 'URL do áudio inválida', {
				itemIndex,
				description: 'Informe um endereço http(s) público de um arquivo MP3.',
			});
		}
		return { kind: 'media', mediaType: 'audio', url, mimeType: 'audio/mpeg' };
	}
	const text = renderTemplate(context.getNodeParameter('text', itemIndex) as string, variables).trim();
	if (!text) {
		throw new NodeOperationError(context.getNode(), 'Mensagem vazia', { itemIndex, description: 'Escreva o texto da mensagem.' });
	}
	return { kind: 'text', text };
}
