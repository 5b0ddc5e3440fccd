/* Supervisor view: agents, teams, conversations to reassign, metrics by period. */
namespace Painel {
	function isoLocal(d: Date): string {
		return d.getFullYear() + '-' + (d.getMonth() < 9 ? '0' : '') + (d.getMonth() + 1) + '-' + (d.getDate() < 10 ? '0' : '') + d.getDate();
	}

	/** `de`/`ate` (ISO dates, inclusive) of a period of the picker: today, last 7 or 30 days. */
	export function periodo(valor: string, hoje: Date = new Date()): { de: string; ate: string } {
		const dias = valor === '30' ? 30 : valor === '7' ? 7 : 1;
		const inicio = new Date(hoje.getFullYear(), hoje.getMonth(), hoje.getDate() - (dias - 1));
		return { de: isoLocal(inicio), ate: isoLocal(hoje) };
	}

	export function supervisaoAberta(): boolean {
		return !byId('tela-supervisao').hidden;
	}

	export async function atualizarSupervisaoSeAberta(): Promise<void> {
		if (supervisaoAberta()) await carregarSupervisao();
	}

	export async function carregarSupervisao(): Promise<void> {
		try {
			const s = await api<Supervisao>('GET', 'supervisao');
			renderSupervisao(s);
		} catch (erro) {
			aviso('Supervisão indisponível: ' + mensagemDe(erro));
		}
	}

	function renderSupervisao(s: Supervisao): void {
		const agentes = byId('sup-agentes');
		limpar(agentes);
		agentes.appendChild(
			tabela(
				['Atendente', 'Login', 'Equipes', 'Status', 'Abertas'],
				s.agentes.map((a) => [
					a.nome,
					a.login,
					a.equipes.join(', '),
					el('span', a.status === 'online' ? 'status-online' : 'status-ausente', a.status === 'online' ? '● Online' : '○ Ausente'),
					String(a.abertas),
				]),
				'Atendentes',
			),
		);
		const equipes = byId('sup-equipes');
		limpar(equipes);
		equipes.appendChild(
			tabela(
				['Equipe', 'Novas', 'Abertas', 'Pendentes'],
				s.equipes.map((e) => [e.nome, String(e.novas), String(e.abertas), String(e.pendentes)]),
				'Equipes',
			),
		);
		const filas = estado.filas;
		const conversas = s.conversas || (filas ? filas.novas.concat(filas.minhas, filas.pendentes) : []);
		const lista = byId('sup-conversas');
		limpar(lista);
		if (conversas.length === 0) {
			lista.appendChild(el('p', 'muted', 'Nenhuma conversa em andamento.'));
			return;
		}
		lista.appendChild(
			tabela(
				['Cliente', 'Canal', 'Equipe', 'Atendente', 'Espera', ''],
				conversas.map((c) => {
					const botao = el('button', { classe: 'btn pequeno', atributos: { type: 'button', 'aria-label': 'Encaminhar a conversa de ' + nomeContato(c) } }, 'Encaminhar');
					botao.addEventListener('click', () => abrirEncaminhar(c.id, c.equipe));
					return [
						nomeContato(c),
						NOME_CANAL[c.canal],
						c.equipe || '—',
						nomeAtendente(c.atendente) || '—',
						typeof c.clienteEsperaDesde === 'number' ? haQuanto(c.clienteEsperaDesde) : '—',
						botao,
					];
				}),
				'Conversas em andamento',
			),
		);
	}

	export async function carregarMetricas(): Promise<void> {
		const alvo = byId('metricas');
		const p = periodo(byId<HTMLSelectElement>('metricas-periodo').value);
		limpar(alvo);
		alvo.appendChild(el('p', 'muted', 'Carregando…'));
		try {
			const m = await api<Metricas>('GET', 'metricas', { params: { de: p.de, ate: p.ate } });
			limpar(alvo);
			const card = (titulo: string, t: Tempos): HTMLElement =>
				el('div', 'card', el('span', 'muted', titulo), el('strong', null, duracao(t.p50Seg)), el('span', 'muted', 'mediana · média ' + duracao(t.mediaSeg)));
			alvo.appendChild(el('div', 'cards', card('Primeira resposta', m.primeiraResposta || {}), card('Tempo de atendimento', m.tempoAtendimento || {})));
			// CSAT: % of ratings 4 or 5 on 1–5, then how many ratings and their average: "66,7% (3 · média 3,67)".
			const csat = (v: number | undefined, respostas?: number, media?: number): string =>
				typeof v === 'number'
					? v.toLocaleString('pt-BR', { maximumFractionDigits: 1 }) +
						'%' +
						(typeof respostas === 'number' ? ' (' + respostas + (typeof media === 'number' ? ' · média ' + media.toLocaleString('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : '') + ')' : '')
					: '—';
			alvo.appendChild(el('h3', null, 'Por atendente'));
			alvo.appendChild(
				tabela(
					['Atendente', 'Conversas', '1ª resposta (média)', 'Tempo médio', 'CSAT'],
					(m.porAtendente || []).map((a) => [a.nome || a.login, String(a.conversas), duracao(a.primeiraRespostaMediaSeg), duracao(a.tempoMedioSeg), csat(a.csat, a.csatRespostas, a.csatMedia)]),
					'Métricas por atendente',
				),
			);
			alvo.appendChild(el('h3', null, 'Por equipe'));
			alvo.appendChild(
				tabela(
					['Equipe', 'Conversas', '1ª resposta (média)', 'Tempo médio', 'CSAT'],
					(m.porEquipe || []).map((e) => [e.equipe, String(e.conversas), duracao(e.primeiraRespostaMediaSeg), duracao(e.tempoMedioSeg), csat(e.csat, e.csatRespostas, e.csatMedia)]),
					'Métricas por equipe',
				),
			);
		} catch (erro) {
			limpar(alvo);
			alvo.appendChild(el('p', 'erro', 'Métricas indisponíveis: ' + mensagemDe(erro)));
		}
	}

	export function alternarSupervisao(abrir: boolean): void {
		mostrar(byId('tela-supervisao'), abrir);
		mostrar(byId('colunas'), !abrir);
		byId('btn-supervisao').setAttribute('aria-pressed', abrir ? 'true' : 'false');
		if (abrir) {
			void carregarSupervisao();
			void carregarMetricas();
		}
	}
}
