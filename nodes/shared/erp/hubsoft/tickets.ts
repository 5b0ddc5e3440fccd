/**
 * Tickets (`POST atendimento`, ticket types from `configuracao/tipo_atendimento`) and the
 * subscriber-portal login check (`POST cliente/autenticacao`).
 */
import { ErpError, type AbrirChamadoInput, type Chamado, type Cliente, type Departamento } from '../types';
import type { HubsoftApi } from './api';
import { listContratos } from './customers';
import { expectHubsoftSuccess, HUBSOFT_NAME, refusalOf, unexpectedHubsoftAnswer } from './errors';
import { mapChamado, mapDepartamento } from './mapping';
import { ticketPhone } from './search-terms';
import type { HubsoftAnswer, HubsoftAtendimento, HubsoftCliente, HubsoftTipoAtendimento } from './wire';

export async function listTicketTypes(api: HubsoftApi): Promise<Departamento[]> {
	const answer = expectHubsoftSuccess(
		await api.get<HubsoftAnswer & { tipos_atendimento?: HubsoftTipoAtendimento[] }>('listarDepartamentos', '/configuracao/tipo_atendimento', {}),
		'listarDepartamentos',
	);
	if (!Array.isArray(answer.tipos_atendimento)) throw unexpectedHubsoftAnswer('listarDepartamentos', 'tipos_atendimento');
	return answer.tipos_atendimento.map(mapDepartamento);
}

/**
 * Opens a ticket on the given service (or the customer's first one). Hubsoft requires the
 * requester's name and phone (`DDNNNNNNNNN`): the conversation's contact, else the customer's own.
 * `departamentoId` is a ticket type id (see `listarDepartamentos`).
 */
export async function openTicket(api: HubsoftApi, input: AbrirChamadoInput): Promise<Chamado> {
	const serviceId = input.contrato?.id ?? (await listContratos(api, input.cliente))[0]?.id;
	if (!serviceId) throw new ErpError('erro_erp', `O cliente não tem serviço no ${HUBSOFT_NAME} para abrir o atendimento.`, { system: 'hubsoft', action: 'abrirChamado' });
	const telefone = ticketPhone(input.contato.telefone, ...input.cliente.telefones);
	if (!telefone) {
		throw new ErpError('erro_erp', `O ${HUBSOFT_NAME} exige um telefone com DDD para abrir o atendimento, e nem o contato nem o cadastro têm um.`, { system: 'hubsoft', action: 'abrirChamado' });
	}
	const answer = expectHubsoftSuccess(
		await api.send<HubsoftAnswer & { atendimento?: HubsoftAtendimento }>('abrirChamado', 'POST', '/atendimento', {
			id_cliente_servico: serviceId,
			descricao: [input.assunto, input.descricao].filter((part) => part.trim() !== '').join('\n'),
			nome: input.contato.nome?.trim() || input.cliente.nome,
			telefone,
			...(input.cliente.email ? { email: input.cliente.email } : {}),
			...(input.departamentoId ? { id_tipo_atendimento: input.departamentoId } : {}),
		}),
		'abrirChamado',
	);
	if (!answer.atendimento) throw unexpectedHubsoftAnswer('abrirChamado', 'atendimento');
	return mapChamado(answer.atendimento);
}

/**
 * Whether `login`/`senha` open the subscriber portal (central do assinante) of this customer. A
 * refusal is a wrong login; a login of another customer does not count.
 */
export async function checkCentralLogin(api: HubsoftApi, cliente: Cliente, login: string, senha: string): Promise<boolean> {
	const answer = await api.send<HubsoftAnswer & { cliente?: HubsoftCliente }>('autenticarCentral', 'POST', '/cliente/autenticacao', { usuario: login, senha });
	if (refusalOf(answer) !== undefined) return false;
	if (!answer.cliente) throw unexpectedHubsoftAnswer('autenticarCentral', 'cliente');
	return String(answer.cliente.id_cliente) === cliente.id;
}
