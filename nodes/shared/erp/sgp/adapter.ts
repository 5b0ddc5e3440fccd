/**
 * SGP (TSMX) over its URA API (docs/apis-externas.md §D.1). Customers and contracts come from
 * `consultacliente` (one entry per contract), phone searches from `/api/ura/clientes/`, open
 * invoices from the read-only `/api/ura/titulos` (original due dates; `titulos` in camelCase, or
 * `faturas` in lowercase as `/api/central/titulos` answers), the boleto PDF through `fatura2via`
 * with `nao_gerar_os=1` (without it SGP opens an occurrence), Pix from `pagamento/pix`, the trust
 * unlock from `liberacaopromessa` (JSON: integrators of real servers found it reads only JSON, and
 * every URA endpoint accepts JSON), the connection from `verificaacesso`, tickets from `chamado`
 * (JSON), Wi-Fi from `cpemanage` (on the service `verificaacesso` names), the subscriber-portal
 * login from `contratoCentralLogin` / `contratoCentralSenha`.
 */

import { safeEqual } from '../../channels/signature';
import { baseUrlOf, type ErpCredentials } from '../credentials';
import type { ArquivoPdf, Cliente, Contrato, ErpAction, ErpAdapter, ErpTransport, Fatura } from '../types';
import { todayInBrazil } from '../calendar';
import { contractRequired, notOffered, sgpAnswerError } from './errors';
import {
	mapChamado,
	mapClienteFromContracts,
	mapClienteFromListing,
	mapConexao,
	mapContrato,
	mapFatura,
	mapTrustUnlock,
	mapWifiChange,
	isOpenTitle,
	phoneSearchTerms,
	sortFaturas,
} from './mapping';
import { sgpCustomersPage, type SeenPage } from './listing';
import { sgpHttp, type SgpHttp } from './request';
import { asRecord, recordsOf, toNumber, toText, unmaskDocument, type JsonRecord } from '../values';

const SUPPORTED: ReadonlySet<ErpAction> = new Set<ErpAction>([
	'buscarClientePorDocumento',
	'buscarClientesPorTelefone',
	'listarContratos',
	'listarFaturasAbertas',
	'pdfFatura',
	'pixFatura',
	'desbloqueioConfianca',
	'diagnostico',
	'abrirChamado',
	'autenticarCentral',
	'alterarSenhaWifi',
	'listarClientes',
]);

type ActionNotOffered = 'listarNotasFiscais' | 'pdfNotaFiscal' | 'liberarReducaoVelocidade' | 'documentoAceite' | 'aceitarContrato' | 'listarDepartamentos';

/** Why SGP's API does not offer an action (the `nao_suportado` message). */
const NOT_OFFERED: Record<ActionNotOffered, string> = {
	listarNotasFiscais: 'a API URA não tem listagem de notas fiscais com formato documentado.',
	pdfNotaFiscal: 'a API URA não tem o PDF da nota fiscal.',
	liberarReducaoVelocidade: 'a API URA não tem liberação temporária da redução de velocidade.',
	documentoAceite: 'a API URA não tem o aceite eletrônico de contrato.',
	aceitarContrato: 'a API URA não tem o aceite eletrônico de contrato.',
	listarDepartamentos: 'a lista de setores do SGP não tem formato documentado; informe o ID do setor no card.',
};

/** Titles per page of `titulos` (the URA endpoint allows up to 250; some versions cap lower). */
const TITLES_PAGE = 100;
/** Most pages read for one contract (a guard against an SGP that ignores `offset`). */
const MAX_TITLE_PAGES = 20;

function refuse(action: ActionNotOffered): never {
	throw notOffered(action, NOT_OFFERED[action]);
}

/** `link` as an absolute URL when it lies on the ERP's own host (the only one that may receive the credential). */
function onErpHost(link: string, baseUrl: string): string | undefined {
	try {
		const url = new URL(link, baseUrl);
		return url.origin === new URL(baseUrl).origin ? url.href : undefined;
	} catch {
		return undefined;
	}
}

export function createSgpAdapter(transport: ErpTransport, credentials: ErpCredentials): ErpAdapter {
	const http: SgpHttp = sgpHttp(transport, credentials);

	/** `consultacliente`'s contracts; `[]` for "Nada encontrado", an error for `status` 0 (missing filter). */
	async function consultContracts(action: ErpAction, fields: Record<string, string>): Promise<JsonRecord[]> {
		const answer = await http.form(action, '/api/ura/consultacliente/', fields);
		if (Array.isArray(answer.contratos)) return recordsOf(answer.contratos);
		if (toNumber(answer.status) === 0) throw sgpAnswerError(answer, action);
		return [];
	}

	async function contractsOf(action: ErpAction, cliente: Cliente): Promise<Contrato[]> {
		const entries = await consultContracts(action, { cpfcnpj: unmaskDocument(cliente.documento) });
		return entries
			.filter((entry) => toText(entry.clienteId) === undefined || toText(entry.clienteId) === cliente.id)
			.map(mapContrato)
			.filter((contract): contract is Contrato => contract !== undefined);
	}

	/** Every open title of one contract, page by page until `paginacao.total`. */
	async function openTitlesOf(action: ErpAction, contratoId: string, today: string): Promise<Fatura[]> {
		const invoices = new Map<string, Fatura>();
		for (let page = 0, offset = 0; page < MAX_TITLE_PAGES; page++) {
			const answer = await http.form(action, '/api/ura/titulos/', { contrato: contratoId, status: 'abertos', offset: String(offset), limit: String(TITLES_PAGE) });
			const titles = recordsOf(Array.isArray(answer.titulos) ? answer.titulos : answer.faturas);
			const before = invoices.size;
			for (const title of titles.filter(isOpenTitle)) {
				const invoice = mapFatura(title, today, contratoId);
				if (invoice) invoices.set(invoice.id, invoice);
			}
			offset += titles.length;
			const total = toNumber(asRecord(answer.paginacao)?.total);
			if (titles.length === 0 || total === undefined || offset >= total || invoices.size === before) break;
		}
		return [...invoices.values()];
	}

	async function contractIdFor(action: ErpAction, cliente: Cliente, contrato?: Contrato, fatura?: Fatura): Promise<string> {
		const known = contrato?.id ?? fatura?.contratoId;
		if (known) return known;
		const contracts = await contractsOf(action, cliente);
		if (contracts.length === 1) return contracts[0].id;
		throw contractRequired(action);
	}

	async function listarFaturasAbertas(cliente: Cliente, contrato?: Contrato): Promise<Fatura[]> {
		const today = todayInBrazil();
		const contracts = contrato ? [contrato] : await contractsOf('listarFaturasAbertas', cliente);
		const perContract = await Promise.all(contracts.map((each) => openTitlesOf('listarFaturasAbertas', each.id, today)));
		return sortFaturas(perContract.flat());
	}

	/**
	 * The PDF link `fatura2via` gives for this invoice (`link_pdf`), never opening an occurrence. The
	 * invoice is named `fatura` in the links of most SGP clients and `id` in others: `fatura` first.
	 */
	async function pdfLinkOf(fatura: Fatura, contratoId: string): Promise<string | undefined> {
		const answer = await http.form('pdfFatura', '/api/ura/fatura2via/', { contrato: contratoId, nao_gerar_os: '1', link_pdf: '1' });
		const links = recordsOf(answer.links);
		const link = links.find((entry) => toText(entry.fatura) === fatura.id) ?? links.find((entry) => toText(entry.id) === fatura.id);
		return link ? toText(link.link) : undefined;
	}

	async function pdfFatura(fatura: Fatura, _cliente: Cliente, contrato?: Contrato): Promise<ArquivoPdf | undefined> {
		const contratoId = contrato?.id ?? fatura.contratoId;
		const link = (contratoId ? await pdfLinkOf(fatura, contratoId) : undefined) ?? fatura.pdfUrl;
		const url = link ? onErpHost(link, baseUrlOf(credentials)) : undefined;
		if (!url) return undefined;
		const data = await http.file('pdfFatura', url);
		if (data.subarray(0, 4).toString('latin1') !== '%PDF') return undefined;
		return { fileName: `boleto-${fatura.id}.pdf`, data: data.toString('base64'), mimeType: 'application/pdf' };
	}

	const lastCustomerPage: SeenPage = {};

	const adapter: ErpAdapter = {
		system: 'sgp',
		supports: (action) => SUPPORTED.has(action),

		async buscarClientePorDocumento(documento) {
			const cpfcnpj = unmaskDocument(documento);
			if (!cpfcnpj) return undefined;
			return mapClienteFromContracts(await consultContracts('buscarClientePorDocumento', { cpfcnpj }));
		},

		async buscarClientesPorTelefone(telefone) {
			const found = new Map<string, Cliente>();
			for (const term of phoneSearchTerms(telefone)) {
				const answer = await http.form('buscarClientesPorTelefone', '/api/ura/clientes/', {
					telefone: term,
					omitir_contratos: '1',
					omitir_titulos: '1',
					limit: '100',
				});
				for (const entry of recordsOf(answer.clientes)) {
					const cliente = mapClienteFromListing(entry);
					if (cliente && !found.has(cliente.id)) found.set(cliente.id, cliente);
				}
			}
			return [...found.values()];
		},

		listarContratos: (cliente) => contractsOf('listarContratos', cliente),

		listarFaturasAbertas,

		pdfFatura,

		async pixFatura(fatura, cliente, contrato) {
			const contratoId = await contractIdFor('pixFatura', cliente, contrato, fatura);
			const answer = await http.form('pixFatura', `/api/ura/pagamento/pix/${encodeURIComponent(fatura.id)}`, { contrato: contratoId });
			return toNumber(answer.status) === 1 ? toText(answer.pix) : undefined;
		},

		listarNotasFiscais: async () => refuse('listarNotasFiscais'),

		pdfNotaFiscal: async () => refuse('pdfNotaFiscal'),

		async desbloqueioConfianca(_cliente, contrato) {
			const answer = await http.json('desbloqueioConfianca', '/api/ura/liberacaopromessa/', { contrato: contrato.id });
			const result = mapTrustUnlock(answer, todayInBrazil());
			if (!result) throw sgpAnswerError(answer, 'desbloqueioConfianca');
			return result;
		},

		liberarReducaoVelocidade: async () => refuse('liberarReducaoVelocidade'),

		async diagnostico(cliente, contrato) {
			const [fresh, faturas, access] = await Promise.all([
				consultContracts('diagnostico', { contrato: contrato.id }),
				listarFaturasAbertas(cliente, contrato),
				// status_all: without it SGP checks only active and reduced-speed contracts. Never protocolo_ura (it opens an occurrence).
				http.form('diagnostico', '/api/ura/verificaacesso/', { contrato: contrato.id, status_all: '1' }),
			]);
			const current = fresh.map(mapContrato).find((each) => each?.id === contrato.id) ?? contrato;
			return {
				contrato: current,
				faturasVencidas: faturas.filter((fatura) => fatura.vencida).length,
				conexao: mapConexao(access, current),
			};
		},

		documentoAceite: async () => refuse('documentoAceite'),

		aceitarContrato: async () => refuse('aceitarContrato'),

		listarDepartamentos: async () => refuse('listarDepartamentos'),

		async abrirChamado(input) {
			const contratoId = await contractIdFor('abrirChamado', input.cliente, input.contrato);
			const answer = await http.json('abrirChamado', '/api/ura/chamado/', {
				contrato: contratoId,
				conteudo: `${input.assunto}\n${input.descricao}`,
				...(input.departamentoId ? { setor: input.departamentoId } : {}),
				...(input.contato.nome ? { contato_nome: input.contato.nome } : {}),
				...(input.contato.telefone ? { contato_telefone: input.contato.telefone } : {}),
			});
			const chamado = mapChamado(answer, input.assunto);
			if (!chamado) throw sgpAnswerError(answer, 'abrirChamado');
			return chamado;
		},

		async autenticarCentral(cliente, login, senha) {
			if (!login.trim() || !senha) return false;
			const entries = await consultContracts('autenticarCentral', { cpfcnpj: unmaskDocument(cliente.documento) });
			const givenDocument = unmaskDocument(login);
			return entries.some((entry) => {
				const centralLogin = toText(entry.contratoCentralLogin);
				const centralPassword = toText(entry.contratoCentralSenha);
				const loginMatches = givenDocument === unmaskDocument(cliente.documento) || (centralLogin !== undefined && centralLogin.toLowerCase() === login.trim().toLowerCase());
				return loginMatches && centralPassword !== undefined && safeEqual(senha, centralPassword);
			});
		},

		async alterarSenhaWifi(_cliente, contrato, novaSenha) {
			// A contract may have several services: `servico` picks the one `verificaacesso` reports (the internet access).
			const access = await http.form('alterarSenhaWifi', '/api/ura/verificaacesso/', { contrato: contrato.id, status_all: '1' });
			const servico = toNumber(access.status) === 1 || toNumber(access.status) === 2 ? toText(access.servico_id) : undefined;
			const answer = await http.form('alterarSenhaWifi', '/api/ura/cpemanage/', { contrato: contrato.id, servico, nova_senha: novaSenha });
			const result = mapWifiChange(answer);
			if (!result) throw sgpAnswerError(answer, 'alterarSenhaWifi');
			return result;
		},

		listarClientes(filtro, pagina) {
			const today = todayInBrazil();
			if (pagina === 1) lastCustomerPage.ids = undefined;
			return sgpCustomersPage(http, filtro, pagina, today, (contratoId) => openTitlesOf('listarClientes', contratoId, today), lastCustomerPage);
		},
	};
	return adapter;
}
