/**
 * The WABA's templates from inside n8n: through the node's "WhatsApp Cloud API" credential, for the
 * template list of the editor (`loadOptions`) and for execution. Failures become errors that name
 * the cause in pt-BR and never carry the access token.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INode,
	type INodePropertyOptions,
	type JsonObject,
} from 'n8n-workflow';

import { classifyWhatsAppError } from './errors';
import { bodyVariables, fetchApprovedTemplates, parseTemplateKey, previewText, TemplateListError, templateKey, unsupportedReason, type TemplateAccount, type WabaTemplate } from './templates';

/** The WhatsApp credential type of the pack. */
export const WHATSAPP_CREDENTIAL_TYPE = 'atendimentoWhatsAppApi';

type TemplateContext = IExecuteFunctions | ILoadOptionsFunctions;

/** Every APPROVED template of the credential's WABA; a refusal or network failure as a node error. */
export async function approvedTemplatesOf(context: TemplateContext): Promise<WabaTemplate[]> {
	const account = (await context.getCredentials(WHATSAPP_CREDENTIAL_TYPE)) as unknown as TemplateAccount;
	try {
		return await fetchApprovedTemplates(
			async (options) => await context.helpers.httpRequestWithAuthentication.call(context, WHATSAPP_CREDENTIAL_TYPE, options),
			account,
		);
	} catch (error) {
		throw listingError(context.getNode(), error);
	}
}

function listingError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof TemplateListError && error.statusCode === undefined) {
		return new NodeOperationError(node, error.message, { description: 'Preencha "ID da conta do WhatsApp Business (WABA)" na credencial do WhatsApp.' });
	}
	if (error instanceof TemplateListError) {
		const reason = classifyWhatsAppError(error.statusCode, error.body).reason;
		return new NodeApiError(node, (error.body ?? {}) as JsonObject, {
			message: error.message,
			description: `${reason} Confira também o ID da WABA na credencial.`,
			httpCode: String(error.statusCode),
		});
	}
	// Not under the key "code": NodeApiError would swap the pt-BR message for a generic English one.
	const code = String((error as { code?: unknown }).code ?? 'erro_de_rede');
	return new NodeApiError(node, { falhaDeRede: code }, {
		message: 'Não foi possível listar os templates do WhatsApp',
		description: `Falha de rede (${code}). Confira a URL base da credencial e a conexão do servidor do n8n.`,
	});
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
