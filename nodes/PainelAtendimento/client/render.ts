/* DOM builders for the queue rows, the thread and the customer panel (textContent only). */
namespace Painel {
	const ROTULO_DE: Record<string, string> = { cliente: '', bot: 'Bot: ', atendente: 'Você: ' };

	/** One row of a queue: a button that opens the conversation. */
	export function linhaConversa(r: Resumo, atual: boolean, eu: string): HTMLLIElement {
		const nome = nomeContato(r);
		const canal = el('span', { classe: 'canal canal-' + r.canal, atributos: { title: 'Canal: ' + NOME_CANAL[r.canal] } }, NOME_CANAL[r.canal]);
		const espera =
			r.estado !== 'encerrada' && typeof r.clienteEsperaDesde === 'number'
				? el('span', { classe: 'espera', atributos: { 'data-desde': String(r.clienteEsperaDesde), title: 'Tempo de espera do cliente' } }, haQuanto(r.clienteEsperaDesde))
				: el('span', 'muted', r.ultimaMensagem ? hora(r.ultimaMensagem.em) : '');
		const ultima = r.ultimaMensagem;
		const trecho = ultima ? (ultima.de === 'atendente' ? ROTULO_DE.atendente : ROTULO_DE[ultima.de] || '') + ultima.texto : '';
		const badge = r.naoLidas > 0 ? el('span', { classe: 'badge', atributos: { 'aria-label': r.naoLidas + ' não lidas' } }, String(r.naoLidas)) : null;
		const info = el('span', 'info', canal, r.equipe ? el('span', null, r.equipe) : null, r.atendente ? el('span', null, '· ' + (r.atendente === eu ? 'você' : nomeAtendente(r.atendente))) : null, badge);
		for (const etiqueta of r.etiquetas || []) info.appendChild(el('span', 'etiqueta', etiqueta));
		const botao = el(
			'button',
			{ classe: 'linha', atributos: { type: 'button', 'data-id': r.id, 'aria-current': atual ? 'true' : undefined } },
			el('span', 'nome', nome),
			espera,
			el('span', 'trecho', trecho),
			info,
		);
		return el('li', null, botao);
	}

	/** Text of a system line for an event of the history. */
	export function textoEvento(e: Evento): string {
		const por = e.por ? ' por ' + nomeAtendente(e.por) : '';
		switch (e.tipo) {
			case 'transferida':
				return 'Transferida pelo fluxo' + (e.equipe ? ' para a equipe ' + e.equipe : '') + por;
			case 'encaminhada':
				return 'Encaminhada' + (e.equipe ? ' para a equipe ' + e.equipe : '') + (e.atendente ? (e.equipe ? ', atendente ' : ' para ') + nomeAtendente(e.atendente) : '') + por;
			case 'atribuida':
				return 'Atribuída a ' + (nomeAtendente(e.atendente) || '?') + por;
			case 'pendente':
				return 'Marcada como pendente' + por;
			case 'resolvida':
				return 'Resolvida' + por;
			case 'devolvida':
				return 'Devolvida ao bot' + por;
			case 'chamado':
				return 'Chamado aberto: protocolo ' + (e.protocolo || '?') + por;
			case 'encerrada':
				return 'Conversa encerrada' + por;
			default:
				return 'Evento';
		}
	}

	/** Team-transfer lines, hidden by "Mostrar transferências". */
	export function ehTransferencia(entrada: Entrada): boolean {
		return entrada.tipo === 'evento' && !!entrada.evento && (entrada.evento.tipo === 'transferida' || entrada.evento.tipo === 'encaminhada');
	}

	const STATUS: Record<string, string> = { enviada: '✓ enviada', entregue: '✓✓ entregue', lida: '✓✓ lida', falhou: '✕ falhou' };

	function conteudoArquivo(a: { nome: string; tipo: string; url: string }): Node {
		const url = urlSegura(a.url);
		const nome = a.nome || 'arquivo';
		if (!url) return el('span', 'muted', nome + ' (endereço do arquivo recusado)');
		const tipo = (a.tipo || '').toLowerCase();
		const link = (texto: string): HTMLAnchorElement => {
			const l = el('a', { atributos: { target: '_blank', rel: 'noopener noreferrer' } }, texto);
			l.href = url;
			return l;
		};
		if (tipo.indexOf('image/') === 0) {
			const img = el('img', 'arquivo-img');
			img.alt = nome;
			img.loading = 'lazy';
			img.src = url;
			const l = link('');
			l.appendChild(img);
			return el('span', null, l, el('span', 'muted', nome));
		}
		if (tipo.indexOf('audio/') === 0) {
			const audio = el('audio');
			audio.controls = true;
			audio.preload = 'none';
			audio.src = url;
			audio.setAttribute('aria-label', 'Áudio: ' + nome);
			return el('span', null, audio, link('Baixar ' + nome));
		}
		if (tipo === 'application/pdf') return link(nome + ' (PDF)');
		return link('Arquivo: ' + nome);
	}

	/** One line of the thread: a bubble, or a system line for an event. */
	export function linhaHistorico(entrada: Entrada, selecionando: boolean, selecionada: boolean): HTMLElement {
		if (entrada.tipo === 'evento' || entrada.de === 'sistema') {
			const texto = entrada.evento ? textoEvento(entrada.evento) : entrada.texto || '';
			return el('div', { classe: 'sistema' + (ehTransferencia(entrada) ? ' transferencia' : ''), atributos: { 'data-id': entrada.id } }, texto + ' · ' + hora(entrada.em));
		}
		const bolha = el('div', 'bolha');
		if (entrada.de === 'bot') bolha.appendChild(el('span', 'autor', 'Bot'));
		if (entrada.de === 'atendente') bolha.appendChild(el('span', 'autor', nomeAtendente(entrada.atendente) || 'Atendente'));
		if (entrada.tipo === 'arquivo' && entrada.arquivo) bolha.appendChild(conteudoArquivo(entrada.arquivo));
		if (entrada.texto) bolha.appendChild(el('span', 'texto', entrada.texto));
		const meta = el('span', 'meta', el('time', { atributos: { datetime: new Date(entrada.em).toISOString() } }, hora(entrada.em)));
		if (entrada.status && STATUS[entrada.status]) meta.appendChild(el('span', entrada.status === 'falhou' ? 'falhou' : entrada.status === 'lida' ? 'lida' : null, ' ' + STATUS[entrada.status]));
		bolha.appendChild(meta);
		const linha = el('div', { classe: 'msg ' + entrada.de + (selecionada ? ' selecionada' : ''), atributos: { 'data-id': entrada.id } });
		if (selecionando) {
			const caixa = el('input', { atributos: { type: 'checkbox', 'aria-label': 'Incluir no chamado a mensagem das ' + hora(entrada.em) } });
			caixa.checked = selecionada;
			caixa.dataset.entrada = entrada.id;
			linha.appendChild(caixa);
		}
		linha.appendChild(bolha);
		return linha;
	}

	function par(dl: HTMLElement, rotulo: string, valor: string | undefined | null): void {
		if (valor === undefined || valor === null || valor === '') return;
		dl.appendChild(el('dt', null, rotulo));
		dl.appendChild(el('dd', null, valor));
	}

	function textoValor(v: unknown): string {
		if (typeof v === 'string') return v;
		if (typeof v === 'number' || typeof v === 'boolean') return String(v);
		try {
			return JSON.stringify(v);
		} catch {
			return String(v);
		}
	}

	/** The right-hand panel: contact, bot answers, tags, ERP customer, tickets. */
	export function painelCliente(d: Detalhe): HTMLElement {
		const raiz = el('div');
		raiz.appendChild(el('h2', null, nomeContato(d)));
		const dl = el('dl');
		par(dl, 'Telefone', d.contato.telefone);
		par(dl, 'Usuário', d.contato.usuario ? '@' + d.contato.usuario : undefined);
		par(dl, 'Canal', NOME_CANAL[d.canal]);
		par(dl, 'Protocolo', d.protocolo);
		par(dl, 'Equipe', d.equipe);
		par(dl, 'Atendente', nomeAtendente(d.atendente) || 'ninguém');
		par(dl, 'Chegou', d.motivoChegada);
		raiz.appendChild(dl);
		if (d.descricao) {
			raiz.appendChild(el('h3', null, 'Descrição do cliente'));
			raiz.appendChild(el('p', null, d.descricao));
		}
		const chaves = Object.keys(d.variaveis || {});
		if (chaves.length > 0) {
			raiz.appendChild(el('h3', null, 'Respostas ao bot'));
			const vars = el('dl');
			for (const k of chaves) par(vars, k, textoValor(d.variaveis[k]));
			raiz.appendChild(vars);
		}
		raiz.appendChild(el('h3', null, 'Etiquetas'));
		if (d.etiquetas && d.etiquetas.length > 0) {
			const p = el('p');
			for (const e of d.etiquetas) {
				p.appendChild(el('span', 'etiqueta', e));
				p.appendChild(document.createTextNode(' '));
			}
			raiz.appendChild(p);
		} else raiz.appendChild(el('p', 'muted', 'Nenhuma.'));
		if (d.cliente) {
			const c = d.cliente;
			raiz.appendChild(el('h3', null, 'Cliente no ERP'));
			const erp = el('dl');
			par(erp, 'Nome', c.nome);
			par(erp, 'CPF/CNPJ', c.documento);
			raiz.appendChild(erp);
			if (c.contratos && c.contratos.length > 0) {
				raiz.appendChild(el('h3', null, 'Contratos'));
				const ul = el('ul');
				for (const ct of c.contratos) {
					const ativo = /^ativ/i.test(ct.situacao);
					ul.appendChild(el('li', null, ct.id + (ct.plano ? ' · ' + ct.plano : '') + ' — ', el('span', ativo ? 'situacao-ativo' : 'situacao-outro', ct.situacao)));
				}
				raiz.appendChild(ul);
			}
			raiz.appendChild(el('h3', null, 'Faturas em aberto'));
			if (c.faturasAbertas && c.faturasAbertas.length > 0) {
				const ul = el('ul');
				for (const f of c.faturasAbertas) ul.appendChild(el('li', null, reais(f.valor) + ' — vence ' + dataBr(f.vencimento)));
				raiz.appendChild(ul);
			} else raiz.appendChild(el('p', 'muted', 'Nenhuma.'));
		}
		raiz.appendChild(el('h3', null, 'Chamados'));
		if (d.chamados && d.chamados.length > 0) {
			const ul = el('ul');
			for (const ch of d.chamados) ul.appendChild(el('li', null, ch.protocolo + ' — ' + hora(ch.em)));
			raiz.appendChild(ul);
		} else raiz.appendChild(el('p', 'muted', 'Nenhum.'));
		return raiz;
	}

	/** A simple table: header labels and rows of cells (text or nodes). */
	export function tabela(titulos: string[], linhas: (string | Node)[][], legenda: string): HTMLTableElement {
		const t = el('table');
		t.appendChild(el('caption', 'sr-only', legenda));
		const cab = el('tr');
		for (const titulo of titulos) cab.appendChild(el('th', { atributos: { scope: 'col' } }, titulo));
		t.appendChild(el('thead', null, cab));
		const corpo = el('tbody');
		for (const linha of linhas) {
			const tr = el('tr');
			for (const c of linha) tr.appendChild(el('td', null, c));
			corpo.appendChild(tr);
		}
		t.appendChild(corpo);
		return t;
	}
}
