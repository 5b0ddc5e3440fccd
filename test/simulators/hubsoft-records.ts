/**
 * The data set rendered as Hubsoft integration API objects (docs/apis-externas.md §D.2 and the official
 * docs in hubsoftbrasil/api): `cpf_cnpj` and phones digits only, the official misspelling
 * `data_nascmento`, invoice dates `DD/MM/YYYY`, `ultima_conexao` as `[]` when there is none.
 * The `status_prefixo` values are those of the `servico_status` filter of the current Postman
 * collection; their display texts other than "Serviço Habilitado" are assumptions. The `contratos`
 * of a service (`incluir_contrato=sim`) follow integrations seen in public code, not an official
 * example: [UNCERTAIN] field set.
 */
import { brDate, digitsOnly, unmaskDocument } from './brazil-formats';
import type { ErpContract, ErpCustomer, ErpInvoice, ErpTicket } from './erp-dataset';

/** `status` and `status_prefixo` of a service. */
function serviceStatus(contract: ErpContract): { status: string; prefix: string } {
	switch (contract.state) {
		case 'active':
			return { status: 'Serviço Habilitado', prefix: 'servico_habilitado' };
		case 'blockedForDebt':
			return { status: 'Suspenso por Débito', prefix: 'suspenso_debito' };
		case 'speedReduced':
			return { status: 'Suspenso Parcialmente', prefix: 'suspenso_parcialmente' };
		case 'awaitingSignature':
			return contract.acceptanceSignedOn === null
				? { status: 'Aguardando Assinatura de Contrato', prefix: 'aguardando_assinatura_contrato' }
				: { status: 'Aguardando Instalação', prefix: 'aguardando_instalacao' };
	}
}

/** `id_cliente` of a customer. */
export function hubsoftCustomerId(customer: ErpCustomer): number {
	return Number(customer.id) + 11000;
}

/** `id_cliente_servico_contrato` of a service's contract document. */
export function hubsoftContractDocumentId(contract: ErpContract): number {
	return Number(contract.id) + 7000;
}

/** What a client listing includes, after its `ultima_conexao` / `incluir_contrato` parameters. */
export interface ServiceRendering {
	withLastConnection: boolean;
	withContracts: boolean;
	/** The simulator's URL, for document links. */
	baseUrl: string;
}

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

/** The contract document of a service (`contratos[]` with `incluir_contrato=sim`). */
function contractDocument(contract: ErpContract, baseUrl: string): Record<string, unknown> {
	const id = hubsoftContractDocumentId(contract);
	return {
		id_cliente_servico_contrato: id,
		aceito: contract.acceptanceSignedOn !== null,
		data_aceito: contract.acceptanceSignedOn ? `${contract.acceptanceSignedOn} 00:00:00` : null,
		link: `${baseUrl}/pdf/contrato/${id}`,
		link_assinatura: `${baseUrl}/contrato/assinar/${id}`,
		numero_contrato: String(Number(contract.id) + 4000),
		contrato: { id_contrato: 10, descricao: 'CONTRATO DE PRESTAÇÃO DE SERVIÇOS DE INTERNET', ativo: true },
	};
}

/** One entry of a customer's `servicos`. */
export function serviceObject(customer: ErpCustomer, contract: ErpContract, index: number, rendering: ServiceRendering): Record<string, unknown> {
	const status = serviceStatus(contract);
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
		...(rendering.withLastConnection ? { ultima_conexao: lastConnection(contract) } : {}),
		...(rendering.withContracts ? { contratos: [contractDocument(contract, rendering.baseUrl)] } : {}),
		endereco_instalacao: {
			completo: `${address.street.toUpperCase()}, ${address.number} - ${address.district.toUpperCase()}, ${address.city.toUpperCase()}/${address.state}`,
			cep: address.zip,
			cidade: address.city,
			estado: address.state,
		},
	};
}

/** One entry of `clientes`. */
export function customerObject(customer: ErpCustomer, alerts: string[], rendering: ServiceRendering): Record<string, unknown> {
	const [primary = '', secondary = '', tertiary = ''] = customer.phones.map(digitsOnly);
	return {
		id_cliente: hubsoftCustomerId(customer),
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
		servicos: customer.contracts.map((contract, index) => serviceObject(customer, contract, index, rendering)),
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
			servico: { id_cliente_servico: Number(invoice.contractId), status_prefixo: contract ? serviceStatus(contract).prefix : null },
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

/** The `cliente` of a successful subscriber-portal login (`cliente/autenticacao`). */
export function centralLoginCustomer(customer: ErpCustomer): Record<string, unknown> {
	const [primary = '', secondary = null, tertiary = null] = customer.phones.map(digitsOnly);
	return {
		id_cliente: hubsoftCustomerId(customer),
		codigo_cliente: customer.code,
		nome_razaosocial: customer.name,
		nome_fantasia: null,
		cpf_cnpj: unmaskDocument(customer.document),
		data_nascimento: customer.birthDate,
		telefone_primario: primary,
		telefone_secundario: secondary,
		telefone_terciario: tertiary,
		email_principal: customer.email,
		email_secundario: null,
	};
}

/** A service invoice (NFS-e) the simulator lists under `nfses`. */
export interface HubsoftServiceInvoice {
	id: number;
	number: string;
	amount: number;
	/** `YYYY-MM-DD`. */
	issuedOn: string;
	/** Whether the municipality's system gave a PDF (`link_pdf` is `""` otherwise, as documented). */
	withPdf: boolean;
}

/** One entry of `nfses` (`cliente/nota_fiscal`). */
export function serviceInvoiceObject(invoice: HubsoftServiceInvoice, baseUrl: string): Record<string, unknown> {
	return {
		id_nfse: invoice.id,
		id_externo: `nfse-${invoice.id}`,
		hash: `hash-${invoice.id}`,
		numero: invoice.number,
		serie: 'A',
		lote_rps: String(290000 + invoice.id),
		valor: String(invoice.amount),
		data_cadastro: `${invoice.issuedOn} 10:22:51`,
		tipo_emissao: 'manual',
		link_pdf: invoice.withPdf ? `${baseUrl}/pdf/nfse/${invoice.id}` : '',
		link_xml: '',
		status: 'autorizado',
		status_mensagem: 'RPS Autorizada com sucesso',
		informacao_complementar: null,
		data_cadastro_br: `${brDate(invoice.issuedOn)} 10:22`,
		data_cancelamento_br: null,
	};
}

/**
 * One entry of `/financeiro`'s `faturas` (docs/source/financeiro/consulta.rst): dates `YYYY-MM-DD`
 * with a `_br` twin, `valor` as a string, the whole customer nested. The official example is the
 * `simplificado` result; `detalhado` is assumed [UNCERTAIN] to add the payment fields of
 * `cliente/financeiro` (line, barcode, link, Pix) and the service.
 */
export function receivableObject(customer: ErpCustomer, invoice: ErpInvoice, baseUrl: string, detailed: boolean): Record<string, unknown> {
	const [primary = '', secondary = '', tertiary = ''] = customer.phones.map(digitsOnly);
	const contract = customer.contracts.find((candidate) => candidate.id === invoice.contractId);
	const payment = detailed ? invoiceObject(customer, invoice, baseUrl) : {};
	return {
		id_fatura: Number(invoice.id),
		nosso_numero: invoice.barcode.slice(-11),
		data_vencimento: invoice.dueDate,
		data_vencimento_br: brDate(invoice.dueDate),
		data_pagamento: invoice.paidOn,
		data_pagamento_br: invoice.paidOn ? brDate(invoice.paidOn) : null,
		data_cadastro: `${invoice.issuedOn} 12:52:12`,
		data_cadastro_br: brDate(invoice.issuedOn),
		valor: String(invoice.amount),
		valor_pago: invoice.status === 'paid' ? String(invoice.amount) : null,
		...(detailed
			? { linha_digitavel: payment.linha_digitavel, codigo_barras: payment.codigo_barras, link: payment.link, pix_copia_cola: payment.pix_copia_cola }
			: {}),
		cliente: {
			id_cliente: hubsoftCustomerId(customer),
			codigo_cliente: customer.code,
			nome_razaosocial: customer.name,
			nome_fantasia: null,
			tipo_pessoa: customer.personType === 'F' ? 'pf' : 'pj',
			cpf_cnpj: unmaskDocument(customer.document),
			telefone_primario: primary,
			telefone_secundario: secondary,
			telefone_terciario: tertiary || null,
			email_principal: customer.email,
			ativo: true,
			...(detailed && contract ? { servico: { id_cliente_servico: Number(contract.id), nome: contract.planName, status_prefixo: serviceStatus(contract).prefix } } : {}),
		},
	};
}
