/**
 * The web chat page: one self-contained HTML5 document (inline CSS and vanilla JS, no external
 * resources) that the trigger serves from its webhook URL and that talks to the same URL's JSON API:
 *
 * - `POST <apiUrl>` with `{ session, text }` or `{ session, choiceId, title }` → `{ ok: true }`;
 * - `GET <apiUrl>?session=<id>&after=<seq>` → `{ messages: [{ seq, at, message: OutboundMessage }] }`
 *   (short polling every ~1 s with back-off, or long polling: the server may hold the GET ~20 s).
 *
 * Security model:
 * - every option embedded in the document is HTML-escaped (`title`, `companyName`) or JSON-encoded
 *   inside a non-executable `<script type="application/json">` block with `<`, `>`, `&`, U+2028 and
 *   U+2029 escaped, so no value can close the block or the document's markup;
 * - the executable `<script>` and the `<style>` are constant strings, so the Content-Security-Policy
 *   allows exactly them by SHA-256 hash: no nonce to thread through, the headers are cacheable and
 *   identical for every response, and the same policy is also repeated in a `<meta>` tag (it keeps
 *   protecting the page when a proxy or n8n's own webhook sandbox replaces the CSP header);
 * - the client builds the DOM with `createElement`/`textContent` only, and accepts only `http:`,
 *   `https:` and `data:` URLs for media;
 * - no `frame-ancestors`/`X-Frame-Options` and no frame-busting: the page can be embedded in an iframe.
 *
 * Under n8n's webhook HTML sandbox (`Content-Security-Policy: sandbox allow-scripts …`, opaque origin)
 * the page still works but `localStorage` is unavailable, so the session lives only as long as the
 * tab, and the API responses need CORS headers. Serve the page with {@link chatPageHeaders} (write the
 * response yourself) to keep the reload-safe session.
 */

import { createHash } from 'crypto';

import { escapeHtml } from '../../text/html';

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
:root{--primary:${DEFAULT_PRIMARY_COLOR};--on-primary:#fff;--accent-text:${DEFAULT_PRIMARY_COLOR};--bg:#eef1f5;--bubble:#fff;--text:#111827;--muted:#6b7280;--border:#d9dee5;--danger:#b42318}
*{box-sizing:border-box}
[hidden]{display:none!important}
html,body{margin:0;padding:0;height:100%}
body{background:var(--bg);color:var(--text);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-text-size-adjust:100%;text-size-adjust:100%}
.sr-only{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.chat{display:flex;flex-direction:column;height:100vh;height:100dvh;max-width:760px;margin:0 auto;background:var(--bg);min-width:0}
@media (min-width:800px){.chat{box-shadow:0 0 0 1px var(--border),0 8px 30px rgba(0,0,0,.08)}}
.chat-header{display:flex;align-items:center;gap:10px;padding:10px 14px;padding-top:max(10px,env(safe-area-inset-top));background:var(--primary);color:var(--on-primary);flex:0 0 auto}
.avatar{flex:0 0 36px;width:36px;height:36px;border-radius:50%;display:flex;align-items:center;justify-content:center;font-weight:700;font-size:17px;background:rgba(255,255,255,.22);text-transform:uppercase}
.titles{min-width:0}
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
.fail{font-size:12px;color:var(--danger);margin:3px 2px 0;display:flex;gap:6px;align-items:center;flex-wrap:wrap}
.fail button{font:inherit;font-size:12px;border:1px solid var(--danger);color:var(--danger);background:#fff;border-radius:999px;padding:2px 10px;cursor:pointer}
.footer{display:block;font-size:12px;color:var(--muted);margin-top:4px}
.choices{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
button.choice{font:inherit;font-size:14px;text-align:left;background:#fff;color:var(--accent-text);border:1.5px solid var(--primary);border-radius:16px;padding:6px 14px;cursor:pointer;max-width:100%;min-height:36px;overflow-wrap:anywhere}
button.choice .desc{display:block;font-size:12px;color:var(--muted)}
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

/*
 * Client script. Plain ES2017 (no optional chaining, no frameworks); kept as a raw string so the
 * CSP can allow it by hash. It must contain no backtick, no "${", and none of the sequences that
 * change the HTML parser's script state (checked by the unit tests).
 */
const SCRIPT = String.raw`
(function () {
	'use strict';
	var cfg = {};
	try { cfg = JSON.parse(document.getElementById('chat-config').textContent || '{}') || {}; } catch (e) { cfg = {}; }
	var root = document.documentElement;
	if (typeof cfg.primaryColor === 'string') root.style.setProperty('--primary', cfg.primaryColor);
	if (typeof cfg.onPrimary === 'string') root.style.setProperty('--on-primary', cfg.onPrimary);
	if (typeof cfg.accentText === 'string') root.style.setProperty('--accent-text', cfg.accentText);

	var API = typeof cfg.apiUrl === 'string' ? cfg.apiUrl : '';
	var MAX_LEN = typeof cfg.maxLength === 'number' ? cfg.maxLength : 4096;
	var POLL_TIMEOUT = 30000;
	var SEND_TIMEOUT = 20000;
	var LONG_POLL_MS = 2500;

	var listEl = document.getElementById('chat-messages');
	var scrollEl = document.getElementById('chat-scroll');
	var typingEl = document.getElementById('chat-typing');
	var bannerEl = document.getElementById('chat-error');
	var retryEl = document.getElementById('chat-retry');
	var formEl = document.getElementById('chat-form');
	var inputEl = document.getElementById('chat-input');
	var hintEl = document.getElementById('chat-hint');
	var greetingEl = document.getElementById('chat-greeting');

	/* ---------- storage (localStorage may be unavailable: private mode, sandboxed origin) ---------- */
	var PREFIX = 'atendimento-webchat:' + API + ':';
	var store = null;
	try {
		store = window.localStorage;
		store.setItem(PREFIX + 'probe', '1');
		store.removeItem(PREFIX + 'probe');
	} catch (e) { store = null; }
	function load(key) {
		if (!store) return null;
		try { return store.getItem(PREFIX + key); } catch (e) { return null; }
	}
	function save(key, value) {
		if (!store) return;
		try { store.setItem(PREFIX + key, value); } catch (e) { /* quota: ignore */ }
	}

	function newSessionId() {
		var c = window.crypto;
		if (c && typeof c.randomUUID === 'function') {
			try { return c.randomUUID(); } catch (e) { /* insecure context */ }
		}
		var b = new Uint8Array(16);
		if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
		else for (var i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
		b[6] = (b[6] & 15) | 64;
		b[8] = (b[8] & 63) | 128;
		var h = '';
		for (var j = 0; j < 16; j++) h += (b[j] + 256).toString(16).slice(1);
		return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
	}

	var session = load('session');
	if (!session || !/^[A-Za-z0-9_-]{8,128}$/.test(session)) {
		session = newSessionId();
		save('session', session);
	}

	/* Customer messages are not part of the server's stream: keep them locally to rebuild the history. */
	var sentLog = [];
	try {
		var rawLog = JSON.parse(load('sent') || '[]');
		if (Array.isArray(rawLog)) {
			sentLog = rawLog.filter(function (x) {
				return x && typeof x.t === 'string' && typeof x.o === 'number' && isFinite(x.o);
			});
		}
	} catch (e) { sentLog = []; }
	function persistLog() {
		if (sentLog.length > 300) sentLog = sentLog.slice(sentLog.length - 300);
		save('sent', JSON.stringify(sentLog));
	}

	var after = 0;
	var seen = Object.create(null);
	var lastSeq = Number(load('seq')) || 0;

	/* ---------- URLs ---------- */
	function apiHref(params) {
		var u = new URL(API, document.baseURI);
		if (params) for (var k in params) u.searchParams.set(k, params[k]);
		return u.href;
	}
	function safeUrl(value) {
		if (typeof value !== 'string' || !value) return null;
		try {
			var u = new URL(value, document.baseURI);
			if (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'data:') return u.href;
		} catch (e) { /* invalid */ }
		return null;
	}
	var MIME_RE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,127}$/;
	var B64_RE = /^[A-Za-z0-9+\/=\s]+$/;
	function mediaUrl(m) {
		if (typeof m.url === 'string' && m.url) return safeUrl(m.url);
		if (typeof m.data === 'string' && m.data && B64_RE.test(m.data)) {
			var mime = typeof m.mimeType === 'string' && MIME_RE.test(m.mimeType) ? m.mimeType : 'application/octet-stream';
			return 'data:' + mime + ';base64,' + m.data.replace(/\s+/g, '');
		}
		return null;
	}

	/* ---------- DOM helpers: createElement and textContent only ---------- */
	function el(tag, className, text) {
		var e = document.createElement(tag);
		if (className) e.className = className;
		if (text !== undefined && text !== null) e.textContent = String(text);
		return e;
	}

	var TOKEN_RE = /(https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]}])|\*([^\s*](?:[^*\n]*[^\s*])?)\*|_([^\s_](?:[^_\n]*[^\s_])?)_|~([^\s~](?:[^~\n]*[^\s~])?)~/g;
	var WORD_RE = /[A-Za-z0-9\u00C0-\u024F]/;
	/* Appends text with WhatsApp-style *bold*, _italic_, ~strike~ and http(s) links, as DOM nodes. */
	function appendFormatted(parent, text) {
		text = String(text);
		var re = new RegExp(TOKEN_RE.source, 'g');
		var last = 0;
		var m;
		while ((m = re.exec(text)) !== null) {
			if (m[1] === undefined) {
				var before = m.index > 0 ? text.charAt(m.index - 1) : '';
				var next = text.charAt(m.index + m[0].length);
				if ((before && WORD_RE.test(before)) || (next && WORD_RE.test(next))) {
					re.lastIndex = m.index + 1;
					continue;
				}
			}
			if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
			if (m[1] !== undefined) {
				var href = safeUrl(m[1]);
				if (href) {
					var a = el('a', null, m[1]);
					a.href = href;
					a.target = '_blank';
					a.rel = 'noopener noreferrer';
					parent.appendChild(a);
				} else {
					parent.appendChild(document.createTextNode(m[1]));
				}
			} else if (m[2] !== undefined) {
				parent.appendChild(el('strong', null, m[2]));
			} else if (m[3] !== undefined) {
				parent.appendChild(el('em', null, m[3]));
			} else {
				parent.appendChild(el('s', null, m[4]));
			}
			last = m.index + m[0].length;
		}
		if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
	}

	function timeLabel(at) {
		if (typeof at !== 'number' || !isFinite(at)) return '';
		try {
			return new Date(at).toLocaleTimeString('pt-BR', { hour: '2-digit', minute: '2-digit' });
		} catch (e) { return ''; }
	}
	function appendMeta(msgEl, at) {
		var t = timeLabel(at);
		if (t) msgEl.appendChild(el('div', 'meta', t));
	}

	/* ---------- scrolling ---------- */
	function nearBottom() {
		return scrollEl.scrollHeight - scrollEl.scrollTop - scrollEl.clientHeight < 120;
	}
	function scrollToBottom() {
		scrollEl.scrollTop = scrollEl.scrollHeight;
	}

	/* Messages are ordered by data-order: bot = seq, customer = last seq seen when sent + 0.5. */
	function insertOrdered(node, order) {
		node.setAttribute('data-order', String(order));
		var children = listEl.children;
		for (var i = 0; i < children.length; i++) {
			if (Number(children[i].getAttribute('data-order')) > order) {
				listEl.insertBefore(node, children[i]);
				return;
			}
		}
		listEl.appendChild(node);
	}

	/* A question is answered once a (not failed) customer message follows it. */
	function refreshChoiceState() {
		var users = listEl.querySelectorAll('.msg.user:not(.failed)');
		var groups = listEl.querySelectorAll('.msg.bot[data-kind="choices"]');
		var maxUser = -Infinity;
		for (var i = 0; i < users.length; i++) {
			maxUser = Math.max(maxUser, Number(users[i].getAttribute('data-order')));
		}
		for (var g = 0; g < groups.length; g++) {
			var order = Number(groups[g].getAttribute('data-order'));
			var answered = order < maxUser;
			groups[g].classList.toggle('answered', answered);
			var buttons = groups[g].querySelectorAll('button.choice');
			var chosenId = null;
			if (answered) {
				/* The first customer message after the question says which option was picked. */
				var firstAfter = null;
				for (var u = 0; u < users.length; u++) {
					var o = Number(users[u].getAttribute('data-order'));
					if (o > order && (firstAfter === null || o < Number(firstAfter.getAttribute('data-order')))) firstAfter = users[u];
				}
				if (firstAfter) chosenId = firstAfter.getAttribute('data-choice-id');
			}
			for (var b = 0; b < buttons.length; b++) {
				buttons[b].disabled = answered;
				var chosen = answered && chosenId !== null && buttons[b].getAttribute('data-choice-id') === chosenId;
				buttons[b].classList.toggle('chosen', chosen);
				buttons[b].setAttribute('aria-pressed', chosen ? 'true' : 'false');
			}
		}
	}

	/* ---------- rendering of bot messages ---------- */
	function renderMedia(bubble, m) {
		var type = m.mediaType;
		var url = mediaUrl(m);
		var name = typeof m.fileName === 'string' && m.fileName ? m.fileName : '';
		var caption = typeof m.caption === 'string' ? m.caption : '';
		var isData = url !== null && url.slice(0, 5) === 'data:';
		var box = el('div', 'media');
		/* data: URLs cannot be opened as a top-level page: download them; open http(s) in a new tab. */
		function link(label) {
			var a = el('a', 'media-link', label);
			a.href = url;
			if (isData) {
				a.download = name || 'arquivo';
			} else {
				a.target = '_blank';
				a.rel = 'noopener noreferrer';
			}
			return a;
		}
		if (!url) {
			box.appendChild(el('em', null, 'Arquivo indisponível' + (name ? ': ' + name : '')));
		} else if (type === 'image') {
			var a = link('');
			a.className = 'media-img-link';
			a.setAttribute('aria-label', 'Abrir imagem' + (name ? ': ' + name : ''));
			var img = el('img', 'media-img');
			img.alt = caption || name || 'Imagem';
			img.decoding = 'async';
			img.src = url;
			img.addEventListener('load', function () { if (nearBottom()) scrollToBottom(); });
			img.addEventListener('error', function () {
				img.remove();
				a.className = 'media-link';
				a.textContent = 'Abrir imagem' + (name ? ': ' + name : '');
			});
			a.appendChild(img);
			box.appendChild(a);
		} else if (type === 'audio') {
			var audio = el('audio');
			audio.controls = true;
			audio.preload = 'none';
			audio.src = url;
			box.appendChild(audio);
			box.appendChild(link('Baixar áudio' + (name ? ': ' + name : '')));
		} else if (type === 'video') {
			var video = el('video');
			video.controls = true;
			video.preload = 'metadata';
			video.setAttribute('playsinline', '');
			video.src = url;
			box.appendChild(video);
			box.appendChild(link('Baixar vídeo' + (name ? ': ' + name : '')));
		} else {
			box.appendChild(link(name ? 'Baixar ' + name : 'Baixar documento'));
		}
		bubble.appendChild(box);
		if (caption) {
			var cap = el('div', 'caption');
			appendFormatted(cap, caption);
			bubble.appendChild(cap);
		}
	}

	function renderBot(entry) {
		var m = entry.message;
		if (!m || typeof m !== 'object') return null;
		var node = el('div', 'msg bot');
		node.setAttribute('data-testid', 'msg-bot');
		node.setAttribute('data-seq', String(entry.seq));
		var bubble = el('div', 'bubble');
		var kind = m.kind;
		if (kind === 'text' && typeof m.text === 'string') {
			appendFormatted(bubble, m.text);
		} else if (kind === 'choices' && Array.isArray(m.choices)) {
			if (typeof m.text === 'string' && m.text) appendFormatted(bubble, m.text);
			if (typeof m.footer === 'string' && m.footer) bubble.appendChild(el('span', 'footer', m.footer));
		} else if (kind === 'media') {
			renderMedia(bubble, m);
		} else if (kind === 'template' && typeof m.name === 'string') {
			var params = Array.isArray(m.bodyParameters) ? m.bodyParameters.filter(function (p) { return typeof p === 'string' && p; }) : [];
			appendFormatted(bubble, params.length ? params.join('\n') : m.name);
		} else if (typeof m.text === 'string') {
			kind = 'text';
			appendFormatted(bubble, m.text);
		} else {
			return null;
		}
		node.setAttribute('data-kind', kind);
		if (bubble.childNodes.length) node.appendChild(bubble);
		if (kind === 'choices') {
			var group = el('div', 'choices');
			group.setAttribute('role', 'group');
			group.setAttribute('aria-label', typeof m.buttonLabel === 'string' && m.buttonLabel ? m.buttonLabel : 'Opções de resposta');
			m.choices.forEach(function (c) {
				if (!c || typeof c.id !== 'string' || typeof c.label !== 'string') return;
				var btn = el('button', 'choice');
				btn.type = 'button';
				btn.setAttribute('data-testid', 'choice');
				btn.setAttribute('data-choice-id', c.id);
				btn.appendChild(el('span', 'label', c.label));
				if (typeof c.description === 'string' && c.description) btn.appendChild(el('span', 'desc', c.description));
				btn.addEventListener('click', function () {
					if (btn.disabled) return;
					deliver({ session: session, choiceId: c.id, title: c.label }, c.label, c.id);
				});
				group.appendChild(btn);
			});
			node.appendChild(group);
		}
		appendMeta(node, entry.at);
		return node;
	}

	function renderUser(entry) {
		var node = el('div', 'msg user');
		node.setAttribute('data-testid', 'msg-user');
		if (entry.c) node.setAttribute('data-choice-id', entry.c);
		node.appendChild(el('div', 'bubble', entry.t));
		appendMeta(node, entry.at);
		return node;
	}

	/* ---------- typing indicator ---------- */
	var typingTimer = null;
	function showTyping() {
		typingEl.hidden = false;
		if (typingTimer) clearTimeout(typingTimer);
		typingTimer = setTimeout(hideTyping, 30000);
		if (nearBottom()) scrollToBottom();
	}
	function hideTyping() {
		typingEl.hidden = true;
		if (typingTimer) { clearTimeout(typingTimer); typingTimer = null; }
	}

	/* ---------- network ---------- */
	function fetchWithTimeout(url, init, ms) {
		var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
		if (ctrl) init.signal = ctrl.signal;
		var t = setTimeout(function () { if (ctrl) ctrl.abort(); }, ms);
		return fetch(url, init).then(function (res) {
			return res.text().then(function (body) {
				clearTimeout(t);
				var data = null;
				try { data = body ? JSON.parse(body) : null; } catch (e) { data = null; }
				return { ok: res.ok, status: res.status, data: data };
			});
		}, function (err) {
			clearTimeout(t);
			throw err;
		});
	}

	/* ---------- sending ---------- */
	function currentOrder() {
		return Math.max(after, lastSeq) + 0.5;
	}

	/* A question whose answer is secret (a password): the input hides what is typed; the bubble and the local history keep only a mask. */
	var MASK = '••••••';
	var secretAnswer = false;
	function setSecretAnswer(on) {
		secretAnswer = on;
		inputEl.classList.toggle('secret', on);
		inputEl.placeholder = on ? 'Digite a senha…' : 'Digite sua mensagem…';
	}

	function deliver(body, display, choiceId) {
		setSecretAnswer(false);
		var entry = { o: currentOrder(), t: display, at: Date.now() };
		if (choiceId) entry.c = choiceId;
		var node = renderUser(entry);
		insertOrdered(node, entry.o);
		refreshChoiceState();
		scrollToBottom();
		send(entry, body, node);
	}

	function send(entry, body, node) {
		node.classList.remove('failed');
		node.classList.add('pending');
		node.setAttribute('aria-busy', 'true');
		var old = node.querySelector('.fail');
		if (old) old.remove();
		refreshChoiceState();
		showTyping();
		fetchWithTimeout(apiHref(null), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: JSON.stringify(body),
			cache: 'no-store'
		}, SEND_TIMEOUT).then(function (r) {
			if (!r.ok || (r.data && r.data.error)) throw new Error('HTTP ' + r.status);
			node.classList.remove('pending');
			node.removeAttribute('aria-busy');
			sentLog.push(entry);
			persistLog();
			wake();
		}).catch(function () {
			hideTyping();
			node.classList.remove('pending');
			node.removeAttribute('aria-busy');
			node.classList.add('failed');
			var fail = el('div', 'fail');
			fail.setAttribute('role', 'alert');
			fail.appendChild(el('span', null, 'Não foi possível enviar.'));
			var retry = el('button', null, 'Tentar de novo');
			retry.type = 'button';
			retry.addEventListener('click', function () { send(entry, body, node); });
			fail.appendChild(retry);
			node.appendChild(fail);
			refreshChoiceState();
			if (nearBottom()) scrollToBottom();
		});
	}

	function setHint(text) {
		hintEl.textContent = text;
	}

	function submitText() {
		var text = String(inputEl.value || '').replace(/\r\n?/g, '\n').trim();
		if (!text) {
			inputEl.value = '';
			autosize();
			return;
		}
		if (text.length > MAX_LEN) {
			setHint('A mensagem pode ter no máximo ' + MAX_LEN + ' caracteres (' + text.length + ' agora).');
			return;
		}
		setHint('');
		inputEl.value = '';
		autosize();
		deliver({ session: session, text: text }, secretAnswer ? MASK : text, null);
	}

	function autosize() {
		inputEl.style.height = 'auto';
		inputEl.style.height = Math.min(inputEl.scrollHeight + 2, 140) + 'px';
	}

	formEl.addEventListener('submit', function (e) {
		e.preventDefault();
		submitText();
		inputEl.focus();
	});
	inputEl.addEventListener('keydown', function (e) {
		if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
			e.preventDefault();
			submitText();
		}
	});
	inputEl.addEventListener('input', function () {
		autosize();
		var n = inputEl.value.length;
		if (n > MAX_LEN) setHint('A mensagem pode ter no máximo ' + MAX_LEN + ' caracteres (' + n + ' agora).');
		else if (n > MAX_LEN - 200) setHint(n + '/' + MAX_LEN + ' caracteres');
		else setHint('');
	});

	/* ---------- receiving ---------- */
	function handleMessages(list) {
		if (!Array.isArray(list)) return 0;
		var items = list.filter(function (x) {
			return x && typeof x.seq === 'number' && isFinite(x.seq);
		}).sort(function (a, b) { return a.seq - b.seq; });
		var stick = nearBottom();
		var added = 0;
		for (var i = 0; i < items.length; i++) {
			var entry = items[i];
			if (seen[entry.seq]) continue;
			seen[entry.seq] = true;
			if (entry.seq > after) after = entry.seq;
			var node = null;
			try { node = renderBot(entry); } catch (e) { node = null; }
			if (node) {
				insertOrdered(node, entry.seq);
				added++;
			}
		}
		if (after > lastSeq) {
			lastSeq = after;
			save('seq', String(lastSeq));
		}
		if (added) {
			var latest = items[items.length - 1].message;
			setSecretAnswer(Boolean(latest && latest.kind === 'text' && latest.secretAnswer === true));
			hideTyping();
			refreshChoiceState();
			if (stick || firstLoad) scrollToBottom();
		}
		return added;
	}

	var wakeUp = null;
	function sleep(ms) {
		return new Promise(function (resolve) {
			var done = false;
			var t = setTimeout(finish, ms);
			function finish() {
				if (done) return;
				done = true;
				clearTimeout(t);
				wakeUp = null;
				resolve();
			}
			wakeUp = finish;
		});
	}
	var idle = 0;
	function wake() {
		idle = 0;
		if (wakeUp) wakeUp();
	}

	var errors = 0;
	var everOk = false;
	var firstLoad = true;
	function showBanner() { bannerEl.hidden = false; }
	function hideBanner() { bannerEl.hidden = true; }

	function pollOnce() {
		var started = Date.now();
		return fetchWithTimeout(apiHref({ session: session, after: String(after) }), {
			method: 'GET',
			headers: { Accept: 'application/json' },
			cache: 'no-store'
		}, POLL_TIMEOUT).then(function (r) {
			if (!r.ok || !r.data) throw new Error('HTTP ' + r.status);
			var added = handleMessages(r.data.messages);
			firstLoad = false;
			return { ok: true, added: added, took: Date.now() - started };
		}).catch(function () {
			return { ok: false, added: 0, took: Date.now() - started };
		});
	}

	function nextDelay(result) {
		var hidden = document.visibilityState === 'hidden';
		var delay;
		if (!result.ok) {
			delay = Math.min(1000 * Math.pow(2, errors), 5000);
		} else if (result.took >= LONG_POLL_MS) {
			delay = 50; /* the server held the request: ask again right away */
		} else if (idle < 30) {
			delay = 1000;
		} else {
			delay = Math.min(1000 + (idle - 30) * 250, 5000);
		}
		return hidden ? Math.max(delay, 5000) : delay;
	}

	function loop() {
		pollOnce().then(function (result) {
			if (result.ok) {
				errors = 0;
				everOk = true;
				hideBanner();
				if (result.added) idle = 0; else idle++;
			} else {
				errors++;
				if (errors >= 2 || !everOk) showBanner();
			}
			return sleep(nextDelay(result));
		}).then(loop, loop);
	}

	retryEl.addEventListener('click', wake);
	document.addEventListener('visibilitychange', function () {
		if (document.visibilityState === 'visible') wake();
	});
	window.addEventListener('online', wake);

	/* ---------- start ---------- */
	if (greetingEl && typeof cfg.greeting === 'string' && cfg.greeting) {
		appendFormatted(greetingEl, cfg.greeting);
		greetingEl.hidden = false;
	}
	for (var s = 0; s < sentLog.length; s++) insertOrdered(renderUser(sentLog[s]), sentLog[s].o);
	refreshChoiceState();
	scrollToBottom();
	loop();
})();
`;

function sha256Base64(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('base64');
}

const SCRIPT_HASH = `'sha256-${sha256Base64(SCRIPT)}'`;
const STYLE_HASH = `'sha256-${sha256Base64(STYLE)}'`;

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
		`script-src ${SCRIPT_HASH}`,
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
 * `data-choice-id`), `#chat-input`, `#chat-send`, `#chat-typing`, `#chat-error` (each also has a
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
</header>
<main class="chat-body" id="chat-scroll">
<p class="greeting" id="chat-greeting" hidden></p>
<div id="chat-messages" data-testid="chat-messages" role="log" aria-live="polite" aria-relevant="additions" aria-label="Mensagens da conversa"></div>
<div id="chat-typing" data-testid="chat-typing" class="typing" hidden><span class="sr-only" role="status">Atendimento digitando…</span><span class="dot" aria-hidden="true"></span><span class="dot" aria-hidden="true"></span><span class="dot" aria-hidden="true"></span></div>
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
<script>${SCRIPT}</script>
</body>
</html>
`;
}
