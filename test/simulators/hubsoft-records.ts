/**
 * The data set rendered as Hubsoft integration API objects (external-apis.md D.2 and the official
 * docs in hubsoftbrasil/api): `cpf_cnpj` and phones digits only, the official misspelling
 * `data_nascmento`, invoice dates `DD/MM/YYYY`, `ultima_conexao` as `[]` when there is none.
 * Only `servico_habilitado` is documented; the other `status_prefixo` values are assumptions.
 */
import { brDate, digitsOnly, unmaskDocument } from './brazil-formats';
import type { ContractState, ErpContract, ErpCustomer, ErpInvoice, ErpTicket } from './erp-dataset';

const SERVICE_STATUS: Record<ContractState, { status: string; prefix: string }> = {
	active: { status: 'Serviço Habilitado', prefix: 'servico_habilitado' },
	blockedForDebt: { status: 'Suspenso por Débito', prefix: 'suspenso_debito' },
	speedReduced: { status: 'Suspenso Parcialmente', prefix: 'suspenso_parcialmente' },
	awaitingSignature: { status: 'Aguardando Instalação', prefix: 'aguardando_instalacao' },
};

/** `DD/MM/YYYY HH:MM:SS` from `YYYY-MM-DD HH:MM:SS`. */
function brDateTime(value: string): string {
	return `${brDate(value)} ${value.slice(11)}`;
}

function lastConnection(contract: ErpContract): Record<string, unknown> | [] {
	const login = contract.login;
	if (login.lastConnectionStart === null) return [];
	return {
		conectado: login.online,
		ultima_conexao_datetime: `${login.lastConnectionStart}-03`,
		ultima_desconexao_datetime: login.lastConnectionEnd ? `${login.lastConnectionEnd}-03` : null,
		ultima_conexao: brDateTime(login.lastConnectionStart),
		ultima_desconexao: login.lastConnectionEnd ? brDateTime(login.lastConnectionEnd) : null,
		ultimo_ipv4: login.ipv4,
		ultimo_nas_ip: '10.28.33.20',
		status_txt_resumido: login.online ? 'CONECTADO' : `DESCONECTADO DESDE ${brDateTime(login.lastConnectionEnd ?? login.lastConnectionStart)}`,
	};
}

/** One entry of a customer's `servicos`. */
export function serviceObject(customer: ErpCustomer, contract: ErpContract, index: number, withLastConnection: boolean): Record<string, unknown> {
	const status = SERVICE_STATUS[contract.state];
	const address = customer.address;
	return {
		id_cliente_servico: Number(contract.id),
		numero_plano: index + 1,
		nome: contract.planName,
		valor: contract.monthlyAmount,
		status: status.status,
		status_prefixo: status.prefix,
		tecnologia: 'FIBRA',
		login: contract.login.login,
		senha: contract.login.password,
		ipv4: contract.login.ipv4,
		ipv6: null,
		...(withLastConnection ? { ultima_conexao: lastConnection(contract) } : {}),
		endereco_instalacao: {
			completo: `${address.street.toUpperCase()}, ${address.number} - ${address.district.toUpperCase()}, ${address.city.toUpperCase()}/${address.state}`,
			cep: address.zip,
			cidade: address.city,
			estado: address.state,
		},
	};
}

/** One entry of `clientes`. */
export function customerObject(customer: ErpCustomer, alerts: string[], withLastConnection: boolean): Record<string, unknown> {
	const [primary = '', secondary = '', tertiary = ''] = customer.phones.map(digitsOnly);
	return {
		id_cliente: Number(customer.id) + 11000,
		codigo_cliente: customer.code,
		nome_razaosocial: customer.name,
		nome_fantasia: null,
		tipo_pessoa: customer.personType === 'F' ? 'pf' : 'pj',
		cpf_cnpj: unmaskDocument(customer.document),
		telefone_primario: primary,
		telefone_secundario: secondary,
		telefone_terciario: tertiary,
		email_principal: customer.email,
		email_secundario: null,
		data_cadastro: '2023-02-20 00:00:00',
		data_nascmento: `${customer.birthDate} 00:00:00`,
		alerta: alerts.length > 0,
		alerta_mensagens: alerts,
		servicos: customer.contracts.map((contract, index) => serviceObject(customer, contract, index, withLastConnection)),
	};
}

/** Short summary of the customer nested in invoices and tickets. */
export function customerSummary(customer: ErpCustomer): Record<string, unknown> {
	return { codigo_cliente: customer.code, nome_razaosocial: customer.name, cpf_cnpj: unmaskDocument(customer.document) };
}

/** One entry of `faturas`. */
export function invoiceObject(customer: ErpCustomer, invoice: ErpInvoice, baseUrl: string): Record<string, unknown> {
	const contract = customer.contracts.find((candidate) => candidate.id === invoice.contractId);
	return {
		id_fatura: Number(invoice.id),
		nosso_numero: invoice.barcode.slice(-11),
		linha_digitavel: invoice.digitableLine,
		codigo_barras: invoice.barcode,
		link: `${baseUrl}/pdf/fatura/${Buffer.from(invoice.id).toString('base64')}`,
		tipo_cobranca: 'boleto_bancario',
		valor: invoice.amount,
		data_vencimento: brDate(invoice.dueDate),
		data_pagamento: invoice.paidOn ? brDate(invoice.paidOn) : null,
		pix_copia_cola: invoice.pixCopyPaste,
		detalhamento: [{ descricao: contract?.planName ?? 'Mensalidade', valor: invoice.amount }],
		cliente: {
			...customerSummary(customer),
			servico: { id_cliente_servico: Number(invoice.contractId), status_prefixo: contract ? SERVICE_STATUS[contract.state].prefix : null },
		},
	};
}

/** One entry of `atendimentos` (also the `atendimento` of a creation answer). */
export function ticketObject(customer: ErpCustomer, ticket: ErpTicket): Record<string, unknown> {
	return {
		id_atendimento: Number(ticket.id),
		protocolo: ticket.protocol,
		descricao_abertura: ticket.description,
		descricao_fechamento: null,
		tipo_atendimento: ticket.subject.toUpperCase(),
		usuario_abertura: 'Bot Atendimento',
		usuario_responsavel: null,
		usuario_fechamento: null,
		data_cadastro: brDate(ticket.openedOn),
		data_fechamento: null,
		setor_responsavel: null,
		status_fechamento: null,
		motivo_fechamento: null,
		status: ticket.status === 'open' ? 'Aguardando Análise' : 'Finalizado',
		cliente: customerSummary(customer),
	};
}
