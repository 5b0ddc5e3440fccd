/**
 * The runtime of every ERP card (docs/arquitetura.md §7): identification (CPF/CNPJ only when the conversation
 * has no linked customer), the contract menu when there are several, the card's own action, attempts,
 * and the "Erro" output with a clear message whenever the ERP fails — never a dead conversation.
 * The dialog rides on the waiting-card mechanism (waiting.ts): each question parks the execution,
 * `Waiter.dialog` remembers where the card is.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, IWebhookFunctions, IWebhookResponseData, Logger } from 'n8n-workflow';

import type { Choice, InboundMessage, OutboundMessage } from '../../channels/types';
import { getConversationStore } from '../../conversation';
import { appendEvent } from '../../conversation/routing';
import type { Conversation, LinkedCustomer, LinkVerification } from '../../conversation/types';
import { errorText, logLine } from '../../log';
import { toAtendimentoItem } from '../../runtime/atendimento';
import { enterCard, templateVariablesOf } from '../../runtime/card';
import { sendToConversation } from '../../runtime/send';
import { expectsSecretAnswer, SENSITIVE_ANSWER_FLAG, withSecretAnswer } from '../../runtime/sensitive';
import { resumeWaitingCard, startWaitingCard, type AnswerEvaluation, type DialogState, type WaitingCardConfig } from '../../runtime/waiting';
import { matchChoice } from '../../text/match';
import { renderTemplate } from '../../text/template';
import { maskDocument, validateDocument } from '../../validation';
import { createErpAdapter, ERP_NAMES } from '../adapters';
import { erpCredentialsOf, n8nErpTransport } from '../n8n-transport';
import { ErpError, type Cliente, type Contrato, type ErpAdapter } from '../types';
import { COMMON_OUTPUTS, ERP_COMMON_DEFAULTS, type ErpCommonParameters } from './properties';
import { textOf, type ErpCardAction, type ErpStep, type ErpTurn } from './types';

type Outputs = INodeExecutionData[][];
type Stage = { stage: 'document' } | { stage: 'contract'; contractIds: string[] } | { stage: 'action'; contractId?: string; state: Record<string, unknown> };

/** Reads the shared parameters (execute: per item 0; webhook: the node's). */
export function readCommonParameters(read: (name: string, fallback: unknown) => unknown): ErpCommonParameters {
	const identification = (read('identification', {}) ?? {}) as Partial<ErpCommonParameters>;
	const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value.trim() : fallback);
	return {
		documentPrompt: text(identification.documentPrompt, ERP_COMMON_DEFAULTS.documentPrompt),
		notFoundMessage: text(identification.notFoundMessage, ERP_COMMON_DEFAULTS.notFoundMessage),
		contractPrompt: text(identification.contractPrompt, ERP_COMMON_DEFAULTS.contractPrompt),
		maxAttempts: Math.max(1, Number(read('maxAttempts', ERP_COMMON_DEFAULTS.maxAttempts)) || 1),
		maxAttemptsMessage: text(read('maxAttemptsMessage', ''), ''),
		errorMessage: text(read('errorMessage', ''), ERP_COMMON_DEFAULTS.errorMessage),
		timeoutMinutes: Math.max(0, Number(read('timeoutMinutes', 0)) || 0),
	};
}

const say = (text: string): OutboundMessage => ({ kind: 'text', text });

/** The canonical customer of a conversation's link (what adapters need between turns). */
export function clienteOf(link: LinkedCustomer): Cliente {
	return {
		id: link.id,
		nome: link.name ?? '',
		documento: link.document ?? '',
		tipoPessoa: link.personType ?? 'fisica',
		telefones: link.phones ?? [],
		codigo: link.code,
	};
}

/** The customer as items show it: the document masked (items are saved in execution data). */
export function publicCliente(cliente: Cliente): IDataObject {
	return { id: cliente.id, nome: cliente.nome, documento: maskDocument(cliente.documento), tipoPessoa: cliente.tipoPessoa, codigo: cliente.codigo ?? null };
}

export function publicContrato(contrato: Contrato): IDataObject {
	return { ...contrato } as unknown as IDataObject;
}

function contractChoices(contracts: Contrato[]): Choice[] {
	return contracts.map((contract) => ({
		id: `contrato_${contract.id}`,
		label: [...`${contract.plano}`].slice(0, 24).join(''),
		description: [contract.endereco, `contrato ${contract.id}`].filter(Boolean).join(' · ').slice(0, 72),
	}));
}

/** One call of the card (execute or webhook): everything the dialog needs. */
class ErpDialog {
	/** Messages of the last invalid answer, sent by waiting.ts through `invalidMessages`. */
	private pendingInvalid: OutboundMessage[] = [];

	constructor(
		private readonly action: ErpCardAction,
		private readonly parameters: ErpCommonParameters,
		private readonly adapter: ErpAdapter,
		private readonly nodeName: string,
		private readonly send: (conversation: Conversation, messages: OutboundMessage[]) => Promise<void>,
		private readonly logger: Logger,
	) {}

	private get system() {
		return this.adapter.system;
	}

	private render(conversation: Conversation, text: string, extra: Record<string, string> = {}): string {
		let rendered = renderTemplate(text, templateVariablesOf(conversation));
		for (const [name, value] of Object.entries(extra)) rendered = rendered.split(`{{${name}}}`).join(value);
		return rendered.trim();
	}

	private step(conversation: Conversation, cliente: Cliente, contrato?: Contrato): ErpStep {
		return { ...this.stepWithoutCustomer(conversation), cliente, contrato };
	}

	private stepWithoutCustomer(conversation: Conversation): Omit<ErpStep, 'cliente' | 'contrato'> {
		return {
			adapter: this.adapter,
			conversation,
			render: (text, extra) => this.render(conversation, text, extra),
			setVariables: async (variables) => {
				await getConversationStore().update(conversation.id, (record) => {
					Object.assign(record.variables, variables);
				});
			},
		};
	}

	/** The conversation's customer, when it is linked to this ERP. */
	private linkedCliente(conversation: Conversation): Cliente | undefined {
		const link = conversation.customer;
		return link && link.erp === this.system && link.document ? clienteOf(link) : undefined;
	}

	/** First step of the card: identification, or straight to the contract/action when already linked. */
	async start(conversation: Conversation): Promise<ErpTurn & { dialog?: Stage }> {
		const unsupported = this.action.uses.filter((action) => !this.adapter.supports(action));
		if (unsupported.length > 0) {
			throw new ErpError('nao_suportado', `O ${ERP_NAMES[this.system]} não oferece esta ação pela API (${unsupported.join(', ')}).`, { system: this.system, action: unsupported[0] });
		}
		const early = await this.action.beforeIdentification?.(this.stepWithoutCustomer(conversation));
		if (early) return this.wrapAction(early, undefined);
		const current = (await getConversationStore().get(conversation.id)) ?? conversation;
		const cliente = this.linkedCliente(current);
		if (!cliente) return { kind: 'ask', messages: [say(this.render(current, this.parameters.documentPrompt))], state: { stage: 'document' } };
		return await this.afterCustomer(current, cliente);
	}

	private async afterCustomer(conversation: Conversation, cliente: Cliente): Promise<ErpTurn> {
		if (this.action.requires === 'customer') return this.wrapAction(await this.action.run(this.step(conversation, cliente)), undefined);
		const contracts = await this.adapter.listarContratos(cliente);
		if (contracts.length === 0) {
			throw new ErpError('erro_erp', 'O cadastro não tem contratos.', { system: this.system, action: 'listarContratos' });
		}
		const chosen = contracts.find((contract) => contract.id === conversation.customer?.activeContractId);
		if (contracts.length === 1 || chosen) return await this.withContract(conversation, cliente, chosen ?? contracts[0]);
		return {
			kind: 'ask',
			messages: [{ kind: 'choices', text: this.render(conversation, this.parameters.contractPrompt), choices: contractChoices(contracts), buttonLabel: 'Contratos' }],
			state: { stage: 'contract', contractIds: contracts.map((contract) => contract.id) },
		};
	}

	private async withContract(conversation: Conversation, cliente: Cliente, contrato: Contrato): Promise<ErpTurn> {
		return this.wrapAction(await this.action.run(this.step(conversation, cliente, contrato)), contrato.id);
	}

	/**
	 * Keeps the contract in the dialog state of the card's own questions; a question whose answer is secret
	 * carries the flag on the waiter's dialog and is marked for the channel (runtime/sensitive.ts).
	 */
	private wrapAction(turn: ErpTurn, contractId: string | undefined): ErpTurn {
		if (turn.kind === 'finish' || !turn.state) return turn;
		const secret = expectsSecretAnswer(turn.state);
		const state = { stage: 'action', contractId, state: turn.state, ...(secret ? { [SENSITIVE_ANSWER_FLAG]: true } : {}) };
		return { ...turn, state, messages: secret ? withSecretAnswer(turn.messages) : turn.messages };
	}

	/** The next customer message, at whatever stage the card is. */
	async answer(conversation: Conversation, message: InboundMessage, dialog: Stage): Promise<ErpTurn> {
		if (dialog.stage === 'document') return await this.answerDocument(conversation, message);
		const cliente = this.linkedCliente(conversation);
		if (!cliente && dialog.stage === 'action' && this.action.answer) {
			return this.wrapAction(await this.action.answer({ ...this.stepWithoutCustomer(conversation) } as ErpStep, message, dialog.state), undefined);
		}
		if (!cliente) return await this.start(conversation);
		if (dialog.stage === 'contract') return await this.answerContract(conversation, cliente, message, dialog.contractIds);
		const contracts = dialog.contractId ? await this.adapter.listarContratos(cliente) : [];
		const contrato = contracts.find((contract) => contract.id === dialog.contractId);
		if (!this.action.answer) throw new Error('Card ERP sem resposta configurada');
		return this.wrapAction(await this.action.answer(this.step(conversation, cliente, contrato), message, dialog.state), dialog.contractId);
	}

	private async answerDocument(conversation: Conversation, message: InboundMessage): Promise<ErpTurn> {
		const validation = validateDocument(textOf(message));
		if (!validation.valid) return { kind: 'invalid', messages: [say(validation.reason)] };
		const cliente = await this.adapter.buscarClientePorDocumento(validation.value);
		if (!cliente) return { kind: 'invalid', messages: [say(this.render(conversation, this.parameters.notFoundMessage))] };
		const linked = await linkCustomer(conversation.id, this.system, cliente, this.nodeName, 'documento');
		return await this.afterCustomer(linked, cliente);
	}

	private async answerContract(conversation: Conversation, cliente: Cliente, message: InboundMessage, contractIds: string[]): Promise<ErpTurn> {
		const contracts = (await this.adapter.listarContratos(cliente)).filter((contract) => contractIds.includes(contract.id));
		const choices = contractChoices(contracts);
		const content = message.content;
		const picked =
			(content.kind === 'choice' ? choices.find((choice) => choice.id === content.id) : undefined) ?? matchChoice(textOf(message), choices);
		if (!picked) {
			return {
				kind: 'invalid',
				messages: [{ kind: 'choices', text: 'Escolha um dos contratos da lista.', choices, buttonLabel: 'Contratos' }],
			};
		}
		const contrato = contracts[choices.indexOf(picked)];
		const updated = (await getConversationStore().update(conversation.id, (record) => {
			if (record.customer) record.customer.activeContractId = contrato.id;
		})) ?? conversation;
		return await this.withContract(updated, cliente, contrato);
	}

	/** The waiting-card behaviour (attempts, max attempts, no answer) around the dialog. */
	config(): WaitingCardConfig {
		const outputCount = this.action.outputs.length + COMMON_OUTPUTS.length;
		return {
			outputCount,
			maxAttemptsOutput: this.action.outputs.length,
			noAnswerOutput: this.action.outputs.length + 2,
			maxAttempts: this.parameters.maxAttempts,
			timeoutMinutes: this.parameters.timeoutMinutes,
			invalidMessages: () => this.pendingInvalid,
			maxAttemptsMessages: this.parameters.maxAttemptsMessage ? [say(this.parameters.maxAttemptsMessage)] : [],
			evaluate: async (message, conversation, dialog) => await this.evaluate(message, conversation, dialog),
		};
	}

	private async evaluate(message: InboundMessage, conversation: Conversation, dialog: DialogState): Promise<AnswerEvaluation> {
		let turn: ErpTurn;
		try {
			turn = await this.answer(conversation, message, (dialog as Stage | undefined) ?? { stage: 'document' });
		} catch (error) {
			const failure = await this.fail(conversation, error);
			return { accepted: true, output: failure.output, result: failure.result };
		}
		// Still waiting for the secret: the re-asked question hides the answer too.
		if (turn.kind === 'invalid' && !turn.state && expectsSecretAnswer(dialog)) turn = { ...turn, messages: withSecretAnswer(turn.messages) };
		return await this.settle(conversation, turn);
	}

	/** Sends what a turn says and tells waiting.ts what to do next. */
	async settle(conversation: Conversation, turn: ErpTurn): Promise<AnswerEvaluation> {
		if (turn.kind === 'invalid') {
			this.pendingInvalid = turn.messages;
			return { accepted: false, dialog: turn.state };
		}
		const current = (await getConversationStore().get(conversation.id)) ?? conversation;
		await this.send(current, turn.kind === 'ask' ? turn.messages : (turn.messages ?? []));
		if (turn.kind === 'ask') return { accepted: false, proceed: turn.state, keepAttempts: turn.sameAttempt };
		return { accepted: true, output: turn.output, result: turn.result };
	}

	/** Any failure: the customer hears the error message, the flow goes on by "Erro". */
	async fail(conversation: Conversation, error: unknown): Promise<{ output: number; result: IDataObject }> {
		const erpError =
			error instanceof ErpError ? error : new ErpError('erro_erp', `Falha inesperada no card: ${(error as Error)?.message ?? String(error)}`, { system: this.system });
		logLine(this.logger, 'warn', `erro do ERP: ${erpError.message}`, { node: this.nodeName, protocolo: conversation.protocolo, tipo: erpError.kind, ...erpError.details });
		await getConversationStore().update(conversation.id, (record) => {
			record.events = appendEvent(record.events, { at: Date.now(), type: 'erro_erp', node: this.nodeName, data: { tipo: erpError.kind, erp: this.system } });
		});
		const current = (await getConversationStore().get(conversation.id)) ?? conversation;
		await this.send(current, [say(this.render(current, this.parameters.errorMessage))]).catch((sendError: unknown) =>
			logLine(this.logger, 'error', `a mensagem de erro do ERP não chegou ao cliente: ${errorText(sendError)}`, { node: this.nodeName, protocolo: conversation.protocolo }),
		);
		return { output: this.action.outputs.length + 1, result: { erro: { tipo: erpError.kind, mensagem: erpError.message, erp: this.system } } };
	}
}

/**
 * Records the customer found in the ERP on the conversation (the next ERP cards do not ask again) and
 * how the contact proved it (`how`). The same customer again keeps its data and adds `how`; another
 * customer of the same ERP becomes the main account and the previous one joins the other accounts the
 * contact manages (Gerenciar Contas), which are kept; a customer of another ERP starts afresh.
 */
export async function linkCustomer(conversationId: string, system: string, cliente: Cliente, nodeName: string, how: LinkVerification): Promise<Conversation> {
	const updated = await getConversationStore().update(conversationId, (record) => {
		const previous = record.customer;
		const sameCustomer = previous?.erp === system && previous.id === cliente.id;
		const sameErp = previous?.erp === system;
		const verifiedBy = sameCustomer ? [...new Set([...(previous.verifiedBy ?? []), how])] : [how];
		const accounts = sameErp ? [...(previous.additionalAccounts ?? [])] : [];
		if (previous && sameErp && !sameCustomer && !accounts.some((account) => account.id === previous.id)) {
			accounts.push({ id: previous.id, name: previous.name, document: previous.document, ...(previous.verifiedBy ? { verifiedBy: previous.verifiedBy } : {}) });
		}
		record.customer = {
			...(sameCustomer ? previous : {}),
			erp: system,
			id: cliente.id,
			name: cliente.nome,
			document: cliente.documento,
			personType: cliente.tipoPessoa,
			code: cliente.codigo,
			phones: cliente.telefones,
			verifiedBy,
		};
		const others = accounts.filter((account) => account.id !== cliente.id);
		if (others.length > 0) record.customer.additionalAccounts = others;
		else delete record.customer.additionalAccounts;
		record.events = appendEvent(record.events, { at: Date.now(), type: 'cliente_vinculado', node: nodeName, data: { erp: system, clienteId: cliente.id, como: how } });
	});
	if (!updated) throw new Error(`Atendimento ${conversationId} não encontrado`);
	return updated;
}

/** Adds a verification to the conversation's link (Autenticação Duas Etapas: `portal`). */
export async function addLinkVerification(conversationId: string, how: LinkVerification): Promise<void> {
	await getConversationStore().update(conversationId, (record) => {
		if (!record.customer) return;
		record.customer.verifiedBy = [...new Set([...(record.customer.verifiedBy ?? []), how])];
	});
}

function routeTo(outputCount: number, output: number, item: INodeExecutionData): Outputs {
	const outputs: Outputs = Array.from({ length: outputCount }, () => []);
	outputs[output] = [item];
	return outputs;
}

async function dialogFor(
	context: IExecuteFunctions | IWebhookFunctions,
	action: ErpCardAction,
	parameters: ErpCommonParameters,
): Promise<ErpDialog> {
	const credentials = await erpCredentialsOf(context);
	const adapter = createErpAdapter(credentials, n8nErpTransport(context));
	const send = async (conversation: Conversation, messages: OutboundMessage[]): Promise<void> => {
		await sendToConversation(context, conversation, messages);
	};
	return new ErpDialog(action, parameters, adapter, context.getNode().name, send, context.logger);
}

/** execute() of an ERP card. */
export async function executeErpCard(context: IExecuteFunctions, action: ErpCardAction): Promise<Outputs> {
	const parameters = readCommonParameters((name, fallback) => context.getNodeParameter(name, 0, fallback));
	const conversation = await enterCard(context, 0);
	const outputCount = action.outputs.length + COMMON_OUTPUTS.length;
	const finishItem = (record: Conversation, result: IDataObject): INodeExecutionData => ({
		json: { ...result, atendimento: toAtendimentoItem(record) as unknown as IDataObject },
		pairedItem: { item: 0 },
	});
	let dialog: ErpDialog | undefined;
	let turn: ErpTurn;
	try {
		dialog = await dialogFor(context, action, parameters);
		turn = await dialog.start(conversation);
	} catch (error) {
		const failure = dialog
			? await dialog.fail(conversation, error)
			: await failWithoutAdapter(context, conversation, parameters, error, action.outputs.length + 1);
		const current = (await getConversationStore().get(conversation.id)) ?? conversation;
		return routeTo(outputCount, failure.output, finishItem(current, failure.result));
	}
	if (turn.kind === 'ask') return await startWaitingCard(context, dialog.config(), conversation, turn.messages, turn.state);
	if (turn.kind === 'invalid') throw new Error('Um card ERP não pode recusar antes de perguntar');
	await sendToConversation(context, conversation, turn.messages ?? []);
	const current = (await getConversationStore().get(conversation.id)) ?? conversation;
	return routeTo(outputCount, turn.output, finishItem(current, turn.result));
}

/** Credential missing or of an unknown ERP: the customer still hears the error message. */
async function failWithoutAdapter(
	context: IExecuteFunctions,
	conversation: Conversation,
	parameters: ErpCommonParameters,
	error: unknown,
	errorOutput: number,
): Promise<{ output: number; result: IDataObject }> {
	const facts = { node: context.getNode().name, protocolo: conversation.protocolo };
	logLine(context.logger, 'warn', `card de ERP sem ERP utilizável: ${errorText(error)}`, facts);
	await sendToConversation(context, conversation, [say(parameters.errorMessage)]).catch((sendError: unknown) =>
		logLine(context.logger, 'error', `a mensagem de erro do ERP não chegou ao cliente: ${errorText(sendError)}`, facts),
	);
	const kind = error instanceof ErpError ? error.kind : 'autenticacao';
	return { output: errorOutput, result: { erro: { tipo: kind, mensagem: (error as Error).message } } };
}

/** webhook() of an ERP card: the customer's next message while the card waits. */
export async function webhookErpCard(context: IWebhookFunctions, action: ErpCardAction): Promise<IWebhookResponseData> {
	const parameters = readCommonParameters((name, fallback) => context.getNodeParameter(name, fallback));
	const dialog = await dialogFor(context, action, parameters);
	return await resumeWaitingCard(context, () => dialog.config());
}
