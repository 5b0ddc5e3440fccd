/**
 * "Formulário (WhatsApp Flow)" answer type of Enviar Pergunta. On WhatsApp the card sends a Flow with a
 * `flow_token` bound to the conversation and to this wait, and takes the `nfm_reply` that echoes it; on
 * every other channel it asks the same fields one by one as text questions. Either way each field lands
 * in its conversation variable and the card leaves by "Respondido".
 */
import { randomBytes } from 'crypto';
import { NodeOperationError, type IDataObject, type INode, type Logger } from 'n8n-workflow';

import { flowCtaProblem } from '../shared/channels/whatsapp/flows';
import type { FlowMessage, InboundMessage, OutboundMessage } from '../shared/channels/types';
import type { Conversation } from '../shared/conversation/types';
import { logLine } from '../shared/log';
import { renderTemplate } from '../shared/text/template';
import { templateVariablesOf } from '../shared/runtime/card';
import type { AnswerEvaluation, DialogState, WaitingCardConfig } from '../shared/runtime/waiting';

/** The form parameters of the card. */
export interface FormParameters {
	question: string;
	flowBy: 'id' | 'name';
	flowId: string;
	flowName: string;
	flowCta: string;
	flowMode: 'published' | 'draft';
	flowAction: 'navigate' | 'dataExchange';
	flowScreen: string;
	flowData: string | IDataObject;
	flowHeader: string;
	flowFooter: string;
	formFields: { values?: Array<{ field?: string; variable?: string; question?: string; required?: boolean }> };
	maxAttempts: number;
	invalidMessage: string;
	maxAttemptsMessage: string;
	timeoutMinutes: number;
}

/** One field of the form: its name in the Flow, the variable it fills, its question on text channels. */
export interface FormField {
	field: string;
	variable: string;
	question: string;
	required: boolean;
}

/** Where the card is: waiting for the Flow with `token`, or at text question `step` with the answers so far. */
export type FormDialog = { mode: 'flow'; token: string } | { mode: 'text'; step: number; values: Record<string, string> };

/** Answer that leaves an optional field empty on text channels. */
export const SKIP_WORDS = ['pular', '-'];

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The configured fields, refusing empty names and variable names `{{var.x}}` could not read. */
export function formFieldsOf(node: INode, parameters: FormParameters): FormField[] {
	const values = parameters.formFields.values ?? [];
	if (values.length === 0) {
		throw new NodeOperationError(node, 'Nenhum campo do formulário configurado', {
			description: 'Adicione em "Campos do formulário" cada campo do Flow (o nome usado no JSON do Flow) e a variável que o recebe.',
		});
	}
	const seen = new Set<string>();
	return values.map((value, index) => {
		const field = (value.field ?? '').trim();
		if (!field) throw new NodeOperationError(node, `O campo ${index + 1} do formulário está sem nome`, { description: 'Informe o nome do campo como está no JSON do Flow (ex.: nome, cpf, email).' });
		const variable = (value.variable ?? '').trim() || field;
		if (!VARIABLE_NAME.test(variable)) {
			throw new NodeOperationError(node, `Nome de variável inválido: "${variable}"`, { description: 'Use letras sem acento, números e _ (ex.: nome_cliente), começando por uma letra.' });
		}
		if (seen.has(variable)) throw new NodeOperationError(node, `A variável "${variable}" aparece em dois campos do formulário`, { description: 'Cada campo precisa de uma variável própria.' });
		seen.add(variable);
		const question = (value.question ?? '').trim() || `Informe ${field}:`;
		return { field, variable, question, required: value.required !== false };
	});
}

function initialData(node: INode, raw: string | IDataObject): Record<string, unknown> | undefined {
	if (typeof raw === 'object' && raw !== null) return Object.keys(raw).length > 0 ? raw : undefined;
	const text = String(raw ?? '').trim();
	if (!text) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new NodeOperationError(node, 'Os "Dados iniciais" do formulário não são um JSON válido', { description: 'Use um objeto JSON, ex.: {"plano": "500MB"}, ou deixe em branco.' });
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new NodeOperationError(node, 'Os "Dados iniciais" do formulário precisam ser um objeto JSON', { description: 'Ex.: {"plano": "500MB"}. Deixe em branco para não enviar dados.' });
	}
	return Object.keys(parsed).length > 0 ? (parsed as Record<string, unknown>) : undefined;
}

/** A flow_token for this wait: the conversation id and a fresh nonce (a reply to an older form carries another one). */
export function newFlowToken(conversation: Conversation): string {
	return `${conversation.id}.${randomBytes(6).toString('hex')}`;
}

/** The WhatsApp Flow message, checked before anything is sent. */
export function flowMessageOf(node: INode, parameters: FormParameters, conversation: Conversation, token: string): FlowMessage {
	const variables = templateVariablesOf(conversation);
	const text = renderTemplate(parameters.question, variables).trim();
	if (!text) throw new NodeOperationError(node, 'A pergunta do formulário está vazia', { description: 'No WhatsApp a "Pergunta" é o texto da mensagem que leva o botão do formulário.' });
	const ctaProblem = flowCtaProblem(parameters.flowCta);
	if (ctaProblem) throw new NodeOperationError(node, `Botão do formulário inválido: ${ctaProblem}`, { description: 'O WhatsApp aceita até 20 caracteres, sem emoji (ex.: Preencher).' });
	const flowId = parameters.flowId.trim();
	const flowName = parameters.flowName.trim();
	if (parameters.flowBy === 'id' ? !/^\d+$/.test(flowId) : !flowName) {
		throw new NodeOperationError(node, parameters.flowBy === 'id' ? 'ID do Flow ausente ou inválido' : 'Nome do Flow ausente', {
			description: 'Copie o ID (só números) ou o nome do Flow publicado em WhatsApp Manager > Contas > Flows.',
		});
	}
	const screen = parameters.flowScreen.trim();
	if (parameters.flowAction === 'navigate' && !screen) {
		throw new NodeOperationError(node, 'Tela inicial do Flow ausente', { description: 'Informe o id da primeira tela do Flow (ex.: CADASTRO), como está no JSON do Flow.' });
	}
	const data = parameters.flowAction === 'navigate' ? initialData(node, parameters.flowData) : undefined;
	return {
		kind: 'flow',
		flow: parameters.flowBy === 'id' ? { id: flowId } : { name: flowName },
		buttonLabel: parameters.flowCta.trim(),
		text,
		header: renderTemplate(parameters.flowHeader, variables).trim() || undefined,
		footer: renderTemplate(parameters.flowFooter, variables).trim() || undefined,
		mode: parameters.flowMode,
		token,
		action: parameters.flowAction === 'navigate' ? { type: 'navigate', screen, ...(data ? { data } : {}) } : { type: 'dataExchange' },
	};
}

function questionText(field: FormField): string {
	return field.required ? field.question : `${field.question}\n(Opcional: responda "pular" para deixar em branco.)`;
}

/** What the card sends first and the dialog it waits in, for the conversation's channel. */
export function formStart(node: INode, parameters: FormParameters, conversation: Conversation): { prompt: OutboundMessage[]; dialog: FormDialog } {
	const fields = formFieldsOf(node, parameters);
	if (conversation.channel.type === 'whatsapp') {
		const token = newFlowToken(conversation);
		return { prompt: [flowMessageOf(node, parameters, conversation, token)], dialog: { mode: 'flow', token } };
	}
	const intro = renderTemplate(parameters.question, templateVariablesOf(conversation)).trim();
	const prompt: OutboundMessage[] = [...(intro ? [{ kind: 'text' as const, text: intro }] : []), { kind: 'text', text: questionText(fields[0]) }];
	return { prompt, dialog: { mode: 'text', step: 0, values: {} } };
}

/** A field value as a conversation variable: text, lists joined by ", ", other objects as JSON. */
export function variableValue(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (Array.isArray(value)) return value.map(variableValue).join(', ');
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

function isEmpty(value: unknown): boolean {
	return variableValue(value).trim() === '';
}

function answered(fields: FormField[], values: Record<string, unknown>, channel: 'whatsapp' | 'texto'): AnswerEvaluation {
	const campos: IDataObject = {};
	const variables: Record<string, string> = {};
	for (const field of fields) {
		campos[field.variable] = (values[field.field] ?? null) as IDataObject[string];
		variables[field.variable] = variableValue(values[field.field]);
	}
	return { accepted: true, output: 0, result: { campos, canal: channel }, variables };
}

/** How the form card evaluates messages; `send` delivers the next text question, `logger` gets refused replies. */
export interface FormRuntime {
	send: (conversation: Conversation, messages: OutboundMessage[]) => Promise<void>;
	logger?: Logger;
}

/** The waiting-card behaviour of a form; the dialog (Waiter.dialog) says whether the Flow or the text questions run. */
export function formConfig(node: INode, parameters: FormParameters, runtime: FormRuntime): WaitingCardConfig {
	const fields = formFieldsOf(node, parameters);
	let pendingInvalid: OutboundMessage[] = [];
	const invalid = (reason: string, reAsk: OutboundMessage[]): AnswerEvaluation => {
		pendingInvalid = [{ kind: 'text', text: [parameters.invalidMessage.trim(), reason].filter(Boolean).join('\n') }, ...reAsk];
		return { accepted: false, reason };
	};

	const evaluateFlow = (message: InboundMessage, conversation: Conversation, dialog: Extract<FormDialog, { mode: 'flow' }>): AnswerEvaluation => {
		const content = message.content;
		const reAsk = [flowMessageOf(node, parameters, conversation, dialog.token)];
		if (content.kind === 'form') {
			if (content.token === undefined) {
				// WhatsApp on iOS is known to leave flow_token out: the reply is taken for the form this wait sent.
				logLine(runtime.logger, 'warn', 'resposta de formulário sem flow_token (falha conhecida do WhatsApp no iOS): aceita para esta espera', {
					node: node.name,
					protocolo: conversation.protocolo,
					mensagem: message.messageId,
				});
			} else if (content.token !== dialog.token) {
				logLine(runtime.logger, 'warn', 'resposta de formulário com flow_token de outra espera ignorada; o card continua esperando', {
					node: node.name,
					protocolo: conversation.protocolo,
					mensagem: message.messageId,
				});
				return { accepted: false, ignored: true };
			}
			const missing = fields.filter((field) => field.required && isEmpty(content.fields[field.field]));
			if (missing.length > 0) {
				logLine(runtime.logger, 'warn', `formulário chegou sem os campos obrigatórios ${missing.map((field) => field.field).join(', ')}: confira os nomes no JSON do Flow`, {
					node: node.name,
					protocolo: conversation.protocolo,
				});
				return invalid(`Faltou preencher: ${missing.map((field) => field.field).join(', ')}. Toque no botão "${parameters.flowCta.trim()}" e preencha de novo.`, reAsk);
			}
			return answered(fields, content.fields, 'whatsapp');
		}
		return invalid(`Para responder, toque no botão "${parameters.flowCta.trim()}" e preencha o formulário.`, reAsk);
	};

	const evaluateText = async (message: InboundMessage, conversation: Conversation, dialog: Extract<FormDialog, { mode: 'text' }>): Promise<AnswerEvaluation> => {
		const field = fields[Math.min(dialog.step, fields.length - 1)];
		const content = message.content;
		const text = (content.kind === 'text' ? content.text : content.kind === 'choice' ? content.title : '').trim();
		const skipped = !field.required && SKIP_WORDS.includes(text.toLowerCase());
		if (!text) return invalid('Responda com uma mensagem de texto.', [{ kind: 'text', text: questionText(field) }]);
		const values = { ...dialog.values, [field.field]: skipped ? '' : text };
		const next = dialog.step + 1;
		if (next >= fields.length) return answered(fields, values, 'texto');
		await runtime.send(conversation, [{ kind: 'text', text: questionText(fields[next]) }]);
		return { accepted: false, proceed: { mode: 'text', step: next, values } };
	};

	return {
		outputCount: 3,
		maxAttemptsOutput: 1,
		noAnswerOutput: 2,
		maxAttempts: Math.max(1, parameters.maxAttempts),
		timeoutMinutes: Math.max(0, parameters.timeoutMinutes),
		invalidMessages: () => pendingInvalid,
		maxAttemptsMessages: parameters.maxAttemptsMessage.trim() ? [{ kind: 'text', text: parameters.maxAttemptsMessage.trim() }] : [],
		evaluate: async (message, conversation, state?: DialogState) => {
			const dialog = state as FormDialog | undefined;
			if (dialog?.mode === 'flow') return evaluateFlow(message, conversation, dialog);
			return await evaluateText(message, conversation, dialog?.mode === 'text' ? dialog : { mode: 'text', step: 0, values: {} });
		},
	};
}
