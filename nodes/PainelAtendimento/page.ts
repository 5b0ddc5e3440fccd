import { escapeHtml } from '../shared/text/html';

/**
 * Placeholder of the Painel do Atendente page until the browser front end is merged (same exports
 * and signatures as the real page module): a pt-BR notice; the desk's JSON API already works.
 */
export interface PainelPageOptions {
	/** Page title (plain text, escaped); empty → "Painel". */
	titulo: string;
	/** Path of the webhook that serves the page and its API, e.g. `/webhook/painel`. */
	basePath: string;
}

export function painelPageCsp(forMeta = false): string {
	return ["default-src 'none'", "style-src 'unsafe-inline'", "base-uri 'none'", "form-action 'none'", ...(forMeta ? [] : ["frame-ancestors 'none'"])].join('; ');
}

export function painelPageHeaders(): Record<string, string> {
	return {
		'Content-Type': 'text/html; charset=utf-8',
		'Content-Security-Policy': painelPageCsp(),
		'X-Content-Type-Options': 'nosniff',
		'X-Frame-Options': 'DENY',
		'Referrer-Policy': 'no-referrer',
		'Cache-Control': 'no-cache',
	};
}

export function painelPage(options: PainelPageOptions): string {
	const titulo = escapeHtml(options.titulo.trim() || 'Painel');
	return `<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${titulo}</title></head><body><main><h1>${titulo}</h1><p>O Painel do Atendente está ativo; a tela chega com a próxima versão do pacote.</p></main></body></html>`;
}
