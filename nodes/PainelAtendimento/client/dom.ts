/* DOM helpers: createElement and textContent only (no HTML parsing anywhere in the client). */
namespace Painel {
	type Filho = Node | string | number | null | undefined | false;

	/** An element with optional class, attributes (never event handlers) and children (text as text nodes). */
	export function el<K extends keyof HTMLElementTagNameMap>(
		tag: K,
		props?: { classe?: string; atributos?: Record<string, string | undefined> } | string | null,
		...filhos: Filho[]
	): HTMLElementTagNameMap[K] {
		const e = document.createElement(tag);
		if (typeof props === 'string') e.className = props;
		else if (props) {
			if (props.classe) e.className = props.classe;
			if (props.atributos) {
				for (const nome of Object.keys(props.atributos)) {
					const valor = props.atributos[nome];
					if (valor !== undefined && !/^on/i.test(nome)) e.setAttribute(nome, valor);
				}
			}
		}
		for (const filho of filhos) {
			if (filho === null || filho === undefined || filho === false) continue;
			e.appendChild(typeof filho === 'object' ? filho : document.createTextNode(String(filho)));
		}
		return e;
	}

	/** An element the page always has (painelPage writes them). */
	export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
		const found = document.getElementById(id);
		if (!found) throw new Error('painel: #' + id + ' não encontrado');
		return found as T;
	}

	export function limpar(e: Element): void {
		while (e.firstChild) e.removeChild(e.firstChild);
	}

	export function mostrar(e: HTMLElement, visivel: boolean): void {
		e.hidden = !visivel;
	}

	/** A URL the page may load: same origin (server files) or a blob: preview. Anything else → null. */
	export function urlSegura(valor: unknown): string | null {
		if (typeof valor !== 'string' || !valor) return null;
		try {
			const u = new URL(valor, document.baseURI);
			if (u.protocol === 'blob:') return u.href;
			if ((u.protocol === 'http:' || u.protocol === 'https:') && u.origin === location.origin) return u.href;
		} catch {
			/* not a URL */
		}
		return null;
	}

	export function isRecord(v: unknown): v is Record<string, unknown> {
		return typeof v === 'object' && v !== null && !Array.isArray(v);
	}

	/* ---------- formatting (pt-BR) ---------- */

	function doisDigitos(n: number): string {
		return (n < 10 ? '0' : '') + n;
	}

	/** "14:05", or "12/03 14:05" when not today. */
	export function hora(em: number): string {
		const d = new Date(em);
		const hoje = new Date();
		const hm = doisDigitos(d.getHours()) + ':' + doisDigitos(d.getMinutes());
		if (d.toDateString() === hoje.toDateString()) return hm;
		return doisDigitos(d.getDate()) + '/' + doisDigitos(d.getMonth() + 1) + ' ' + hm;
	}

	/** "agora", "há 5 min", "há 2 h 10 min", "há 3 dias". */
	export function haQuanto(desde: number, agora: number = Date.now()): string {
		const min = Math.floor(Math.max(0, agora - desde) / 60000);
		if (min < 1) return 'agora';
		if (min < 60) return 'há ' + min + ' min';
		const h = Math.floor(min / 60);
		if (h < 24) return 'há ' + h + ' h' + (min % 60 ? ' ' + (min % 60) + ' min' : '');
		const dias = Math.floor(h / 24);
		return 'há ' + dias + (dias === 1 ? ' dia' : ' dias');
	}

	/** A duration in seconds: "45 s", "3 min 20 s", "2 h 5 min"; missing → "—". */
	export function duracao(seg: number | undefined): string {
		if (typeof seg !== 'number' || !isFinite(seg)) return '—';
		const s = Math.round(seg);
		if (s < 60) return s + ' s';
		const min = Math.floor(s / 60);
		if (min < 60) return min + ' min' + (s % 60 ? ' ' + (s % 60) + ' s' : '');
		return Math.floor(min / 60) + ' h' + (min % 60 ? ' ' + (min % 60) + ' min' : '');
	}

	export function reais(valor: number): string {
		try {
			return valor.toLocaleString('pt-BR', { style: 'currency', currency: 'BRL' });
		} catch {
			return 'R$ ' + valor.toFixed(2).replace('.', ',');
		}
	}

	/** "2024-05-10" → "10/05/2024"; anything else unchanged. */
	export function dataBr(iso: string): string {
		const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
		return m ? m[3] + '/' + m[2] + '/' + m[1] : iso;
	}

	export const NOME_CANAL: Record<Canal, string> = { whatsapp: 'WhatsApp', webchat: 'Web chat', telegram: 'Telegram', messenger: 'Messenger', instagram: 'Instagram' };

	export function nomeContato(r: Resumo): string {
		// A web chat visitor has no name or phone, only a random session id: show the protocol's end instead.
		if (!r.contato.nome && !r.contato.telefone && r.canal === 'webchat') return 'Visitante ' + (r.protocolo || '').slice(-4);
		return r.contato.nome || (r.contato.usuario ? '@' + r.contato.usuario : '') || r.contato.telefone || r.contato.id;
	}
}
