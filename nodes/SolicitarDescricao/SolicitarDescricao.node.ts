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

import { enterCard, readParametersWithDefaults, requireOneItem, type ParameterReader } from '../shared/runtime/card';
import { resumeWaitingCard, startWaitingCard } from '../shared/runtime/waiting';
import { waitingCardWebhooks } from '../shared/ui/waiting-card';
import { DESCRIPTION_DEFAULTS, descriptionConfig, descriptionPrompt, type DescriptionParameters } from './config';
import { descriptionProperties } from './description';
import { descriptionOutputsExpression } from './outputs';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

function readParameters(read: ParameterReader): DescriptionParameters {
	return readParametersWithDefaults<DescriptionParameters>(DESCRIPTION_DEFAULTS, read);
}

/**
 * "Solicitar Descrição": asks the customer to sum up the problem, waits like Enviar Pergunta (attempts for
 * what is not a description) and keeps the text as the atendimento's description (desk, ERP ticket,
 * Chatwoot handoff, `{{descricao}}`).
 */
export class SolicitarDescricao implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Solicitar Descrição',
		name: 'solicitarDescricao',
		icon: 'file:solicitarDescricao.svg',
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(subtitleText('$parameter["question"]', 'Pede a descrição do problema')),
		description: 'Pede ao cliente um breve resumo do problema, que o atendente vê no painel',
		defaults: { name: 'Solicitar Descrição' },
		inputs: [NodeConnectionTypes.Main],
		outputs: descriptionOutputsExpression,
		webhooks: waitingCardWebhooks,
		properties: descriptionProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		requireOneItem(this, items, 'Solicitar Descrição');
		const parameters = readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback));
		const conversation = await enterCard(this, 0);
		const prompt = descriptionPrompt(conversation, parameters);
		if (!prompt.text) {
			throw new NodeOperationError(this.getNode(), 'A pergunta está vazia', { description: 'Preencha "Pergunta" com o que o cliente deve descrever.' });
		}
		return await startWaitingCard(this, descriptionConfig(parameters, prompt), conversation, [prompt]);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const parameters = readParameters((name, fallback) => this.getNodeParameter(name, fallback));
		return await resumeWaitingCard(this, (conversation) => descriptionConfig(parameters, descriptionPrompt(conversation, parameters)));
	}
}
