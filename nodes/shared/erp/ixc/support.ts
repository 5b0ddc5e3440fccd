/**
 * Tickets in IXC (docs/apis-externas.md §C.8): departments that serve customers (`su_ticket_setor` with
 * `presta_atendimento` S, the "Presta atendimento externo" option), subjects (`su_oss_assunto`) and
 * the `su_ticket` insert (the message field is spelled `menssagem`).
 */
import { ErpError, type AbrirChamadoInput, type Chamado, type Contrato, type Departamento, type ErpAction } from '../types';
import type { IxcClient } from './client';
import { IXC_NAME, ixcErrorMessage, ixcRefusalError, unexpectedAnswer } from './errors';
import { comparableName, field, mapChamado, mapDepartamento } from './mapping';

/** Characters of a ticket title kept (the customer's words can be long). */
const TITLE_LENGTH = 100;

/** What a new ticket says. */
export interface NewTicket {
	clienteId: string;
	contratoId?: string;
	departamentoId?: string;
	/** Id of the IXC subject (`su_oss_assunto`); empty = the one named like `titulo` (see `subjectIdFor`). */
	assuntoId?: string;
	/** Ticket title; also the name of the IXC subject looked for when `assuntoId` is empty. */
	titulo: string;
	mensagem: string;
	/** N (novo) for a request, S (solucionado) for a record of something already done. */
	status: 'N' | 'S';
}

export async function listExternalDepartments(client: IxcClient, action: ErpAction = 'listarDepartamentos'): Promise<Departamento[]> {
	const rows = await client.listAll(
		'su_ticket_setor',
		{ qtype: 'su_ticket_setor.presta_atendimento', query: 'S', filters: [{ TB: 'su_ticket_setor.ativo', OP: '=', P: 'S' }], rowsPerPage: 200 },
		action,
	);
	return rows.map(mapDepartamento);
}

/**
 * The id of the active subject named like `name` (without case and accents), else of the first
 * active subject: IXC requires a registered subject and the bot only has the customer's words.
 */
async function subjectIdFor(client: IxcClient, name: string, action: ErpAction): Promise<string> {
	const rows = await client.listAll('su_oss_assunto', { qtype: 'su_oss_assunto.ativo', query: 'S', rowsPerPage: 500 }, action);
	const wanted = comparableName(name);
	const row = rows.find((candidate) => comparableName(field(candidate, 'assunto')) === wanted) ?? rows[0];
	if (!row) throw new ErpError('erro_erp', `O ${IXC_NAME} não tem assunto de atendimento ativo: cadastre um em Suporte > Assuntos.`, { system: 'ixc', action });
	return field(row, 'id');
}

async function departmentIdFor(client: IxcClient, departamentoId: string | undefined, action: ErpAction): Promise<string> {
	if (departamentoId) return departamentoId;
	const [first] = await listExternalDepartments(client, action);
	if (!first) {
		throw new ErpError('erro_erp', `Nenhum departamento do ${IXC_NAME} presta atendimento externo: habilite a opção em um departamento.`, { system: 'ixc', action });
	}
	return first.id;
}

/** Inserts a ticket and reads it back for its protocol. */
export async function openTicket(client: IxcClient, ticket: NewTicket, action: ErpAction): Promise<Chamado> {
	const [setor, assunto] = await Promise.all([departmentIdFor(client, ticket.departamentoId, action), ticket.assuntoId?.trim() || subjectIdFor(client, ticket.titulo, action)]);
	const answer = await client.call(
		'su_ticket',
		{
			tipo: 'C',
			id_cliente: ticket.clienteId,
			id_contrato: ticket.contratoId ?? '',
			id_assunto: assunto,
			titulo: ticket.titulo.slice(0, TITLE_LENGTH),
			id_ticket_setor: setor,
			prioridade: 'M',
			menssagem: ticket.mensagem,
			su_status: ticket.status,
		},
		action,
	);
	const refusal = ixcErrorMessage(answer);
	if (refusal !== undefined) throw ixcRefusalError(refusal, action);
	const id = String(answer.id ?? '').trim();
	if (id === '' || id === '0') throw unexpectedAnswer(action, 'inclusão de atendimento sem id');
	const [row] = await client.list('su_ticket', { qtype: 'su_ticket.id', query: id, rowsPerPage: 1 }, action);
	return row ? mapChamado(row) : { id, protocolo: id, assunto: ticket.titulo };
}

/** The ticket body of a customer's request: the description and who asked, through the bot. */
export function requestMessage(input: AbrirChamadoInput): string {
	const contact = [input.contato.nome, input.contato.telefone ? `(${input.contato.telefone})` : ''].filter(Boolean).join(' ');
	const lines = [input.descricao.trim()];
	if (contact) lines.push(`Contato: ${contact}`);
	lines.push('Aberto pelo atendimento automatizado.');
	return lines.join('\n\n');
}

/** The ticket body that keeps the evidence of a contract acceptance in IXC. */
export function acceptanceRecord(contrato: Contrato, evidencia: { telefone?: string; ip?: string; data: string }): string {
	const lines = [`Aceite eletrônico do contrato ${contrato.id} (${contrato.plano}) pelo atendimento automatizado.`, `Data do aceite: ${evidencia.data}`];
	if (evidencia.telefone) lines.push(`Telefone: ${evidencia.telefone}`);
	if (evidencia.ip) lines.push(`IP: ${evidencia.ip}`);
	return lines.join('\n');
}
