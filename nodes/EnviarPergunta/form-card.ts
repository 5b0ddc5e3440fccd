/** execute() and webhook() of Enviar Pergunta when the answer type is "Formulário (WhatsApp Flow)" (form.ts). */
import type { IExecuteFunctions, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { enterCard, readParametersWithDefaults, type ParameterReader } from '../shared/runtime/card';
import { sendToConversation, type SendingContext } from '../shared/runtime/send';
import { resumeWaitingCard, startWaitingCard } from '../shared/runtime/waiting';
import { formConfig, formStart, type FormParameters, type FormRuntime } from './form';

const FORM_DEFAULTS: Record<keyof FormParameters, unknown> = {
	question: '',
	flowBy: 'id',
	flowId: '',
	flowName: '',
	flowCta: 'Preencher',
	flowMode: 'published',
	flowAction: 'navigate',
	flowScreen: '',
	flowData: '',
	flowHeader: '',
	flowFooter: '',
	formFields: {},
	maxAttempts: 3,
	invalidMessage: '',
	maxAttemptsMessage: '',
	timeoutMinutes: 0,
};

function readFormParameters(read: ParameterReader): FormParameters {
	return readParametersWithDefaults<FormParameters>(FORM_DEFAULTS, read);
}

function runtimeOf(context: SendingContext): FormRuntime {
	return {
		send: async (conversation, messages) => {
			await sendToConversation(context, conversation, messages);
		},
		logger: context.logger,
	};
}

/** Sends the Flow (WhatsApp) or the first field's question (other channels) and waits. */
export async function executeForm(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const parameters = readFormParameters((name, fallback) => context.getNodeParameter(name, 0, fallback));
	const node = context.getNode();
	const conversation = await enterCard(context, 0);
	const { prompt, dialog } = formStart(node, parameters, conversation);
	return await startWaitingCard(context, formConfig(node, parameters, runtimeOf(context)), conversation, prompt, dialog);
}

/** A customer message (or the deadline) for a waiting form. */
export async function resumeForm(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const parameters = readFormParameters((name, fallback) => context.getNodeParameter(name, fallback));
	return await resumeWaitingCard(context, () => formConfig(context.getNode(), parameters, runtimeOf(context)));
}
