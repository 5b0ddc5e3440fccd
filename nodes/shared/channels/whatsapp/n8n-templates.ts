/**
 * The WABA's templates from inside n8n: through the node's "WhatsApp Cloud API" credential, for the
 * template list of the editor (`loadOptions`) and for execution, with the WhatsApp API module (api.ts).
 */
import {
	NodeOperationError,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INode,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { doorOf } from '../transport';
import { WHATSAPP_CREDENTIAL_TYPE, whatsAppApi, type WhatsAppCredentials } from './api';
import { bodyVariables, parseTemplateKey, previewText, templateKey, unsupportedReason, type WabaTemplate } from './templates';

export { WHATSAPP_CREDENTIAL_TYPE } from './api';

type TemplateContext = IExecuteFunctions | ILoadOptionsFunctions;

/** Every APPROVED template of the credential's WABA; a refusal or network failure as a node error. */
export async function approvedTemplatesOf(context: TemplateContext): Promise<WabaTemplate[]> {
	const account = await context.getCredentials<WhatsAppCredentials>(WHATSAPP_CREDENTIAL_TYPE);
	return await whatsAppApi(doorOf(context, WHATSAPP_CREDENTIAL_TYPE), account).listApprovedTemplates();
}

/** The template chosen in the `template` parameter (`name|language`), checked against the WABA. */
export function chosenTemplate(node: INode, templates: WabaTemplate[], key: string, itemIndex?: number): WabaTemplate {
	const wanted = parseTemplateKey(key);
	if (!wanted) {
		throw new NodeOperationError(node, 'Nenhum template escolhido', { itemIndex, description: 'Escolha um template aprovado na lista "Template".' });
	}
	const template = templates.find((candidate) => candidate.name === wanted.name && candidate.language === wanted.language);
	if (!template) {
		throw new NodeOperationError(node, `O template "${wanted.name}" (${wanted.language}) não está aprovado nesta conta do WhatsApp`, {
			itemIndex,
			description: 'Ele pode ter sido pausado, rejeitado ou apagado no WhatsApp Manager. Escolha outro template na lista.',
		});
	}
	const reason = unsupportedReason(template);
	if (reason) {
		throw new NodeOperationError(node, `O template "${template.name}" ${reason}`, {
			itemIndex,
			description: 'Este card preenche só variáveis numeradas do corpo ({{1}}, {{2}}…). Use um template com cabeçalho de texto fixo (ou sem cabeçalho).',
		});
	}
	return template;
}

/** The editor's template list: every approved template, the ones this pack cannot fill marked. */
export async function templateOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templates = await approvedTemplatesOf(this);
	return templates
		.map((template) => {
			const reason = unsupportedReason(template);
			return {
				name: `${template.name} (${template.language})${reason ? ` — não suportado: ${reason}` : ''}`,
				value: templateKey(template),
				description: previewText(template, []).slice(0, 200),
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The editor's list of the chosen template's variables: `{{1}}`, `{{2}}`… */
export async function templateVariableOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const key = String(this.getCurrentNodeParameter('template') ?? '');
	if (!parseTemplateKey(key)) return [];
	const template = (await approvedTemplatesOf(this)).find((candidate) => templateKey(candidate) === key);
	return template ? bodyVariables(template).map((number) => ({ name: `{{${number}}}`, value: number })) : [];
}
