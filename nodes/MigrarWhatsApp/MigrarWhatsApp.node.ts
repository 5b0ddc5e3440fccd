import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { doorOf } from '../shared/channels/transport';
import { whatsAppApi, type WhatsAppCredentials } from '../shared/channels/whatsapp/api';
import { approvedTemplatesOf, chosenTemplate, templateOptions, templateVariableOptions, WHATSAPP_CREDENTIAL_TYPE } from '../shared/channels/whatsapp/n8n-templates';
import { templateParameter } from '../shared/channels/whatsapp/render';
import { bodyParameters, previewText, TemplateVariableError, type VariableMapping, type WabaTemplate } from '../shared/channels/whatsapp/templates';
import { getConversationStore } from '../shared/conversation';
import { logLine } from '../shared/log';
import { newProtocol } from '../shared/protocol';
import { renderTemplate } from '../shared/text/template';
import { MIGRATE_OUTPUTS, migrateProperties } from './description';
import { inviteNumber, type InviteOutcome } from './invite';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

const HOUR_MS = 60 * 60 * 1000;
const SENT = 0;
const NOT_SENT = 1;

/** The invitation's variables: "Origem" as `origem`, then the card's rows (empty names left out). */
function variablesOf(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const origin = String(context.getNodeParameter('origin', itemIndex, '') ?? '').trim();
	const rows = (context.getNodeParameter('conversationVariables', itemIndex, {}) as { values?: Array<{ name?: string; value?: unknown }> }).values ?? [];
	const variables: Record<string, unknown> = origin ? { origem: origin } : {};
	for (const row of rows) {
		const name = String(row.name ?? '').trim();
		if (name) variables[name] = row.value ?? '';
	}
	return variables;
}

/** The template message for this item, `{{protocolo}}` in a value replaced by the atendimento's protocolo. */
function templateFor(context: IExecuteFunctions, template: WabaTemplate, itemIndex: number, phone: string) {
	const mappings = (context.getNodeParameter('variables', itemIndex, {}) as { values?: VariableMapping[] }).values ?? [];
	return (protocolo: string) => {
		const rendered = mappings.map((mapping) => ({ ...mapping, value: renderTemplate(String(mapping.value ?? ''), { protocol: protocolo, phone }) }));
		const parameters = bodyParameters(template, rendered, templateParameter);
		return { kind: 'template' as const, name: template.name, language: template.language, bodyParameters: parameters, fallbackText: previewText(template, parameters) };
	};
}

function resultOf(outcome: InviteOutcome, template: WabaTemplate): IDataObject {
	if (!outcome.sent) {
		return {
			enviado: false,
			motivo: outcome.reason,
			mensagem: outcome.message,
			telefone: outcome.contato,
			...(outcome.previous ? { convidadoEm: new Date(outcome.previous.sentAt).toISOString(), protocoloAnterior: outcome.previous.protocolo } : {}),
		};
	}
	return {
		enviado: true,
		telefone: outcome.contato,
		para: outcome.to,
		template: `${template.name} (${template.language})`,
		protocolo: outcome.invitation.protocolo,
		variaveis: outcome.invitation.variables as IDataObject,
		fluxo: outcome.invitation.triggerPath ?? null,
		validoAte: new Date(outcome.invitation.validUntil).toISOString(),
	};
}

/**
 * "Migrar para WhatsApp": during or after a phone call (a PBX webhook, or any node with a number), sends an
 * approved template to the caller's WhatsApp and records an invitation: the customer's reply opens an
 * atendimento in the chosen flow, with this protocolo and variables (docs/arquitetura.md §14).
 */
export class MigrarWhatsApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Migrar para WhatsApp',
		name: 'migrarWhatsApp',
		icon: 'file:migrarWhatsApp.svg',
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(subtitleText('($parameter["template"] ?? "").split("|")[0]', '(escolha o template)')),
		description: 'Convida quem ligou a continuar o atendimento no WhatsApp: envia um template e abre o atendimento no fluxo escolhido quando o cliente responder',
		defaults: { name: 'Migrar para WhatsApp' },
		inputs: [NodeConnectionTypes.Main],
		outputs: MIGRATE_OUTPUTS.map((displayName) => ({ type: NodeConnectionTypes.Main, displayName })),
		credentials: [{ name: WHATSAPP_CREDENTIAL_TYPE, required: true }],
		properties: migrateProperties,
	};

	methods = {
		loadOptions: {
			listTemplates: templateOptions,
			listTemplateVariables: templateVariableOptions,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outputs: INodeExecutionData[][] = [[], []];
		const account = await this.getCredentials<WhatsAppCredentials>(WHATSAPP_CREDENTIAL_TYPE);
		const api = whatsAppApi(doorOf(this, WHATSAPP_CREDENTIAL_TYPE), account);
		const templates = await approvedTemplatesOf(this);
		const store = getConversationStore();
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const template = chosenTemplate(this.getNode(), templates, this.getNodeParameter('template', itemIndex) as string, itemIndex);
				const phone = String(this.getNodeParameter('phone', itemIndex, '') ?? '');
				const protocolo = String(this.getNodeParameter('protocolo', itemIndex, '') ?? '').trim() || newProtocol(new Date());
				const message = templateFor(this, template, itemIndex, phone);
				message(protocolo); // a template whose variables do not fit fails here, before anything is recorded or sent
				const outcome = await inviteNumber(
					store,
					{
						phone,
						accountId: account.phoneNumberId.trim(),
						template: message,
						protocolo,
						variables: variablesOf(this, itemIndex),
						triggerPath: String(this.getNodeParameter('triggerPath', itemIndex, '') ?? '').trim() || undefined,
						intervalMs: Math.max(0, Number(this.getNodeParameter('intervalHours', itemIndex, 24))) * HOUR_MS,
						validityMs: Math.max(0.01, Number(this.getNodeParameter('validityHours', itemIndex, 72))) * HOUR_MS,
						now: Date.now(),
					},
					async (to, outbound) => await api.sendMessage(to, outbound),
				);
				logLine(this.logger, outcome.sent ? 'info' : 'warn', outcome.sent ? `convite do WhatsApp enviado a ${outcome.contato}` : `convite do WhatsApp não enviado: ${outcome.message}`, {
					node: this.getNode().name,
					protocolo,
				});
				outputs[outcome.sent ? SENT : NOT_SENT].push({ json: { ...items[itemIndex].json, convite: resultOf(outcome, template) }, pairedItem: { item: itemIndex } });
			} catch (caught) {
				const error =
					caught instanceof TemplateVariableError ? new NodeOperationError(this.getNode(), caught.message, { itemIndex, description: caught.description }) : caught;
				if (!this.continueOnFail()) throw error;
				outputs[NOT_SENT].push({ json: { ...items[itemIndex].json, error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return outputs;
	}
}
