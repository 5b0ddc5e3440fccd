/*
 * The web chat page's client script (browser code: DOM library, no Node). Compiled on its own by
 * `npm run build` (client/tsconfig.json, ES2017 output) to webchat.client.js next to the compiled
 * page module, which inlines it into every page; the page's Content-Security-Policy allows it by
 * its SHA-256 hash, so the compiled text must be constant.
 *
 * It talks to the trigger's JSON API (see page.ts): POST `{ session, text }` or
 * `{ session, choiceId, title }`, GET `?session=<id>&after=<seq>` for the bot's messages. It builds
 * the DOM with createElement/textContent only and accepts only http:, https: and data: URLs.
 * Must never contain the sequences that change the HTML parser's script state (`</script`,
 * `<!--`, `<script`): the unit tests check the compiled text.
 */

/** A customer message kept locally: order (o), text (t), time (at), chosen option id (c) and the seq of its question (q). */
interface SentEntry {
	o: number;
	t: string;
	at: number;
	c?: string;
	q?: number;
}

/** One message of the server's stream (untrusted: every field is checked before use). */
interface StreamEntry {
	seq: number;
	at?: unknown;
	message?: unknown;
}

interface ApiResult {
	ok: boolean;
	status: number;
	data: unknown;
}

interface PollResult {
	ok: boolean;
	added: number;
	took: number;
}

type ApiBody = { session: string; text: string } | { session: string; choiceId: string; title: string };

(function () {
	function isRecord(value: unknown): value is Record<string, unknown> {
		return typeof value === 'object' && value !== null;
	}

	/** An element the page always has (renderChatPage writes them). */
	function byId<T extends HTMLElement>(id: string): T {
		const found = document.getElementById(id);
		if (!found) throw new Error('webchat: #' + id + ' não encontrado');
		return found as T;
	}

	let cfg: Record<string, unknown> = {};
	try {
		const configEl = document.getElementById('chat-config');
		const parsed: unknown = JSON.parse((configEl && configEl.textContent) || '{}');
		cfg = isRecord(parsed) ? parsed : {};
	} catch {
		cfg = {};
	}
	const root = document.documentElement;
	if (typeof cfg.primaryColor === 'string') root.style.setProperty('--primary', cfg.primaryColor);
	if (typeof cfg.onPrimary === 'string') root.style.setProperty('--on-primary', cfg.onPrimary);
	if (typeof cfg.accentText === 'string') root.style.setProperty('--accent-text', cfg.accentText);

	const API = typeof cfg.apiUrl === 'string' ? cfg.apiUrl : '';
	const MAX_LEN = typeof cfg.maxLength === 'number' ? cfg.maxLength : 4096;
	const POLL_TIMEOUT = 30000;
	const SEND_TIMEOUT = 20000;
	const LONG_POLL_MS = 2500;

	const listEl = byId('chat-messages');
	const scrollEl = byId('chat-scroll');
	const typingEl = byId('chat-typing');
	const bannerEl = byId('chat-error');
	const retryEl = byId<HTMLButtonElement>('chat-retry');
	const formEl = byId<HTMLFormElement>('chat-form');
	const inputEl = byId<HTMLTextAreaElement>('chat-input');
	const hintEl = byId('chat-hint');
	const greetingEl = document.getElementById('chat-greeting');
	const statusEl = byId('chat-status');
	const newChatEl = byId<HTMLButtonElement>('chat-new');

	/* ---------- storage (localStorage may be unavailable: private mode, sandboxed origin) ---------- */
	const PREFIX = 'atendimento-webchat:' + API + ':';
	let store: Storage | null = null;
	try {
		store = window.localStorage;
		store.setItem(PREFIX + 'probe', '1');
		store.removeItem(PREFIX + 'probe');
	} catch {
		store = null;
	}
	function load(key: string): string | null {
		if (!store) return null;
		try {
			return store.getItem(PREFIX + key);
		} catch {
			return null;
		}
	}
	function save(key: string, value: string): void {
		if (!store) return;
		try {
			store.setItem(PREFIX + key, value);
		} catch {
			/* quota exceeded: the page keeps working, only the reload-safe history is lost */
		}
	}

	function newSessionId(): string {
		const c = window.crypto;
		if (c && typeof c.randomUUID === 'function') {
			try {
				return c.randomUUID();
			} catch {
				/* insecure context: fall back to random bytes */
			}
		}
		const b = new Uint8Array(16);
		if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
		else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
		b[6] = (b[6] & 15) | 64;
		b[8] = (b[8] & 63) | 128;
		let h = '';
		for (let j = 0; j < 16; j++) h += (b[j] + 256).toString(16).slice(1);
		return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
	}

	let stored = load('session');
	if (!stored || !/^[A-Za-z0-9_-]{8,128}$/.test(stored)) {
		stored = newSessionId();
		save('session', stored);
	}
	let session: string = stored;

	/* Customer messages are not part of the server's stream: keep them locally to rebuild the history. */
	let sentLog: SentEntry[] = [];
	try {
		const rawLog: unknown = JSON.parse(load('sent') || '[]');
		if (Array.isArray(rawLog)) {
			sentLog = rawLog.filter(function (x: unknown): x is SentEntry {
				return isRecord(x) && typeof x.t === 'string' && typeof x.o === 'number' && isFinite(x.o);
			});
		}
	} catch {
		sentLog = [];
	}
	function persistLog(): void {
		if (sentLog.length > 300) sentLog = sentLog.slice(sentLog.length - 300);
		save('sent', JSON.stringify(sentLog));
	}

	let after = 0;
	let seen: Record<number, boolean> = Object.create(null) as Record<number, boolean>;
	let lastSeq = Number(load('seq')) || 0;

	/* ---------- URLs ---------- */
	function apiHref(params: Record<string, string> | null): string {
		const u = new URL(API, document.baseURI);
		if (params) for (const k in params) u.searchParams.set(k, params[k]);
		return u.href;
	}
	function safeUrl(value: unknown): string | null {
		if (typeof value !== 'string' || !value) return null;
		try {
			const u = new URL(value, document.baseURI);
			if (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'data:') return u.href;
		} catch {
			/* not a URL */
		}
		return null;
	}
	const MIME_RE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,127}$/;
	const B64_RE = /^[A-Za-z0-9+/=\s]+$/;
	function mediaUrl(m: Record<string, unknown>): string | null {
		if (typeof m.url === 'string' && m.url) return safeUrl(m.url);
		if (typeof m.data === 'string' && m.data && B64_RE.test(m.data)) {
			const mime = typeof m.mimeType === 'string' && MIME_RE.test(m.mimeType) ? m.mimeType : 'application/octet-stream';
			return 'data:' + mime + ';base64,' + m.data.replace(/\s+/g, '');
		}
		return null;
	}

	/* ---------- DOM helpers: createElement and textContent only ---------- */
	function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string | null, text?: unknown): HTMLElementTagNameMap[K] {
		const e = document.createElement(tag);
		if (className) e.className = className;
		if (text !== undefined && text !== null) e.textContent = String(text);
		return e;
	}

	const TOKEN_RE = /(https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]}])|\*([^\s*](?:[^*\n]*[^\s*])?)\*|_([^\s_](?:[^_\n]*[^\s_])?)_|~([^\s~](?:[^~\n]*[^\s~])?)~/g;
	const WORD_RE = /[A-Za-z0-9\u00C0-\u024F]/;
	/* Appends text with WhatsApp-style *bold*, _italic_, ~strike~ and http(s) links, as DOM nodes. */
	function appendFormatted(parent: HTMLElement, value: unknown): void {
		const text = String(value);
		const re = new RegExp(TOKEN_RE.source, 'g');
		let last = 0;
		let m: RegExpExecArray | null;
		while ((m = re.exec(text)) !== null) {
			if (m[1] === undefined) {
				const before = m.index > 0 ? text.charAt(m.index - 1) : '';
				const next = text.charAt(m.index + m[0].length);
				if ((before && WORD_RE.test(before)) || (next && WORD_RE.test(next))) {
					re.lastIndex = m.index + 1;
					continue;
				}
			}
			if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
			if (m[1] !== undefined) {
				const href = safeUrl(m[1]);
				if (href) {
					const a = el('a', null, m[1]);
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

	function timeLabel(at: unknown): string {
		if (typeof at !== 'number' || !isFinite(at)) return '';
		try {
			return new Date(at).toLocaleTimeString('pt-BR', { hour: '2-digit', minute: '2-digit' });
		} catch {
			return '';
		}
	}
	function appendMeta(msgEl: HTMLElement, at: unknown): void {
		const t = timeLabel(at);
		if (t) msgEl.appendChild(el('div', 'meta', t));
	}

	/* ---------- scrolling ---------- */
	function nearBottom(): boolean {
		return scrollEl.scrollHeight - scrollEl.scrollTop - scrollEl.clientHeight < 120;
	}
	function scrollToBottom(): void {
		scrollEl.scrollTop = scrollEl.scrollHeight;
	}

	/* Messages are ordered by data-order: bot = seq, customer = last seq seen when sent + 0.5. */
	function insertOrdered(node: HTMLElement, order: number): void {
		node.setAttribute('data-order', String(order));
		const children = listEl.children;
		for (let i = 0; i < children.length; i++) {
			if (Number(children[i].getAttribute('data-order')) > order) {
				listEl.insertBefore(node, children[i]);
				return;
			}
		}
		listEl.appendChild(node);
	}

	/* A question is answered once a (not failed) customer message follows it. */
	function refreshChoiceState(): void {
		const users = listEl.querySelectorAll('.msg.user:not(.failed)');
		const groups = listEl.querySelectorAll('.msg.bot[data-kind="choices"]');
		let maxUser = -Infinity;
		for (let i = 0; i < users.length; i++) {
			maxUser = Math.max(maxUser, Number(users[i].getAttribute('data-order')));
		}
		for (let g = 0; g < groups.length; g++) {
			const order = Number(groups[g].getAttribute('data-order'));
			const answered = order < maxUser;
			groups[g].classList.toggle('answered', answered);
			const buttons = groups[g].querySelectorAll<HTMLButtonElement>('button.choice');
			let chosenId: string | null = null;
			if (answered) {
				/* The first customer message after the question says which option was picked. */
				let firstAfter: Element | null = null;
				for (let u = 0; u < users.length; u++) {
					const o = Number(users[u].getAttribute('data-order'));
					if (o > order && (firstAfter === null || o < Number(firstAfter.getAttribute('data-order')))) firstAfter = users[u];
				}
				/* An answer that names its question (data-choice-seq) marks a button of that question only. */
				const forSeq = firstAfter ? firstAfter.getAttribute('data-choice-seq') : null;
				if (firstAfter && (forSeq === null || forSeq === groups[g].getAttribute('data-seq'))) chosenId = firstAfter.getAttribute('data-choice-id');
			}
			for (let b = 0; b < buttons.length; b++) {
				buttons[b].disabled = answered;
				const chosen = answered && chosenId !== null && buttons[b].getAttribute('data-choice-id') === chosenId;
				buttons[b].classList.toggle('chosen', chosen);
				buttons[b].setAttribute('aria-pressed', chosen ? 'true' : 'false');
			}
		}
	}

	/* ---------- rendering of bot messages ---------- */
	function renderMedia(bubble: HTMLElement, m: Record<string, unknown>): void {
		const type = m.mediaType;
		const url = mediaUrl(m);
		const name = typeof m.fileName === 'string' && m.fileName ? m.fileName : '';
		const caption = typeof m.caption === 'string' ? m.caption : '';
		const isData = url !== null && url.slice(0, 5) === 'data:';
		const box = el('div', 'media');
		/* data: URLs cannot be opened as a top-level page: download them; open http(s) in a new tab. */
		function link(href: string, label: string): HTMLAnchorElement {
			const a = el('a', 'media-link', label);
			a.href = href;
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
			const a = link(url, '');
			a.className = 'media-img-link';
			a.setAttribute('aria-label', 'Abrir imagem' + (name ? ': ' + name : ''));
			const img = el('img', 'media-img');
			img.alt = caption || name || 'Imagem';
			img.decoding = 'async';
			img.src = url;
			img.addEventListener('load', function () {
				if (nearBottom()) scrollToBottom();
			});
			img.addEventListener('error', function () {
				img.remove();
				a.className = 'media-link';
				a.textContent = 'Abrir imagem' + (name ? ': ' + name : '');
			});
			a.appendChild(img);
			box.appendChild(a);
		} else if (type === 'audio') {
			const audio = el('audio');
			audio.controls = true;
			audio.preload = 'none';
			audio.src = url;
			box.appendChild(audio);
			box.appendChild(link(url, 'Baixar áudio' + (name ? ': ' + name : '')));
		} else if (type === 'video') {
			const video = el('video');
			video.controls = true;
			video.preload = 'metadata';
			video.setAttribute('playsinline', '');
			video.src = url;
			box.appendChild(video);
			box.appendChild(link(url, 'Baixar vídeo' + (name ? ': ' + name : '')));
		} else {
			box.appendChild(link(url, name ? 'Baixar ' + name : 'Baixar documento'));
		}
		bubble.appendChild(box);
		if (caption) {
			const cap = el('div', 'caption');
			appendFormatted(cap, caption);
			bubble.appendChild(cap);
		}
	}

	function renderBot(entry: StreamEntry): HTMLElement | null {
		const m = entry.message;
		if (!isRecord(m)) return null;
		const node = el('div', 'msg bot');
		node.setAttribute('data-testid', 'msg-bot');
		node.setAttribute('data-seq', String(entry.seq));
		const bubble = el('div', 'bubble');
		let kind = m.kind;
		const choices = Array.isArray(m.choices) ? (m.choices as unknown[]) : null;
		if (kind === 'text' && typeof m.text === 'string') {
			appendFormatted(bubble, m.text);
			if (typeof m.pix === 'string' && m.pix) bubble.classList.add('pix-code');
		} else if (kind === 'choices' && choices) {
			if (typeof m.text === 'string' && m.text) appendFormatted(bubble, m.text);
			if (typeof m.footer === 'string' && m.footer) bubble.appendChild(el('span', 'footer', m.footer));
		} else if (kind === 'media') {
			renderMedia(bubble, m);
		} else if (kind === 'template' && typeof m.name === 'string') {
			const params = Array.isArray(m.bodyParameters)
				? (m.bodyParameters as unknown[]).filter(function (p): p is string {
						return typeof p === 'string' && p !== '';
					})
				: [];
			appendFormatted(bubble, params.length ? params.join('\n') : m.name);
		} else if (typeof m.text === 'string') {
			kind = 'text';
			appendFormatted(bubble, m.text);
		} else {
			return null;
		}
		node.setAttribute('data-kind', String(kind));
		if (bubble.childNodes.length) node.appendChild(bubble);
		if (kind === 'choices' && choices) {
			const group = el('div', 'choices');
			group.setAttribute('role', 'group');
			group.setAttribute('aria-label', typeof m.buttonLabel === 'string' && m.buttonLabel ? m.buttonLabel : 'Opções de resposta');
			/* When the text says a number can be typed, each button shows its number (the card accepts it). */
			const numbered = m.numbered === true;
			let position = 0;
			choices.forEach(function (c) {
				position++;
				if (!isRecord(c) || typeof c.id !== 'string' || typeof c.label !== 'string') return;
				const id = c.id;
				const label = c.label;
				const btn = el('button', 'choice');
				btn.type = 'button';
				btn.setAttribute('data-testid', 'choice');
				btn.setAttribute('data-choice-id', id);
				if (numbered) {
					btn.classList.add('numbered');
					btn.appendChild(el('span', 'num', position));
					btn.setAttribute('aria-label', position + ' - ' + label + (typeof c.description === 'string' && c.description ? ' (' + c.description + ')' : ''));
				}
				btn.appendChild(el('span', 'label', label));
				if (typeof c.description === 'string' && c.description) btn.appendChild(el('span', 'desc', c.description));
				btn.addEventListener('click', function () {
					if (btn.disabled) return;
					deliver({ session: session, choiceId: id, title: label }, label, id, entry.seq);
				});
				group.appendChild(btn);
			});
			node.appendChild(group);
		}
		if (kind === 'text' && typeof m.pix === 'string' && m.pix) node.appendChild(pixCopyButton(m.pix));
		appendMeta(node, entry.at);
		return node;
	}

	/* Pix copia-e-cola: one button copies the code, with "Copiado!" as feedback (also announced). */
	function pixCopyButton(code: string): HTMLElement {
		const box = el('div', 'pix-actions');
		const btn = el('button', 'pix-copy', 'Copiar código Pix');
		btn.type = 'button';
		btn.setAttribute('data-testid', 'pix-copy');
		const done = el('span', 'pix-done');
		done.setAttribute('role', 'status');
		done.setAttribute('aria-live', 'polite');
		let reset: ReturnType<typeof setTimeout> | null = null;
		function feedback(text: string, ok: boolean): void {
			done.textContent = text;
			done.classList.toggle('failed', !ok);
			if (ok) btn.textContent = 'Copiado!';
			if (reset) clearTimeout(reset);
			reset = setTimeout(function () {
				btn.textContent = 'Copiar código Pix';
				done.textContent = '';
			}, 4000);
		}
		btn.addEventListener('click', function () {
			copyText(code).then(
				function () {
					feedback('Código Pix copiado. Cole no app do seu banco.', true);
				},
				function () {
					feedback('Não foi possível copiar: toque e segure o código acima para copiar.', false);
				},
			);
		});
		box.appendChild(btn);
		box.appendChild(done);
		return box;
	}

	/* The clipboard API (secure contexts), else a hidden textarea and the copy command. */
	function copyText(text: string): Promise<void> {
		if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
			return navigator.clipboard.writeText(text).catch(function () {
				return legacyCopy(text);
			});
		}
		return legacyCopy(text);
	}
	function legacyCopy(text: string): Promise<void> {
		const area = el('textarea');
		area.value = text;
		area.setAttribute('readonly', '');
		area.className = 'sr-only';
		document.body.appendChild(area);
		area.select();
		let ok = false;
		try {
			ok = document.execCommand('copy');
		} catch {
			ok = false;
		}
		area.remove();
		return ok ? Promise.resolve() : Promise.reject(new Error('copy'));
	}

	function renderUser(entry: SentEntry): HTMLElement {
		const node = el('div', 'msg user');
		node.setAttribute('data-testid', 'msg-user');
		if (entry.c) node.setAttribute('data-choice-id', entry.c);
		if (typeof entry.q === 'number') node.setAttribute('data-choice-seq', String(entry.q));
		node.appendChild(el('div', 'bubble', entry.t));
		appendMeta(node, entry.at);
		return node;
	}

	/* ---------- typing indicator ---------- */
	let typingTimer: ReturnType<typeof setTimeout> | null = null;
	function showTyping(): void {
		typingEl.hidden = false;
		if (typingTimer) clearTimeout(typingTimer);
		typingTimer = setTimeout(hideTyping, 30000);
		if (nearBottom()) scrollToBottom();
	}
	function hideTyping(): void {
		typingEl.hidden = true;
		if (typingTimer) {
			clearTimeout(typingTimer);
			typingTimer = null;
		}
	}

	/* ---------- network ---------- */
	/** Aborts the poll in flight (set while one is). */
	let abortPoll: (() => void) | null = null;

	function fetchWithTimeout(url: string, init: RequestInit, ms: number, isPoll?: boolean): Promise<ApiResult> {
		const ctrl = typeof AbortController === 'function' ? new AbortController() : null;
		if (ctrl) init.signal = ctrl.signal;
		if (isPoll && ctrl) {
			abortPoll = function () {
				ctrl.abort();
			};
		}
		const t = setTimeout(function () {
			if (ctrl) ctrl.abort();
		}, ms);
		return fetch(url, init).then(
			function (res) {
				return res.text().then(function (body) {
					clearTimeout(t);
					let data: unknown = null;
					try {
						data = body ? (JSON.parse(body) as unknown) : null;
					} catch {
						data = null;
					}
					return { ok: res.ok, status: res.status, data: data };
				});
			},
			function (err: unknown) {
				clearTimeout(t);
				throw err;
			},
		);
	}

	/* ---------- sending ---------- */
	function currentOrder(): number {
		return Math.max(after, lastSeq) + 0.5;
	}

	/* A question whose answer is secret (a password): the input hides what is typed; the bubble and the local history keep only a mask. */
	const MASK = '••••••';
	let secretAnswer = false;
	function setSecretAnswer(on: boolean): void {
		secretAnswer = on;
		inputEl.classList.toggle('secret', on);
		inputEl.placeholder = on ? 'Digite a senha…' : 'Digite sua mensagem…';
	}

	function deliver(body: ApiBody, display: string, choiceId: string | null, questionSeq?: number): void {
		setSecretAnswer(false);
		const entry: SentEntry = { o: currentOrder(), t: display, at: Date.now() };
		if (choiceId) entry.c = choiceId;
		if (typeof questionSeq === 'number') entry.q = questionSeq;
		const node = renderUser(entry);
		insertOrdered(node, entry.o);
		refreshChoiceState();
		scrollToBottom();
		send(entry, body, node);
	}

	function send(entry: SentEntry, body: ApiBody, node: HTMLElement): void {
		node.classList.remove('failed');
		node.classList.add('pending');
		node.setAttribute('aria-busy', 'true');
		const old = node.querySelector('.fail');
		if (old) old.remove();
		refreshChoiceState();
		showTyping();
		fetchWithTimeout(
			apiHref(null),
			{
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body: JSON.stringify(body),
				cache: 'no-store',
			},
			SEND_TIMEOUT,
		)
			.then(function (r) {
				if (!r.ok || (isRecord(r.data) && r.data.error)) throw new Error('HTTP ' + r.status);
				node.classList.remove('pending');
				node.removeAttribute('aria-busy');
				/* A typed answer that picks a button of the last question ("2", "Financeiro"): marked like a click. */
				const picked = isRecord(r.data) ? r.data.escolha : null;
				if (!entry.c && isRecord(picked) && typeof picked.id === 'string' && typeof picked.seq === 'number') {
					entry.c = picked.id;
					entry.q = picked.seq;
					node.setAttribute('data-choice-id', picked.id);
					node.setAttribute('data-choice-seq', String(picked.seq));
					refreshChoiceState();
				}
				sentLog.push(entry);
				persistLog();
				wake();
			})
			.catch(function () {
				/* The failure is shown on the message itself, with a retry button. */
				hideTyping();
				node.classList.remove('pending');
				node.removeAttribute('aria-busy');
				node.classList.add('failed');
				const fail = el('div', 'fail');
				fail.setAttribute('role', 'alert');
				fail.appendChild(el('span', null, 'Não foi possível enviar.'));
				const retry = el('button', null, 'Tentar de novo');
				retry.type = 'button';
				retry.addEventListener('click', function () {
					send(entry, body, node);
				});
				fail.appendChild(retry);
				node.appendChild(fail);
				refreshChoiceState();
				if (nearBottom()) scrollToBottom();
			});
	}

	function setHint(text: string): void {
		hintEl.textContent = text;
	}

	function submitText(): void {
		const text = String(inputEl.value || '')
			.replace(/\r\n?/g, '\n')
			.trim();
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

	function autosize(): void {
		inputEl.style.height = 'auto';
		inputEl.style.height = Math.min(inputEl.scrollHeight + 2, 140) + 'px';
	}

	formEl.addEventListener('submit', function (e) {
		e.preventDefault();
		submitText();
		inputEl.focus();
	});
	inputEl.addEventListener('keydown', function (e) {
		/* keyCode 229: a key pressed while an input method (IME) is composing, in browsers without isComposing. */
		if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
			e.preventDefault();
			submitText();
		}
	});
	inputEl.addEventListener('input', function () {
		autosize();
		const n = inputEl.value.length;
		if (n > MAX_LEN) setHint('A mensagem pode ter no máximo ' + MAX_LEN + ' caracteres (' + n + ' agora).');
		else if (n > MAX_LEN - 200) setHint(n + '/' + MAX_LEN + ' caracteres');
		else setHint('');
	});

	/* ---------- receiving ---------- */
	function handleMessages(list: unknown): number {
		if (!Array.isArray(list)) return 0;
		const items = (list as unknown[])
			.filter(function (x): x is StreamEntry {
				return isRecord(x) && typeof x.seq === 'number' && isFinite(x.seq);
			})
			.sort(function (a, b) {
				return a.seq - b.seq;
			});
		const stick = nearBottom();
		let added = 0;
		for (let i = 0; i < items.length; i++) {
			const entry = items[i];
			if (seen[entry.seq]) continue;
			seen[entry.seq] = true;
			if (entry.seq > after) after = entry.seq;
			let node: HTMLElement | null = null;
			try {
				node = renderBot(entry);
			} catch {
				node = null; /* a message the page cannot show is skipped, the conversation goes on */
			}
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
			const latest = items[items.length - 1].message;
			setSecretAnswer(Boolean(isRecord(latest) && latest.kind === 'text' && latest.secretAnswer === true));
			hideTyping();
			refreshChoiceState();
			if (stick || firstLoad) scrollToBottom();
		}
		return added;
	}

	let wakeUp: (() => void) | null = null;
	function sleep(ms: number): Promise<void> {
		return new Promise(function (resolve) {
			let done = false;
			const t = setTimeout(finish, ms);
			function finish(): void {
				if (done) return;
				done = true;
				clearTimeout(t);
				wakeUp = null;
				resolve();
			}
			wakeUp = finish;
		});
	}
	let idle = 0;
	function wake(): void {
		idle = 0;
		if (wakeUp) wakeUp();
	}

	let errors = 0;
	let everOk = false;
	let firstLoad = true;
	function showBanner(): void {
		if (!bannerEl.hidden) return;
		/* The banner sits between the messages and the composer (in the flow, never over a button): keep the end in view. */
		const stick = nearBottom();
		bannerEl.hidden = false;
		if (stick) scrollToBottom();
	}
	function hideBanner(): void {
		bannerEl.hidden = true;
	}

	/* The status line after a transfer to a person ("Aguardando um atendente…", "<nome> entrou na conversa"). */
	let statusText = '';
	function showStatus(value: unknown): void {
		const text = isRecord(value) && typeof value.text === 'string' ? value.text : '';
		if (text === statusText) return;
		statusText = text;
		statusEl.textContent = text;
		statusEl.setAttribute('data-state', isRecord(value) && typeof value.state === 'string' ? value.state : '');
		statusEl.hidden = !text;
		if (text && nearBottom()) scrollToBottom();
	}

	function pollOnce(): Promise<PollResult> {
		const started = Date.now();
		const polled = session;
		return fetchWithTimeout(
			apiHref({ session: polled, after: String(after) }),
			{
				method: 'GET',
				headers: { Accept: 'application/json' },
				cache: 'no-store',
			},
			POLL_TIMEOUT,
			true,
		)
			.then(function (r) {
				abortPoll = null;
				if (!r.ok || !r.data) throw new Error('HTTP ' + r.status);
				/* An answer for the session left by "Nova conversa" is dropped. */
				if (polled !== session) return { ok: true, added: 0, took: 0 };
				const added = handleMessages(isRecord(r.data) ? r.data.messages : undefined);
				showStatus(isRecord(r.data) ? r.data.status : undefined);
				firstLoad = false;
				return { ok: true, added: added, took: Date.now() - started };
			})
			.catch(function () {
				abortPoll = null;
				/* The poll of a session left by "Nova conversa" (aborted): not a connection failure. */
				if (polled !== session) return { ok: true, added: 0, took: 0 };
				/* Counted by the loop: after two failures in a row the page shows the reconnect banner. */
				return { ok: false, added: 0, took: Date.now() - started };
			});
	}

	function nextDelay(result: PollResult): number {
		const hidden = document.visibilityState === 'hidden';
		let delay: number;
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

	function loop(): void {
		pollOnce()
			.then(function (result) {
				if (result.ok) {
					errors = 0;
					everOk = true;
					hideBanner();
					if (result.added) idle = 0;
					else idle++;
				} else {
					errors++;
					if (errors >= 2 || !everOk) showBanner();
				}
				return sleep(nextDelay(result));
			})
			.then(loop, loop);
	}

	/*
	 * "Nova conversa": the server ends the current conversation (as a customer who leaves; its history
	 * stays in the store) and the page starts a fresh session with an empty history.
	 */
	function startNewConversation(): void {
		const old = session;
		fetchWithTimeout(
			apiHref(null),
			{
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body: JSON.stringify({ session: old, encerrar: true }),
				cache: 'no-store',
				keepalive: true,
			},
			SEND_TIMEOUT,
		)
			.then(function (r) {
				if (!r.ok) throw new Error('HTTP ' + r.status);
			})
			.catch(function () {
				setHint('A conversa anterior não pôde ser encerrada agora; ela termina sozinha no prazo do atendimento.');
			});
		session = newSessionId();
		save('session', session);
		if (abortPoll) abortPoll();
		sentLog = [];
		persistLog();
		after = 0;
		lastSeq = 0;
		save('seq', '0');
		seen = Object.create(null) as Record<number, boolean>;
		while (listEl.firstChild) listEl.removeChild(listEl.firstChild);
		hideTyping();
		setSecretAnswer(false);
		showStatus(undefined);
		setHint('');
		inputEl.value = '';
		autosize();
		firstLoad = true;
		scrollToBottom();
		inputEl.focus();
		wake();
	}
	newChatEl.addEventListener('click', startNewConversation);

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
	for (let s = 0; s < sentLog.length; s++) insertOrdered(renderUser(sentLog[s]), sentLog[s].o);
	refreshChoiceState();
	scrollToBottom();
	loop();
})();
