import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { enterCard, requireOneItem } from '../shared/runtime/card';
import { resumeWaitingCard, startWaitingCard } from '../shared/runtime/waiting';
import { executeForm, resumeForm } from './form-card';
import { choicesOf, promptOf, questionConfig, type QuestionParameters } from './config';
import { questionProperties } from './description';
import { questionOutputsExpression } from './outputs';
import { waitingCardWebhooks } from '../shared/ui/waiting-card';
import { subtitleCount, subtitleExpression, subtitleRows, subtitleText } from '../shared/ui/subtitle';

const PARAMETER_NAMES = [
	'answerType',
	'question',
	'options',
	'validation',
	'saveAs',
	'maxAttempts',
	'invalidMessage',
	'maxAttemptsMessage',
	'timeoutMinutes',
	'outsideWindowOutput',
] as const;

function readParameters(read: (name: string, fallback: unknown) => unknown): QuestionParameters {
	const defaults: Record<(typeof PARAMETER_NAMES)[number], unknown> = {
		answerType: 'choice',
		question: '',
		options: {},
		validation: 'text',
		saveAs: 'resposta',
		maxAttempts: 3,
		invalidMessage: '',
		maxAttemptsMessage: '',
		timeoutMinutes: 0,
		outsideWindowOutput: false,
	};
	const parameters: Record<string, unknown> = {};
	for (const name of PARAMETER_NAMES) parameters[name] = read(name, defaults[name]);
	return parameters as unknown as QuestionParameters;
}

/**
 * "Enviar Pergunta": asks (Escolha / Confirmação / Aguardar Interação / Formulário), parks the execution until the
 * customer answers in the chat, and resumes on the output that matches the answer.
 */
export class EnviarPergunta implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Enviar Pergunta',
		name: 'enviarPergunta',
		icon: 'file:enviarPergunta.svg',
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(
			`${subtitleText('$parameter["question"]', '(sem pergunta)')} + " · " + ({ choice: ${subtitleCount(subtitleRows('options'), 'opção', 'opções')}, confirmation: "Sim ou Não", input: "resposta validada", form: "formulário" }[$parameter["answerType"]] ?? "")`,
		),
		description: 'Faz uma pergunta ao cliente e espera a resposta no chat',
		defaults: { name: 'Enviar Pergunta' },
		inputs: [NodeConnectionTypes.Main],
		outputs: questionOutputsExpression,
		webhooks: waitingCardWebhooks,
		properties: questionProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		requireOneItem(this, items, 'Enviar Pergunta');
		const parameters = readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback));
		if (parameters.answerType === 'form') return await executeForm(this);
		const conversation = await enterCard(this, 0);
		const prompt = promptOf(conversation, parameters, choicesOf(this.getNode(), parameters));
		return await startWaitingCard(this, questionConfig(this.getNode(), parameters, prompt), conversation, [prompt]);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const parameters = readParameters((name, fallback) => this.getNodeParameter(name, fallback));
		if (parameters.answerType === 'form') return await resumeForm(this);
		const choices = choicesOf(this.getNode(), parameters);
		return await resumeWaitingCard(this, (conversation) =>
			questionConfig(this.getNode(), parameters, promptOf(conversation, parameters, choices)),
		);
	}
}
