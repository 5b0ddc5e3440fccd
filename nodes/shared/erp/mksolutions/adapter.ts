/**
 * MK Solutions ("MK ERP", MK30) over its `/mk/WSMK*.rule` webservices (docs/apis-externas.md §D.7).
 * Not MK-Auth (`mkauth/`), a different product. Every call is a GET with `sys=MK0&token=<session>` in
 * the query; the credential adds both and logs in (`WSAutenticacao.rule`, user token + contra-senha).
 * MK answers an expired session with HTTP 200 and `"Num. ERRO"` 001/999, which n8n cannot see: the
 * adapter then logs in once more through the same credential and retries with the new token.
 *
 * Customer by document `WSMKConsultaDoc`, contracts `WSMKContratosPorCliente` (or its V2 array),
 * blocked state and login from `WSMKConexoesPorCliente`, open invoices `WSMKFaturasPendentes`
 * (whole carnê: future installments dropped) with `WSMKSegundaViaCobranca` (public boleto link,
 * updated amount), Pix `WSMKRetornarCopieColaPix`, trust unlock `WSMKAutoDesbloqueio` (once a month,
 * per connection), connection `WSMKConsultaConexaoAutenticada`, ticket `WSMKNovoAtendimento`
 * (process + classification), subscriber portal `WSMKUserSenhaSAC`.
 */

import { safeEqual } from '../../channels/signature';
import { baseUrlOf, MKSOLUTIONS_LOGIN_PATH, type ErpCredentials } from '../credentials';
import { todayInBrazil } from '../calendar';
import { sortOpenInvoices } from '../invoices';
import type { ArquivoPdf, Cliente, Contrato, ErpAction, ErpAdapter, ErpTransport, Fatura, ResultadoAcao } from '../types';
import { recordsOf, toText, unmaskDocument, type JsonRecord as MkRecord } from '../values';
import { isMkError, isNotFound, isSessionError, loginRefused, mkAnswerError, mkCallError, mkErrorCode, notOffered, processRequired, readMkAnswer } from './errors';
import {
	connectionIdOf,
	connectionRecordsOf,
	contractRecordsOf,
	invoiceOfContract,
	isBlockedConnection,
	mapCliente,
	mapConexao,
	mapContrato,
	mapFatura,
	mapTrustUnlock,
	pixOf,
	withSecondCopy,
} from './mapping';

const SUPPORTED: ReadonlySet<ErpAction> = new Set<ErpAction>([
	'buscarClientePorDocumento',
	'listarContratos',
	'listarFaturasAbertas',
	'pdfFatura',
	'pixFatura',
	'desbloqueioConfianca',
	'diagnostico',
	'abrirChamado',
	'autenticarCentral',
]);

type ActionNotOffered =
	| 'buscarClientesPorTelefone'
	| 'listarNotasFiscais'
	| 'pdfNotaFiscal'
	| 'liberarReducaoVelocidade'
	| 'documentoAceite'
	| 'aceitarContrato'
	| 'listarDepartamentos'
	| 'alterarSenhaWifi';

/** Why MK's webservices do not offer an action (the `nao_suportado` message). */
const NOT_OFFERED: Record<ActionNotOffered, string> = {
	buscarClientesPorTelefone: 'o WSMKConsultaClientes só lista clientes página a página, sem filtro por telefone.',
	listarNotasFiscais: 'nenhum webservice público de notas fiscais foi encontrado.',
	pdfNotaFiscal: 'nenhum webservice público de notas fiscais foi encontrado.',
	liberarReducaoVelocidade: 'não há webservice de redução de velocidade.',
	documentoAceite: 'não há webservice de aceite eletrônico de contrato.',
	aceitarContrato: 'não há webservice de aceite eletrônico de contrato.',
	listarDepartamentos: 'a lista de processos (WSMKListaProcessos) não tem formato documentado; configure processo e classificação na credencial.',
	alterarSenhaWifi: 'não há webservice de Wi-Fi.',
};

function refuse(action: ActionNotOffered): never {
	throw notOffered(action, NOT_OFFERED[action]);
}

/** Parameters of a webservice (`undefined` left out). */
type Params = Record<string, string | undefined>;

export function createMkSolutionsAdapter(transport: ErpTransport, credentials: ErpCredentials): ErpAdapter {
	const baseURL = baseUrlOf(credentials);
	const timeout = (credentials.timeoutSeconds ?? 15) * 1000;
	/** A session obtained by this adapter after MK refused the credential's one (001/999 with HTTP 200). */
	let renewedToken: string | undefined;

	async function get(action: ErpAction, url: string, qs: Record<string, string>): Promise<MkRecord> {
		try {
			// Bytes, decoded by readMkAnswer: some installations answer in Latin-1.
			return readMkAnswer(await transport({ method: 'GET', baseURL, url, qs, timeout, json: false, encoding: 'arraybuffer' }), action);
		} catch (error) {
			throw mkCallError(error, action);
		}
	}

	async function login(action: ErpAction): Promise<string> {
		const answer = await get(action, MKSOLUTIONS_LOGIN_PATH, {});
		const token = toText(answer.Token);
		if (isMkError(answer) || !token) throw loginRefused(action);
		return token;
	}

	/** One webservice call; a refused session logs in again once. */
	async function call(action: ErpAction, service: string, params: Params): Promise<MkRecord> {
		const defined = Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
		const url = `/mk/${service}.rule`;
		const withToken = () => (renewedToken ? { ...defined, token: renewedToken } : defined);
		const answer = await get(action, url, withToken());
		if (!isSessionError(answer)) return answer;
		renewedToken = await login(action);
		const retried = await get(action, url, withToken());
		if (isSessionError(retried)) throw mkAnswerError(retried, action);
		return retried;
	}

	/** A call whose error envelope is a failure, except "not found" (003), which gives `undefined`. */
	async function read(action: ErpAction, service: string, params: Params): Promise<MkRecord | undefined> {
		const answer = await call(action, service, params);
		if (isNotFound(answer)) return undefined;
		if (isMkError(answer)) throw mkAnswerError(answer, action);
		return answer;
	}

	async function connectionsOf(action: ErpAction, cliente: Cliente): Promise<MkRecord[]> {
		const answer = await read(action, 'WSMKConexoesPorCliente', { cd_cliente: cliente.id });
		return answer ? connectionRecordsOf(answer) : [];
	}

	async function contractsOf(action: ErpAction, cliente: Cliente): Promise<{ contratos: Contrato[]; connections: MkRecord[] }> {
		const [answer, connections] = await Promise.all([read(action, 'WSMKContratosPorCliente', { cd_cliente: cliente.id }), connectionsOf(action, cliente)]);
		const contratos = (answer ? contractRecordsOf(answer) : [])
			.map((record) => mapContrato(record, connections, cliente.id))
			.filter((contrato): contrato is Contrato => contrato !== undefined);
		return { contratos, connections };
	}

	async function secondCopy(action: ErpAction, fatura: Fatura): Promise<MkRecord | undefined> {
		return await read(action, 'WSMKSegundaViaCobranca', { cd_fatura: fatura.id });
	}

	async function listarFaturasAbertas(cliente: Cliente, contrato?: Contrato): Promise<Fatura[]> {
		const action = 'listarFaturasAbertas';
		const today = todayInBrazil();
		const answer = await read(action, 'WSMKFaturasPendentes', { cd_cliente: cliente.id });
		const records = recordsOf(answer?.FaturasPendentes).filter((record) => !contrato || invoiceOfContract(record, contrato.id));
		const faturas = records.map((record) => mapFatura(record, today, contrato?.id)).filter((fatura): fatura is Fatura => fatura !== undefined);
		const detailed = await Promise.all(faturas.map(async (fatura) => withSecondCopy(fatura, (await secondCopy(action, fatura)) ?? {})));
		return sortOpenInvoices(detailed);
	}

	async function pdfFatura(fatura: Fatura): Promise<ArquivoPdf | undefined> {
		const link = fatura.pdfUrl ?? toText((await secondCopy('pdfFatura', fatura))?.PathDownload);
		if (!link) return undefined;
		let url: URL;
		try {
			url = new URL(link, `${baseURL}/`);
		} catch {
			return undefined;
		}
		// The transport puts the session token in the query: only to MK's own host.
		if (url.origin !== new URL(`${baseURL}/`).origin) return undefined;
		let body: unknown;
		try {
			body = await transport({ method: 'GET', url: url.toString(), timeout, json: false, encoding: 'arraybuffer' });
		} catch (error) {
			throw mkCallError(error, 'pdfFatura');
		}
		const pdf = Buffer.isBuffer(body) ? body : body instanceof ArrayBuffer ? Buffer.from(body) : Buffer.from(String(body ?? ''), 'latin1');
		if (pdf.subarray(0, 4).toString('latin1') !== '%PDF') return undefined;
		return { fileName: `boleto-${fatura.id}.pdf`, data: pdf.toString('base64'), mimeType: 'application/pdf' };
	}

	/** The contract's connections (MK unlocks and diagnoses a connection, not a contract). */
	async function connectionsOfContract(action: ErpAction, cliente: Cliente, contrato: Contrato): Promise<MkRecord[]> {
		return (await connectionsOf(action, cliente)).filter((connection) => toText(connection.contrato ?? connection.codcontrato) === contrato.id);
	}

	async function desbloqueioConfianca(cliente: Cliente, contrato: Contrato): Promise<ResultadoAcao> {
		const action = 'desbloqueioConfianca';
		const blocked = (await connectionsOfContract(action, cliente, contrato)).filter(isBlockedConnection);
		if (blocked.length === 0) return { sucesso: false, motivo: 'A conexão deste contrato não está bloqueada, então não há o que desbloquear.' };
		const today = todayInBrazil();
		let result: ResultadoAcao | undefined;
		for (const connection of blocked) {
			const answer = await call(action, 'WSMKAutoDesbloqueio', { cd_conexao: connectionIdOf(connection) });
			result = mapTrustUnlock(answer, today);
			if (!result) throw mkAnswerError(answer, action);
			if (!result.sucesso) return result;
		}
		return result!;
	}

	return {
		system: 'mksolutions',
		supports: (action) => SUPPORTED.has(action),

		async buscarClientePorDocumento(documento) {
			const doc = unmaskDocument(documento);
			if (!doc) return undefined;
			const answer = await call('buscarClientePorDocumento', 'WSMKConsultaDoc', { doc });
			// 002 "documento inválido" for a document MK does not accept is also "not found" for the bot.
			if (isNotFound(answer) || (isMkError(answer) && mkErrorCode(answer) === '002')) return undefined;
			if (isMkError(answer)) throw mkAnswerError(answer, 'buscarClientePorDocumento');
			return mapCliente(answer, doc);
		},

		buscarClientesPorTelefone: async () => refuse('buscarClientesPorTelefone'),

		listarContratos: async (cliente) => (await contractsOf('listarContratos', cliente)).contratos,

		listarFaturasAbertas,

		pdfFatura,

		async pixFatura(fatura) {
			// An invoice without Pix is MK's error envelope (`codigo_erro`): no Pix, not a failure.
			return pixOf(await call('pixFatura', 'WSMKRetornarCopieColaPix', { CodigoFatura: fatura.id }));
		},

		listarNotasFiscais: async () => refuse('listarNotasFiscais'),

		pdfNotaFiscal: async () => refuse('pdfNotaFiscal'),

		desbloqueioConfianca,

		liberarReducaoVelocidade: async () => refuse('liberarReducaoVelocidade'),

		async diagnostico(cliente, contrato) {
			const action = 'diagnostico';
			const [{ contratos, connections }, faturas] = await Promise.all([contractsOf(action, cliente), listarFaturasAbertas(cliente, contrato)]);
			const current = contratos.find((each) => each.id === contrato.id) ?? contrato;
			const connection = connections.find((each) => toText(each.contrato ?? each.codcontrato) === contrato.id);
			const faturasVencidas = faturas.filter((fatura) => fatura.vencida).length;
			const diagnosis = { contrato: { ...current, financeiroEmAtraso: current.financeiroEmAtraso ?? faturasVencidas > 0 }, faturasVencidas };
			const id = connection ? connectionIdOf(connection) : undefined;
			if (!connection || !id) return diagnosis;
			const answer = await call(action, 'WSMKConsultaConexaoAutenticada', { codconexao: id });
			return { ...diagnosis, conexao: mapConexao(connection, answer, contrato.id) };
		},

		documentoAceite: async () => refuse('documentoAceite'),

		aceitarContrato: async () => refuse('aceitarContrato'),

		listarDepartamentos: async () => refuse('listarDepartamentos'),

		async abrirChamado(input) {
			const action = 'abrirChamado';
			// The card's department is "processo" or "processo:classificação"; the credential gives the defaults.
			const [process, classification] = (input.departamentoId ?? '').split(':').map((part) => part.trim());
			const cdProcesso = process || toText(credentials.mksolutionsProcess);
			const cdClassificacao = classification || toText(credentials.mksolutionsClassification);
			if (!cdProcesso || !cdClassificacao) throw processRequired(action);
			const connection = input.contrato ? (await connectionsOfContract(action, input.cliente, input.contrato))[0] : undefined;
			const answer = await call(action, 'WSMKNovoAtendimento', {
				cd_cliente: input.cliente.id,
				cd_processo: cdProcesso,
				cd_classificacao_ate: cdClassificacao,
				info: `${input.assunto}\n${input.descricao}`,
				cd_contrato: input.contrato?.id,
				conexao_associada: connection ? connectionIdOf(connection) : undefined,
			});
			if (isMkError(answer)) throw mkAnswerError(answer, action);
			const id = toText(answer.CodigoAtendimento);
			const protocolo = toText(answer.Protocolo) ?? id;
			if (!id || !protocolo) throw mkAnswerError(answer, action);
			return { id, protocolo, assunto: input.assunto };
		},

		async autenticarCentral(cliente, loginSac, senha) {
			if (!loginSac.trim() || !senha) return false;
			const answer = await call('autenticarCentral', 'WSMKUserSenhaSAC', { user_sac: loginSac.trim(), pass_sac: senha });
			if (isMkError(answer)) return false;
			const codigo = toText(answer.CodigoPessoa);
			return /^sim$/i.test(toText(answer.AcessoSAC) ?? '') && codigo !== undefined && safeEqual(codigo, cliente.id);
		},

		alterarSenhaWifi: async () => refuse('alterarSenhaWifi'),
	};
}
