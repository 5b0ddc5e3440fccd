/* State, screens (login / desk), the queue list, the live loop, alerts, presence and keyboard. */
namespace Painel {
	export interface Estado {
		titulo: string;
		atendente: Atendente | null;
		config: PainelConfig | null;
		filas: Filas | null;
		fila: Fila;
		busca: string;
		equipe: string;
		abertaId: string | null;
		detalhe: Detalhe | null;
		selecionando: boolean;
		selecionadas: string[];
		anexo: { nome: string; tipo: string; base64: string } | null;
		mostrarTransferencias: boolean;
		cursor: number;
		status: Status;
		som: boolean;
	}

	export const estado: Estado = {
		titulo: 'Painel',
		atendente: null,
		config: null,
		filas: null,
		fila: 'novas',
		busca: '',
		equipe: '',
		abertaId: null,
		detalhe: null,
		selecionando: false,
		selecionadas: [],
		anexo: null,
		mostrarTransferencias: true,
		cursor: 0,
		status: 'online',
		som: true,
	};

	const FILAS: Fila[] = ['novas', 'minhas', 'pendentes', 'encerradas'];
	const HEARTBEAT_MS = 60000;
	const ESPERA_MAX_MS = 30000;

	/** Bumped on every login/logout: loops and timers of an older session stop. */
	let geracao = 0;
	let temporizadores: number[] = [];

	/* ---------- small utilities ---------- */

	const PREFIXO = 'painel-atendente:';
	export function guardar(chave: string, valor: string): void {
		try {
			localStorage.setItem(PREFIXO + chave, valor);
		} catch {
			/* private mode: preferences last only this visit */
		}
	}
	export function ler(chave: string): string | null {
		try {
			return localStorage.getItem(PREFIXO + chave);
		} catch {
			return null;
		}
	}

	let avisoTimer = 0;
	/** A short message at the bottom of the screen (role=status). */
	export function aviso(texto: string): void {
		const a = byId('aviso');
		if (byId('tela-painel').hidden) return;
		a.textContent = texto;
		window.clearTimeout(avisoTimer);
		avisoTimer = window.setTimeout(() => (a.textContent = ''), 6000);
	}

	function esperar(ms: number): Promise<void> {
		return new Promise((resolve) => window.setTimeout(resolve, ms));
	}

	export function definirVista(vista: 'lista' | 'conversa' | 'cliente'): void {
		byId('colunas').dataset.vista = vista;
	}

	/* ---------- screens ---------- */

	function mostrarTela(tela: 'login' | 'painel'): void {
		mostrar(byId('carregando'), false);
		mostrar(byId('tela-login'), tela === 'login');
		mostrar(byId('tela-painel'), tela === 'painel');
	}

	function telaLogin(mensagem: string): void {
		geracao++;
		for (const t of temporizadores) window.clearInterval(t);
		temporizadores = [];
		definirCsrf('');
		estado.atendente = null;
		estado.filas = null;
		estado.abertaId = null;
		estado.detalhe = null;
		for (const d of Array.from(document.querySelectorAll('dialog'))) if ((d as HTMLDialogElement).open) (d as HTMLDialogElement).close();
		document.title = estado.titulo;
		mostrarTela('login');
		byId('login-erro').textContent = mensagem;
		byId<HTMLInputElement>('login-senha').value = '';
		const usuario = byId<HTMLInputElement>('login-usuario');
		(usuario.value ? byId<HTMLInputElement>('login-senha') : usuario).focus();
	}

	interface Sessao {
		autenticado: boolean;
		atendente?: Atendente;
		csrf?: string;
		config?: PainelConfig;
	}

	async function entrar(): Promise<void> {
		const botao = byId<HTMLButtonElement>('login-entrar');
		const erro = byId('login-erro');
		const login = byId<HTMLInputElement>('login-usuario').value.trim();
		const senha = byId<HTMLInputElement>('login-senha').value;
		if (!login || !senha) {
			erro.textContent = 'Informe login e senha.';
			return;
		}
		botao.disabled = true;
		botao.textContent = 'Entrando…';
		erro.textContent = '';
		try {
			const r = await api<{ ok: boolean; csrf: string }>('POST', 'entrar', { corpo: { login, senha } });
			definirCsrf(r.csrf);
			const s = await api<Sessao>('GET', 'sessao');
			if (!s.autenticado) throw new ApiErro(401, 'Sessão não iniciada: o navegador recusou o cookie?');
			await abrirPainel(s);
		} catch (e) {
			erro.textContent = mensagemDe(e);
			byId<HTMLInputElement>('login-senha').value = '';
			byId<HTMLInputElement>('login-senha').focus();
		} finally {
			botao.disabled = false;
			botao.textContent = 'Entrar';
		}
	}

	export function nomeAtendente(login: string | undefined): string {
		if (!login) return '';
		const a = estado.config && estado.config.atendentes.filter((x) => x.login === login)[0];
		return a ? a.nome : login;
	}

	async function abrirPainel(s: Sessao): Promise<void> {
		if (!s.atendente || !s.config) throw new ApiErro(500, 'Resposta de sessão incompleta.');
		geracao++;
		const minha = geracao;
		estado.atendente = s.atendente;
		estado.config = s.config;
		estado.status = s.atendente.status === 'ausente' ? 'ausente' : 'online';
		if (s.csrf) definirCsrf(s.csrf);
		byId('quem').textContent = s.atendente.nome + ' · ' + (s.atendente.papel === 'supervisor' ? 'supervisor' : s.atendente.equipes.join(', '));
		mostrar(byId('btn-supervisao'), s.atendente.papel === 'supervisor');
		const filtro = byId<HTMLSelectElement>('filtro-equipe');
		limpar(filtro);
		filtro.appendChild(el('option', { atributos: { value: '' } }, 'Todas as equipes'));
		for (const e of s.config.equipes) filtro.appendChild(el('option', { atributos: { value: e } }, e));
		estado.equipe = '';
		renderPresenca();
		alternarSupervisao(false);
		fecharConversa();
		definirVista('lista');
		byId('aviso').textContent = '';
		mostrarTela('painel');
		mostrar(byId('btn-notificacoes'), 'Notification' in window && Notification.permission === 'default' && ler('notificacoesPedidas') !== '1');
		await carregarFilas(true);
		if (minha !== geracao) return;
		const primeira = document.querySelector<HTMLElement>('.linha') || byId('aba-' + estado.fila);
		primeira.focus();
		void loopMudancas(minha);
		void enviarPresenca();
		temporizadores.push(window.setInterval(() => void enviarPresenca(), HEARTBEAT_MS));
		temporizadores.push(window.setInterval(atualizarTempos, 20000));
	}

	async function sair(): Promise<void> {
		try {
			await api('POST', 'sair');
		} catch (erro) {
			console.warn('painel: sair falhou', erro);
		}
		telaLogin('');
	}

	/* ---------- queues ---------- */

	/** Loads the four queues and redraws the list, tab counts and title. */
	export async function carregarFilas(inicial = false): Promise<void> {
		try {
			await buscarFilas(inicial);
		} catch (erro) {
			if (erro instanceof ApiErro && erro.status === 401) return;
			aviso('Não foi possível atualizar as filas: ' + mensagemDe(erro));
		}
	}

	/** Like carregarFilas, but a failure is the caller's (the live loop's reconnection probe). */
	async function buscarFilas(inicial: boolean): Promise<void> {
		const f = await api<Filas>('GET', 'filas');
		for (const k of FILAS) if (!Array.isArray(f[k])) f[k] = [];
		estado.filas = f;
		if (inicial && typeof f.cursor === 'number') estado.cursor = f.cursor;
		renderLista();
	}

	function ordenar(lista: Resumo[], fila: Fila): Resumo[] {
		const ultima = (r: Resumo): number => (r.ultimaMensagem ? r.ultimaMensagem.em : 0);
		return lista.slice().sort((a, b) => {
			if (fila === 'encerradas') return ultima(b) - ultima(a);
			const ea = typeof a.clienteEsperaDesde === 'number' ? a.clienteEsperaDesde : Infinity;
			const eb = typeof b.clienteEsperaDesde === 'number' ? b.clienteEsperaDesde : Infinity;
			return ea !== eb ? (ea < eb ? -1 : 1) : ultima(b) - ultima(a);
		});
	}

	function combina(r: Resumo, termo: string): boolean {
		if (!termo) return true;
		const campos = [r.contato.nome, r.contato.telefone, r.contato.usuario, r.contato.id, r.protocolo, r.ultimaMensagem && r.ultimaMensagem.texto];
		const digitos = termo.replace(/\D/g, '');
		return campos.some((c) => {
			if (!c) return false;
			const v = c.toLowerCase();
			return v.indexOf(termo) >= 0 || (digitos.length >= 4 && v.replace(/\D/g, '').indexOf(digitos) >= 0);
		});
	}

	/** Conversations of the current tab after search and team filter, oldest waiting first. */
	export function listaVisivel(): Resumo[] {
		const f = estado.filas;
		if (!f) return [];
		const termo = estado.busca.trim().toLowerCase();
		return ordenar(
			f[estado.fila].filter((r) => (!estado.equipe || r.equipe === estado.equipe) && combina(r, termo)),
			estado.fila,
		);
	}

	export function renderLista(): void {
		const f = estado.filas;
		let naoLidasTotal = 0;
		for (const k of FILAS) {
			const lista = f ? f[k] : [];
			const naoLidas = lista.reduce((s, r) => s + (r.naoLidas > 0 ? r.naoLidas : 0), 0);
			if (k !== 'encerradas') naoLidasTotal += naoLidas;
			byId('num-' + k).textContent = String(lista.length);
			const badge = byId('nao-lidas-' + k);
			badge.textContent = naoLidas > 0 ? String(naoLidas) : '';
			badge.setAttribute('aria-label', naoLidas > 0 ? naoLidas + ' não lidas' : '');
			const aba = byId('aba-' + k);
			aba.setAttribute('aria-selected', k === estado.fila ? 'true' : 'false');
			aba.tabIndex = k === estado.fila ? 0 : -1;
		}
		byId('lista-conversas').setAttribute('aria-labelledby', 'aba-' + estado.fila);
		document.title = naoLidasTotal > 0 ? '(' + naoLidasTotal + ') ' + estado.titulo : estado.titulo;
		const ul = byId('lista-conversas');
		const focada = document.activeElement instanceof HTMLElement && ul.contains(document.activeElement) ? document.activeElement.dataset.id : undefined;
		limpar(ul);
		const visiveis = listaVisivel();
		const eu = estado.atendente ? estado.atendente.login : '';
		for (const r of visiveis) ul.appendChild(linhaConversa(r, r.id === estado.abertaId, eu));
		if (visiveis.length === 0) ul.appendChild(el('li', 'vazio', estado.busca || estado.equipe ? 'Nenhuma conversa com esse filtro.' : 'Nenhuma conversa nesta fila.'));
		if (focada) {
			const de = ul.querySelector<HTMLElement>('.linha[data-id="' + CSS.escape(focada) + '"]');
			if (de) de.focus();
		}
	}

	function atualizarTempos(): void {
		for (const e of Array.from(document.querySelectorAll<HTMLElement>('[data-desde]'))) e.textContent = haQuanto(Number(e.dataset.desde));
	}

	function escolherFila(fila: Fila, focar: boolean): void {
		estado.fila = fila;
		renderLista();
		if (focar) byId('aba-' + fila).focus();
	}

	/** Alt+↑/↓: the previous/next conversation of the visible list. */
	function moverConversa(passo: number): void {
		const lista = listaVisivel();
		if (lista.length === 0) return;
		const atual = lista.map((r) => r.id).indexOf(estado.abertaId || '');
		const i = atual < 0 ? (passo > 0 ? 0 : lista.length - 1) : Math.max(0, Math.min(lista.length - 1, atual + passo));
		const naLista = document.activeElement instanceof HTMLElement && byId('lista-conversas').contains(document.activeElement);
		void abrirConversa(lista[i].id).then(() => {
			if (naLista) {
				const linha = document.querySelector<HTMLElement>('.linha[data-id="' + CSS.escape(lista[i].id) + '"]');
				if (linha) linha.focus();
			}
		});
	}

	/* ---------- live: long poll on ?r=mudancas ---------- */

	async function loopMudancas(minha: number): Promise<void> {
		let falhas = 0;
		while (minha === geracao) {
			if (falhas > 0) {
				// Reconnecting: a short request first, so the banner goes as soon as the server answers
				// (the long poll itself may be held for 25 s) and the queues catch up at once.
				try {
					await buscarFilas(false);
					if (minha !== geracao) return;
					falhas = 0;
					mostrar(byId('reconectando'), false);
					await recarregarConversa();
				} catch (erro) {
					if (minha !== geracao || (erro instanceof ApiErro && erro.status === 401)) return;
					falhas++;
					await esperar(Math.min(ESPERA_MAX_MS, 1000 * Math.pow(2, falhas - 1)));
					continue;
				}
			}
			const controle = new AbortController();
			const limite = window.setTimeout(() => controle.abort(), 40000);
			const inicio = Date.now();
			try {
				const r = await api<{ cursor: number; mudancas: Mudanca[]; recarregar?: boolean }>('GET', 'mudancas', { params: { desde: String(estado.cursor) }, sinal: controle.signal });
				window.clearTimeout(limite);
				if (minha !== geracao) return;
				if (typeof r.cursor === 'number') estado.cursor = r.cursor;
				const mudancas = Array.isArray(r.mudancas) ? r.mudancas : [];
				if (r.recarregar === true) {
					// The server lost track of the changes since our cursor (restart, trimmed journal): reload all.
					await buscarFilas(false);
					await recarregarConversa();
				} else if (mudancas.length > 0) await aplicarMudancas(mudancas);
				else if (Date.now() - inicio < 500) await esperar(1000);
			} catch (erro) {
				window.clearTimeout(limite);
				if (minha !== geracao) return;
				if (erro instanceof ApiErro && erro.status === 401) return;
				falhas++;
				console.warn('painel: mudancas falhou (' + falhas + 'ª vez)', erro);
				mostrar(byId('reconectando'), true);
				await esperar(Math.min(ESPERA_MAX_MS, 1000 * Math.pow(2, falhas - 1)));
			}
		}
	}

	function indice(f: Filas | null): Record<string, Resumo> {
		const mapa: Record<string, Resumo> = Object.create(null) as Record<string, Resumo>;
		if (f) for (const k of FILAS) for (const r of f[k]) mapa[r.id] = r;
		return mapa;
	}

	async function aplicarMudancas(mudancas: Mudanca[]): Promise<void> {
		const antes = indice(estado.filas);
		await carregarFilas();
		const depois = indice(estado.filas);
		const eu = estado.atendente ? estado.atendente.login : '';
		for (const m of mudancas) {
			const r = depois[m.conversa];
			if (!r) continue;
			const anterior = antes[m.conversa];
			const u = r.ultimaMensagem;
			if (m.tipo === 'nova' && !anterior) alertar('Nova conversa: ' + nomeContato(r), u ? u.texto : NOME_CANAL[r.canal], r.id);
			else if (m.tipo === 'mensagem' && u && u.de === 'cliente' && (!r.atendente || r.atendente === eu) && (!anterior || !anterior.ultimaMensagem || anterior.ultimaMensagem.em < u.em))
				alertar('Nova mensagem de ' + nomeContato(r), u.texto, r.id);
		}
		const aberta = estado.abertaId;
		if (aberta && mudancas.some((m) => m.conversa === aberta)) {
			await recarregarConversa();
			const d = estado.detalhe;
			if (d && d.id === aberta && d.naoLidas > 0 && !document.hidden) {
				try {
					await api('POST', 'lido', { corpo: { conversa: aberta } });
					await carregarFilas();
				} catch (erro) {
					console.warn('painel: lido falhou', erro);
				}
			}
		}
		await atualizarSupervisaoSeAberta();
	}

	/* ---------- alerts: sound, notification ---------- */

	let audio: AudioContext | null = null;

	/** The AudioContext may only start after a user gesture: created/resumed on the first click or key. */
	function prepararSom(): void {
		try {
			if (!audio && typeof AudioContext === 'function') audio = new AudioContext();
			else if (audio && audio.state === 'suspended') void audio.resume();
		} catch (erro) {
			console.warn('painel: sem áudio', erro);
		}
	}

	function bip(): void {
		if (!estado.som || !audio || audio.state !== 'running') return;
		const t = audio.currentTime;
		const osc = audio.createOscillator();
		const ganho = audio.createGain();
		osc.type = 'sine';
		osc.frequency.setValueAtTime(880, t);
		osc.frequency.setValueAtTime(660, t + 0.12);
		ganho.gain.setValueAtTime(0.0001, t);
		ganho.gain.exponentialRampToValueAtTime(0.15, t + 0.02);
		ganho.gain.exponentialRampToValueAtTime(0.0001, t + 0.3);
		osc.connect(ganho);
		ganho.connect(audio.destination);
		osc.start(t);
		osc.stop(t + 0.32);
	}

	function alertar(titulo: string, corpo: string, conversa: string): void {
		bip();
		if (!document.hidden || !('Notification' in window) || Notification.permission !== 'granted') return;
		try {
			const n = new Notification(titulo, { body: corpo.slice(0, 140), tag: 'painel-' + conversa });
			n.onclick = () => {
				window.focus();
				void abrirConversa(conversa);
				n.close();
			};
		} catch (erro) {
			console.warn('painel: notificação recusada', erro);
		}
	}

	/* ---------- presence ---------- */

	function renderPresenca(): void {
		const chave = byId<HTMLInputElement>('presenca');
		chave.checked = estado.status === 'online';
		chave.setAttribute('aria-checked', chave.checked ? 'true' : 'false');
		byId('presenca-texto').textContent = estado.status === 'online' ? 'Online' : 'Ausente';
	}

	async function enviarPresenca(): Promise<void> {
		try {
			await api('POST', 'presenca', { corpo: { status: estado.status } });
		} catch (erro) {
			if (!(erro instanceof ApiErro && erro.status === 401)) console.warn('painel: presença falhou', erro);
		}
	}

	/* ---------- password ---------- */

	async function trocarSenha(): Promise<void> {
		const atual = byId<HTMLInputElement>('senha-atual').value;
		const nova = byId<HTMLInputElement>('senha-nova').value;
		const confirmar = byId<HTMLInputElement>('senha-confirmar').value;
		const erro = byId('senha-erro');
		byId('senha-ok').textContent = '';
		if (!atual) return void (erro.textContent = 'Informe a senha atual.');
		if (nova.length < 8) return void (erro.textContent = 'A nova senha precisa de pelo menos 8 caracteres.');
		if (nova !== confirmar) return void (erro.textContent = 'A confirmação não confere com a nova senha.');
		erro.textContent = '';
		const botao = byId<HTMLButtonElement>('senha-salvar');
		botao.disabled = true;
		try {
			await api('POST', 'senha', { corpo: { atual, nova } });
			for (const id of ['senha-atual', 'senha-nova', 'senha-confirmar']) byId<HTMLInputElement>(id).value = '';
			byId('senha-ok').textContent = 'Senha alterada.';
		} catch (e) {
			erro.textContent = mensagemDe(e);
		} finally {
			botao.disabled = false;
		}
	}

	/* ---------- keyboard ---------- */

	function digitando(alvo: EventTarget | null): boolean {
		if (!(alvo instanceof HTMLElement)) return false;
		return alvo.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(alvo.tagName);
	}

	function teclado(ev: KeyboardEvent): void {
		if (byId('tela-painel').hidden) return;
		if (document.querySelector('dialog[open]')) return;
		if (ev.altKey && (ev.key === 'ArrowDown' || ev.key === 'ArrowUp')) {
			ev.preventDefault();
			moverConversa(ev.key === 'ArrowDown' ? 1 : -1);
			return;
		}
		if (ev.key === '/' && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !digitando(ev.target)) {
			ev.preventDefault();
			if (estado.abertaId && !byId('conversa').hidden) focarCaixa();
			else byId('busca').focus();
		}
	}

	/* ---------- start ---------- */

	function ligar(): void {
		byId('login-form').addEventListener('submit', (ev) => {
			ev.preventDefault();
			void entrar();
		});
		byId('btn-sair').addEventListener('click', () => void sair());
		byId('btn-senha').addEventListener('click', () => {
			byId('senha-erro').textContent = '';
			byId('senha-ok').textContent = '';
			byId<HTMLDialogElement>('dlg-senha').showModal();
			byId('senha-atual').focus();
		});
		byId('senha-form').addEventListener('submit', (ev) => {
			ev.preventDefault();
			void trocarSenha();
		});
		for (const botao of Array.from(document.querySelectorAll<HTMLElement>('[data-fechar]'))) {
			botao.addEventListener('click', () => {
				const dlg = botao.closest('dialog');
				if (dlg) dlg.close();
			});
		}
		for (const aba of FILAS) byId('aba-' + aba).addEventListener('click', () => escolherFila(aba, false));
		byId('colunas').querySelector('[role=tablist]')?.addEventListener('keydown', (ev) => {
			const e = ev as KeyboardEvent;
			if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
			e.preventDefault();
			const i = FILAS.indexOf(estado.fila);
			escolherFila(FILAS[(i + (e.key === 'ArrowRight' ? 1 : FILAS.length - 1)) % FILAS.length], true);
		});
		byId('busca').addEventListener('input', () => {
			estado.busca = byId<HTMLInputElement>('busca').value;
			renderLista();
		});
		byId('filtro-equipe').addEventListener('change', () => {
			estado.equipe = byId<HTMLSelectElement>('filtro-equipe').value;
			renderLista();
		});
		byId('lista-conversas').addEventListener('click', (ev) => {
			const linha = ev.target instanceof Element ? ev.target.closest<HTMLElement>('.linha') : null;
			if (linha && linha.dataset.id) void abrirConversa(linha.dataset.id);
		});
		const presenca = byId<HTMLInputElement>('presenca');
		presenca.addEventListener('change', () => {
			estado.status = presenca.checked ? 'online' : 'ausente';
			renderPresenca();
			void enviarPresenca();
		});
		const som = byId<HTMLInputElement>('som');
		estado.som = ler('som') !== '0';
		som.checked = estado.som;
		som.addEventListener('change', () => {
			estado.som = som.checked;
			guardar('som', som.checked ? '1' : '0');
		});
		byId('btn-notificacoes').addEventListener('click', () => {
			guardar('notificacoesPedidas', '1');
			mostrar(byId('btn-notificacoes'), false);
			void Notification.requestPermission().then((p) => aviso(p === 'granted' ? 'Notificações ativadas.' : 'Notificações não permitidas pelo navegador.'));
		});
		byId('btn-supervisao').addEventListener('click', () => alternarSupervisao(!supervisaoAberta()));
		byId('metricas-periodo').addEventListener('change', () => void carregarMetricas());
		document.addEventListener('keydown', teclado);
		document.addEventListener('pointerdown', prepararSom, true);
		document.addEventListener('keydown', prepararSom, true);
		document.addEventListener('visibilitychange', () => {
			const d = estado.detalhe;
			if (!document.hidden && d && d.id === estado.abertaId && d.naoLidas > 0) void abrirConversa(d.id);
		});
		ligarConversa();
	}

	/** Reads the page's config block, wires the controls and shows the login screen or the desk. */
	export async function iniciar(): Promise<void> {
		let cfg: Record<string, unknown> = {};
		try {
			const bloco = document.getElementById('painel-config');
			const lido: unknown = JSON.parse((bloco && bloco.textContent) || '{}');
			if (isRecord(lido)) cfg = lido;
		} catch (erro) {
			console.error('painel: configuração inválida', erro);
		}
		estado.titulo = typeof cfg.titulo === 'string' && cfg.titulo ? cfg.titulo : 'Painel';
		estado.mostrarTransferencias = ler('mostrarTransferencias') !== '0';
		configurarApi(typeof cfg.basePath === 'string' ? cfg.basePath : location.pathname, telaLogin);
		ligar();
		try {
			const s = await api<Sessao>('GET', 'sessao');
			if (s.autenticado) await abrirPainel(s);
			else telaLogin('');
		} catch (erro) {
			if (!(erro instanceof ApiErro && erro.status === 401)) telaLogin('Não foi possível falar com o servidor: ' + mensagemDe(erro));
		}
	}
}
