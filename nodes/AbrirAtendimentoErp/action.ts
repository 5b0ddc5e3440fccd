import type { Choice, InboundMessage, OutboundMessage } from '../shared/channels/types';
import { publicContrato } from '../shared/erp/card/engine';
import { textOf, type ErpCardAction, type ErpStep, type ErpTurn } from '../shared/erp/card/types';
import type { Departamento } from '../shared/erp/types';
import { matchChoice } from '../shared/text/match';

/** Parameters of the card's own step. */
export interface OpenTicketParameters {
	/** `ask`: menu of the ERP's departments that serve customers; `fixed`: `departmentId`; `none`: the ERP's default. */
	departmentSelection: 'ask' | 'fixed' | 'none';
	departmentId: string;
	departmentPrompt: string;
	subject: string;
	/** IXC only: id of the registered subject; empty = the subject named like `subject` (then the first active one). */
	subjectId: string;
	/** Empty: the atendimento's description (Solicitar Descrição) or, without one, the customer is asked (`descriptionPrompt`). */
	description: string;
	descriptionPrompt: string;
	successMessage: string;
}

export const OPEN_TICKET_OUTPUTS = ['Aberto'];
const OPENED = 0;

/** Shortest description accepted from the customer (an "ok" describes nothing). */
const MIN_DESCRIPTION_LENGTH = 3;

/** Conversation variable with the ticket just opened (`{{var.chamadoErp.protocolo}}` in later messages). */
export const TICKET_VARIABLE = 'chamadoErp';

type Dialog =
	| { stage: 'department'; departmentIds: string[] }
	| { stage: 'description'; departamento: Departamento | null };

const say = (text: string): OutboundMessage => ({ kind: 'text', text });

function departmentChoices(departamentos: Departamento[]): Choice[] {
	return departamentos.map((departamento) => ({ id: `departamento_${departamento.id}`, label: [...departamento.nome].slice(0, 24).join('') }));
}

async function openTicket(step: ErpStep, parameters: OpenTicketParameters, departamento: Departamento | null, descricao: string): Promise<ErpTurn> {
	const assunto = step.render(parameters.subject) || 'Atendimento pelo chatbot';
	const assuntoId = step.render(parameters.subjectId);
	const contato = step.conversation.contact;
	const chamado = await step.adapter.abrirChamado({
		cliente: step.cliente,
		contrato: step.contrato,
		departamentoId: departamento?.id,
		...(assuntoId ? { assuntoId } : {}),
		assunto,
		descricao,
		contato: { nome: contato.name, telefone: contato.phone },
	});
	await step.setVariables({ [TICKET_VARIABLE]: { id: chamado.id, protocolo: chamado.protocolo } });
	return {
		kind: 'finish',
		output: OPENED,
		result: { chamado: { ...chamado }, departamento: departamento ? { ...departamento } : null, assunto, descricao, contrato: step.contrato ? publicContrato(step.contrato) : null },
		messages: [say(step.render(parameters.successMessage, { protocolo_erp: chamado.protocolo }))],
	};
}

/**
 * With the department known: the description from the parameter, else the atendimento's (Solicitar
 * Descrição), else asked of the customer.
 */
async function afterDepartment(step: ErpStep, parameters: OpenTicketParameters, departamento: Departamento | null): Promise<ErpTurn> {
	const descricao = step.render(parameters.description) || step.conversation.description?.trim();
	if (descricao) return await openTicket(step, parameters, departamento, descricao);
	return { kind: 'ask', messages: [say(step.render(parameters.descriptionPrompt))], state: { stage: 'description', departamento } satisfies Dialog };
}

/** The departments offered to the customer; an ERP without departments has none. */
async function offeredDepartments(step: ErpStep): Promise<Departamento[]> {
	return step.adapter.supports('listarDepartamentos') ? await step.adapter.listarDepartamentos() : [];
}

async function answerDepartment(step: ErpStep, parameters: OpenTicketParameters, message: InboundMessage, departmentIds: string[]): Promise<ErpTurn> {
	const departamentos = (await offeredDepartments(step)).filter((departamento) => departmentIds.includes(departamento.id));
	if (departamentos.length === 0) return await afterDepartment(step, parameters, null);
	const choices = departmentChoices(departamentos);
	const content = message.content;
	const picked = (content.kind === 'choice' ? choices.find((choice) => choice.id === content.id) : undefined) ?? matchChoice(textOf(message), choices);
	if (!picked) return { kind: 'invalid', messages: [{ kind: 'choices', text: 'Escolha um dos setores da lista.', choices, buttonLabel: 'Setores' }] };
	return await afterDepartment(step, parameters, departamentos[choices.indexOf(picked)]);
}

function answerDescription(message: InboundMessage): string | undefined {
	if (message.content.kind !== 'text') return undefined;
	const text = message.content.text.trim();
	return text.replace(/\s/g, '').length >= MIN_DESCRIPTION_LENGTH ? text : undefined;
}

/**
 * "Abrir Atendimento no ERP": opens a ticket (IXC atendimento, SGP ocorrência, Hubsoft atendimento) for
 * the customer's contract, in a department the customer picks (only those that serve customers) or a
 * fixed one, with the subject of the card and a description from the card or from the customer.
 */
export function openTicketAction(parameters: OpenTicketParameters): ErpCardAction {
	return {
		outputs: OPEN_TICKET_OUTPUTS,
		requires: 'contract',
		uses: ['abrirChamado'],
		async run(step) {
			if (parameters.departmentSelection === 'fixed' && parameters.departmentId) {
				return await afterDepartment(step, parameters, { id: parameters.departmentId, nome: '' });
			}
			const departamentos = parameters.departmentSelection === 'ask' ? await offeredDepartments(step) : [];
			if (departamentos.length <= 1) return await afterDepartment(step, parameters, departamentos[0] ?? null);
			return {
				kind: 'ask',
				messages: [{ kind: 'choices', text: step.render(parameters.departmentPrompt), choices: departmentChoices(departamentos), buttonLabel: 'Setores' }],
				state: { stage: 'department', departmentIds: departamentos.map((departamento) => departamento.id) } satisfies Dialog,
			};
		},
		async answer(step, message, state) {
			const dialog = state as Dialog;
			if (dialog.stage === 'department') return await answerDepartment(step, parameters, message, dialog.departmentIds);
			const descricao = answerDescription(message);
			if (!descricao) return { kind: 'invalid', messages: [say('Escreva em uma mensagem de texto o que aconteceu, por favor.')] };
			return await openTicket(step, parameters, dialog.departamento, descricao);
		},
	};
}
