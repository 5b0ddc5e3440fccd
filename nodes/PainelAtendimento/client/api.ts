/* The desk's HTTP API: one URL routed by `?r=`, JSON bodies, X-CSRF-Token on every POST. */
namespace Painel {
	/** A failed call: HTTP status (0 = no connection) and the pt-BR text to show. */
	export class ApiErro extends Error {
		constructor(
			readonly status: number,
			mensagem: string,
			readonly dados: Record<string, unknown> = {},
		) {
			super(mensagem);
		}
	}

	let basePath = '';
	let csrf = '';
	let aoExpirar: (mensagem: string) => void = () => undefined;

	export function configurarApi(caminho: string, expirou: (mensagem: string) => void): void {
		basePath = caminho;
		aoExpirar = expirou;
	}

	export function definirCsrf(token: string): void {
		csrf = token;
	}

	export function urlApi(r: string, params?: Record<string, string>): string {
		const u = new URL(basePath, location.href);
		u.search = '';
		u.searchParams.set('r', r);
		if (params) for (const k of Object.keys(params)) u.searchParams.set(k, params[k]);
		return u.pathname + u.search;
	}

	/**
	 * Calls the API. Resolves with the JSON answer of a 2xx; rejects with an ApiErro carrying the
	 * server's `erro` text otherwise. A 401 with `sessaoExpirada` also sends the agent to the login
	 * screen (aoExpirar).
	 */
	export async function api<T>(
		metodo: 'GET' | 'POST',
		r: string,
		opcoes: { params?: Record<string, string>; corpo?: unknown; sinal?: AbortSignal } = {},
	): Promise<T> {
		const headers: Record<string, string> = { Accept: 'application/json' };
		if (metodo === 'POST') {
			headers['Content-Type'] = 'application/json';
			if (csrf) headers['X-CSRF-Token'] = csrf;
		}
		let resposta: Response;
		try {
			resposta = await fetch(urlApi(r, opcoes.params), {
				method: metodo,
				headers,
				body: metodo === 'POST' ? JSON.stringify(opcoes.corpo === undefined ? {} : opcoes.corpo) : undefined,
				credentials: 'same-origin',
				cache: 'no-store',
				signal: opcoes.sinal,
			});
		} catch (erro) {
			if (erro instanceof DOMException && erro.name === 'AbortError') throw new ApiErro(0, 'Tempo esgotado.');
			throw new ApiErro(0, 'Sem conexão com o servidor.');
		}
		let dados: unknown = undefined;
		try {
			dados = await resposta.json();
		} catch {
			dados = undefined;
		}
		if (resposta.ok) {
			if (dados === undefined) throw new ApiErro(resposta.status, 'Resposta inválida do servidor.');
			return dados as T;
		}
		const obj = isRecord(dados) ? dados : {};
		const texto = typeof obj.erro === 'string' && obj.erro ? obj.erro : 'Erro ' + resposta.status + ' do servidor.';
		if (resposta.status === 401 && obj.sessaoExpirada === true) aoExpirar(texto);
		throw new ApiErro(resposta.status, texto, obj);
	}

	export function mensagemDe(erro: unknown): string {
		if (erro instanceof ApiErro) return erro.message;
		return 'Erro inesperado: ' + String(erro);
	}
}
