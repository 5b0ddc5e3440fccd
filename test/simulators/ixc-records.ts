/**
 * The data set rendered as IXC Provedor table rows (docs/apis-externas.md §C.2–C.9): every value is a
 * string, `cnpj_cpf` is stored masked, dates are `YYYY-MM-DD[ HH:MM:SS]`, null dates are
 * `0000-00-00…`. Quirks kept on purpose: invoice 30004 carries its contract in
 * `id_contrato_avulso` (not `id_contrato`), a login that never connected is `online: "SS"`, and
 * companies' portal passwords are stored as MD5 with `senha_hotsite_md5` S (two clients of real
 * servers hash the typed password before comparing in that case).
 * Field values no public source gives (marked below) are the simulator's assumptions.
 */
import { createHash } from 'node:crypto';

import { digitsOnly, isMobilePhone, isoDate } from './brazil-formats';
import { contractsWithCustomers, type ContractState, type ErpContract, type ErpCustomer } from './erp-dataset';

/** One IXC row: column → string value. */
export type IxcRow = Record<string, string>;

const NULL_DATETIME = '0000-00-00 00:00:00';

/** `status_internet` per contract state (C.3 labels: A Ativo, CA Bloqueio Automático, AA Aguardando Assinatura). */
const STATUS_INTERNET: Record<ContractState, string> = { active: 'A', blockedForDebt: 'CA', speedReduced: 'A', awaitingSignature: 'AA' };

const money = (value: number) => value.toFixed(2);

function clienteRow(customer: ErpCustomer): IxcRow {
	const mobile = customer.phones.find(isMobilePhone) ?? '';
	const landline = customer.phones.find((phone) => !isMobilePhone(phone)) ?? '';
	return {
		id: customer.id,
		ativo: 'S',
		razao: customer.name,
		fantasia: customer.personType === 'J' ? customer.name.replace(/ LTDA$/, '') : '',
		tipo_pessoa: customer.personType,
		cnpj_cpf: customer.document,
		ie_identidade: '',
		data_nascimento: customer.birthDate,
		data_cadastro: '2023-02-20',
		endereco: customer.address.street,
		numero: customer.address.number,
		bairro: customer.address.district,
		cidade: '3828',
		uf: '0',
		cep: customer.address.zip,
		complemento: '',
		referencia: '',
		fone: landline,
		telefone_celular: mobile,
		telefone_comercial: '',
		whatsapp: digitsOnly(mobile),
		email: customer.email,
		hotsite_email: customer.email,
		// Companies keep the portal password as MD5 (`senha_hotsite_md5` S), the others in plain text.
		senha: customer.personType === 'J' ? createHash('md5').update('123').digest('hex') : '123',
		senha_hotsite_md5: customer.personType === 'J' ? 'S' : 'N',
		hotsite_acesso: '2',
		filial_id: '1',
		id_tipo_cliente: '3',
		alerta: '',
		obs: '',
		latitude: '-23.5505199',
		longitude: '-46.6333094',
		ultima_atualizacao: `${isoDate(-60)} 10:00:00`,
	};
}

function contratoRow(customer: ErpCustomer, contract: ErpContract): IxcRow {
	const signed = contract.acceptanceSignedOn !== null;
	return {
		id: contract.id,
		id_cliente: customer.id,
		contrato: contract.planName,
		id_vd_contrato: '12',
		status: 'A',
		status_internet: STATUS_INTERNET[contract.state],
		// [assumption] N = normal, R = reduzida; the Postman collection names the field without its values.
		status_velocidade: contract.state === 'speedReduced' ? 'R' : 'N',
		data_ativacao: contract.activatedOn,
		data_expiracao: '',
		bloqueio_automatico: 'S',
		desbloqueio_confianca: contract.trustUnlockEnabled ? 'S' : 'N',
		desbloqueio_confianca_ativo: contract.trustUnlockUsedOn === isoDate() ? 'S' : 'N',
		dt_ult_des_bloq_conf: contract.trustUnlockUsedOn ?? '0000-00-00',
		assinatura_digital: signed ? 'S' : 'N',
		url_assinatura_digital: signed ? '' : `https://assinatura.provedor-teste.example/contrato/${contract.id}`,
		token_assinatura_digital: signed ? '' : `tok${contract.id}`,
		endereco_padrao_cliente: 'S',
		endereco: customer.address.street,
		numero: customer.address.number,
		bairro: customer.address.district,
		cidade: '3828',
		id_carteira_cobranca: '5',
		valor_unitario: money(contract.monthlyAmount),
	};
}

function areceberRow(customer: ErpCustomer, invoiceIndex: number): IxcRow {
	const invoice = customer.invoices[invoiceIndex];
	const open = invoice.status === 'open';
	const inAvulsoField = invoice.id === '30004';
	return {
		id: invoice.id,
		id_cliente: customer.id,
		id_contrato: inAvulsoField ? '' : invoice.contractId,
		id_contrato_avulso: inAvulsoField ? invoice.contractId : '0',
		id_contrato_principal: '0',
		status: open ? 'A' : 'R',
		liberado: 'S',
		data_emissao: invoice.issuedOn,
		data_vencimento: invoice.dueDate,
		pagamento_data: invoice.paidOn ?? '0000-00-00',
		valor: money(invoice.amount),
		valor_aberto: open ? money(invoice.amount) : '0.00',
		valor_recebido: open ? '0.00' : money(invoice.amount),
		valor_cancelado: '0.00',
		documento: invoice.id,
		id_saida: '0',
		nn_boleto: invoice.barcode,
		linha_digitavel: invoice.digitableLine,
		pix_txid: invoice.pixTxid,
		recebido_via_pix: 'N',
		gateway_link: '',
		boleto: '',
		tipo_recebimento: 'Boleto',
		id_carteira_cobranca: '5',
		id_conta: '2758',
		obs: '',
		ultima_atualizacao: `${invoice.issuedOn} 13:53:41`,
	};
}

function radusuarioRow(customer: ErpCustomer, contract: ErpContract): IxcRow {
	const login = contract.login;
	const neverConnected = login.lastConnectionStart === null;
	return {
		id: login.id,
		login: login.login,
		senha: login.password,
		ativo: 'S',
		id_cliente: customer.id,
		id_contrato: contract.id,
		online: neverConnected ? 'SS' : login.online ? 'S' : 'N',
		ultima_conexao_inicial: login.lastConnectionStart ?? NULL_DATETIME,
		ultima_conexao_final: login.lastConnectionEnd ?? NULL_DATETIME,
		tempo_conectado: login.online ? '172800' : '0',
		ip: login.ipv4,
		mac: login.mac,
		onu_mac: '',
		concentrador: 'BRAS-CENTRO',
		id_concentrador: '1',
		conexao: 'PPPoE',
		tipo_conexao: 'F',
		motivo_desconexao: login.online || neverConnected ? '' : 'User-Request',
		count_desconexao: login.online ? '0' : '1',
		download_atual: login.online ? '1523.55' : '0',
		upload_atual: login.online ? '210.10' : '0',
		autenticacao: 'L',
		franquia_atingida: 'N',
		latitude: '-23.5505199',
		longitude: '-46.6333094',
	};
}

function ticketRow(customer: ErpCustomer, ticketIndex: number): IxcRow {
	const ticket = customer.tickets[ticketIndex];
	return {
		id: ticket.id,
		tipo: 'C',
		protocolo: ticket.protocol,
		id_cliente: customer.id,
		id_contrato: ticket.contractId,
		id_login: '',
		id_assunto: '1',
		titulo: ticket.subject,
		id_ticket_setor: '2',
		prioridade: 'N',
		menssagem: ticket.description,
		su_status: ticket.status === 'open' ? 'N' : 'S',
		data_criacao: `${ticket.openedOn} 09:12:00`,
	};
}

/**
 * `vd_saida` columns as the official insert example names them (`id_cliente`, `id_contrato`,
 * `id_contrato_avulso`, `numero_nf`, `modelo_nf`, `serie`, `data_emissao`, `valor_total`, `status`).
 * [assumption] A note is linked to the customer's contract when the customer has only one; notes of
 * customers with several contracts are left unlinked (a note for the whole customer).
 */
function saidaRow(customer: ErpCustomer, noteIndex: number): IxcRow {
	const note = customer.fiscalNotes[noteIndex];
	return {
		id: note.id,
		id_cliente: customer.id,
		id_contrato: customer.contracts.length === 1 ? customer.contracts[0].id : '',
		id_contrato_avulso: '0',
		modelo_nf: note.model,
		serie: note.series,
		numero_nf: String(note.number),
		data_emissao: note.issuedOn,
		valor_total: money(note.amount),
		status: 'F',
	};
}

/** [assumption] ACS device columns are not in the Postman collection. */
function acsDeviceRow(customer: ErpCustomer, contract: ErpContract): IxcRow {
	return {
		id: contract.login.id,
		id_cliente: customer.id,
		id_contrato: contract.id,
		id_login: contract.login.id,
		serial: `ZTEG${contract.login.id.padStart(8, '0')}`,
		modelo: 'F670L',
		wifi_ssid: contract.wifi.ssid,
		online: contract.login.online ? 'S' : 'N',
	};
}

/**
 * Ticket departments (`su_ticket_setor`: id, setor, ativo, presta_atendimento, mostra_hotsite,
 * ordem, from the generated IXC schema). The data are the simulator's own: two departments serve
 * customers ("Presta atendimento externo"), one is internal, one is inactive.
 */
const TICKET_DEPARTMENTS: IxcRow[] = [
	{ id: '1', setor: 'Suporte Técnico', ativo: 'S', presta_atendimento: 'S', mostra_hotsite: 'S', ordem: '1', email: '' },
	{ id: '2', setor: 'Financeiro', ativo: 'S', presta_atendimento: 'S', mostra_hotsite: 'S', ordem: '2', email: '' },
	{ id: '3', setor: 'NOC', ativo: 'S', presta_atendimento: 'N', mostra_hotsite: 'N', ordem: '3', email: '' },
	{ id: '4', setor: 'Comercial (antigo)', ativo: 'N', presta_atendimento: 'S', mostra_hotsite: 'N', ordem: '4', email: '' },
];

/** Ticket subjects (`su_oss_assunto`: id, assunto, ativo). The simulator's own data. */
export const TICKET_SUBJECTS: IxcRow[] = [
	{ id: '1', assunto: 'Sem conexão', ativo: 'S', descricao: '' },
	{ id: '2', assunto: 'Lentidão', ativo: 'S', descricao: '' },
	{ id: '3', assunto: 'Financeiro', ativo: 'S', descricao: '' },
	{ id: '4', assunto: 'Mudança de endereço', ativo: 'N', descricao: '' },
];

/** Rows of every listable table, rendered from the current state. Keys are the list endpoints. */
export function ixcTables(customers: ErpCustomer[]): Record<string, IxcRow[]> {
	const perContract = (render: (customer: ErpCustomer, contract: ErpContract) => IxcRow) =>
		contractsWithCustomers(customers).map(({ customer, contract }) => render(customer, contract));
	return {
		cliente: customers.map(clienteRow),
		cliente_contrato: perContract(contratoRow),
		fn_areceber: customers.flatMap((customer) => customer.invoices.map((_, index) => areceberRow(customer, index))),
		radusuarios: perContract(radusuarioRow),
		su_ticket: customers.flatMap((customer) => customer.tickets.map((_, index) => ticketRow(customer, index))),
		vd_saida: customers.flatMap((customer) => customer.fiscalNotes.map((_, index) => saidaRow(customer, index))),
		acs_device_grid: perContract(acsDeviceRow),
		su_ticket_setor: TICKET_DEPARTMENTS,
		su_oss_assunto: TICKET_SUBJECTS,
	};
}

/** The `table.` prefix `qtype`/`sortname`/`TB` must use on each list endpoint. */
export const IXC_TABLE_PREFIX: Record<string, string> = { acs_device_grid: 'acs_device' };
