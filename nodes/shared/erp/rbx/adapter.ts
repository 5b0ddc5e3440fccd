/**
 * RBX ISP (RBXSoft, formerly RouterBox) over its JSON web services (docs/apis-externas.md §D.5).
 * Every call is a POST whose root key names the service: v1 on `/routerbox/ws/rbx_server_json.php`
 * (the key inside the body, `Autenticacao.ChaveIntegracao`, and a SQL-like `Filtro`), v2 on
 * `/routerbox/ws_json/ws_json.php` (the key in the `authentication_key` header). The credential adds
 * the key to both; this file fetches, `mapping.ts` maps, `errors.ts` reads failures.
 *
 * Used: `ConsultaClientes` (by `CNPJ_CNPF`, and by phone with `LIKE` on the last 8 digits),
 * `ConsultaContratos` (+ `ConsultaContratosBloqueados`, `ConsultaClientesReducao` for the state),
 * `get_unpaid_document`, `get_barcode` (due date today or later, else RBX refuses), `get_banking_billet`,
 * `get_pix_copia_cola`, `contract_unblock` (a full unblock, no trust window: the result says so with
 * `desbloqueioTotal`), `get_online_customer` + `radius_extract` (RADIUS sessions), `AtendimentoCadastro`
 * (department = `Topico`, listed by `ConsultaTopicos`) and `authentication_validation` (portal login).
 */
import type { IDataObject } from 'n8n-workflow';

import { todayInBrazil } from '../calendar';
import { baseUrlOf, type ErpCredentials } from '../credentials';
import { sortOpenInvoices } from '../invoices';
import { customersWithPhone } from '../phone-match';
import { asRecord, toBuffer, toNumber, toText, unmaskDocument } from '../values';
import { parsePhone } from '../../validation';
import type { ArquivoPdf, Cliente, Contrato, ErpAction, ErpAdapter, ErpTransport, Fatura } from '../types';
import { isRbxSuccess, notAnEnvelope, notOffered, RBX_NO_ROWS, rbxCallError, rbxErrorCode, rbxRefusal } from './errors';
import { contractNumbersOf, invoiceContracts, lastSessionOf, resultRows, toCliente, toConexao, toContrato, toDepartamentos, toFatura, type RbxRecord } from './mapping';

const V1 = '/routerbox/ws/rbx_server_json.php';
const V2 = '/routerbox/ws_json/ws_json.php';
/** v2 `contract_unblock`: "Must be Blocked!". */
const NOT_BLOCKED = 10;
/** v2 `authentication_validation`: "User/Password incorrect!". */
const WRONG_LOGIN = 10;
/** v2 `get_pix_copia_cola`: the boleto has no Pix. */
const NO_PIX = 16;

const SUPPORTED: ReadonlySet<ErpAction> = new Set<ErpAction>([
	'buscarClientePorDocumento',
	'buscarClientesPorTelefone',
	'listarContratos',
	'listarFaturasAbertas',
	'pdfFatura',
	'pixFatura',
	'desbloqueioConfianca',
	'diagnostico',
	'listarDepartamentos',
	'abrirChamado',
	'autenticarCentral',
]);

type ActionNotOffered = 'listarNotasFiscais' | 'pdfNotaFiscal' | 'liberarReducaoVelocidade' | 'documentoAceite' | 'aceitarContrato' | 'alterarSenhaWifi';

/** Why RBX's API does not offer an action (the `nao_suportado` message). */
const NOT_OFFERED: Record<ActionNotOffered, string> = {
	listarNotasFiscais: 'o pacote ainda não usa as notas fiscais do RBX (invoices_issued): a consulta pede uma data de emissão (issue) e a documentação não diz se filtra o dia ou o mês.',
	pdfNotaFiscal: 'o pacote ainda não usa as notas fiscais do RBX (invoices_issued): a consulta pede uma data de emissão (issue) e a documentação não diz se filtra o dia ou o mês.',
	liberarReducaoVelocidade: 'o RBX só consulta os clientes com redução de velocidade; não há serviço que a retire.',
	documentoAceite: 'o RBX gera o contrato em HTML (contract_generate_html), não em PDF, para o cliente ler antes do aceite.',
	aceitarContrato: 'o RBX gera o contrato em HTML (contract_generate_html), não em PDF, para o cliente ler antes do aceite.',
	alterarSenhaWifi: 'não há serviço de Wi-Fi na API do RBX.',
};

function refuse(action: ActionNotOffered): never {
	throw notOffered(action, NOT_OFFERED[action]);
}

/** A value inside a `Filtro` string (raw SQL on RBX's side): quotes doubled. */
function sqlText(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

const timeOfDayInBrazil = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Sao_Paulo', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

const isPdf = (data: Buffer) => data.subarray(0, 4).toString('latin1') === '%PDF';

export function createRbxAdapter(transport: ErpTransport, credentials: ErpCredentials): ErpAdapter {
	const baseURL = baseUrlOf(credentials);
	const timeout = (credentials.timeoutSeconds ?? 15) * 1000;

	async function post(action: ErpAction, url: string, body: IDataObject): Promise<unknown> {
		try {
			return await transport({ method: 'POST', baseURL, url, timeout, json: true, body });
		} catch (error) {
			throw rbxCallError(error, action);
		}
	}

	/** A v1 query's rows; "no rows" (status 0, code 1) is `[]`. */
	async function query(action: ErpAction, service: string, fields: IDataObject = {}): Promise<RbxRecord[]> {
		const answer = asRecord(await post(action, V1, { [service]: fields }));
		if (!answer || !('status' in answer)) throw notAnEnvelope(action);
		if (isRbxSuccess(answer)) return resultRows(answer);
		if (rbxErrorCode(answer) === RBX_NO_ROWS) return [];
		throw rbxRefusal(answer, action);
	}

	/** A v2 call's envelope (callers read `status`); an invalid key is thrown as `autenticacao`. */
	async function call(action: ErpAction, service: string, params: IDataObject): Promise<RbxRecord> {
		const body = await post(action, V2, { [service]: params });
		const answer = asRecord(body);
		if (!answer) {
			if (Array.isArray(body)) return { status: 1, result: body };
			throw notAnEnvelope(action);
		}
		if (!isRbxSuccess(answer) && rbxErrorCode(answer) === 97) throw rbxRefusal(answer, action);
		return answer;
	}

	/** `result` of a v2 call that must succeed. */
	async function result(action: ErpAction, service: string, params: IDataObject): Promise<unknown> {
		const answer = await call(action, service, params);
		if (!isRbxSuccess(answer)) throw rbxRefusal(answer, action);
		return answer.result;
	}

	async function contractsOf(action: ErpAction, cliente: Cliente): Promise<Contrato[]> {
		// [UNCERTAIN] the Filtro fields: `Cliente_Codigo` is what 3P code sends to ConsultaContratos; the blocked and reduced lists are filtered here too.
		const filter = { Filtro: `Cliente_Codigo = ${sqlText(cliente.id)}` };
		const [contracts, blocked, reduced] = await Promise.all([
			query(action, 'ConsultaContratos', filter),
			query(action, 'ConsultaContratosBloqueados', filter),
			query(action, 'ConsultaClientesReducao', filter),
		]);
		const blockedNumbers = contractNumbersOf(blocked, cliente.id);
		const reducedNumbers = contractNumbersOf(reduced, cliente.id);
		return contracts
			.filter((row) => toText(row.Cliente_Codigo) === undefined || toText(row.Cliente_Codigo) === cliente.id)
			.map((row) => toContrato(row, cliente.id, blockedNumbers, reducedNumbers))
			.filter((contract): contract is Contrato => contract !== undefined && contract.status !== 'inativo');
	}

	/** The digitable line of a boleto, asked for today at the earliest (RBX refuses a past due date). */
	async function digitableLine(fatura: Fatura, today: string): Promise<string | undefined> {
		const answer = await call('listarFaturasAbertas', 'get_barcode', {
			banking_billet_id: Number(fatura.id) || fatura.id,
			banking_billet_due_date: fatura.vencimento < today ? today : fatura.vencimento,
			send_barcode: false,
		});
		// status 0 here is a boleto RBX cannot render (not registered, no bank): the invoice goes without the line.
		return isRbxSuccess(answer) ? toText(answer.result) : undefined;
	}

	async function listarFaturasAbertas(cliente: Cliente, contrato?: Contrato): Promise<Fatura[]> {
		const today = todayInBrazil();
		const answer = await call('listarFaturasAbertas', 'get_unpaid_document', { customer_id: Number(cliente.id) || cliente.id });
		if (!isRbxSuccess(answer)) {
			// get_unpaid_document answers "no documents" as an error like v1's "no rows".
			if (rbxErrorCode(answer) === RBX_NO_ROWS) return [];
			throw rbxRefusal(answer, 'listarFaturasAbertas');
		}
		const invoices = resultRows(answer)
			.filter((row) => {
				const contracts = invoiceContracts(row);
				return !contrato || contracts.length === 0 || contracts.includes(contrato.id);
			})
			.map((row) => toFatura(row, today, contrato?.id))
			.filter((invoice): invoice is Fatura => invoice !== undefined);
		const withLines = await Promise.all(
			invoices.map(async (invoice) => {
				const linhaDigitavel = await digitableLine(invoice, today);
				return linhaDigitavel ? { ...invoice, linhaDigitavel } : invoice;
			}),
		);
		return sortOpenInvoices(withLines);
	}

	const adapter: ErpAdapter = {
		system: 'rbx',
		supports: (action) => SUPPORTED.has(action),

		async buscarClientePorDocumento(documento) {
			const document = unmaskDocument(documento);
			if (!document) return undefined;
			const rows = await query('buscarClientePorDocumento', 'ConsultaClientes', { Filtro: `CNPJ_CNPF = ${sqlText(document)}` });
			return rows.map(toCliente).find((cliente) => cliente?.documento === document);
		},

		async buscarClientesPorTelefone(telefone) {
			const phone = parsePhone(telefone);
			if (!phone) return [];
			// [UNCERTAIN] no source shows a phone filter: LIKE on the last 8 digits (4 + 4, so masks such as "98765-4321" match), then the DDD + 8 rule.
			const last8 = `${phone.ddd}${phone.subscriber}`.slice(-8);
			const like = sqlText(`%${last8.slice(0, 4)}%${last8.slice(4)}`);
			const rows = await query('buscarClientesPorTelefone', 'ConsultaClientes', {
				Filtro: ['TelCelular', 'TelResidencial', 'TelComercial'].map((field) => `${field} LIKE ${like}`).join(' OR '),
			});
			return customersWithPhone(rows.map(toCliente).filter((cliente): cliente is Cliente => cliente !== undefined), telefone);
		},

		listarContratos: (cliente) => contractsOf('listarContratos', cliente),

		listarFaturasAbertas,

		async pdfFatura(fatura): Promise<ArquivoPdf | undefined> {
			const billet = asRecord(await result('pdfFatura', 'get_banking_billet', { document_id: Number(fatura.id) || fatura.id }));
			const base64 = toText(billet?.banking_billet_base64);
			let data: Buffer | undefined = base64 ? Buffer.from(base64, 'base64') : undefined;
			const link = toText(billet?.banking_billet_link);
			if ((!data || !isPdf(data)) && link) {
				const url = new URL(link, baseURL);
				// The link lives on the ERP (`/routerbox/tmp/…`, temporary); another host would receive the integration key.
				if (url.origin !== new URL(baseURL).origin) return undefined;
				try {
					data = toBuffer(await transport({ method: 'GET', url: url.href, timeout, json: false, encoding: 'arraybuffer' }));
				} catch (error) {
					throw rbxCallError(error, 'pdfFatura');
				}
			}
			if (!data || !isPdf(data)) return undefined;
			return { fileName: `boleto-${fatura.id}.pdf`, data: data.toString('base64'), mimeType: 'application/pdf' };
		},

		async pixFatura(fatura) {
			const answer = await call('pixFatura', 'get_pix_copia_cola', { banking_billet_id: Number(fatura.id) || fatura.id, send_pix_copia_cola: false });
			if (isRbxSuccess(answer)) return toText(answer.result);
			if (rbxErrorCode(answer) === NO_PIX) return undefined;
			throw rbxRefusal(answer, 'pixFatura');
		},

		listarNotasFiscais: async () => refuse('listarNotasFiscais'),

		pdfNotaFiscal: async () => refuse('pdfNotaFiscal'),

		async desbloqueioConfianca(cliente, contrato) {
			const answer = await call('desbloqueioConfianca', 'contract_unblock', { customer_id: Number(cliente.id) || cliente.id, contract_id: Number(contrato.id) || contrato.id });
			if (isRbxSuccess(answer)) {
				// RBX has no trust window: contract_unblock lifts the block until RBX's own routine blocks the contract again.
				return { sucesso: true, desbloqueioTotal: true, mensagem: 'Contrato desbloqueado no RBX (desbloqueio total, sem prazo de confiança).' };
			}
			if (rbxErrorCode(answer) === NOT_BLOCKED) return { sucesso: false, motivo: 'o RBX informa que o contrato não está bloqueado.' };
			throw rbxRefusal(answer, 'desbloqueioConfianca');
		},

		liberarReducaoVelocidade: async () => refuse('liberarReducaoVelocidade'),

		async diagnostico(cliente, contrato) {
			const customer = { customer_id: Number(cliente.id) || cliente.id };
			const [contracts, faturas, online] = await Promise.all([
				contractsOf('diagnostico', cliente),
				listarFaturasAbertas(cliente, contrato),
				call('diagnostico', 'get_online_customer', customer),
			]);
			// An empty list (or "no rows") is offline.
			const sessions = isRbxSuccess(online) ? resultRows(online) : rbxErrorCode(online) === RBX_NO_ROWS ? [] : undefined;
			if (!sessions) throw rbxRefusal(online, 'diagnostico');
			const current = contracts.find((each) => each.id === contrato.id) ?? contrato;
			let lastSession: RbxRecord | undefined;
			if (!sessions.some((session) => toText(session.contract_id) === undefined || toText(session.contract_id) === contrato.id)) {
				const history = await call('diagnostico', 'radius_extract', customer);
				lastSession = isRbxSuccess(history) ? lastSessionOf(resultRows(history)) : undefined;
			}
			return { contrato: current, faturasVencidas: faturas.filter((fatura) => fatura.vencida).length, conexao: toConexao(sessions, current, lastSession) };
		},

		documentoAceite: async () => refuse('documentoAceite'),

		aceitarContrato: async () => refuse('aceitarContrato'),

		listarDepartamentos: async () => toDepartamentos(await query('listarDepartamentos', 'ConsultaTopicos')),

		async abrirChamado(input) {
			const now = new Date();
			const opened = asRecord(
				await post('abrirChamado', V1, {
						AtendimentoCadastro: {
							DadosAtendimento: {
								Data_Abertura: todayInBrazil(now),
								Hora_Abertura: timeOfDayInBrazil.format(now),
								Iniciativa: 'C',
								Modo: 'T',
								TipoCliente: 'C',
								Cliente: input.cliente.id,
								...(input.contrato ? { Contrato: input.contrato.id } : {}),
								Prioridade: '1',
								Situacao: 'A',
								Tipo: 'T',
								...(input.departamentoId ? { Topico: input.departamentoId } : {}),
								Assunto: input.assunto,
								Ocorrencia: [input.descricao, [input.contato.nome, input.contato.telefone].filter(Boolean).join(', ')].filter(Boolean).join('\n'),
								...(credentials.rbxUser ? { Usuario_Abertura: credentials.rbxUser } : {}),
							},
						},
					}),
			);
			if (!opened || !('status' in opened)) throw notAnEnvelope('abrirChamado');
			if (!isRbxSuccess(opened)) throw rbxRefusal(opened, 'abrirChamado');
			const created = asRecord(opened.result) ?? asRecord(resultRows(opened)[0]);
			const id = toText(created?.NumeroAtendimento);
			if (!id) throw rbxRefusal({ erro_desc: 'resposta sem NumeroAtendimento' }, 'abrirChamado');
			return { id, protocolo: toText(created?.Protocolo) ?? id, assunto: input.assunto };
		},

		async autenticarCentral(cliente, login, senha) {
			if (!login.trim() || !senha) return false;
			const answer = await call('autenticarCentral', 'authentication_validation', { user: login.trim(), password: senha });
			if (!isRbxSuccess(answer)) {
				if (rbxErrorCode(answer) === WRONG_LOGIN) return false;
				throw rbxRefusal(answer, 'autenticarCentral');
			}
			const customerId = toText(asRecord(answer.result)?.customer_id) ?? toText(toNumber(asRecord(answer.result)?.customer_id));
			return customerId === cliente.id;
		},

		alterarSenhaWifi: async () => refuse('alterarSenhaWifi'),
	};
	return adapter;
}
