/**
 * The ReceitaNet adapter, over the "API URA" (docs/apis-externas.md §D.6; the vendor's OpenAPI 1.1.0 at
 * https://www.receitanet.net/api/ura/openapi.yaml). The credential puts `token` in the query and
 * `app=ura` in the JSON body (the spec) and in the query (servers before it); every call is a POST
 * under `/api/novo/ura`.
 *
 * What the API gives: contracts by CPF/CNPJ, phone or contract number (`/clientes`) with status,
 * payment promise and open invoices (amount and due date only, no boleto), the connection state
 * (`/verificar-acesso`), the payment notice that releases a suspended contract — ReceitaNet's trust
 * unlock (`/notificacao-pagamento`) — and tickets (`/abertura-chamado`, four fixed kinds). The
 * contract calls require `uracontato`, the caller's number: the adapter sends the conversation
 * contact's phone, else the customer's phone (the number it was found by); never an empty one
 * (without a phone the action fails with `erro_erp` before calling).
 */
import type { IDataObject } from 'n8n-workflow';

import { baseUrlOf, type ErpCredentials } from '../credentials';
import type { AbrirChamadoInput, Chamado, Cliente, ContatoAtendimento, Contrato, DadosDiagnostico, Departamento, ErpAction, ErpAdapter, ErpTransport, Fatura, ResultadoAcao } from '../types';
import { parsePhone } from '../../validation';
import { callerPhoneMissing, contractNotFound, isNotFoundAnswer, notSupported, receitaNetError, refusedAnswer, unexpectedAnswer, unknownTicketKind } from './errors';
import { firstDayOfNextMonth, todayInBrazil } from '../calendar';
import { sortOpenInvoices } from '../invoices';
import {
	contractIdOf,
	contractsOf,
	groupByCustomer,
	onlineOf,
	toCliente,
	toContrato,
	toFaturas,
	unmaskDocument,
	wasReleased,
	type ReceitaNetContract,
} from './mapping';

const PATH = '/api/novo/ura';

const SUPPORTED: ReadonlySet<ErpAction> = new Set<ErpAction>([
	'buscarClientePorDocumento',
	'buscarClientesPorTelefone',
	'listarContratos',
	'listarFaturasAbertas',
	'desbloqueioConfianca',
	'diagnostico',
	'listarDepartamentos',
	'abrirChamado',
]);

/** The `ocorrenciatipo` values of `/abertura-chamado`, offered as departments. */
export const RECEITANET_TICKET_KINDS: readonly Departamento[] = [
	{ id: '1', nome: 'Suporte técnico (manutenção)' },
	{ id: '2', nome: 'Instalação ou troca de equipamento' },
	{ id: '4', nome: 'Retirada de equipamento' },
	{ id: '5', nome: 'Financeiro' },
];

const NO_BOLETO = 'a API URA não entrega o boleto nem o Pix (só os envia ao cliente por SMS ou e-mail)';

/** Digits of a phone in the national form (DDD + number), or the digits as typed when it does not parse. */
function nationalPhone(telefone: string): string {
	const phone = parsePhone(telefone);
	return phone ? `${phone.ddd}${phone.subscriber}` : telefone.replace(/\D/g, '');
}

/** `contrato` is an integer in the API; ids that are not numbers are sent as they are. */
function contractNumber(id: string): number | string {
	return /^\d+$/.test(id) ? Number(id) : id;
}

export function createReceitaNetAdapter(transport: ErpTransport, credentials: ErpCredentials): ErpAdapter {
	const baseURL = baseUrlOf(credentials);
	const timeout = (credentials.timeoutSeconds ?? 15) * 1000;

	const request = (path: string, body: IDataObject) => ({ method: 'POST' as const, baseURL, url: `${PATH}${path}`, body, json: true, timeout });

	/** The answer as a JSON object that does not say `success: false`. */
	function checked(answer: unknown, action: ErpAction): Record<string, unknown> {
		if (typeof answer !== 'object' || answer === null || Array.isArray(answer) || Buffer.isBuffer(answer)) throw unexpectedAnswer(action);
		const record = answer as Record<string, unknown>;
		if (record.success === false) throw refusedAnswer(record, action);
		return record;
	}

	async function post(action: ErpAction, path: string, body: IDataObject): Promise<Record<string, unknown>> {
		try {
			return checked(await transport(request(path, body)), action);
		} catch (error) {
			throw receitaNetError(error, action);
		}
	}

	/** The contracts `/clientes` finds; none when it answers its 404 "Cliente não localizado". */
	async function lookup(action: ErpAction, search: IDataObject): Promise<ReceitaNetContract[]> {
		let answer: unknown;
		try {
			answer = await transport(request('/clientes', search));
		} catch (error) {
			if (isNotFoundAnswer(error)) return [];
			throw receitaNetError(error, action);
		}
		return contractsOf(checked(answer, action));
	}

	/** The contracts of a document, only those of that document whatever the API returned. */
	async function contractsOfDocument(action: ErpAction, documento: string): Promise<ReceitaNetContract[]> {
		const document = unmaskDocument(documento);
		if (!document) return [];
		return (await lookup(action, { cpfcnpj: document })).filter((contract) => unmaskDocument(contract.cpfCnpj) === document);
	}

	async function contractNamed(action: ErpAction, contrato: Contrato): Promise<ReceitaNetContract> {
		const [found] = await lookup(action, { contrato: contractNumber(contrato.id) });
		if (!found) throw contractNotFound(action);
		return found;
	}

	/** `uracontato`: the contact's phone, else the customer's; an error when there is none. */
	function callerOf(action: ErpAction, cliente: Cliente, contato?: ContatoAtendimento): string {
		const phone = [contato?.telefone, ...cliente.telefones].map((each) => (each ? nationalPhone(each) : '')).find((each) => each.length >= 10);
		if (!phone) throw callerPhoneMissing(action);
		return phone;
	}

	async function listarContratos(cliente: Cliente): Promise<Contrato[]> {
		const today = todayInBrazil();
		return (await contractsOfDocument('listarContratos', cliente.documento)).map((contract) => toContrato(contract, cliente.id, today));
	}

	async function listarFaturasAbertas(cliente: Cliente, contrato?: Contrato): Promise<Fatura[]> {
		const today = todayInBrazil();
		const contracts = contrato ? [await contractNamed('listarFaturasAbertas', contrato)] : await contractsOfDocument('listarFaturasAbertas', cliente.documento);
		return sortOpenInvoices(contracts.flatMap((contract) => toFaturas(contract, today)));
	}

	async function desbloqueioConfianca(cliente: Cliente, contrato: Contrato, contato?: ContatoAtendimento): Promise<ResultadoAcao> {
		const action = 'desbloqueioConfianca';
		const uracontato = callerOf(action, cliente, contato);
		const answer = await post(action, '/notificacao-pagamento', { contrato: contractNumber(contrato.id), uracontato });
		const protocolo = typeof answer.protocolo === 'string' && answer.protocolo ? { protocolo: answer.protocolo } : {};
		if (wasReleased(answer)) return { sucesso: true, mensagem: 'Acesso liberado pela notificação de pagamento.', ...protocolo };
		const motivo = typeof answer.msg === 'string' && answer.msg.trim() ? answer.msg.trim() : 'O ReceitaNet não liberou o acesso.';
		// The API says no date: ReceitaNet's notice is monthly, so the next one is on the first day of next month.
		return { sucesso: false, motivo, disponivelEm: firstDayOfNextMonth(todayInBrazil()) };
	}

	async function diagnostico(cliente: Cliente, contrato: Contrato, contato?: ContatoAtendimento): Promise<DadosDiagnostico> {
		const action = 'diagnostico';
		const today = todayInBrazil();
		const uracontato = callerOf(action, cliente, contato);
		const current = await contractNamed(action, contrato);
		const access = await post(action, '/verificar-acesso', { contrato: contractNumber(contractIdOf(current)), uracontato });
		const canonical = toContrato(current, cliente.id, today);
		const online = onlineOf(access);
		return {
			contrato: canonical,
			faturasVencidas: toFaturas(current, today).filter((invoice) => invoice.vencida).length,
			// ReceitaNet names no PPPoE login: the connection is identified by the contract.
			conexao: { login: canonical.id, contratoId: canonical.id, ativo: canonical.status === 'ativo', ...(online === undefined ? {} : { online }) },
		};
	}

	async function abrirChamado(input: AbrirChamadoInput): Promise<Chamado> {
		const action = 'abrirChamado';
		const kind = RECEITANET_TICKET_KINDS.find((each) => each.id === (input.departamentoId ?? '1'));
		if (!kind) throw unknownTicketKind(action);
		const uracontato = callerOf(action, input.cliente, input.contato);
		const contrato = input.contrato ?? (await listarContratos(input.cliente))[0];
		if (!contrato) throw contractNotFound(action);
		const answer = await post(action, '/abertura-chamado', {
			contrato: contractNumber(contrato.id),
			uracontato,
			motivoos: `${input.assunto}: ${input.descricao}`,
			ocorrenciatipo: Number(kind.id),
		});
		const protocolo = typeof answer.protocolo === 'string' ? answer.protocolo : '';
		const id = answer.idSuporte === undefined ? protocolo : String(answer.idSuporte);
		return { id, protocolo, assunto: input.assunto };
	}

	const unsupported = (action: ErpAction, why: string) => async (): Promise<never> => {
		throw notSupported(action, why);
	};

	return {
		system: 'receitanet',
		supports: (action) => SUPPORTED.has(action),
		async buscarClientePorDocumento(documento) {
			const found = await contractsOfDocument('buscarClientePorDocumento', documento);
			return found.length > 0 ? toCliente(found) : undefined;
		},
		async buscarClientesPorTelefone(telefone) {
			const phone = nationalPhone(telefone);
			if (phone.length < 10) return [];
			const found = await lookup('buscarClientesPorTelefone', { phone });
			return groupByCustomer(found).map((contracts) => toCliente(contracts, phone));
		},
		listarContratos,
		listarFaturasAbertas,
		pdfFatura: unsupported('pdfFatura', NO_BOLETO),
		pixFatura: unsupported('pixFatura', NO_BOLETO),
		listarNotasFiscais: unsupported('listarNotasFiscais', 'a API URA não expõe notas fiscais'),
		pdfNotaFiscal: unsupported('pdfNotaFiscal', 'a API URA não expõe notas fiscais'),
		desbloqueioConfianca,
		liberarReducaoVelocidade: unsupported('liberarReducaoVelocidade', 'a API URA não tem redução de velocidade'),
		diagnostico,
		documentoAceite: unsupported('documentoAceite', 'a API URA não tem aceite eletrônico de contrato'),
		aceitarContrato: unsupported('aceitarContrato', 'a API URA não tem aceite eletrônico de contrato'),
		listarDepartamentos: async () => [...RECEITANET_TICKET_KINDS],
		abrirChamado,
		autenticarCentral: unsupported('autenticarCentral', 'a API URA não confere o login da central do assinante'),
		alterarSenhaWifi: unsupported('alterarSenhaWifi', 'a API URA não altera a senha do Wi-Fi'),
	};
}
