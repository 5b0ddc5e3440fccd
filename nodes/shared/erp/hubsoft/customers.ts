/** Client lookup (`GET cliente`): customers, their services (contracts) and connections. */
import type { IDataObject } from 'n8n-workflow';

import { ErpError, type Cliente, type Contrato, type ErpAction } from '../types';
import type { HubsoftApi } from './api';
import { expectHubsoftSuccess, HUBSOFT_NAME, unexpectedHubsoftAnswer } from './errors';
import { mapCliente, mapContrato, normalizeDocument } from './mapping';
import { phoneSearchTerms } from './search-terms';
import type { HubsoftAnswer, HubsoftCliente, HubsoftServico } from './wire';

/** The documented maximum of `limit` on the client lookup. */
const MAX_CLIENTS = 100;

async function searchClients(api: HubsoftApi, action: ErpAction, busca: string, termo: string, extra: IDataObject = {}): Promise<HubsoftCliente[]> {
	const answer = expectHubsoftSuccess(
		await api.get<HubsoftAnswer & { clientes?: HubsoftCliente[] }>(action, '/cliente', { busca, termo_busca: termo, limit: MAX_CLIENTS, cancelado: 'nao', ...extra }),
		action,
	);
	if (!Array.isArray(answer.clientes)) throw unexpectedHubsoftAnswer(action, 'clientes');
	return answer.clientes;
}

export async function findClienteByDocument(api: HubsoftApi, documento: string): Promise<Cliente | undefined> {
	const wanted = normalizeDocument(documento);
	if (!wanted) return undefined;
	const found = await searchClients(api, 'buscarClientePorDocumento', 'cpf_cnpj', wanted);
	const record = found.find((client) => normalizeDocument(client.cpf_cnpj) === wanted);
	return record ? mapCliente(record) : undefined;
}

export async function findClientesByPhone(api: HubsoftApi, telefone: string): Promise<Cliente[]> {
	const byId = new Map<string, Cliente>();
	for (const term of phoneSearchTerms(telefone)) {
		for (const record of await searchClients(api, 'buscarClientesPorTelefone', 'telefone', term)) {
			const cliente = mapCliente(record);
			if (!byId.has(cliente.id)) byId.set(cliente.id, cliente);
		}
	}
	return [...byId.values()];
}

/** The Hubsoft record of a canonical customer (by its code, or by document when there is none). */
export async function clientRecordOf(api: HubsoftApi, cliente: Cliente, action: ErpAction, extra: IDataObject = {}): Promise<HubsoftCliente | undefined> {
	const found = cliente.codigo
		? await searchClients(api, action, 'codigo_cliente', cliente.codigo, extra)
		: await searchClients(api, action, 'cpf_cnpj', normalizeDocument(cliente.documento), extra);
	return found.find((record) => String(record.id_cliente) === cliente.id);
}

export async function listContratos(api: HubsoftApi, cliente: Cliente): Promise<Contrato[]> {
	const record = await clientRecordOf(api, cliente, 'listarContratos');
	return (record?.servicos ?? []).map((service) => mapContrato(service, cliente.id));
}

/** The service (contract) of a customer, fetched with `extra` (e.g. `ultima_conexao=sim`). */
export async function serviceRecordOf(api: HubsoftApi, cliente: Cliente, contrato: Contrato, action: ErpAction, extra: IDataObject = {}): Promise<HubsoftServico> {
	const record = await clientRecordOf(api, cliente, action, extra);
	const service = record?.servicos?.find((candidate) => String(candidate.id_cliente_servico) === contrato.id);
	if (!service) throw new ErpError('erro_erp', `O ${HUBSOFT_NAME} não encontrou o serviço ${contrato.id} do cliente.`, { system: 'hubsoft', action });
	return service;
}
