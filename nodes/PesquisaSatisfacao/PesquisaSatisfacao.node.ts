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

import { enterCard, requireOneItem } from '../shared/runtime/card';
import { resumeWaitingCard, startWaitingCard } from '../shared/runtime/waiting';
import { waitingCardWebhooks } from '../shared/ui/waiting-card';
import { promptOf, SURVEY_OUTPUTS, surveyConfig, type SurveyParameters } from './config';
import { DEFAULT_SCORE_TEXTS, surveyProperties } from './description';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

const DEFAULTS: Record<keyof SurveyParameters, unknown> = {
	mode: 'rating',
	target: 'empresa',
	question: '',
	agentQuestion: '',
	scoreTexts: { texts: Object.fromEntries(DEFAULT_SCORE_TEXTS.map((text, index) => [`nota${index + 1}`, text])) },
	order: 'crescente',
	questionnaire: '',
	freeQuestion: '',
	options: {},
	saveAs: 'avaliacao',
	maxAttempts: 3,
	invalidMessage: '',
	maxAttemptsMessage: '',
	timeoutMinutes: 0,
};

/** Reads the card's parameters; a free question without a questionnaire name is refused. */
export function readSurveyParameters(read: (name: string, fallback: unknown) => unknown, fail: (message: string, description: string) => never): SurveyParameters {
	const parameters = Object.fromEntries(Object.entries(DEFAULTS).map(([name, fallback]) => [name, read(name, fallback)])) as unknown as SurveyParameters;
	if (parameters.mode === 'free' && !String(parameters.questionnaire ?? '').trim()) {
		fail('Questionário sem nome', 'Preencha "Nome do questionário": é por ele que o Relatório de Atendimento conta as respostas.');
	}
	return parameters;
}

/**
 * "Pesquisa de Satisfação": asks the customer for a score from 1 to 5 about the company, the agent
 * or both (two questions), or a free questionnaire question; parks until the answer (like Enviar
 * Pergunta) and records it on the conversation for the report and the Painel.
 */
export class PesquisaSatisfacao implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pesquisa de Satisfação',
		name: 'pesquisaSatisfacao',
		icon: 'file:pesquisaSatisfacao.svg',
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(
			`$parameter["mode"] === "free" ? ${subtitleText('$parameter["questionnaire"]', '(sem nome)')} : {"empresa":"Empresa","atendente":"Atendente","ambos":"Empresa e atendente"}[$parameter["target"]]`,
		),
		description: 'Pesquisa de satisfação (nota de 1 a 5 da empresa e/ou do atendente) ou pergunta de avaliação livre; as respostas entram no Relatório de Atendimento',
		defaults: { name: 'Pesquisa de Satisfação' },
		inputs: [NodeConnectionTypes.Main],
		outputs: SURVEY_OUTPUTS.map((name) => ({ type: NodeConnectionTypes.Main, displayName: name })),
		webhooks: waitingCardWebhooks,
		properties: surveyProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		requireOneItem(this, items, 'Pesquisa de Satisfação');
		const parameters = readSurveyParameters(
			(name, fallback) => this.getNodeParameter(name, 0, fallback),
			(message, description) => {
				throw new NodeOperationError(this.getNode(), message, { itemIndex: 0, description });
			},
		);
		const conversation = await enterCard(this, 0);
		const prompt = promptOf(this.getNode(), conversation, parameters);
		return await startWaitingCard(this, surveyConfig(this, this.getNode(), parameters, conversation), conversation, [prompt]);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const parameters = readSurveyParameters(
			(name, fallback) => this.getNodeParameter(name, fallback),
			(message, description) => {
				throw new NodeOperationError(this.getNode(), message, { description });
			},
		);
		return await resumeWaitingCard(this, (conversation) => surveyConfig(this, this.getNode(), parameters, conversation));
	}
}
