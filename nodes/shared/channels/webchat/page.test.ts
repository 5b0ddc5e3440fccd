import { createHash } from 'crypto';
import { Script } from 'vm';

import {
	CHAT_MAX_MESSAGE_LENGTH,
	DEFAULT_PRIMARY_COLOR,
	chatPageCsp,
	chatPageHeaders,
	contrastRatio,
	jsonForScript,
	renderChatPage,
	sanitizeColor,
} from './page';
import { escapeHtml } from '../../text/html';

const base = { apiUrl: '/webhook/atendimento', title: 'Atendimento' };

/** Contents of every `<script …>…</script>` element, with its opening tag. */
function scripts(html: string): Array<{ tag: string; body: string }> {
	return Array.from(html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi)).map((m) => ({ tag: m[1], body: m[2] }));
}

function styles(html: string): string[] {
	return Array.from(html.matchAll(/<style>([\s\S]*?)<\/style>/gi)).map((m) => m[1]);
}

function config(html: string): Record<string, unknown> {
	const block = scripts(html).find((s) => s.tag.includes('id="chat-config"'));
	if (!block) throw new Error('no config block');
	return JSON.parse(block.body) as Record<string, unknown>;
}

function inlineScript(html: string): string {
	const exec = scripts(html).filter((s) => s.tag === '<script>');
	expect(exec).toHaveLength(1);
	return exec[0].body;
}

function sha256(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('base64');
}

describe('renderChatPage', () => {
	it('is a complete pt-BR HTML5 document with the stable hooks', () => {
		const html = renderChatPage(base);
		expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
		expect(html).toContain('<html lang="pt-BR">');
		expect(html).toContain('<meta charset="utf-8">');
		expect(html).toContain('name="viewport"');
		expect(html).toMatch(/<div id="chat-messages" data-testid="chat-messages" role="log" aria-live="polite"/);
		expect(html).toMatch(/<textarea id="chat-input" data-testid="chat-input"[^>]* maxlength="4096"/);
		expect(html).toMatch(/<label for="chat-input"[^>]*>Digite sua mensagem<\/label>/);
		expect(html).toMatch(/<button type="submit" id="chat-send" data-testid="chat-send">Enviar<\/button>/);
		expect(html).toContain('id="chat-typing"');
		expect(html).toMatch(/id="chat-error"[^>]*role="alert"/);
		expect(html).toContain('Sem conexão com o atendimento');
		expect(CHAT_MAX_MESSAGE_LENGTH).toBe(4096);
	});

	it('references no external resource and no frame-busting', () => {
		const html = renderChatPage(base);
		expect(html).not.toMatch(/<script[^>]+src=/i);
		expect(html).not.toMatch(/<link[^>]+stylesheet/i);
		expect(styles(html).join('')).not.toMatch(/@import|url\(/i);
		expect(html).not.toMatch(/\btop\.location|window\.top|parent\.location/);
		// The only <link> is the empty data: favicon (avoids a /favicon.ico request).
		expect(Array.from(html.matchAll(/<link\b[^>]*>/g)).map((m) => m[0])).toEqual(['<link rel="icon" href="data:,">']);
	});

	it('escapes a title containing <script>, quotes and </script>', () => {
		const title = `Suporte "Provedor" <script>alert('x')</script> & </script><img src=x onerror=alert(1)>`;
		const html = renderChatPage({ ...base, title, companyName: '</script><b>Cia</b> "X"' });
		const escaped = escapeHtml(title);
		expect(escaped).toBe(
			'Suporte &#34;Provedor&#34; &#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; &#38; &#60;/script&#62;&#60;img src=x onerror=alert(1)&#62;',
		);
		expect(html).toContain(`<title>${escaped}</title>`);
		expect(html).toContain(`<h1 id="chat-title">${escaped}</h1>`);
		expect(html).toContain('&#60;/script&#62;&#60;b&#62;Cia&#60;/b&#62; &#34;X&#34;');
		expect(html).not.toContain('<script>alert');
		expect(html).not.toContain('<img src=x');
		expect(html).not.toContain('<b>Cia');
		// Exactly two script elements (config + client), so nothing closed one early.
		expect(html.match(/<\/script/gi)).toHaveLength(2);
		expect(html.match(/<script/gi)).toHaveLength(2);
		// The avatar initial is escaped as well.
		expect(renderChatPage({ ...base, title: '<b>' })).toContain('<div class="avatar" aria-hidden="true">&#60;</div>');
	});

	it('JSON-encodes apiUrl and greeting safely inside the config block', () => {
		const apiUrl = 'https://n8n.example.com/webhook/atendimento?x="1"&y=</script><script>alert(1)</script>\u2028#x';
		const greeting = 'Olá! </script><!-- <script> "oi" \u2029';
		const html = renderChatPage({ ...base, apiUrl, greeting });
		const cfg = config(html);
		expect(cfg.apiUrl).toBe(apiUrl);
		expect(cfg.greeting).toBe(greeting.trim());
		const block = scripts(html).find((s) => s.tag.includes('chat-config'));
		expect(block?.tag).toBe('<script type="application/json" id="chat-config">');
		expect(block?.body).not.toMatch(/[<>&\u2028\u2029]/);
		expect(block?.body).toContain('\\u003c/script\\u003e');
		expect(html).not.toContain('<script>alert(1)');
		expect(html).not.toContain('<!--');
	});

	it('falls back to the default colour when primaryColor is invalid', () => {
		const invalid = [
			'red',
			'#12345',
			'#1234567',
			'#ggg',
			'#fff;}</style><script>alert(1)</script>',
			'url(javascript:alert(1))',
			'expression(alert(1))',
			'rgb(0,0,0)',
			'',
			' ',
		];
		for (const color of invalid) {
			expect(sanitizeColor(color)).toBeUndefined();
			const html = renderChatPage({ ...base, primaryColor: color });
			expect(config(html).primaryColor).toBe(DEFAULT_PRIMARY_COLOR);
			if (color.trim().length > 4) expect(html).not.toContain(color);
		}
		expect(sanitizeColor(undefined)).toBeUndefined();
		expect(sanitizeColor(123)).toBeUndefined();
	});

	it('accepts #rgb and #rrggbb colours and picks a readable text colour', () => {
		expect(sanitizeColor('#0A7D4F')).toBe('#0a7d4f');
		expect(sanitizeColor('#AbC')).toBe('#aabbcc');
		expect(sanitizeColor(' #fff ')).toBe('#ffffff');
		const dark = config(renderChatPage({ ...base, primaryColor: '#0a7d4f' }));
		expect(dark).toMatchObject({ primaryColor: '#0a7d4f', onPrimary: '#ffffff', accentText: '#0a7d4f' });
		const light = config(renderChatPage({ ...base, primaryColor: '#ffd600' }));
		expect(light).toMatchObject({ primaryColor: '#ffd600', onPrimary: '#111827', accentText: '#111827' });
		expect(renderChatPage({ ...base, primaryColor: '#0a7d4f' })).toContain('<meta name="theme-color" content="#0a7d4f">');
	});

	it('uses a default title, drops control characters and requires apiUrl', () => {
		expect(renderChatPage({ ...base, title: '  ' })).toContain('<title>Atendimento</title>');
		expect(renderChatPage({ ...base, title: 'A\u0000B\u001bC' })).toContain('<title>ABC</title>');
		expect(() => renderChatPage({ title: 'x' } as never)).toThrow(TypeError);
		expect(config(renderChatPage({ ...base, apiUrl: '' })).apiUrl).toBe('');
	});

	it('embeds a constant client script that compiles and never uses innerHTML', () => {
		const a = inlineScript(renderChatPage(base));
		const b = inlineScript(renderChatPage({ apiUrl: 'https://x.test/w', title: 'Outro', primaryColor: '#000', greeting: 'Oi' }));
		expect(a).toBe(b);
		expect(() => new Script(a)).not.toThrow();
		// Tested with .test() so that a failure does not print the whole script.
		expect(/<\/script|<!--|<script/i.test(a)).toBe(false);
		expect(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/.test(a)).toBe(false);
		// Only http(s) and data: URLs are accepted for media and links.
		expect(a).toContain("u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'data:'");
		expect(styles(renderChatPage(base))).toHaveLength(1);
	});
});

describe('Content-Security-Policy', () => {
	it('chatPageHeaders sets a strict CSP, nosniff and the HTML content type', () => {
		const headers = chatPageHeaders();
		expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
		expect(headers['X-Content-Type-Options']).toBe('nosniff');
		const csp = headers['Content-Security-Policy'];
		expect(csp).toContain("default-src 'none'");
		expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
		expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
		expect(csp).toContain("connect-src 'self'");
		expect(csp).toContain("base-uri 'none'");
		expect(csp).toContain("object-src 'none'");
		expect(csp).toContain("form-action 'none'");
		expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
		// Embeddable: no frame-ancestors, no X-Frame-Options.
		expect(csp).not.toContain('frame-ancestors');
		expect(Object.keys(headers).map((k) => k.toLowerCase())).not.toContain('x-frame-options');
	});

	it('allows exactly the inline script and style by hash, for any options', () => {
		const html = renderChatPage({ ...base, title: '</script>"', primaryColor: '#123456', greeting: 'Olá' });
		const csp = chatPageHeaders()['Content-Security-Policy'];
		expect(csp).toContain(`script-src 'sha256-${sha256(inlineScript(html))}'`);
		expect(csp).toContain(`style-src 'sha256-${sha256(styles(html)[0])}'`);
	});

	it('repeats the policy in a meta tag, matching the header for the same apiUrl', () => {
		for (const apiUrl of ['/webhook/atendimento', 'https://n8n.example.com:8443/webhook/atendimento?a=1']) {
			const html = renderChatPage({ ...base, apiUrl });
			const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
			expect(meta).not.toBeNull();
			const decoded = (meta as RegExpMatchArray)[1].replace(/&#39;/g, "'").replace(/&#34;/g, '"').replace(/&#38;/g, '&');
			expect(decoded).toBe(chatPageHeaders({ apiUrl })['Content-Security-Policy']);
		}
	});

	it('adds the origin of an absolute http(s) apiUrl to connect-src, nothing else', () => {
		expect(chatPageCsp('https://n8n.example.com:8443/webhook/a?b=1')).toContain(
			"connect-src 'self' https://n8n.example.com:8443;",
		);
		expect(chatPageCsp('/webhook/a')).toContain("connect-src 'self';");
		expect(chatPageCsp("javascript:alert(1)//'; script-src *")).toContain("connect-src 'self';");
		expect(chatPageCsp('https://bad host/; script-src *')).toContain("connect-src 'self';");
	});
});

describe('jsonForScript', () => {
	it('escapes the characters that matter to the HTML parser and round-trips', () => {
		const value = { a: '</script><!--&\u2028\u2029', b: [1, null] };
		const out = jsonForScript(value);
		expect(out).not.toMatch(/[<>&\u2028\u2029]/);
		expect(JSON.parse(out)).toEqual(value);
		expect(jsonForScript(undefined)).toBe('null');
	});
});

describe('colours of secondary text (timestamps, footers, status line)', () => {
	test('WCAG contrast ratio: known pairs', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#6b7280', '#eef1f5')).toBeLessThan(4.5); // the old timestamp colour on the page background
	});

	test('--muted reaches AA (4.5:1) on the page background and on bot bubbles', () => {
		const html = renderChatPage({ apiUrl: '', title: 'Atendimento' });
		const variable = (name: string): string => sanitizeColor(new RegExp(`--${name}:(#[0-9a-f]{3,6})[;}]`).exec(html)![1])!;
		expect(contrastRatio(variable('muted'), variable('bg'))).toBeGreaterThanOrEqual(4.5);
		expect(contrastRatio(variable('muted'), variable('bubble'))).toBeGreaterThanOrEqual(4.5);
	});
});
