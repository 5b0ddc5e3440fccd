/**
 * The web chat page: one self-contained HTML5 document (inline CSS and the client script of
 * client/webchat.client.ts, compiled by the build; no external resources) that the trigger serves
 * from its webhook URL and that talks to the same URL's JSON API:
 *
 * - `POST <apiUrl>` with `{ session, text }` or `{ session, choiceId, title }` → `{ ok: true }`;
 * - `GET <apiUrl>?session=<id>&after=<seq>` → `{ messages: [{ seq, at, message: OutboundMessage }] }`
 *   (short polling every ~1 s with back-off, or long polling: the server may hold the GET ~20 s).
 *
 * Security model:
 * - every option embedded in the document is HTML-escaped (`title`, `companyName`) or JSON-encoded
 *   inside a non-executable `<script type="application/json">` block with `<`, `>`, `&`, U+2028 and
 *   U+2029 escaped, so no value can close the block or the document's markup;
 * - the executable `<script>` (the compiled client) and the `<style>` are constant, so the
 *   Content-Security-Policy allows exactly them by SHA-256 hash: no nonce to thread through, the
 *   headers are cacheable and identical for every response, and the same policy is also repeated in
 *   a `<meta>` tag (it keeps protecting the page when a proxy or n8n's own webhook sandbox replaces
 *   the CSP header);
 * - the client builds the DOM with `createElement`/`textContent` only, and accepts only `http:`,
 *   `https:` and `data:` URLs for media;
 * - no `frame-ancestors`/`X-Frame-Options` and no frame-busting: the page can be embedded in an iframe.
 *
 * Under n8n's webhook HTML sandbox (`Content-Security-Policy: sandbox allow-scripts …`, opaque origin)
 * the page still works but `localStorage` is unavailable, so the session lives only as long as the
 * tab, and the API responses need CORS headers. Serve the page with {@link chatPageHeaders} (write the
 * response yourself) to keep the reload-safe session.
 */

import { cspHashSource, escapeHtml } from '../../text/html';
import { webchatClientScript } from './webchat-client-script';

/** Options of {@link renderChatPage}. */
export interface ChatPageOptions {
	/**
	 * URL of the JSON API (usually the same webhook URL that serves the page). Absolute (`http(s)://…`)
	 * or relative to the page (`/webhook/atendimento`); the empty string means "the page's own URL".
	 */
	apiUrl: string;
	/** Page and header title, e.g. `Atendimento`. Plain text (escaped). */
	title: string;
	/** Company shown under the title. Plain text (escaped). */
	companyName?: string;
	/** Accent colour, `#rgb` or `#rrggbb` only; anything else falls back to the default colour. */
	primaryColor?: string;
	/** Intro bubble shown above the conversation (plain text, line breaks and `*bold*` kept). */
	greeting?: string;
}

/** Largest customer message the page sends, in UTF-16 code units (also WhatsApp's text limit). */
export const CHAT_MAX_MESSAGE_LENGTH = 4096;

/** Accent colour used when `primaryColor` is missing or invalid. */
export const DEFAULT_PRIMARY_COLOR = '#1565c0';

const COLOR_PATTERN = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/**
 * Validates a CSS colour option against a strict pattern (`#rgb` or `#rrggbb`).
 *
 * @returns the colour in lowercase `#rrggbb` form, or `undefined` when the value is not accepted.
 */
export function sanitizeColor(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const color = value.trim();
	if (!COLOR_PATTERN.test(color)) return undefined;
	const hex = color.length === 4 ? color.slice(1).replace(/./g, (c) => c + c) : color.slice(1);
	return `#${hex.toLowerCase()}`;
}

/**
 * JSON-encodes a value so that it can sit inside an HTML `<script>` element (and be read back with
 * `JSON.parse`): `<`, `>`, `&`, U+2028 and U+2029 become `\u` escapes, so the text can never contain
 * `</script>`, `<!--` or an HTML entity.
 */
export function jsonForScript(value: unknown): string {
	return (JSON.stringify(value) ?? 'null')
		.replace(/</g, '\\u003c')
		.replace(/>/g, '\\u003e')
		.replace(/&/g, '\\u0026')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
}

function relativeLuminance(hex: string): number {
	const channel = (offset: number): number => {
		const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	};
	return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: number, b: number): number {
	return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21; AA asks 4.5 for normal text). */
export function contrastRatio(a: string, b: string): number {
	return contrast(relativeLuminance(a), relativeLuminance(b));
}

const DARK_TEXT = '#111827';

/** Text colour on the accent background, and accent colour usable as text on white. */
function paletteFor(primary: string): { onPrimary: string; accentText: string } {
	const lum = relativeLuminance(primary);
	const dark = relativeLuminance(DARK_TEXT);
	const onPrimary = contrast(lum, 1) >= contrast(lum, dark) ? '#ffffff' : DARK_TEXT;
	const accentText = contrast(lum, 1) >= 3 ? primary : DARK_TEXT;
	return { onPrimary, accentText };
}

const STYLE = `
:root{--primary:${DEFAULT_PRIMARY_COLOR};--on-primary:#fff;--accent-text:${DEFAULT_PRIMARY_COLOR};--bg:#eef1f5;--bubble:#fff;--text:#111827;--muted:#4b5563;--border:#d9dee5;--danger:#b42318}
*{box-sizing:border-box}
[hidden]{display:none!important}
html,body{margin:0;padding:0;height:100%}
body{background:var(--bg);color:var(--text);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-text-size-adjust:100%;text-size-adjust:100%}
.sr-only{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.chat{display:flex;flex-direction:column;height:100vh;height:100dvh;max-width:760px;margin:0 auto;background:var(--bg);min-width:0}
@media (min-width:800px){.chat{box-shadow:0 0 0 1px var(--border),0 8px 30px rgba(0,0,0,.08)}}
.chat-header{display:flex;align-items:center;gap:10px;padding:10px 14px;padding-top:max(10px,env(safe-area-inset-top));background:var(--primary);color:var(--on-primary);flex:0 0 auto}
.avatar{flex:0 0 36px;width:36px;height:36px;border-radius:50%;display:flex;align-items:center;justify-content:center;font-weight:700;font-size:17px;background:rgba(255,255,255,.22);text-transform:uppercase}
.titles{min-width:0;flex:1 1 auto}
.new-chat{flex:0 0 auto;font:inherit;font-size:13px;font-weight:600;color:var(--on-primary);background:transparent;border:1.5px solid currentColor;border-radius:999px;padding:5px 12px;min-height:32px;cursor:pointer;white-space:nowrap}
.new-chat:hover,.new-chat:focus-visible{background:rgba(255,255,255,.18);outline:2px solid currentColor;outline-offset:2px}
.chat-header h1{margin:0;font-size:17px;line-height:1.25;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.subtitle{margin:0;font-size:13px;opacity:.85;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.chat-body{flex:1 1 auto;overflow-y:auto;overflow-x:hidden;padding:14px 10px 6px;-webkit-overflow-scrolling:touch;overscroll-behavior:contain}
#chat-messages{display:flex;flex-direction:column;gap:8px}
.greeting{margin:0 auto 12px;max-width:92%;padding:8px 12px;border-radius:10px;background:rgba(255,255,255,.7);border:1px dashed var(--border);color:var(--muted);font-size:14px;text-align:center;white-space:pre-wrap;overflow-wrap:anywhere}
.msg{display:flex;flex-direction:column;max-width:85%;min-width:0}
.msg.bot{align-self:flex-start;align-items:flex-start}
.msg.user{align-self:flex-end;align-items:flex-end}
.bubble{padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word;max-width:100%}
.msg.bot .bubble{background:var(--bubble);border:1px solid var(--border);border-top-left-radius:4px}
.msg.user .bubble{background:var(--primary);color:var(--on-primary);border-top-right-radius:4px}
.msg.user.pending .bubble{opacity:.7}
.msg.user.failed .bubble{opacity:.6;outline:2px solid var(--danger);outline-offset:1px}
.bubble a{color:inherit;text-decoration:underline}
.msg.bot .bubble a{color:var(--accent-text)}
.meta{font-size:11px;color:var(--muted);margin:2px 4px 0}
.status-line{margin:10px auto 2px;max-width:92%;padding:6px 12px;border-radius:999px;background:#fff;border:1px solid var(--border);color:var(--text);font-size:13px;text-align:center}
.status-line[data-state="aguardando"]::before{content:"";display:inline-block;width:8px;height:8px;margin-right:8px;border-radius:50%;background:#b45309;vertical-align:middle}
.status-line[data-state="atendente"]::before{content:"";display:inline-block;width:8px;height:8px;margin-right:8px;border-radius:50%;background:#15803d;vertical-align:middle}
.bubble.pix-code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;word-break:break-all}
.pix-actions{display:flex;align-items:center;flex-wrap:wrap;gap:8px;margin-top:6px}
button.pix-copy{font:inherit;font-size:14px;font-weight:600;background:var(--primary);color:var(--on-primary);border:0;border-radius:16px;padding:6px 14px;min-height:36px;cursor:pointer}
button.pix-copy:focus-visible{outline:2px solid var(--text);outline-offset:2px}
.pix-done{font-size:12px;color:#166534}
.pix-done.failed{color:var(--danger)}
.fail{font-size:12px;color:var(--danger);margin:3px 2px 0;display:flex;gap:6px;align-items:center;flex-wrap:wrap}
.fail button{font:inherit;font-size:12px;border:1px solid var(--danger);color:var(--danger);background:#fff;border-radius:999px;padding:2px 10px;cursor:pointer}
.footer{display:block;font-size:12px;color:var(--muted);margin-top:4px}
.choices{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
button.choice{font:inherit;font-size:14px;text-align:left;background:#fff;color:var(--accent-text);border:1.5px solid var(--primary);border-radius:16px;padding:6px 14px;cursor:pointer;max-width:100%;min-height:36px;overflow-wrap:anywhere}
button.choice .desc{display:block;font-size:12px;color:var(--muted)}
button.choice .num{display:inline-flex;align-items:center;justify-content:center;min-width:22px;height:22px;margin-right:8px;padding:0 5px;border-radius:11px;background:var(--primary);color:var(--on-primary);font-size:13px;font-weight:700;vertical-align:middle}
button.choice.numbered .desc{padding-left:30px}
button.choice:hover:not(:disabled) .num,button.choice:focus-visible .num,button.choice.chosen .num{background:var(--on-primary);color:var(--primary)}
button.choice:hover:not(:disabled),button.choice:focus-visible{background:var(--primary);color:var(--on-primary)}
button.choice:hover:not(:disabled) .desc,button.choice:focus-visible .desc{color:inherit;opacity:.85}
button.choice:disabled{cursor:default;opacity:.5;border-color:var(--border);color:var(--muted)}
button.choice.chosen,button.choice.chosen:disabled{opacity:1;background:var(--primary);color:var(--on-primary);border-color:var(--primary)}
button.choice.chosen .desc{color:inherit}
.media-img{display:block;max-width:100%;width:260px;max-height:320px;object-fit:cover;border-radius:10px;background:#e5e7eb}
.media-link{display:inline-block;margin-top:4px;font-size:14px}
.media audio,.media video{display:block;max-width:100%;width:260px;margin-bottom:4px}
.media video{border-radius:10px;background:#000}
.typing{display:inline-flex;gap:4px;align-items:center;padding:10px 14px;margin-top:8px;background:var(--bubble);border:1px solid var(--border);border-radius:14px;border-top-left-radius:4px}
.typing .dot{width:7px;height:7px;border-radius:50%;background:var(--muted);animation:blink 1.2s infinite ease-in-out}
.typing .dot:nth-child(3){animation-delay:.2s}
.typing .dot:nth-child(4){animation-delay:.4s}
@keyframes blink{0%,80%,100%{opacity:.25}40%{opacity:1}}
@media (prefers-reduced-motion:reduce){.typing .dot{animation:none;opacity:.6}}
.banner{flex:0 0 auto;display:flex;align-items:center;justify-content:space-between;gap:8px;padding:8px 12px;background:#fef3f2;color:var(--danger);border-top:1px solid #fecdca;font-size:14px}
.banner button{font:inherit;font-size:13px;background:#fff;color:var(--danger);border:1px solid var(--danger);border-radius:999px;padding:4px 12px;cursor:pointer;white-space:nowrap}
.composer{flex:0 0 auto;display:flex;flex-wrap:wrap;align-items:flex-end;gap:8px;padding:8px 10px;padding-bottom:max(8px,env(safe-area-inset-bottom));background:#fff;border-top:1px solid var(--border)}
#chat-input{flex:1 1 0;min-width:0;font:inherit;font-size:16px;line-height:1.35;padding:9px 12px;border:1px solid var(--border);border-radius:20px;resize:none;max-height:140px;overflow-y:auto;background:#fff;color:var(--text)}
#chat-input.secret{-webkit-text-security:disc}
#chat-input:focus{outline:2px solid var(--primary);outline-offset:0;border-color:transparent}
#chat-send{flex:0 0 auto;font:inherit;font-weight:600;font-size:15px;padding:9px 18px;min-height:40px;border:0;border-radius:20px;background:var(--primary);color:var(--on-primary);cursor:pointer}
#chat-send:focus-visible{outline:2px solid var(--text);outline-offset:2px}
.hint{flex:1 0 100%;font-size:12px;color:var(--danger);margin:0 6px}
.hint:empty{display:none}
.noscript{margin:16px;text-align:center}
`;


const STYLE_HASH = cspHashSource(STYLE);

let scriptHash: string | undefined;
/** CSP source of the client script; computed once, on first use (the script is read from disk). */
function clientScriptHash(): string {
	scriptHash ??= cspHashSource(webchatClientScript());
	return scriptHash;
}

/** The origin to add to `connect-src` when the API lives on an absolute `http(s)` URL. */
function apiOrigin(apiUrl: string | undefined): string | undefined {
	if (!apiUrl || !/^https?:\/\//i.test(apiUrl)) return undefined;
	try {
		const url = new URL(apiUrl);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The page's Content-Security-Policy: nothing by default; only the page's own inline script and
 * style (by SHA-256 hash); images/audio/video from `http:`, `https:` and `data:`; API calls to the
 * page's origin and, for an absolute `apiUrl`, to that URL's origin. No `frame-ancestors`, so the
 * page can be embedded anywhere.
 */
export function chatPageCsp(apiUrl?: string): string {
	const origin = apiOrigin(apiUrl);
	return [
		"default-src 'none'",
		`script-src ${clientScriptHash()}`,
		`style-src ${STYLE_HASH}`,
		'img-src http: https: data:',
		'media-src http: https: data:',
		`connect-src 'self'${origin ? ` ${origin}` : ''}`,
		"base-uri 'none'",
		"form-action 'none'",
		"object-src 'none'",
	].join('; ');
}

/**
 * HTTP headers to send with the page returned by {@link renderChatPage}. The CSP allows the inline
 * script and style by hash (they are constant, so no per-response nonce is needed): these headers
 * are the same for every response. Pass the same `apiUrl` as to `renderChatPage` when it is an
 * absolute URL on another origin, so that `connect-src` allows it.
 *
 * No `X-Frame-Options`/`frame-ancestors`: the page may be embedded in an iframe.
 */
export function chatPageHeaders(options: { apiUrl?: string } = {}): Record<string, string> {
	return {
		'Content-Type': 'text/html; charset=utf-8',
		'Content-Security-Policy': chatPageCsp(options.apiUrl),
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'no-referrer',
		'Cache-Control': 'no-cache',
	};
}

function cleanText(value: unknown, maxLength: number): string {
	if (typeof value !== 'string') return '';
	// Drop control characters (keep tab and line breaks), then trim and cap the length.
	return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim().slice(0, maxLength);
}

/**
 * Renders the complete web chat HTML document. Every option is escaped for its context (HTML text,
 * attribute, or JSON in a non-executable script block); an invalid `primaryColor` falls back to
 * {@link DEFAULT_PRIMARY_COLOR}. Serve it with {@link chatPageHeaders}.
 *
 * Stable hooks for browser tests: `#chat-messages` (the `role="log"`, `aria-live="polite"` list),
 * `.msg.bot` / `.msg.user` bubbles (with `data-seq` on bot messages), `button.choice` (with
 * `data-choice-id`; `.num` in numbered questions), `button.pix-copy`, `#chat-new` ("Nova conversa"),
 * `#chat-status` (status line after a transfer), `#chat-input`, `#chat-send`, `#chat-typing`, `#chat-error` (each also has a
 * `data-testid` of the same name, e.g. `chat-input`, `msg-bot`, `choice`). The greeting is not a
 * `.msg` (it is `#chat-greeting`).
 *
 * @throws TypeError when `apiUrl` is not a string.
 */
export function renderChatPage(options: ChatPageOptions): string {
	if (typeof options.apiUrl !== 'string') throw new TypeError('renderChatPage: apiUrl must be a string');
	const apiUrl = options.apiUrl.trim();
	const title = cleanText(options.title, 120) || 'Atendimento';
	const companyName = cleanText(options.companyName, 120);
	const greeting = cleanText(options.greeting, 2000);
	const primary = sanitizeColor(options.primaryColor) ?? DEFAULT_PRIMARY_COLOR;
	const { onPrimary, accentText } = paletteFor(primary);
	const initial = Array.from(companyName || title)[0] ?? 'A';
	const config = {
		apiUrl,
		primaryColor: primary,
		onPrimary,
		accentText,
		maxLength: CHAT_MAX_MESSAGE_LENGTH,
		greeting,
	};
	const csp = chatPageCsp(apiUrl);

	return `<!DOCTYPE html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<meta name="theme-color" content="${primary}">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
<script type="application/json" id="chat-config">${jsonForScript(config)}</script>
</head>
<body>
<div class="chat" id="chat">
<header class="chat-header">
<div class="avatar" aria-hidden="true">${escapeHtml(initial)}</div>
<div class="titles">
<h1 id="chat-title">${escapeHtml(title)}</h1>
${companyName ? `<p class="subtitle" id="chat-company">${escapeHtml(companyName)}</p>` : ''}
</div>
<button type="button" class="new-chat" id="chat-new" data-testid="chat-new" title="Encerra esta conversa e começa outra">Nova conversa</button>
</header>
<main class="chat-body" id="chat-scroll">
<p class="greeting" id="chat-greeting" hidden></p>
<div id="chat-messages" data-testid="chat-messages" role="log" aria-live="polite" aria-relevant="additions" aria-label="Mensagens da conversa"></div>
<div id="chat-typing" data-testid="chat-typing" class="typing" hidden><span class="sr-only" role="status">Atendimento digitando…</span><span class="dot" aria-hidden="true"></span><span class="dot" aria-hidden="true"></span><span class="dot" aria-hidden="true"></span></div>
<p id="chat-status" data-testid="chat-status" class="status-line" role="status" aria-live="polite" hidden></p>
</main>
<div id="chat-error" data-testid="chat-error" class="banner" role="alert" hidden>
<span>Sem conexão com o atendimento. Tentando reconectar…</span>
<button type="button" id="chat-retry" data-testid="chat-retry">Tentar agora</button>
</div>
<form id="chat-form" class="composer" autocomplete="off" novalidate>
<label for="chat-input" class="sr-only">Digite sua mensagem</label>
<textarea id="chat-input" data-testid="chat-input" name="message" rows="1" maxlength="${CHAT_MAX_MESSAGE_LENGTH}" placeholder="Digite sua mensagem…" aria-describedby="chat-hint" enterkeyhint="send"></textarea>
<button type="submit" id="chat-send" data-testid="chat-send">Enviar</button>
<div id="chat-hint" class="hint" aria-live="polite"></div>
</form>
</div>
<noscript><p class="noscript">Ative o JavaScript para usar o chat.</p></noscript>
<script>${webchatClientScript()}</script>
</body>
</html>
`;
}
