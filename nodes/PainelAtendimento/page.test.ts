import { createHash } from 'crypto';
import { Script } from 'vm';

import { compilePainelClient } from '../../test/support/painel-client-script';
import { painelPage, painelPageCsp, painelPageHeaders } from './page';

const base = { titulo: 'Painel', basePath: '/webhook/painel' };

function scripts(html: string): Array<{ tag: string; body: string }> {
	return Array.from(html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi)).map((m) => ({ tag: m[1], body: m[2] }));
}

function styles(html: string): string[] {
	return Array.from(html.matchAll(/<style>([\s\S]*?)<\/style>/gi)).map((m) => m[1]);
}

function inlineScript(html: string): string {
	const exec = scripts(html).filter((s) => s.tag === '<script>');
	expect(exec).toHaveLength(1);
	return exec[0].body;
}

function sha256(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('base64');
}

function metaCsp(html: string): string {
	const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
	if (!meta) throw new Error('no CSP meta');
	return meta[1].replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

describe('painelPage', () => {
	it('is a pt-BR, responsive document with the login screen and the desk', () => {
		const html = painelPage(base);
		expect(html.startsWith('<!DOCTYPE html>\n<html lang="pt-BR">')).toBe(true);
		expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">');
		expect(html).toContain('<title>Painel</title>');
		for (const id of ['tela-login', 'tela-painel', 'lista-conversas', 'historico', 'resposta-texto', 'template-form', 'reconectando', 'tela-supervisao', 'dlg-encaminhar', 'dlg-chamado', 'dlg-senha']) {
			expect(html).toContain(`id="${id}"`);
		}
		expect(html).toMatch(/<div id="historico"[^>]* role="log" aria-live="polite"/);
		for (const tab of ['Novas', 'Minhas', 'Pendentes', 'Encerradas']) expect(html).toContain(`<span>${tab}</span>`);
	});

	it('labels every form control', () => {
		const html = painelPage(base);
		const controls = Array.from(html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)).map((m) => m[2]);
		expect(controls.length).toBeGreaterThan(15);
		for (const attrs of controls) {
			if (/type="file"/.test(attrs)) continue; // opened by the labelled "Anexar arquivo" button
			const id = /id="([^"]+)"/.exec(attrs)?.[1];
			const labelled = (id && new RegExp(`<label[^>]*for="${id}"`).test(html)) || /aria-label=/.test(attrs);
			// A control inside its own <label> (the switches) is labelled too.
			const wrapped = id && new RegExp(`<label[^>]*>\\s*<input[^>]*id="${id}"`).test(html);
			expect({ id, labelled: labelled || wrapped }).toEqual({ id, labelled: true });
		}
	});

	it('carries no customer or agent data: everything comes from the API after login', () => {
		const html = painelPage(base);
		const markup = html.replace(/<script>[\s\S]*?<\/script>/, '');
		expect(markup.length).toBeLessThan(html.length);
		expect(/csrf|painel_sessao|"atendente"|\d{8}-\d{6}/i.test(markup)).toBe(false);
		const config = scripts(html).find((s) => s.tag.includes('painel-config'));
		expect(JSON.parse(config?.body ?? '')).toEqual({ basePath: '/webhook/painel', titulo: 'Painel' });
	});

	it('escapes the title everywhere and keeps the script blocks closed', () => {
		const titulo = `Suporte "X" </script><script>alert(1)</script><img src=x onerror=alert(2)>`;
		const html = painelPage({ ...base, titulo });
		expect(html).not.toContain('<script>alert');
		expect(html).not.toContain('<img src=x');
		expect(html).toContain('<title>Suporte &#34;X&#34; &#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#60;img src=x onerror=alert(2)&#62;</title>');
		expect(html.match(/<script/gi)).toHaveLength(2);
		expect(html.match(/<\/script/gi)).toHaveLength(2);
		const config = scripts(html).find((s) => s.tag.includes('painel-config'));
		expect(config?.body).not.toMatch(/[<>&]/);
		expect(JSON.parse(config?.body ?? '').titulo).toBe(titulo);
	});

	it('uses a default title and rejects a base path that is not a plain absolute path', () => {
		expect(painelPage({ ...base, titulo: '  \u0000 ' })).toContain('<title>Painel</title>');
		for (const basePath of ['webhook/painel', 'https://x.test/webhook', '/webhook/"><script>', '/a b', '']) {
			expect(() => painelPage({ ...base, basePath })).toThrow(TypeError);
		}
		expect(() => painelPage({ titulo: 'x' } as never)).toThrow(TypeError);
	});

	it('inlines one constant client script that parses and never builds HTML from strings', () => {
		const a = inlineScript(painelPage(base));
		expect(inlineScript(painelPage({ titulo: 'Outro', basePath: '/webhook/outro' }))).toBe(a);
		expect(a).toBe(compilePainelClient());
		expect(() => new Script(a)).not.toThrow();
		expect(/<\/script|<!--|<script/i.test(a)).toBe(false);
		expect(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/.test(a)).toBe(false);
		expect(styles(painelPage(base))).toHaveLength(1);
	});
});

describe('desk Content-Security-Policy', () => {
	it('allows exactly the inline script and style by hash, API calls and files from the same origin, no framing', () => {
		const html = painelPage(base);
		const headers = painelPageHeaders();
		const csp = headers['Content-Security-Policy'];
		expect(csp).toBe(painelPageCsp());
		expect(csp).toContain("default-src 'none'");
		expect(csp).toContain(`script-src 'sha256-${sha256(inlineScript(html))}'`);
		expect(csp).toContain(`style-src 'sha256-${sha256(styles(html)[0])}'`);
		expect(csp).toContain("connect-src 'self'");
		expect(csp).toContain("img-src 'self' data: blob:");
		expect(csp).toContain("media-src 'self' blob:");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("form-action 'none'");
		expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
		expect(headers['X-Frame-Options']).toBe('DENY');
		expect(headers['X-Content-Type-Options']).toBe('nosniff');
		expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
	});

	it('repeats the policy in a meta tag, without frame-ancestors (ignored there by browsers)', () => {
		const meta = metaCsp(painelPage(base));
		expect(meta).toBe(painelPageCsp(true));
		expect(meta).not.toContain('frame-ancestors');
		expect(`${meta}; frame-ancestors 'none'`).toBe(painelPageCsp());
	});
});
