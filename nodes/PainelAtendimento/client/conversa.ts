/* The open conversation: thread, reply box (or template picker), actions, ticket, customer panel. */
namespace Painel {
	const MAX_ANEXO = 16 * 1024 * 1024;

	let rapidasVisiveis: { atalho: string; texto: string }[] = [];
	let rapidaAtiva = 0;
	let templatesDe: string | null = null;
	let templates: Template[] = [];
	let enviando = false;

	function detalheAtual(): Detalhe | null {
		return estado.detalhe && estado.detalhe.id === estado.abertaId ? estado.detalhe : null;
	}

	/** Opens a conversation (from the list or the keyboard) and marks it read. */
	export async function abrirConversa(id: string, focarResposta = false): Promise<void> {
		if (estado.abertaId !== id) {
			estado.abertaId = id;
			estado.detalhe = null;
			estado.selecionando = false;
			estado.selecionadas = [];
			limparAnexo();
			byId<HTMLTextAreaElement>('resposta-texto').value = '';
			byId('resposta-erro').textContent = '';
		}
		definirVista('conversa');
		renderLista();
		await recarregarConversa(true);
		if (focarResposta) focarCaixa();
		const d = detalheAtual();
		if (d && d.naoLidas > 0) {
			try {
				await api('POST', 'lido', { corpo: { conversa: id } });
				await carregarFilas();
			} catch (erro) {
				console.warn('painel: não foi possível marcar como lida', erro);
			}
		}
	}

	export function fecharConversa(): void {
		estado.abertaId = null;
		estado.detalhe = null;
		mostrar(byId('conversa'), false);
		mostrar(byId('conversa-vazia'), true);
		limpar(byId('cliente-dados'));
		byId('cliente-dados').appendChild(el('p', 'vazio', 'Os dados do cliente aparecem aqui.'));
	}

	/** Fetches the open conversation again and redraws it (keeps the reply being typed). */
	export async function recarregarConversa(inicio = false): Promise<void> {
		const id = estado.abertaId;
		if (!id) return;
		try {
			const d = await api<Detalhe>('GET', 'conversa', { params: { id } });
			if (estado.abertaId !== id) return;
			const trocou = !estado.detalhe || estado.detalhe.id !== d.id;
			estado.detalhe = d;
			renderConversa(inicio || trocou);
		} catch (erro) {
			if (estado.abertaId !== id) return;
			if (erro instanceof ApiErro && (erro.status === 403 || erro.status === 404)) {
				// Opening: the server's reason; later (forwarded to another team, reassigned): it left my queues.
				aviso(inicio ? erro.message : 'A conversa saiu das suas filas.');
				fecharConversa();
				renderLista();
				return;
			}
			if (erro instanceof ApiErro && erro.status === 401) return;
			aviso('Não foi possível carregar a conversa: ' + mensagemDe(erro));
		}
	}

	function podeAgir(d: Detalhe): boolean {
		return d.estado !== 'encerrada';
	}

	export function renderConversa(completo: boolean): void {
		const d = detalheAtual();
		if (!d) return;
		mostrar(byId('conversa-vazia'), false);
		mostrar(byId('conversa'), true);
		byId('conversa-nome').textContent = nomeContato(d);
		const partes = [NOME_CANAL[d.canal], 'protocolo ' + d.protocolo];
		if (d.equipe) partes.push('equipe ' + d.equipe);
		partes.push(d.atendente ? 'com ' + nomeAtendente(d.atendente) : 'sem atendente');
		partes.push({ nova: 'nova', aberta: 'aberta', pendente: 'pendente', encerrada: 'encerrada' }[d.estado]);
		byId('conversa-info').textContent = partes.join(' · ');
		const ativa = podeAgir(d);
		mostrar(byId('btn-assumir'), ativa && !d.atendente);
		for (const id of ['btn-encaminhar', 'btn-pendente', 'btn-resolver', 'btn-devolver']) byId<HTMLButtonElement>(id).disabled = !ativa;
		byId<HTMLButtonElement>('btn-pendente').disabled = !ativa || d.estado === 'pendente';
		mostrar(byId('btn-chamado'), !!(estado.config && estado.config.erp));
		mostrar(byId('barra-selecao'), estado.selecionando);
		renderHistorico(d, completo);
		const janelaFechada = d.canal === 'whatsapp' && !!d.janela && d.janela.aberta === false;
		// Messenger/Instagram: after 24 h an agent still replies (HUMAN_AGENT tag) for 7 days; after that, nothing goes.
		const meta = d.canal === 'messenger' || d.canal === 'instagram';
		const metaFechada = meta && !!d.janela && d.janela.aberta === false && d.janela.agenteHumano !== true;
		mostrar(byId('resposta'), ativa && !janelaFechada && !metaFechada);
		mostrar(byId('template-form'), ativa && janelaFechada);
		mostrar(byId('conversa-encerrada'), !ativa);
		const aviso = byId('janela-meta');
		mostrar(aviso, ativa && metaFechada);
		if (metaFechada) {
			const quando = d.janela && d.janela.ultimaMensagemCliente ? ' A última mensagem do cliente foi ' + haQuanto(d.janela.ultimaMensagemCliente) + '.' : '';
			aviso.textContent = 'Mais de 7 dias desde a última mensagem do cliente: o ' + NOME_CANAL[d.canal] + ' só permite responder quando ele escrever de novo.' + quando;
		}
		if (ativa && janelaFechada) void carregarTemplates(d);
		const dica = byId('resposta-dica');
		const janela = d.janela;
		dica.textContent =
			janela && janela.aberta && typeof janela.fechaEm === 'number'
				? 'Janela do ' + NOME_CANAL[d.canal] + ' fecha ' + emQuanto(janela.fechaEm) + ' · Enter envia · Shift+Enter nova linha'
				: meta && janela && janela.agenteHumano && typeof janela.agenteHumanoAte === 'number'
					? 'Fora das 24 h: a resposta vai como agente humano (HUMAN_AGENT); o prazo termina ' + prazo(janela.agenteHumanoAte) + ' · Enter envia'
					: 'Enter envia · Shift+Enter nova linha · arraste um arquivo para anexar';
		const cliente = byId('cliente-dados');
		limpar(cliente);
		cliente.appendChild(painelCliente(d));
	}

	/** "em 4 dias" for two days or more, else as emQuanto. */
	function prazo(ate: number): string {
		const dias = Math.floor((ate - Date.now()) / 86400000);
		return dias >= 2 ? 'em ' + dias + ' dias' : emQuanto(ate);
	}

	function emQuanto(ate: number): string {
		const min = Math.max(0, Math.round((ate - Date.now()) / 60000));
		if (min < 60) return 'em ' + min + ' min';
		return 'em ' + Math.floor(min / 60) + ' h ' + (min % 60) + ' min';
	}

	function chaveEntrada(e: Entrada): string {
		return e.id + '|' + (e.status || '');
	}

	/** Appends new lines (so the live region announces only them); redraws when the thread changed otherwise. */
	function renderHistorico(d: Detalhe, completo: boolean): void {
		const hist = byId('historico');
		hist.classList.toggle('sem-transferencias', !estado.mostrarTransferencias);
		const pertoDoFim = hist.scrollHeight - hist.scrollTop - hist.clientHeight < 80;
		const existentes = Array.from(hist.children) as HTMLElement[];
		const prefixo = !completo && existentes.length <= d.historico.length && existentes.every((n, i) => n.dataset.id === d.historico[i].id);
		if (!prefixo) {
			limpar(hist);
			if (d.historico.length === 0) hist.appendChild(el('p', 'vazio', 'Sem mensagens.'));
		}
		d.historico.forEach((entrada, i) => {
			const sel = estado.selecionadas.indexOf(entrada.id) >= 0;
			if (prefixo && i < existentes.length) {
				if (existentes[i].dataset.chave !== chaveEntrada(entrada)) {
					const novo = linhaHistorico(entrada, estado.selecionando, sel);
					novo.dataset.chave = chaveEntrada(entrada);
					hist.replaceChild(novo, existentes[i]);
				}
				return;
			}
			const linha = linhaHistorico(entrada, estado.selecionando, sel);
			linha.dataset.chave = chaveEntrada(entrada);
			hist.appendChild(linha);
		});
		if (completo || pertoDoFim) hist.scrollTop = hist.scrollHeight;
	}

	export function focarCaixa(): void {
		const caixa = byId<HTMLTextAreaElement>('resposta-texto');
		if (!byId('resposta').hidden) caixa.focus();
		else if (!byId('template-form').hidden) byId<HTMLSelectElement>('template-nome').focus();
	}

	/* ---------- reply box ---------- */

	async function enviarResposta(): Promise<void> {
		const d = detalheAtual();
		if (!d || enviando) return;
		const caixa = byId<HTMLTextAreaElement>('resposta-texto');
		const texto = caixa.value.trim();
		const erro = byId('resposta-erro');
		if (!texto && !estado.anexo) {
			erro.textContent = 'Escreva uma mensagem ou anexe um arquivo.';
			return;
		}
		enviando = true;
		const botao = byId<HTMLButtonElement>('btn-enviar');
		botao.disabled = true;
		erro.textContent = '';
		try {
			const corpo: Record<string, unknown> = { conversa: d.id };
			if (texto) corpo.texto = texto;
			if (estado.anexo) corpo.arquivo = estado.anexo;
			await api('POST', 'responder', { corpo });
			caixa.value = '';
			limparAnexo();
			fecharRapidas();
			await Promise.all([recarregarConversa(), carregarFilas()]);
		} catch (e) {
			erro.textContent = 'Não enviada: ' + mensagemDe(e);
		} finally {
			enviando = false;
			botao.disabled = false;
		}
	}

	function limparAnexo(): void {
		estado.anexo = null;
		mostrar(byId('anexo'), false);
		byId('anexo-nome').textContent = '';
		byId<HTMLInputElement>('arquivo').value = '';
	}

	function anexar(arquivo: File): void {
		const erro = byId('resposta-erro');
		if (arquivo.size > MAX_ANEXO) {
			erro.textContent = 'Arquivo grande demais (máximo 16 MB).';
			return;
		}
		const leitor = new FileReader();
		leitor.onload = () => {
			const dataUrl = String(leitor.result || '');
			const virgula = dataUrl.indexOf(',');
			estado.anexo = { nome: arquivo.name, tipo: arquivo.type || 'application/octet-stream', base64: virgula >= 0 ? dataUrl.slice(virgula + 1) : '' };
			byId('anexo-nome').textContent = 'Anexo: ' + arquivo.name + ' (' + Math.max(1, Math.round(arquivo.size / 1024)) + ' KB)';
			mostrar(byId('anexo'), true);
			erro.textContent = '';
		};
		leitor.onerror = () => {
			erro.textContent = 'Não foi possível ler o arquivo.';
		};
		leitor.readAsDataURL(arquivo);
	}

	function fecharRapidas(): void {
		rapidasVisiveis = [];
		mostrar(byId('rapidas'), false);
		byId('resposta-texto').removeAttribute('aria-activedescendant');
		byId('resposta-texto').setAttribute('aria-expanded', 'false');
	}

	function atualizarRapidas(): void {
		const caixa = byId<HTMLTextAreaElement>('resposta-texto');
		const valor = caixa.value;
		const todas = (estado.config && estado.config.respostasRapidas) || [];
		if (valor.charAt(0) !== '/' || valor.indexOf('\n') >= 0 || todas.length === 0) return fecharRapidas();
		const termo = valor.slice(1).toLowerCase();
		rapidasVisiveis = todas.filter((r) => r.atalho.toLowerCase().indexOf(termo) >= 0 || r.texto.toLowerCase().indexOf(termo) >= 0).slice(0, 20);
		if (rapidasVisiveis.length === 0) return fecharRapidas();
		rapidaAtiva = Math.min(rapidaAtiva, rapidasVisiveis.length - 1);
		const lista = byId('rapidas');
		limpar(lista);
		rapidasVisiveis.forEach((r, i) => {
			const li = el('li', { atributos: { role: 'option', id: 'rapida-' + i, 'aria-selected': i === rapidaAtiva ? 'true' : 'false' } }, el('span', 'atalho', '/' + r.atalho), r.texto);
			li.addEventListener('mousedown', (ev) => {
				ev.preventDefault();
				escolherRapida(i);
			});
			lista.appendChild(li);
		});
		mostrar(lista, true);
		caixa.setAttribute('aria-expanded', 'true');
		caixa.setAttribute('aria-activedescendant', 'rapida-' + rapidaAtiva);
	}

	function escolherRapida(i: number): void {
		const r = rapidasVisiveis[i];
		if (!r) return;
		const caixa = byId<HTMLTextAreaElement>('resposta-texto');
		caixa.value = r.texto;
		fecharRapidas();
		caixa.focus();
	}

	/* ---------- template picker (outside WhatsApp's 24 h window) ---------- */

	async function carregarTemplates(d: Detalhe): Promise<void> {
		if (templatesDe === d.id) return;
		templatesDe = d.id;
		templates = [];
		const select = byId<HTMLSelectElement>('template-nome');
		limpar(select);
		select.appendChild(el('option', { atributos: { value: '' } }, 'Carregando modelos…'));
		const quando = d.janela && d.janela.ultimaMensagemCliente ? ' A última mensagem do cliente foi ' + haQuanto(d.janela.ultimaMensagemCliente) + '.' : '';
		byId('janela-texto').textContent = 'A janela de 24 h do WhatsApp está fechada: só é possível enviar um modelo aprovado pela Meta.' + quando;
		try {
			const resposta = await api<{ templates: Template[] }>('GET', 'templates', { params: { conversa: d.id } });
			if (templatesDe !== d.id) return;
			templates = Array.isArray(resposta.templates) ? resposta.templates : [];
			limpar(select);
			if (templates.length === 0) select.appendChild(el('option', { atributos: { value: '' } }, 'Nenhum modelo aprovado'));
			templates.forEach((t, i) => select.appendChild(el('option', { atributos: { value: String(i) } }, t.nome + ' (' + t.idioma + ') — ' + t.categoria)));
			renderVariaveis();
		} catch (erro) {
			templatesDe = null;
			limpar(select);
			byId('template-erro').textContent = 'Não foi possível carregar os modelos: ' + mensagemDe(erro);
		}
	}

	function templateEscolhido(): Template | undefined {
		const v = byId<HTMLSelectElement>('template-nome').value;
		return v === '' ? undefined : templates[Number(v)];
	}

	function renderVariaveis(): void {
		const t = templateEscolhido();
		const vars = byId('template-vars');
		limpar(vars);
		const n = t ? Math.max(0, Math.min(20, t.variaveis)) : 0;
		for (let i = 1; i <= n; i++) {
			const id = 'template-var-' + i;
			const input = el('input', { atributos: { type: 'text', id, 'data-indice': String(i), maxlength: '1000' } });
			input.addEventListener('input', renderPrevia);
			vars.appendChild(el('div', 'campo', el('label', { atributos: { for: id } }, 'Variável {{' + i + '}}'), input));
		}
		renderPrevia();
	}

	function valoresVariaveis(): string[] {
		return (Array.from(byId('template-vars').querySelectorAll('input')) as HTMLInputElement[]).map((i) => i.value.trim());
	}

	function renderPrevia(): void {
		const t = templateEscolhido();
		const valores = valoresVariaveis();
		byId('template-previa').textContent = t ? t.corpo.replace(/\{\{(\d+)\}\}/g, (m: string, n: string) => valores[Number(n) - 1] || m) : '';
	}

	async function enviarTemplate(): Promise<void> {
		const d = detalheAtual();
		const t = templateEscolhido();
		const erro = byId('template-erro');
		if (!d || !t) {
			erro.textContent = 'Escolha um modelo.';
			return;
		}
		const variaveis = valoresVariaveis();
		if (variaveis.some((v) => !v)) {
			erro.textContent = 'Preencha todas as variáveis do modelo.';
			return;
		}
		const botao = byId<HTMLButtonElement>('btn-template');
		botao.disabled = true;
		erro.textContent = '';
		try {
			await api('POST', 'template', { corpo: { conversa: d.id, nome: t.nome, idioma: t.idioma, variaveis } });
			aviso('Modelo enviado.');
			for (const input of Array.from(byId('template-vars').querySelectorAll('input'))) (input as HTMLInputElement).value = '';
			renderPrevia();
			await Promise.all([recarregarConversa(), carregarFilas()]);
		} catch (e) {
			erro.textContent = 'Modelo não enviado: ' + mensagemDe(e);
		} finally {
			botao.disabled = false;
		}
	}

	/* ---------- actions ---------- */

	async function acao(r: 'assumir' | 'pendente' | 'resolver' | 'devolver', feito: string): Promise<void> {
		const d = detalheAtual();
		if (!d) return;
		try {
			await api('POST', r, { corpo: { conversa: d.id } });
			aviso(feito);
		} catch (erro) {
			if (erro instanceof ApiErro && erro.status === 409) {
				const quem = typeof erro.dados.atendente === 'string' ? erro.dados.atendente : '';
				aviso(erro.message + (quem ? ' (' + quem + ')' : ''));
			} else aviso(mensagemDe(erro));
		}
		await Promise.all([recarregarConversa(), carregarFilas()]);
	}

	/** Fills and opens the forward dialog for a conversation (also used by the supervisor view). */
	export function abrirEncaminhar(conversa: string, equipeAtual?: string): void {
		const cfg = estado.config;
		const equipe = byId<HTMLSelectElement>('encaminhar-equipe');
		limpar(equipe);
		equipe.appendChild(el('option', { atributos: { value: '' } }, 'Manter a equipe' + (equipeAtual ? ' (' + equipeAtual + ')' : '')));
		for (const e of (cfg && cfg.equipes) || []) equipe.appendChild(el('option', { atributos: { value: e } }, e));
		const dlg = byId<HTMLDialogElement>('dlg-encaminhar');
		dlg.dataset.conversa = conversa;
		preencherAtendentes();
		byId('encaminhar-erro').textContent = '';
		dlg.showModal();
		equipe.focus();
	}

	function preencherAtendentes(): void {
		const equipe = byId<HTMLSelectElement>('encaminhar-equipe').value;
		const sel = byId<HTMLSelectElement>('encaminhar-atendente');
		limpar(sel);
		sel.appendChild(el('option', { atributos: { value: '' } }, 'Qualquer atendente da equipe'));
		for (const a of (estado.config && estado.config.atendentes) || []) {
			if (equipe && a.equipes.indexOf(equipe) < 0) continue;
			sel.appendChild(el('option', { atributos: { value: a.login } }, a.nome + ' (' + a.login + ')'));
		}
	}

	async function encaminhar(): Promise<void> {
		const dlg = byId<HTMLDialogElement>('dlg-encaminhar');
		const equipe = byId<HTMLSelectElement>('encaminhar-equipe').value;
		const atendente = byId<HTMLSelectElement>('encaminhar-atendente').value;
		const erro = byId('encaminhar-erro');
		if (!equipe && !atendente) {
			erro.textContent = 'Escolha uma equipe ou um atendente.';
			return;
		}
		const corpo: Record<string, string> = { conversa: dlg.dataset.conversa || '' };
		if (equipe) corpo.equipe = equipe;
		if (atendente) corpo.atendente = atendente;
		try {
			await api('POST', 'encaminhar', { corpo });
			dlg.close();
			aviso('Conversa encaminhada.');
			await Promise.all([recarregarConversa(), carregarFilas(), atualizarSupervisaoSeAberta()]);
		} catch (e) {
			erro.textContent = mensagemDe(e);
		}
	}

	/* ---------- ticket ---------- */

	function alternarSelecao(ligar: boolean): void {
		estado.selecionando = ligar;
		estado.selecionadas = [];
		byId('selecao-texto').textContent = 'Marque as mensagens do chamado.';
		const d = detalheAtual();
		if (d) renderConversa(true);
	}

	async function abrirDialogoChamado(): Promise<void> {
		const d = detalheAtual();
		if (!d) return;
		if (estado.selecionadas.length === 0) {
			byId('selecao-texto').textContent = 'Marque ao menos uma mensagem.';
			return;
		}
		const dlg = byId<HTMLDialogElement>('dlg-chamado');
		byId('chamado-resumo').textContent = estado.selecionadas.length + ' mensagem(ns) de ' + nomeContato(d) + ' irão para o chamado.';
		byId('chamado-erro').textContent = '';
		const sel = byId<HTMLSelectElement>('chamado-departamento');
		limpar(sel);
		sel.appendChild(el('option', { atributos: { value: '' } }, 'Carregando…'));
		dlg.showModal();
		try {
			const r = await api<{ departamentos?: { id: string; nome: string }[] }>('GET', 'departamentos', { params: { conversa: d.id } });
			limpar(sel);
			sel.appendChild(el('option', { atributos: { value: '' } }, 'Escolha o departamento'));
			for (const dep of r.departamentos || []) sel.appendChild(el('option', { atributos: { value: String(dep.id) } }, dep.nome));
		} catch (e) {
			limpar(sel);
			byId('chamado-erro').textContent = 'Departamentos indisponíveis: ' + mensagemDe(e);
		}
	}

	async function enviarChamado(): Promise<void> {
		const d = detalheAtual();
		if (!d) return;
		const vincular = byId<HTMLInputElement>('chamado-vincular').checked;
		const erro = byId('chamado-erro');
		const corpo: Record<string, unknown> = { conversa: d.id, mensagens: estado.selecionadas.slice() };
		if (vincular) {
			const numero = byId<HTMLInputElement>('chamado-existente').value.trim();
			if (!numero) return void (erro.textContent = 'Informe o número do chamado existente.');
			corpo.chamadoExistente = numero;
		} else {
			const departamento = byId<HTMLSelectElement>('chamado-departamento').value;
			const assunto = byId<HTMLInputElement>('chamado-assunto').value.trim();
			if (!departamento || !assunto) return void (erro.textContent = 'Escolha o departamento e escreva o assunto.');
			corpo.departamento = departamento;
			corpo.assunto = assunto;
		}
		const botao = byId<HTMLButtonElement>('chamado-enviar');
		botao.disabled = true;
		try {
			const r = await api<{ protocolo: string }>('POST', 'chamado', { corpo });
			byId<HTMLDialogElement>('dlg-chamado').close();
			aviso('Chamado aberto: protocolo ' + r.protocolo);
			byId<HTMLInputElement>('chamado-assunto').value = '';
			byId<HTMLInputElement>('chamado-existente').value = '';
			alternarSelecao(false);
			await recarregarConversa();
		} catch (e) {
			erro.textContent = mensagemDe(e);
		} finally {
			botao.disabled = false;
		}
	}

	/** Wires the conversation pane's controls (once, at start). */
	export function ligarConversa(): void {
		const caixa = byId<HTMLTextAreaElement>('resposta-texto');
		byId('resposta').addEventListener('submit', (ev) => {
			ev.preventDefault();
			void enviarResposta();
		});
		caixa.addEventListener('input', atualizarRapidas);
		caixa.addEventListener('blur', () => window.setTimeout(fecharRapidas, 150));
		caixa.addEventListener('keydown', (ev) => {
			if (rapidasVisiveis.length > 0) {
				if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
					ev.preventDefault();
					const n = rapidasVisiveis.length;
					rapidaAtiva = (rapidaAtiva + (ev.key === 'ArrowDown' ? 1 : n - 1)) % n;
					atualizarRapidas();
					return;
				}
				if (ev.key === 'Enter' || ev.key === 'Tab') {
					ev.preventDefault();
					escolherRapida(rapidaAtiva);
					return;
				}
				if (ev.key === 'Escape') {
					ev.preventDefault();
					fecharRapidas();
					return;
				}
			}
			if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
				ev.preventDefault();
				void enviarResposta();
			}
		});
		byId('btn-anexar').addEventListener('click', () => byId<HTMLInputElement>('arquivo').click());
		byId<HTMLInputElement>('arquivo').addEventListener('change', () => {
			const f = byId<HTMLInputElement>('arquivo').files;
			if (f && f[0]) anexar(f[0]);
		});
		byId('anexo-remover').addEventListener('click', limparAnexo);
		const alvo = byId('conversa');
		const resposta = byId('resposta');
		alvo.addEventListener('dragover', (ev) => {
			if (resposta.hidden || !ev.dataTransfer || Array.from(ev.dataTransfer.types).indexOf('Files') < 0) return;
			ev.preventDefault();
			resposta.classList.add('arrastando');
		});
		alvo.addEventListener('dragleave', () => resposta.classList.remove('arrastando'));
		alvo.addEventListener('drop', (ev) => {
			resposta.classList.remove('arrastando');
			if (resposta.hidden || !ev.dataTransfer || ev.dataTransfer.files.length === 0) return;
			ev.preventDefault();
			anexar(ev.dataTransfer.files[0]);
		});
		byId('template-form').addEventListener('submit', (ev) => {
			ev.preventDefault();
			void enviarTemplate();
		});
		byId('template-nome').addEventListener('change', renderVariaveis);
		byId('btn-assumir').addEventListener('click', () => void acao('assumir', 'Conversa assumida.'));
		byId('btn-pendente').addEventListener('click', () => void acao('pendente', 'Conversa marcada como pendente.'));
		byId('btn-resolver').addEventListener('click', () => void acao('resolver', 'Conversa resolvida.'));
		byId('btn-devolver').addEventListener('click', () => void acao('devolver', 'Conversa devolvida ao bot.'));
		byId('btn-encaminhar').addEventListener('click', () => {
			const d = detalheAtual();
			if (d) abrirEncaminhar(d.id, d.equipe);
		});
		byId('encaminhar-equipe').addEventListener('change', preencherAtendentes);
		byId('encaminhar-form').addEventListener('submit', (ev) => {
			ev.preventDefault();
			void encaminhar();
		});
		byId('btn-chamado').addEventListener('click', () => alternarSelecao(!estado.selecionando));
		byId('selecao-cancelar').addEventListener('click', () => alternarSelecao(false));
		byId('selecao-continuar').addEventListener('click', () => void abrirDialogoChamado());
		byId('historico').addEventListener('change', (ev) => {
			const caixaSel = ev.target as HTMLInputElement;
			const id = caixaSel.dataset ? caixaSel.dataset.entrada : undefined;
			if (!id) return;
			estado.selecionadas = estado.selecionadas.filter((x) => x !== id);
			if (caixaSel.checked) estado.selecionadas.push(id);
			const linha = caixaSel.closest('.msg');
			if (linha) linha.classList.toggle('selecionada', caixaSel.checked);
			byId('selecao-texto').textContent = estado.selecionadas.length + ' mensagem(ns) marcada(s).';
		});
		byId('chamado-vincular').addEventListener('change', () => {
			const v = byId<HTMLInputElement>('chamado-vincular').checked;
			mostrar(byId('chamado-novo'), !v);
			mostrar(byId('chamado-existente-campo'), v);
		});
		byId('chamado-form').addEventListener('submit', (ev) => {
			ev.preventDefault();
			void enviarChamado();
		});
		const transf = byId<HTMLInputElement>('mostrar-transferencias');
		transf.checked = estado.mostrarTransferencias;
		transf.addEventListener('change', () => {
			estado.mostrarTransferencias = transf.checked;
			guardar('mostrarTransferencias', transf.checked ? '1' : '0');
			byId('historico').classList.toggle('sem-transferencias', !transf.checked);
		});
		byId('voltar-lista').addEventListener('click', () => {
			definirVista('lista');
			const atual = document.querySelector<HTMLElement>('.linha[aria-current=true]');
			if (atual) atual.focus();
		});
		byId('ver-cliente').addEventListener('click', () => {
			definirVista('cliente');
			byId('voltar-conversa').focus();
		});
		byId('voltar-conversa').addEventListener('click', () => {
			definirVista('conversa');
			byId('ver-cliente').focus();
		});
	}
}
