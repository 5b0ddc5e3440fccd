/**
 * The data set rendered as SGP (TSMX) URA answers (docs/apis-externas.md §D.1): contracts of
 * `consultacliente`, links of `fatura2via`, invoices of `titulos`. Ids are numbers, `cpfCnpj` is
 * masked, dates `AAAA-MM-DD`. `contratoStatus` 1 Ativo and 4 Suspenso are documented; 6 Novo and
 * 7 (reduced speed) follow the presumed map of SGP clients of real servers [UNCERTAIN]. `clientes` entries follow a
 * captured fixture (`id`, `nome`, `cpfcnpj`, `contratos`, `endereco`, `contatos`); the fields of a
 * `contatos` item are not documented and reuse `consultacliente`'s `{ tipoContato, contato }`.
 *
 * Invoices come in two shapes, as a probe of a real server shows: `/api/central/titulos` answers
 * `faturas` with lowercase fields (`statusid`, `vencimento`, `valorcorrigido`, `linhadigitavel`,
 * `codigopix`), `/api/ura/titulos` answers `titulos` with camelCase fields (`status` "aberto",
 * `dataVencimento`, `valorCorrigido`, `linhaDigitavel`, `codigoPix`, `clienteContrato`).
 * `consultacliente`'s `telefones` / `emails` are `{ tipoContato, contato }` objects on that probe and
 * plain strings in other integrations (`contactsAsStrings`). `fatura2via`'s links name the invoice
 * in `fatura`.
 */
import { digitsOnly, isMobilePhone, isoDate } from './brazil-formats';
import type { ContractState, ErpContract, ErpCustomer, ErpInvoice } from './erp-dataset';

const CONTRACT_STATUS: Record<ContractState, { id: number; display: string }> = {
	active: { id: 1, display: 'Ativo' },
	blockedForDebt: { id: 4, display: 'Suspenso' },
	speedReduced: { id: 7, display: 'Ativo V. Reduzida' },
	awaitingSignature: { id: 6, display: 'Novo' },
};

/** Phone digits without the country code, for matching a `telefone` parameter. */
export function phoneKey(phone: string): string {
	const value = digitsOnly(phone);
	return value.length > 11 && value.startsWith('55') ? value.slice(2) : value;
}

/** One entry of `consultacliente`'s `contratos`; `contactsAsStrings` renders phones and e-mails as plain strings. */
export function contractEntry(customer: ErpCustomer, contract: ErpContract, contactsAsStrings = false): Record<string, unknown> {
	const open = customer.invoices.filter((invoice) => invoice.contractId === contract.id && invoice.status === 'open');
	const status = CONTRACT_STATUS[contract.state];
	return {
		contratoId: Number(contract.id),
		clienteId: Number(customer.id),
		cpfCnpj: customer.document,
		razaoSocial: customer.name,
		contratoStatus: status.id,
		contratoStatusDisplay: status.display,
		contratoTitulosAReceber: open.length,
		contratoValorAberto: Number(open.reduce((sum, invoice) => sum + invoice.amount, 0).toFixed(2)),
		servico_plano: contract.planName,
		servico_login: contract.login.login,
		servico_senha: contract.login.password,
		contratoCentralLogin: contract.login.login,
		contratoCentralSenha: '1234',
		dataNascimento: customer.birthDate,
		endereco_logradouro: customer.address.street.toUpperCase(),
		endereco_numero: Number(customer.address.number),
		endereco_bairro: customer.address.district.toUpperCase(),
		endereco_cidade: customer.address.city.toUpperCase(),
		endereco_uf: customer.address.state,
		telefones: contactsAsStrings ? [...customer.phones] : customer.phones.map((phone) => ({ tipoContato: isMobilePhone(phone) ? 'WhatsApp Número' : 'Telefone Fixo', contato: phone })),
		emails: contactsAsStrings ? [customer.email] : [{ tipoContato: 'E-Mail', contato: customer.email }],
	};
}

/** Options of {@link customerListEntry}, the `omitir_*` flags of `/api/ura/clientes/`. */
export interface CustomerListOptions {
	omitContracts: boolean;
	omitTitles: boolean;
	omitContacts: boolean;
}

/** One entry of `/api/ura/clientes/`'s `clientes`. */
export function customerListEntry(customer: ErpCustomer, baseUrl: string, options: CustomerListOptions): Record<string, unknown> {
	const entry: Record<string, unknown> = {
		id: Number(customer.id),
		nome: customer.name,
		cpfcnpj: customer.document,
		dataNascimento: customer.birthDate,
		endereco: {
			logradouro: customer.address.street.toUpperCase(),
			numero: customer.address.number,
			bairro: customer.address.district.toUpperCase(),
			cidade: customer.address.city.toUpperCase(),
			uf: customer.address.state,
			cep: customer.address.zip,
		},
	};
	if (!options.omitContacts) {
		entry.contatos = [
			...customer.phones.map((phone) => ({ tipoContato: isMobilePhone(phone) ? 'Celular Pessoal' : 'Telefone Fixo', contato: phone })),
			{ tipoContato: 'E-Mail', contato: customer.email },
		];
	}
	if (!options.omitContracts) {
		entry.contratos = customer.contracts.map((contract) => {
			const { contratoId, contratoStatus, contratoStatusDisplay, servico_plano, contratoCentralLogin, contratoCentralSenha } = contractEntry(customer, contract);
			return { id: contratoId, contratoStatus, contratoStatusDisplay, servico_plano, contratoCentralLogin, contratoCentralSenha };
		});
	}
	if (!options.omitTitles) entry.titulos = customer.invoices.map((invoice) => titleEntry(invoice, baseUrl));
	return entry;
}

/** Amount updated for late payment (2% fine + 0.033% a day), as a reissued boleto carries it. */
function updatedAmount(invoice: ErpInvoice, today: string): number {
	if (invoice.dueDate >= today) return invoice.amount;
	const daysLate = Math.round((Date.parse(today) - Date.parse(invoice.dueDate)) / 86_400_000);
	return Number((invoice.amount * (1.02 + 0.00033 * daysLate)).toFixed(2));
}

/**
 * One entry of `fatura2via`'s `links`; `vencimento` is the reissue date, not the original due date.
 * With `pdfLink` (the `link_pdf` parameter) the boleto link ends in `.pdf`.
 */
export function secondCopyLink(invoice: ErpInvoice, customer: ErpCustomer, baseUrl: string, pdfLink = false): Record<string, unknown> {
	const today = isoDate();
	const link = `${baseUrl}/boleto/${invoice.id}${pdfLink ? '.pdf' : ''}`;
	return {
		fatura: Number(invoice.id),
		vencimento: invoice.dueDate < today ? today : invoice.dueDate,
		vencimento_original: invoice.dueDate,
		valor: updatedAmount(invoice, today),
		valor_original: invoice.amount,
		linhadigitavel: digitsOnly(invoice.digitableLine),
		codigopix: invoice.pixCopyPaste,
		link,
		link_cobranca: link,
		razaoSocial: customer.name,
	};
}

/** One entry of `/api/central/titulos`' `faturas` (`statusid` 1 Gerado, 2 Pago). */
export function titleEntry(invoice: ErpInvoice, baseUrl: string): Record<string, unknown> {
	const paid = invoice.status === 'paid';
	return {
		id: Number(invoice.id),
		status: paid ? 'Pago' : 'Gerado',
		statusid: paid ? 2 : 1,
		numero_documento: Number(invoice.id) + 70000,
		contrato: Number(invoice.contractId),
		valor: invoice.amount,
		valorcorrigido: updatedAmount(invoice, isoDate()),
		vencimento: invoice.dueDate,
		vencimento_atualizado: invoice.dueDate < isoDate() && !paid ? isoDate() : invoice.dueDate,
		data_pagamento: invoice.paidOn,
		linhadigitavel: digitsOnly(invoice.digitableLine),
		codigopix: invoice.pixCopyPaste,
		gerapix: true,
		link: `${baseUrl}/boleto/${invoice.id}`,
		link_completo: `${baseUrl}/boleto/${invoice.id}?completo=1`,
	};
}

/** One entry of `/api/ura/titulos`' `titulos` (`status` "aberto" / "pago"; the customer repeated on every title). */
export function uraTitleEntry(invoice: ErpInvoice, customer: ErpCustomer, baseUrl: string): Record<string, unknown> {
	const paid = invoice.status === 'paid';
	const link = `${baseUrl}/boleto/${invoice.id}`;
	return {
		id: Number(invoice.id),
		clienteNome: customer.name,
		clienteCpfcnpj: customer.document,
		clienteContrato: Number(invoice.contractId),
		portador: 'Banco Simulado',
		numeroDocumento: Number(invoice.id) + 70000,
		nossoNumero: `000${invoice.id}`,
		link,
		link_cobranca: link,
		status: paid ? 'pago' : 'aberto',
		valor: invoice.amount,
		valorDesconto: 0,
		valorCorrigido: paid ? invoice.amount : updatedAmount(invoice, isoDate()),
		valorPago: paid ? invoice.amount : 0,
		valorPagoParcial: 0,
		codigoBarras: invoice.barcode,
		linhaDigitavel: digitsOnly(invoice.digitableLine),
		codigoPix: invoice.pixCopyPaste,
		dataEmissao: invoice.issuedOn,
		dataVencimento: invoice.dueDate,
		dataPagamento: invoice.paidOn,
		dataCancelamento: null,
		demonstrativo: 'Mensalidade internet',
		formaPagamento: paid ? 'Boleto' : null,
	};
}
