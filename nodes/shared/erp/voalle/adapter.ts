/**
 * Voalle (Synsuite, Grupo Voalle) over its "API's para Terceiros" (docs/apis-externas.md §D.4).
 * The token (`POST /connect/token` on port 45700, client_credentials + `syndata`) belongs to the
 * credential; this file fetches on the API port (45715), `mapping.ts` maps, `errors.ts` reads failures.
 *
 * What the API gives the bot: the customer by CPF/CNPJ (`people/txid`), contracts
 * (`contract/getpaged`, pagination 0- or 1-based depending on the version: page 0 first, page 1
 * when 0 brings nothing), open invoices (`getopentitlesbytxid`, narrowed to a contract with
 * `getcontractbillets`), the boleto PDF (`GetBillet`), a fresh Pix (`billings/registerpix`), the
 * trust unlock (`contracts/unlock/{contractNumber}`: Voalle applies its own rules and monthly
 * quota), the access point status (`getaccesspointstatusbycontract`: the POP/OLT, an outage, not
 * the subscriber's session) and tickets (`opensolicitation`). The subscriber-portal login is the App
 * Cliente API (Portal V2, `portal_authentication`), offered when its fields are filled.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { todayInBrazil } from '../calendar';
import { baseUrlOf, type ErpCredentials } from '../credentials';
import { readFailedRequest } from '../http-errors';
import { sortOpenInvoices } from '../invoices';
import { asRecord, recordsOf, toBuffer, toText, unmaskDocument } from '../values';
import type { ArquivoPdf, Cliente, Contrato, ErpAction, ErpAdapter, ErpTransport, Fatura } from '../types';
import { contractNotFound, notAnEnvelope, notOffered, unexpectedAnswer, voalleCallError, voalleReason, voalleRefusal } from './errors';
import { contractBilletIds, contractNumberOf, isCurrentContract, toCliente, toContrato, toFatura, toPontoDeAcesso, type VoalleRecord } from './mapping';

const THIRD_PARTY = '/external/integrations/thirdparty';
/** Contracts per page of `contract/getpaged` (one page: a customer with more is not a chatbot case). */
const CONTRACTS_PAGE = 100;

const SUPPORTED: ReadonlySet<ErpAction> = new Set<ErpAction>([
	'buscarClientePorDocumento',
	'listarContratos',
	'listarFaturasAbertas',
	'pdfFatura',
	'pixFatura',
	'desbloqueioConfianca',
	'diagnostico',
	'abrirChamado',
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

/** Why Voalle's third-party API does not offer an action (the `nao_suportado` message). */
const NOT_OFFERED: Record<ActionNotOffered, string> = {
	buscarClientesPorTelefone: 'não há busca de cliente por telefone (só a listagem completa paginada de clientes).',
	listarNotasFiscais: 'não há listagem de notas fiscais do cliente na API para terceiros.',
	pdfNotaFiscal: 'não há listagem de notas fiscais do cliente na API para terceiros.',
	liberarReducaoVelocidade: 'o Voalle não tem estado de redução de velocidade nem liberação dela.',
	documentoAceite: 'o aceite do Voalle é por assinatura eletrônica: o cliente assina pelo link que o próprio ERP envia, e a API não registra aceite feito pelo bot.',
	aceitarContrato: 'o aceite do Voalle é por assinatura eletrônica: o cliente assina pelo link que o próprio ERP envia, e a API não registra aceite feito pelo bot.',
	listarDepartamentos: 'a abertura de solicitação da API (opensolicitation) não recebe setor; o chamado entra na fila padrão do Voalle.',
	alterarSenhaWifi: 'a API só edita o cadastro da conexão no ERP; não há garantia de que a senha chegue ao roteador.',
};

const NO_PORTAL = 'o login da Central do Assinante é da API do App Cliente (Portal V2): preencha os campos do App Cliente na credencial "ERP do Provedor".';

function refuse(action: ActionNotOffered): never {
	throw notOffered(action, NOT_OFFERED[action]);
}

const isSuccess = (envelope: VoalleRecord) => envelope.success === true || String(envelope.success).toLowerCase() === 'true';

export function createVoalleAdapter(transport: ErpTransport, credentials: ErpCredentials): ErpAdapter {
	const baseURL = baseUrlOf(credentials);
	const timeout = (credentials.timeoutSeconds ?? 15) * 1000;

	async function send(action: ErpAction, options: IHttpRequestOptions): Promise<unknown> {
		try {
			return await transport({ baseURL, timeout, ...options });
		} catch (error) {
			throw voalleCallError(error, action);
		}
	}

	/** The envelope of a JSON call; `success: false` is returned, callers decide what it means. */
	async function envelope(action: ErpAction, method: 'GET' | 'POST', url: string, body?: IDataObject): Promise<VoalleRecord> {
		const answer = asRecord(await send(action, { method, url, json: true, ...(body ? { body } : {}) }));
		if (!answer || !('success' in answer || 'response' in answer)) throw notAnEnvelope(action);
		return answer;
	}

	/** `response` of a successful call; `success: false` is an `erro_erp` with Voalle's messages. */
	async function response(action: ErpAction, method: 'GET' | 'POST', url: string, body?: IDataObject): Promise<unknown> {
		const answer = await envelope(action, method, url, body);
		if (!isSuccess(answer)) throw voalleRefusal(answer, action);
		return answer.response;
	}

	async function rawContracts(action: ErpAction, cliente: Cliente): Promise<VoalleRecord[]> {
		const txId = unmaskDocument(cliente.documento);
		const page = async (number: number) => {
			const answer = await envelope(action, 'POST', `${THIRD_PARTY}/contract/getpaged`, { txId, onlyActiveContracts: false, page: number, pageSize: CONTRACTS_PAGE });
			if (!isSuccess(answer)) return { refused: answer, entries: [] as VoalleRecord[] };
			const data = asRecord(answer.response)?.data ?? answer.response;
			return { refused: undefined, entries: recordsOf(data) };
		};
		// The collection does not say whether `page` starts at 0 or 1: page 0 first, page 1 when 0 is refused or empty.
		const first = await page(0);
		if (first.entries.length > 0) return first.entries;
		const second = await page(1);
		if (second.refused) throw voalleRefusal(second.refused, action);
		return second.entries;
	}

	async function contractsOf(action: ErpAction, cliente: Cliente): Promise<Contrato[]> {
		return (await rawContracts(action, cliente))
			.filter(isCurrentContract)
			.map((entry) => toContrato(entry, cliente.id))
			.filter((contract): contract is Contrato => contract !== undefined);
	}

	async function listarFaturasAbertas(cliente: Cliente, contrato?: Contrato): Promise<Fatura[]> {
		const today = todayInBrazil();
		const txId = unmaskDocument(cliente.documento);
		const [titles, ofContract] = await Promise.all([
			response('listarFaturasAbertas', 'GET', `${THIRD_PARTY}/getopentitlesbytxid/${encodeURIComponent(txId)}`),
			contrato ? response('listarFaturasAbertas', 'GET', `${THIRD_PARTY}/getcontractbillets/${encodeURIComponent(contrato.id)}`) : Promise.resolve(undefined),
		]);
		const wanted = ofContract === undefined ? undefined : contractBilletIds(ofContract);
		const invoices = recordsOf(titles)
			.filter((title) => !wanted || wanted.has(toText(title.id) ?? ''))
			.map((title) => toFatura(title, today, contrato?.id))
			.filter((invoice): invoice is Fatura => invoice !== undefined);
		return sortOpenInvoices(invoices);
	}

	const adapter: ErpAdapter = {
		system: 'voalle',
		supports: (action) => SUPPORTED.has(action) || (action === 'autenticarCentral' && Boolean(String(credentials.voallePortalUrl ?? '').trim())),

		async buscarClientePorDocumento(documento) {
			const txId = unmaskDocument(documento);
			if (!txId) return undefined;
			const answer = await envelope('buscarClientePorDocumento', 'GET', `${THIRD_PARTY}/people/txid/${encodeURIComponent(txId)}`);
			// [UNCERTAIN] an unknown document: `success: false` with a message (HTTP 200), or `response: null`. Both are "not found".
			if (!isSuccess(answer)) return undefined;
			const person = asRecord(answer.response) ?? recordsOf(answer.response)[0];
			if (!person) return undefined;
			const cliente = toCliente(person);
			return cliente && cliente.documento === txId ? cliente : undefined;
		},

		buscarClientesPorTelefone: async () => refuse('buscarClientesPorTelefone'),

		listarContratos: (cliente) => contractsOf('listarContratos', cliente),

		listarFaturasAbertas,

		async pdfFatura(fatura): Promise<ArquivoPdf | undefined> {
			const body = await send('pdfFatura', { method: 'GET', url: `${THIRD_PARTY}/GetBillet/${encodeURIComponent(fatura.id)}`, json: false, encoding: 'arraybuffer' });
			const data = toBuffer(body);
			if (data.subarray(0, 4).toString('latin1') !== '%PDF') {
				const answer = asRecord(safeJson(data));
				if (answer && !isSuccess(answer)) throw voalleRefusal(answer, 'pdfFatura');
				return undefined;
			}
			return { fileName: `boleto-${fatura.id}.pdf`, data: data.toString('base64'), mimeType: 'application/pdf' };
		},

		async pixFatura(fatura) {
			const registered = asRecord(await response('pixFatura', 'POST', `${THIRD_PARTY}/billings/registerpix?receivableId=${encodeURIComponent(fatura.id)}`));
			return toText(registered?.qrCode);
		},

		listarNotasFiscais: async () => refuse('listarNotasFiscais'),

		pdfNotaFiscal: async () => refuse('pdfNotaFiscal'),

		async desbloqueioConfianca(cliente, contrato) {
			const entry = (await rawContracts('desbloqueioConfianca', cliente)).find((candidate) => toContrato(candidate, cliente.id)?.id === contrato.id);
			const number = entry ? contractNumberOf(entry) : undefined;
			if (!number) throw contractNotFound('desbloqueioConfianca');
			const answer = await envelope('desbloqueioConfianca', 'POST', `${THIRD_PARTY}/contracts/unlock/${encodeURIComponent(number)}`);
			if (isSuccess(answer)) {
				const mensagem = voalleReason(answer);
				return { sucesso: true, ...(mensagem ? { mensagem } : {}) };
			}
			// A refusal (quota used, contract not blocked…) comes as `success: false` with Voalle's reason; Voalle gives no date.
			return { sucesso: false, motivo: voalleReason(answer) ?? 'O Voalle recusou o desbloqueio de confiança sem dizer o motivo.' };
		},

		liberarReducaoVelocidade: async () => refuse('liberarReducaoVelocidade'),

		async diagnostico(cliente, contrato) {
			const [contracts, faturas, point] = await Promise.all([
				contractsOf('diagnostico', cliente),
				listarFaturasAbertas(cliente, contrato),
				response('diagnostico', 'GET', `${THIRD_PARTY}/getaccesspointstatusbycontract/${encodeURIComponent(contrato.id)}`),
			]);
			const current = contracts.find((each) => each.id === contrato.id) ?? contrato;
			const pontoDeAcesso = toPontoDeAcesso(point);
			// No `conexao`: Voalle's third-party API does not say whether the subscriber is connected, only the access point's state.
			return { contrato: current, faturasVencidas: faturas.filter((fatura) => fatura.vencida).length, ...(pontoDeAcesso ? { pontoDeAcesso } : {}) };
		},

		documentoAceite: async () => refuse('documentoAceite'),

		aceitarContrato: async () => refuse('aceitarContrato'),

		listarDepartamentos: async () => refuse('listarDepartamentos'),

		async abrirChamado(input) {
			let contrato = input.contrato;
			if (!contrato) {
				const contracts = await contractsOf('abrirChamado', input.cliente);
				contrato = contracts.length === 1 ? contracts[0] : undefined;
			}
			const contact = [input.contato.nome, input.contato.telefone].filter(Boolean).join(', ');
			const description = [input.assunto, input.descricao, contact ? `Contato: ${contact}` : ''].filter(Boolean).join('\n');
			const created = await response('abrirChamado', 'POST', `${THIRD_PARTY}/opensolicitation`, {
				description,
				clientId: Number(input.cliente.id) || input.cliente.id,
				...(contrato ? { contractId: Number(contrato.id) || contrato.id } : {}),
				close: false,
			});
			// [UNCERTAIN] the collection shows no answer for opensolicitation; opendetailedsolicitation answers `{ protocol, assignmentId }`.
			const record = asRecord(created);
			const protocolo = toText(record?.protocol) ?? toText(created);
			const id = toText(record?.assignmentId) ?? toText(record?.id) ?? protocolo;
			if (!protocolo || !id) throw unexpectedAnswer('abrirChamado', 'a solicitação foi enviada, mas o Voalle não devolveu o protocolo');
			return { id, protocolo, assunto: input.assunto };
		},

		async autenticarCentral(cliente, login, senha) {
			const portal = String(credentials.voallePortalUrl ?? '').trim().replace(/\/+$/, '');
			if (!portal) throw notOffered('autenticarCentral', NO_PORTAL);
			if (!login.trim() || !senha) return false;
			// Portal V2 takes user and password in the query string: the URL never reaches a message or a log (errors are built here, without it).
			let answer: unknown;
			try {
				answer = await transport({
					method: 'GET',
					url: `${portal}/portal_authentication`,
					qs: {
						verify_token: credentials.voallePortalVerifyToken ?? '',
						client_id: credentials.voallePortalClientId ?? '',
						client_secret: credentials.voallePortalClientSecret ?? '',
						grant_type: 'client_credentials',
						username: login.trim(),
						password: senha,
					},
					timeout,
					json: true,
				});
			} catch (error) {
				const status = readFailedRequest(error).status;
				// [UNCERTAIN] a wrong login: 400 or 401 (OAuth's invalid_grant); the portal's own credentials refused are indistinguishable.
				if (status === 400 || status === 401) return false;
				throw voalleCallError(error, 'autenticarCentral');
			}
			const person = asRecord(asRecord(answer)?.person);
			if (!toText(asRecord(answer)?.access_token) || !person) return false;
			return toText(person.id) === cliente.id;
		},

		alterarSenhaWifi: async () => refuse('alterarSenhaWifi'),
	};
	return adapter;
}

function safeJson(data: Buffer): unknown {
	try {
		return JSON.parse(data.toString('utf8'));
	} catch {
		return undefined;
	}
}
