/**
 * SGP (TSMX) URA payloads → the canonical model (docs/apis-externas.md §D.1). Pure functions: the
 * adapter fetches, these read. SGP quirks handled here: `cpfCnpj` masked, ids as numbers,
 * `status`/`liberado` as `1`/`"1"`/`"True"`, dates as `AAAA-MM-DD` or `DD/MM/AAAA`, contracts
 * (not customers) as the unit of `consultacliente`.
 */
import { parsePhone, whatsappVariants } from '../../validation/phone';
import type { Chamado, Cliente, Conexao, Contrato, Fatura, ResultadoAcao, StatusContrato } from '../types';
import { addDays, firstDayOfNextMonth } from '../calendar';
import { redactSensitive } from './redact';
import { asRecord, toFlag, toIsoDate, toNumber, toText, unmaskDocument, type JsonRecord } from '../values';
import { compareOpenInvoices } from '../invoices';

/**
 * `contratoStatus` codes (1 Ativo, 2 Inativo, 3 Cancelado, 4 Suspenso, 5 Inviabilidade técnica,
 * 6 Novo, 7 Ativo com velocidade reduzida, as SGP clients of real servers enumerate them). SGP
 * suspends for debt, hence 4 → `bloqueado`. 6 "Novo" is a contract registered but not installed:
 * it has no service yet and SGP has no electronic acceptance, so it is `inativo` (not
 * `aguardando_assinatura`, which would offer an acceptance SGP cannot record).
 */
const CONTRACT_STATUS: Record<number, StatusContrato> = {
	1: 'ativo',
	2: 'inativo',
	3: 'inativo',
	4: 'bloqueado',
	5: 'inativo',
	6: 'inativo',
	7: 'reduzido',
};

/** Canonical status of a `contratoStatus` code; an unknown code counts as `inativo`. */
export function contractStatusOf(code: unknown): StatusContrato {
	return CONTRACT_STATUS[toNumber(code) ?? Number.NaN] ?? 'inativo';
}

function personTypeOf(documento: string): Cliente['tipoPessoa'] {
	return documento.length === 14 ? 'juridica' : 'fisica';
}

/**
 * The values of a contact list: `{ tipoContato, contato }` objects (seen on a real server) or plain
 * strings (other SGP versions), in any mix.
 */
function contactValues(contacts: unknown): string[] {
	if (!Array.isArray(contacts)) return [];
	return contacts
		.map((contact) => (typeof contact === 'string' ? toText(contact) : toText(asRecord(contact)?.contato)))
		.filter((value): value is string => value !== undefined);
}

/** Digits of the phone numbers among contacts, without repeats; e-mails and junk dropped. */
export function phonesOf(contacts: unknown): string[] {
	const phones = contactValues(contacts)
		.filter((value) => !value.includes('@') && parsePhone(value) !== undefined)
		.map((value) => value.replace(/\D/g, ''));
	return [...new Set(phones)];
}

/** The first e-mail among contacts. */
export function emailOf(contacts: unknown): string | undefined {
	return contactValues(contacts).find((value) => value.includes('@'));
}

function withOptional<T extends object>(value: T): T {
	for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
	return value;
}

/**
 * The customer behind `consultacliente`'s `contratos` (every entry repeats the customer's data);
 * phones and e-mails of all contracts together. `undefined` for an empty list.
 */
export function mapClienteFromContracts(contracts: JsonRecord[]): Cliente | undefined {
	const first = contracts.find((contract) => toText(contract.clienteId) !== undefined && toText(contract.cpfCnpj) !== undefined);
	if (!first) return undefined;
	const documento = unmaskDocument(String(first.cpfCnpj));
	const sameCustomer = contracts.filter((contract) => toText(contract.clienteId) === toText(first.clienteId));
	return withOptional({
		id: String(toText(first.clienteId)),
		nome: toText(first.razaoSocial) ?? '',
		documento,
		tipoPessoa: personTypeOf(documento),
		telefones: [...new Set(sameCustomer.flatMap((contract) => phonesOf(contract.telefones)))],
		email: sameCustomer.map((contract) => emailOf(contract.emails)).find((email) => email !== undefined),
	});
}

/** A customer of `/api/ura/clientes/` (`id`, `nome`, `cpfcnpj`, `contatos`); `undefined` without id or document. */
export function mapClienteFromListing(entry: JsonRecord): Cliente | undefined {
	const id = toText(entry.id);
	const rawDocument = toText(entry.cpfcnpj);
	if (!id || !rawDocument) return undefined;
	const documento = unmaskDocument(rawDocument);
	return withOptional({
		id,
		nome: toText(entry.nome) ?? '',
		documento,
		tipoPessoa: personTypeOf(documento),
		telefones: phonesOf(entry.contatos),
		email: emailOf(entry.contatos),
	});
}

/** `RUA EXEMPLO, 523 - CENTRO - CANDIDO MENDES/MA` from the `endereco_*` fields. */
export function addressOf(contract: JsonRecord): string | undefined {
	const street = [toText(contract.endereco_logradouro), toText(contract.endereco_numero)].filter(Boolean).join(', ');
	const city = [toText(contract.endereco_cidade), toText(contract.endereco_uf)].filter(Boolean).join('/');
	const parts = [street, toText(contract.endereco_bairro), city].filter((part) => part);
	return parts.length > 0 ? parts.join(' - ') : undefined;
}

/** One entry of `consultacliente`'s `contratos`; `undefined` without `contratoId`. */
export function mapContrato(contract: JsonRecord): Contrato | undefined {
	const id = toText(contract.contratoId);
	if (!id) return undefined;
	const status = contractStatusOf(contract.contratoStatus);
	return withOptional({
		id,
		clienteId: toText(contract.clienteId) ?? '',
		plano: toText(contract.servico_plano) ?? toText(contract.planointernet) ?? toText(contract.contratoStatusDisplay) ?? `Contrato ${id}`,
		status,
		financeiroEmAtraso: status === 'bloqueado' ? true : undefined,
		endereco: addressOf(contract),
		login: toText(contract.servico_login),
	});
}

/**
 * The first of `keys` with a value. SGP names a title's fields in two ways: `/api/ura/titulos` in
 * camelCase (`dataVencimento`, `valorCorrigido`, `linhaDigitavel`, `codigoPix`, `clienteContrato`),
 * `/api/central/titulos` in lowercase (`vencimento`, `valorcorrigido`, `linhadigitavel`, `codigopix`).
 */
function firstOf(title: JsonRecord, ...keys: string[]): unknown {
	return keys.map((key) => title[key]).find((value) => value !== undefined && value !== null && value !== '');
}

const OPEN_TITLE_LABELS = new Set(['aberto', 'em aberto', 'gerado', 'vencido', 'atrasado']);
const CLOSED_TITLE_LABELS = new Set(['pago', 'cancelado', 'baixado', 'quitado']);

/**
 * `true` for an open title: `statusid` 1 (Gerado/Aberto) where SGP gives it (`/api/central/titulos`),
 * else `status` "aberto" (`/api/ura/titulos`; "pago" and "cancelado" are closed); with neither, one
 * without payment or cancellation date.
 */
export function isOpenTitle(title: JsonRecord): boolean {
	const statusId = toNumber(title.statusid);
	if (statusId !== undefined) return statusId === 1;
	const label = (toText(title.status) ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
	if (OPEN_TITLE_LABELS.has(label)) return true;
	if (CLOSED_TITLE_LABELS.has(label)) return false;
	return toText(firstOf(title, 'data_pagamento', 'dataPagamento', 'dataCancelamento')) === undefined;
}

/**
 * One open title of `titulos` (either shape, see {@link firstOf}) as a `Fatura`. `vencimento` is
 * the original due date (not `vencimento_atualizado`), so `vencida` means "due before `today`";
 * `valor` is the amount due today (the corrected amount, with fine and interest), the original
 * `valor` when SGP gives none.
 */
export function mapFatura(title: JsonRecord, today: string, contratoId?: string): Fatura | undefined {
	const id = toText(title.id);
	const vencimento = toIsoDate(firstOf(title, 'vencimento', 'dataVencimento'));
	const corrected = toNumber(firstOf(title, 'valorcorrigido', 'valorCorrigido'));
	const valor = corrected !== undefined && corrected > 0 ? corrected : toNumber(title.valor);
	if (!id || !vencimento || valor === undefined) return undefined;
	return withOptional({
		id,
		contratoId: toText(firstOf(title, 'contrato', 'clienteContrato', 'clientecontrato_id')) ?? contratoId,
		valor,
		vencimento,
		vencida: vencimento < today,
		linhaDigitavel: toText(firstOf(title, 'linhadigitavel', 'linhaDigitavel')),
		codigoBarras: toText(title.codigoBarras),
		pixCopiaECola: toText(firstOf(title, 'codigopix', 'codigoPix')),
		pdfUrl: toText(title.link),
	});
}

/** Overdue first, then by due date (oldest first), then by id. */
export function sortFaturas(faturas: Fatura[]): Fatura[] {
	return [...faturas].sort(
		(a, b) => compareOpenInvoices(a, b) || a.id.localeCompare(b.id, undefined, { numeric: true }),
	);
}

/**
 * `verificaacesso`'s answer: `status` 1 online ("Serviço Online"), 2 offline ("Serviço Offline");
 * anything else (0: contract not found or not checked) gives no connection.
 */
export function mapConexao(answer: JsonRecord, contrato: Contrato): Conexao | undefined {
	const status = toNumber(answer.status);
	if (status !== 1 && status !== 2) return undefined;
	return withOptional({
		login: toText(answer.login) ?? contrato.login ?? '',
		online: status === 1,
		ativo: contrato.status === 'ativo' || contrato.status === 'reduzido',
		contratoId: toText(answer.contratoId) ?? contrato.id,
	});
}

/**
 * `liberacaopromessa`'s answer. Released (`liberado` true, in any spelling): success until
 * `data_promessa` (or today + `liberado_dias`). `status` 2: refused because the monthly allowance
 * is used up, available again on the first day of next month. Anything else: `undefined` (an
 * error for the adapter). The success `msg` (it names the PPPoE login) is not passed on.
 */
export function mapTrustUnlock(answer: JsonRecord, today: string): ResultadoAcao | undefined {
	if (toFlag(answer.liberado)) {
		const days = toNumber(answer.liberado_dias);
		return withOptional({
			sucesso: true as const,
			ate: toIsoDate(answer.data_promessa) ?? (days !== undefined ? addDays(today, days) : undefined),
			protocolo: toText(answer.protocolo),
		});
	}
	if (toNumber(answer.status) === 2) {
		return {
			sucesso: false,
			motivo: redactSensitive(toText(answer.msg) ?? 'O SGP recusou o desbloqueio de confiança.'),
			disponivelEm: firstDayOfNextMonth(today),
		};
	}
	return undefined;
}

/**
 * `cpemanage`'s answer to a change: `status` 1 or `success` true done; `status` 0 or `success` false
 * (how SGP refuses, e.g. a contract without CPE manager) refused with `msg`; anything else `undefined`.
 */
export function mapWifiChange(answer: JsonRecord): ResultadoAcao | undefined {
	const status = toNumber(answer.status);
	const success = answer.success === undefined || answer.success === null ? undefined : toFlag(answer.success);
	if (success === false || status === 0) return { sucesso: false, motivo: redactSensitive(toText(answer.msg) ?? 'O SGP recusou a alteração do Wi-Fi.') };
	if (success === true || status === 1) return { sucesso: true };
	return undefined;
}

/** `chamado`'s answer (`status` 1 with `protocolo`) as a `Chamado`; `undefined` otherwise. */
export function mapChamado(answer: JsonRecord, assunto: string): Chamado | undefined {
	const protocolo = toText(answer.protocolo);
	if (toNumber(answer.status) !== 1 || !protocolo) return undefined;
	return { id: protocolo, protocolo, assunto };
}

/**
 * What to send as `telefone` to find the owner of a number: DDD + number without the country
 * code, with and without the 9th digit (ERPs keep numbers of either age). Empty for a number that
 * is not a valid Brazilian phone.
 */
export function phoneSearchTerms(telefone: string): string[] {
	return whatsappVariants(telefone).map((e164) => e164.slice(2));
}
