import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { approvedTemplatesOf, chosenTemplate, templateOptions, templateVariableOptions, WHATSAPP_CREDENTIAL_TYPE } from '../shared/channels/whatsapp/n8n-templates';
import { TemplateVariableError } from '../shared/channels/whatsapp/templates';
import { enterCard, readParametersWithDefaults, requireOneItem, type ParameterReader } from '../shared/runtime/card';
import { resumeWaitingCard, startWaitingCard } from '../shared/runtime/waiting';
import { waitingCardWebhooks } from '../shared/ui/waiting-card';
import { buttonChoices, checkTemplateButtons, templatePrompt, waitingConfig, type TemplateCardParameters } from './config';
import { templateProperties } from './description';
import { templateOutputsExpression } from './outputs';
import { routeBroadcastReplies } from './reply';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

const DEFAULTS: Record<keyof TemplateCardParameters, unknown> = {
	mode: 'sendAndWait',
	campaign: '',
	template: '',
	variables: {},
	buttons: {},
	invalidMessage: '',
	maxAttempts: 3,
	maxAttemptsMessage: '',
	timeoutMinutes: 0,
};

function readParameters(read: ParameterReader): TemplateCardParameters {
	return readParametersWithDefaults<TemplateCardParameters>(DEFAULTS, read);
}

/**
 * "Template Interativo": sends an approved WhatsApp template with quick-reply buttons to the
 * conversation's contact and waits, resuming on the output of the button tapped; or routes the
 * first message of an atendimento that a tap on a broadcast template opened.
 */
export class TemplateInterativo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Template Interativo',
		name: 'templateInterativo',
		icon: 'file:templateInterativo.svg',
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(`$parameter["mode"] === "routeReply" ? "Rotear resposta de disparo" : ${subtitleText('($parameter["template"] ?? "").split("|")[0]', '(escolha o template)')}`),
		description: 'Envia um template do WhatsApp com botões e segue pela saída do botão que o cliente tocar',
		defaults: { name: 'Template Interativo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: templateOutputsExpression,
		credentials: [{ name: WHATSAPP_CREDENTIAL_TYPE, required: true, displayOptions: { show: { mode: ['sendAndWait'] } } }],
		webhooks: waitingCardWebhooks,
		properties: templateProperties,
	};

	methods = {
		loadOptions: {
			listTemplates: templateOptions,
			listTemplateVariables: templateVariableOptions,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const parameters = readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback));
		const choices = buttonChoices(this.getNode(), parameters);
		if (parameters.mode === 'routeReply') return await routeBroadcastReplies(this, choices);
		const items = this.getInputData();
		requireOneItem(this, items, 'Template Interativo');
		const template = chosenTemplate(this.getNode(), await approvedTemplatesOf(this), parameters.template, 0);
		checkTemplateButtons(this.getNode(), template, choices);
		const conversation = await enterCard(this, 0);
		let prompt;
		try {
			prompt = templatePrompt(conversation, template, parameters, choices);
		} catch (error) {
			if (error instanceof TemplateVariableError) throw new NodeOperationError(this.getNode(), error.message, { itemIndex: 0, description: error.description });
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- rethrows unchanged what this catch does not handle (already a NodeApiError/NodeOperationError, or a bug worth its stack)
			throw error;
		}
		return await startWaitingCard(this, waitingConfig(parameters, choices), conversation, [prompt]);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const parameters = readParameters((name, fallback) => this.getNodeParameter(name, fallback));
		const choices = buttonChoices(this.getNode(), parameters);
		return await resumeWaitingCard(this, () => waitingConfig(parameters, choices));
	}
}
