/**
 * ISPFY over its "Tool" routes (docs/apis-externas.md §D.9), authenticated by the per-user header
 * `Token` (added by the credential). The deprecated "Object" routes are used only for the ticket
 * topics, which no Tool route lists.
 *
 * - customer, contracts and charges: `GET /api/tool/assinante/info?doc=` (or `?id=`);
 * - plan name, blocked flag, speed (a reduction is current speed below the contracted one) and the
 *   RADIUS session: `GET /api/tool/assinante/ponto/status?id_cliente=`;
 * - open invoices with line and Pix: `GET /api/tool/assinante/boleto?doc=&status=pagar&tipo=linha-detalhes&retorno=json`;
 *   PDF: `GET /api/tool/assinante/boleto/imprimir/{id}?retorno=pdf`;
 * - trust unlock: `POST /api/tool/assinante/liberar` (`id_contrato`): ISPFY releases the contract's
 *   internet for 3 days (fixed), so the result says "até <hoje + 3>";
 * - ticket: `POST /api/tool/assinante/ticket` (`id_cliente`, `id_topico`, `requisicao`, `id_ponto`),
 *   answered with the bare ticket id;
 * - subscriber-portal password: `senha_central_md5` of `info` (MD5, what `assinante/login` compares),
 *   or `POST /api/tool/assinante/login` when `info` does not bring it.
 */
import { createHash } from 'node:crypto';

import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { safeEqual } from '../../channels/signature';
import { addDays, todayInBrazil } from '../calendar';
import { baseUrlOf, type ErpCredentials } from '../credentials';
import { formatDateBr } from '../format';
import { readFailedRequest } from '../http-errors';
import { ErpError, type ArquivoPdf, type Cliente, type Contrato, type ErpAction, type ErpAdapter, type ErpTransport, type Fatura, type ResultadoAcao } from '../types';
import { formatCnpj } from '../../validation/cnpj';
import { formatCpf } from '../../validation/cpf';
import { ispfyCallError, notOffered, notPdf, plainTextMessage, redactIspfyText, saysNotFound, textAnswerError, unexpectedAnswer } from './errors';
import { contractOfCharges, pointStatuses, ticketIdOf, toCliente, toConexao, toContratos, toDepartamentos, toFaturas } from './mapping';
import { asRecord, recordsOf, toText, unmaskDocument, type IspfyRecord } from './values';

/** Days ISPFY's `liberar` releases a contract for (fixed by ISPFY, per its collection: "por 3 dias"). */
export const ISPFY_RELEASE_DAYS = 3;

const SUPPORTED: ReadonlySet<ErpAction> = new Set<ErpAction>([
	'buscarClientePorDocumento',
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

type ActionNotOffered = 'buscarClientesPorTelefone' | 'listarNotasFiscais' | 'pdfNotaFiscal' | 'liberarReducaoVelocidade' | 'documentoAceite' | 'aceitarContrato' | 'alterarSenhaWifi';

/** Why ISPFY's API does not offer an action (the `nao_suportado` message). */
const NOT_OFFERED: Record<ActionNotOffered, string> = {
	buscarClientesPorTelefone: 'as rotas Tool buscam o cliente só por CPF/CNPJ ou código; não há busca por telefone.',
	listarNotasFiscais: 'a API não tem rota de notas fiscais.',
	pdfNotaFiscal: 'a API não tem rota de notas fiscais.',
	liberarReducaoVelocidade: 'a API mostra a velocidade atual e a contratada do ponto, mas não tem rota para liberar uma redução.',
	documentoAceite: 'a API não tem aceite eletrônico de contrato.',
	aceitarContrato: 'a API não tem aceite eletrônico de contrato.',
	alterarSenhaWifi: 'a API não tem rota para o Wi-Fi do cliente.',
};

/** Topics read per page of the object route (its default is only 10). */
const TOPIC_PAGE = 100;
const MAX_TOPIC_PAGES = 20;

function refuse(action: ActionNotOffered): never {
	throw notOffered(action, NOT_OFFERED[action]);
}

const md5 = (value: string) => createHash('md5').update(value, 'utf8').digest('hex');

/** The document as ISPFY's own examples send it (masked CPF/CNPJ; the Tool routes accept both). */
function documentParam(document: string): string {
	const plain = unmaskDocument(document);
	if (plain.length === 11) return formatCpf(plain);
	if (plain.length === 14) return formatCnpj(plain);
	return plain;
}

/** A text of ISPFY that says there is nothing: "não encontrado", "nenhuma cobrança…" ([UNCERTAIN] wordings). */
function saysNothing(text: string | undefined): boolean {
	return text !== undefined && (saysNotFound(text) || /nenhum(a)?\s+(cobran|registro|resultado|cliente|boleto)/i.test(text));
}

/** An answer that means "nothing here": empty, `null`, `[]`, `{}` or a text saying so. */
function isEmptyAnswer(answer: unknown): boolean {
	if (answer === undefined || answer === null || answer === '') return true;
	if (Array.isArray(answer)) return answer.length === 0;
	const record = asRecord(answer);
	if (record) return Object.keys(record).length === 0;
	return typeof answer === 'string' && (answer.trim() === '' || answer.trim() === 'null' || saysNothing(answer));
}

export function createIspfyAdapter(transport: ErpTransport, credentials: ErpCredentials): ErpAdapter {
	const common = { baseURL: baseUrlOf(credentials), timeout: (credentials.timeoutSeconds ?? 15) * 1000 };

	async function call(action: ErpAction, options: IHttpRequestOptions): Promise<unknown> {
		try {
			return await transport({ ...common, ...options });
		} catch (error) {
			throw ispfyCallError(error, action);
		}
	}

	/**
	 * A GET whose "not found" may come as 404, as a plain-text error (HTTP 500 or 200) or as an empty
	 * answer: `undefined` then. Other error texts on HTTP 200 are `erro_erp`.
	 */
	async function lookup(action: ErpAction, url: string, qs: IDataObject): Promise<unknown> {
		let answer: unknown;
		try {
			answer = await transport({ ...common, method: 'GET', url, qs, json: true });
		} catch (error) {
			const failed = readFailedRequest(error);
			const text = plainTextMessage(failed.body);
			if (failed.status === 404 && (text === undefined || saysNothing(text))) return undefined;
			if (failed.status !== undefined && failed.status !== 401 && failed.status !== 403 && saysNothing(text)) return undefined;
			throw ispfyCallError(error, action);
		}
		if (isEmptyAnswer(answer)) return undefined;
		if (typeof answer === 'string') {
			const text = plainTextMessage(answer);
			throw text ? textAnswerError(text, action) : unexpectedAnswer(action);
		}
		return answer;
	}

	async function form(action: ErpAction, url: string, fields: Record<string, string | undefined>, json = true): Promise<unknown> {
		const body = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as IDataObject;
		return await call(action, { method: 'POST', url, json, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
	}

	const infoOf = async (action: ErpAction, cliente: Cliente): Promise<IspfyRecord> => {
		const info = asRecord(await lookup(action, '/api/tool/assinante/info', { id: cliente.id }));
		if (!info) throw new ErpError('erro_erp', 'O ISPFY não encontrou mais este cliente.', { system: 'ispfy', action });
		return info;
	};

	const statusesOf = async (action: ErpAction, cliente: Cliente): Promise<IspfyRecord[]> =>
		pointStatuses(await lookup(action, '/api/tool/assinante/ponto/status', { id_cliente: cliente.id }));

	/** Customer data and point statuses, read together. */
	async function snapshot(action: ErpAction, cliente: Cliente): Promise<{ info: IspfyRecord; statuses: IspfyRecord[] }> {
		const [info, statuses] = await Promise.all([infoOf(action, cliente), statusesOf(action, cliente)]);
		return { info, statuses };
	}

	async function openInvoices(action: ErpAction, cliente: Cliente, info: IspfyRecord, contrato?: Contrato): Promise<Fatura[]> {
		const answer = asRecord(await lookup(action, '/api/tool/assinante/boleto', { doc: documentParam(cliente.documento), status: 'pagar', tipo: 'linha-detalhes', retorno: 'json' }));
		if (!answer) return [];
		const invoices = toFaturas(answer, contractOfCharges(info), todayInBrazil());
		return contrato ? invoices.filter((invoice) => invoice.contratoId === contrato.id) : invoices;
	}

	const adapter: ErpAdapter = {
		system: 'ispfy',
		supports: (action) => SUPPORTED.has(action),

		async buscarClientePorDocumento(documento) {
			if (!unmaskDocument(documento)) return undefined;
			return toCliente(asRecord(await lookup('buscarClientePorDocumento', '/api/tool/assinante/info', { doc: documentParam(documento) })));
		},

		buscarClientesPorTelefone: async () => refuse('buscarClientesPorTelefone'),

		async listarContratos(cliente) {
			const { info, statuses } = await snapshot('listarContratos', cliente);
			return toContratos(info, statuses, todayInBrazil());
		},

		async listarFaturasAbertas(cliente, contrato) {
			return await openInvoices('listarFaturasAbertas', cliente, await infoOf('listarFaturasAbertas', cliente), contrato);
		},

		async pdfFatura(fatura): Promise<ArquivoPdf | undefined> {
			const id = encodeURIComponent(fatura.id);
			const download = (url: string) => call('pdfFatura', { method: 'GET', url, qs: { retorno: 'pdf' }, json: false, encoding: 'arraybuffer' });
			// The vendor's collection prints at `assinante/boleto/imprimir/{id}`; an older public client at
			// `cobranca/imprimir/{id}` [UNCERTAIN which versions answer which]: the second on a 404 of the first.
			const body = await download(`/api/tool/assinante/boleto/imprimir/${id}`).catch(async (error: unknown) => {
				if (error instanceof ErpError && error.details.httpCode === 404) return await download(`/api/tool/cobranca/imprimir/${id}`);
				throw error;
			});
			const data = Buffer.isBuffer(body) ? body : body instanceof ArrayBuffer ? Buffer.from(body) : Buffer.from(String(body ?? ''), 'binary');
			if (data.subarray(0, 4).toString('latin1') !== '%PDF') {
				if (data.length === 0) return undefined;
				throw notPdf('pdfFatura');
			}
			return { fileName: `boleto-${fatura.id}.pdf`, data: data.toString('base64'), mimeType: 'application/pdf' };
		},

		async pixFatura(fatura, cliente) {
			if (fatura.pixCopiaECola) return fatura.pixCopiaECola;
			const info = await infoOf('pixFatura', cliente);
			const again = await openInvoices('pixFatura', cliente, info);
			return again.find((invoice) => invoice.id === fatura.id)?.pixCopiaECola;
		},

		listarNotasFiscais: async () => refuse('listarNotasFiscais'),

		pdfNotaFiscal: async () => refuse('pdfNotaFiscal'),

		async desbloqueioConfianca(_cliente, contrato): Promise<ResultadoAcao> {
			let answer: unknown;
			try {
				answer = await transport({
					...common,
					method: 'POST',
					url: '/api/tool/assinante/liberar',
					json: false,
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
					body: { id_contrato: contrato.id },
				});
			} catch (error) {
				// ISPFY refuses with a plain-text HTTP 500 ("A opção de liberação de bloqueio não está ativa"): a business refusal.
				const failed = readFailedRequest(error);
				const text = plainTextMessage(failed.body);
				if (failed.status !== undefined && failed.status >= 400 && ![401, 403, 404].includes(failed.status) && text) {
					return { sucesso: false, motivo: redactIspfyText(text) };
				}
				throw ispfyCallError(error, 'desbloqueioConfianca');
			}
			// Success is HTTP 200 with an empty body; a text there is a refusal sent with HTTP 200.
			const text = plainTextMessage(Buffer.isBuffer(answer) ? answer.toString('utf8') : answer);
			if (text && !/^(ok|true|1|sucesso)$/i.test(text)) return { sucesso: false, motivo: redactIspfyText(text) };
			const ate = addDays(todayInBrazil(), ISPFY_RELEASE_DAYS);
			return { sucesso: true, ate, mensagem: `O ISPFY liberou a internet do contrato por ${ISPFY_RELEASE_DAYS} dias, até ${formatDateBr(ate)}.` };
		},

		liberarReducaoVelocidade: async () => refuse('liberarReducaoVelocidade'),

		async diagnostico(cliente, contrato) {
			const { info, statuses } = await snapshot('diagnostico', cliente);
			const current = toContratos(info, statuses, todayInBrazil()).find((each) => each.id === contrato.id) ?? contrato;
			const invoices = await openInvoices('diagnostico', cliente, info, contrato);
			const point = statuses.find((status) => toText(status.id_contrato) === contrato.id);
			return {
				contrato: current,
				faturasVencidas: invoices.filter((invoice) => invoice.vencida).length,
				...(point ? { conexao: toConexao(point, current.login) } : {}),
			};
		},

		documentoAceite: async () => refuse('documentoAceite'),

		aceitarContrato: async () => refuse('aceitarContrato'),

		async listarDepartamentos() {
			const topics: IspfyRecord[] = [];
			for (let page = 0, offset = 0; page < MAX_TOPIC_PAGES; page++) {
				const answer = await lookup('listarDepartamentos', '/api/object/suporte/topico', { limit: TOPIC_PAGE, offset, paginaton: 'true' });
				const envelope = asRecord(answer);
				const entries = recordsOf(envelope ? envelope.data : answer);
				topics.push(...entries);
				offset += entries.length;
				const count = Number(envelope?.count);
				const more = Number.isFinite(count) ? offset < count : entries.length === TOPIC_PAGE;
				if (entries.length === 0 || !more) break;
			}
			return toDepartamentos(topics);
		},

		async abrirChamado(input) {
			const statuses = input.contrato ? await statusesOf('abrirChamado', input.cliente) : [];
			const point = input.contrato ? statuses.find((status) => toText(status.id_contrato) === input.contrato?.id) : undefined;
			const answer = await form('abrirChamado', '/api/tool/assinante/ticket', {
				id_cliente: input.cliente.id,
				id_topico: input.departamentoId || undefined,
				id_ponto: toText(point?.id_ponto),
				requisicao: `${input.assunto}\n${input.descricao}`,
			});
			const id = ticketIdOf(answer);
			if (!id) {
				const text = plainTextMessage(answer);
				throw text ? textAnswerError(text, 'abrirChamado') : unexpectedAnswer('abrirChamado');
			}
			return { id, protocolo: id, assunto: input.assunto, status: 'aberto' };
		},

		async autenticarCentral(cliente, login, senha) {
			if (!senha || unmaskDocument(login) !== unmaskDocument(cliente.documento)) return false;
			const info = await infoOf('autenticarCentral', cliente);
			const stored = toText(info.senha_central_md5);
			if (stored) return safeEqual(md5(senha).toLowerCase(), stored.toLowerCase());
			let answer: unknown;
			try {
				answer = await form('autenticarCentral', '/api/tool/assinante/login', { login: documentParam(cliente.documento), password: md5(senha) });
			} catch (error) {
				if (error instanceof ErpError && error.kind === 'erro_erp') return false;
				throw error;
			}
			return toCliente(asRecord(answer))?.id === cliente.id;
		},

		alterarSenhaWifi: async () => refuse('alterarSenhaWifi'),
	};
	return adapter;
}
