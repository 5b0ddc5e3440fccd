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
import { renderTemplate } from '../shared/text/template';
import { variablesHint } from '../shared/ui/variables-hint';
import { fileNameOfUrl, mediaTypeOf, mimeTypeOf } from './media';

/**
 * Largest binary file sent. The file travels base64-encoded to the trigger that owns the channel, and
 * n8n refuses webhook bodies over N8N_PAYLOAD_SIZE_MAX (16 MB by default).
 */
export const MAX_BINARY_BYTES = 10 * 1024 * 1024;

/** "Enviar Arquivo": a PNG, JPEG, PDF, MP3… sent to the customer, by URL or from a binary field. */
export class EnviarArquivo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Enviar Arquivo',
		name: 'enviarArquivo',
		icon: 'file:enviarArquivo.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["source"] === "binary" ? "Arquivo binário" : "Por URL" }}',
		description: 'Envia um arquivo (PNG, JPEG, PDF, MP3…) ao cliente, com legenda opcional',
		defaults: { name: 'Enviar Arquivo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Origem do arquivo',
				name: 'source',
				type: 'options',
				options: [
					{ name: 'URL', value: 'url', description: 'Endereço público do arquivo' },
					{ name: 'Campo Binário', value: 'binary', description: 'Arquivo vindo de um nó anterior (ex.: HTTP Request, Read File)' },
				],
				default: 'url',
			},
			{
				displayName: 'URL do arquivo',
				name: 'url',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'https://exemplo.com.br/tabela-de-planos.pdf',
				displayOptions: { show: { source: ['url'] } },
			},
			{
				displayName: 'Campo binário',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				required: true,
				displayOptions: { show: { source: ['binary'] } },
				description: 'Nome do campo binário do item que contém o arquivo',
			},
			{
				displayName: 'Legenda',
				name: 'caption',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'Texto opcional enviado junto com o arquivo. ' + variablesHint,
			},
			{
				displayName: 'Nome do arquivo',
				name: 'fileName',
				type: 'string',
				default: '',
				description: 'Nome mostrado ao cliente (documentos). Vazio: o nome do arquivo de origem.',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		return await forEachConversationItem(this, async (conversation, itemIndex) => {
			const caption = renderTemplate(this.getNodeParameter('caption', itemIndex) as string, templateVariablesOf(conversation)).trim();
			const message = await buildFileMessage(this, itemIndex, caption || undefined);
			await sendToConversation(this, conversation, [message]);
			await endIfLastCard(this, conversation.id);
			return outputItem(items[itemIndex], conversation, itemIndex, {
				arquivo: { nome: message.kind === 'media' ? message.fileName ?? null : null, tipo: message.kind === 'media' ? message.mediaType : null },
			});
		});
	}
}

async function buildFileMessage(context: IExecuteFunctions, itemIndex: number, caption: string | undefined): Promise<OutboundMessage> {
	const chosenName = (context.getNodeParameter('fileName', itemIndex) as string).trim();
	if (context.getNodeParameter('source', itemIndex) === 'url') {
		const url = (context.getNodeParameter('url', itemIndex) as string).trim();
		if (!/^https?:\/\/\S+$/i.test(url)) {
			throw new NodeOperationError(context.getNode(), 'URL do arquivo inválida', {
				itemIndex,
				description: 'Informe um endereço http(s) público, acessível pelo WhatsApp/Telegram (não use endereços internos).',
			});
		}
		const fileName = chosenName || fileNameOfUrl(url);
		const mimeType = mimeTypeOf(fileName) ?? mimeTypeOf(url);
		return { kind: 'media', mediaType: mediaTypeOf(mimeType), url, mimeType, fileName, caption };
	}
	const property = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const binary = context.helpers.assertBinaryData(itemIndex, property);
	const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	if (buffer.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Arquivo vazio', { itemIndex, description: `O campo binário "${property}" não tem conteúdo.` });
	}
	if (buffer.length > MAX_BINARY_BYTES) {
		throw new NodeOperationError(context.getNode(), `Arquivo grande demais (${Math.ceil(buffer.length / 1024 / 1024)} MB)`, {
			itemIndex,
			description: 'O limite é 10 MB. Para arquivos maiores, publique-os e envie por URL.',
		});
	}
	const fileName = chosenName || binary.fileName || 'arquivo';
	const mimeType = binary.mimeType || mimeTypeOf(fileName) || 'application/octet-stream';
	return { kind: 'media', mediaType: mediaTypeOf(mimeType), data: buffer.toString('base64'), mimeType, fileName, caption };
}
