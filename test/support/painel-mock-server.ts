// An in-memory stand-in for the Painel de Atendimento webhook: a small Node HTTP server that
// implements the desk's whole HTTP contract (docs/arquitetura.md, "Painel do Atendente") with two
// teams, three agents and a set of conversations (one WhatsApp conversation outside the 24 h window,
// hostile names and messages), and serves the real page (nodes/PainelAtendimento/page.ts) at
// /webhook/painel. Browser tests drive it; the real server replaces it later, so it enforces the
// same rules: session cookie, X-CSRF-Token on every POST but `entrar`, 401 `sessaoExpirada`, 403 for
// another team's conversation, 409 on a taken conversation, 429 after too many wrong passwords.
//
// Hooks let a test act as the outside world: adicionarMensagemCliente (a customer writes),
// novaConversa (the flow transfers one), expirarSessoes, indisponivel (the long poll fails).
import { randomBytes } from 'crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

import { painelPage, painelPageHeaders } from '../../nodes/PainelAtendimento/page';

export const PAINEL_PATH = '/webhook/painel';

type Canal = 'webchat' | 'whatsapp' | 'telegram' | 'messenger' | 'instagram';
type Estado = 'nova' | 'aberta' | 'pendente' | 'encerrada';
type De = 'cliente' | 'bot' | 'atendente' | 'sistema';

export interface MockEntrada {
	id: string;
	em: number;
	de: De;
	tipo: 'texto' | 'arquivo' | 'evento';
	texto?: string;
	arquivo?: { nome: string; tipo: string; url: string };
	atendente?: string;
	evento?: { tipo: string; equipe?: string; atendente?: string; por?: string; protocolo?: string };
	status?: 'enviada' | 'entregue' | 'lida' | 'falhou';
}

export interface MockConversa {
	id: string;
	protocolo: string;
	canal: Canal;
	contato: { nome?: string; telefone?: string; id: string };
	equipe?: string;
	atendente?: string;
	estado: Estado;
	chegouEm: number;
	encerradaEm?: number;
	historico: MockEntrada[];
	etiquetas: string[];
	variaveis: Record<string, unknown>;
	descricao?: string;
	motivoChegada?: string;
	cliente?: Record<string, unknown>;
	chamados: { protocolo: string; em: number }[];
	lidoAte: Record<string, number>;
	arquivos: Record<string, { nome: string; tipo: string; dados: Buffer }>;
}

interface Usuario {
	login: string;
	nome: string;
	senha: string;
	equipes: string[];
	papel: 'agente' | 'supervisor';
	status: 'online' | 'ausente';
}

interface Sessao {
	login: string;
	csrf: string;
}

interface Espera {
	login: string;
	desde: number;
	res: ServerResponse;
	timer: NodeJS.Timeout;
}

export interface PainelMockOptions {
	/** How long `?r=mudancas` holds an empty answer (the contract allows up to 25 s). */
	longPollMs?: number;
	/** Wrong passwords per login before 429. */
	maxTentativas?: number;
	titulo?: string;
}

export interface PainelMock {
	/** http://127.0.0.1:<port> */
	origin: string;
	/** The page: origin + /webhook/painel */
	url: string;
	conversas: Map<string, MockConversa>;
	/** Every accepted POST ?r=responder body, in order, with the agent's login. */
	respostas: Array<{ login: string; conversa: string; texto?: string; arquivo?: { nome: string; tipo: string; base64: string } }>;
	templatesEnviados: Array<{ login: string; conversa: string; nome: string; idioma: string; variaveis: string[] }>;
	chamados: Array<{ conversa: string; mensagens: string[]; departamento?: string; assunto?: string; chamadoExistente?: string; protocolo: string }>;
	presencas: Array<{ login: string; status: string }>;
	/** Every request as `METHOD r` (r = '' for the page), for tests that check what the client asked. */
	requisicoes: string[];
	adicionarMensagemCliente(conversa: string, texto: string): MockEntrada;
	novaConversa(dados: { nome?: string; telefone?: string; canal?: Canal; equipe: string; texto: string }): MockConversa;
	expirarSessoes(): void;
	/**
	 * As the real server after a restart: a conversation arrives without a recorded change, and every
	 * held long poll answers `recarregar: true` (the client must reload its queues to see it).
	 */
	recarregarTudo(dados: { nome?: string; telefone?: string; canal?: Canal; equipe: string; texto: string }): MockConversa;
	/** While true, `?r=mudancas` answers 503, held long polls too (the client must show "Reconectando…" and retry). */
	indisponivel(sim: boolean): void;
	close(): Promise<void>;
}

const MIN = 60_000;
const HORA = 60 * MIN;
const DIA = 24 * HORA;
const JANELA_MS = DIA;

const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAIAAABvFaqvAAAAH0lEQVR4nGOQCzhBFcQwatCoQaMGjRo0atCoQQNvEADWF7mfwKJkXQAAAABJRU5ErkJggg==',
	'base64',
);
const PDF = Buffer.from('%PDF-1.1\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** 0.2 s of silence, 8 kHz mono 8-bit WAV. */
function wav(): Buffer {
	const amostras = 1600;
	const b = Buffer.alloc(44 + amostras, 128);
	b.write('RIFF', 0);
	b.writeUInt32LE(36 + amostras, 4);
	b.write('WAVEfmt ', 8);
	b.writeUInt32LE(16, 16);
	b.writeUInt16LE(1, 20);
	b.writeUInt16LE(1, 22);
	b.writeUInt32LE(8000, 24);
	b.writeUInt32LE(8000, 28);
	b.writeUInt16LE(1, 32);
	b.writeUInt16LE(8, 34);
	b.write('data', 36);
	b.writeUInt32LE(amostras, 40);
	return b;
}

export const HOSTIL_NOME = '<img src=x onerror=alert(1)>';
export const HOSTIL_TEXTO = '</script><script>alert(2)</script>';
export const HOSTIL_ARQUIVO = '"><img src=x onerror=alert(3)>.pdf';

const TEMPLATES = [
	{ nome: 'retomar_atendimento', idioma: 'pt_BR', categoria: 'UTILITY', corpo: 'Olá, {{1}}! Aqui é {{2}}, do suporte. Podemos continuar seu atendimento? Responda esta mensagem.', variaveis: 2 },
	{ nome: 'visita_agendada', idioma: 'pt_BR', categoria: 'UTILITY', corpo: 'Sua visita técnica foi agendada para {{1}}.', variaveis: 1 },
];

const DEPARTAMENTOS = [
	{ id: '10', nome: 'Suporte técnico' },
	{ id: '20', nome: 'Financeiro' },
];

/** Starts the mock on 127.0.0.1 (random port). */
export async function startPainelMock(options: PainelMockOptions = {}): Promise<PainelMock> {
	const longPollMs = options.longPollMs ?? 25_000;
	const maxTentativas = options.maxTentativas ?? 5;
	const agora = Date.now();
	let seq = 0;
	let cursor = 0;
	let fora = false;
	const mudancas: Array<{ seq: number; conversa: string; tipo: string }> = [];
	const esperas = new Set<Espera>();
	const timers = new Set<NodeJS.Timeout>();
	const sessoes = new Map<string, Sessao>();
	const tentativas = new Map<string, number>();
	const conversas = new Map<string, MockConversa>();
	const usuarios: Usuario[] = [
		{ login: 'ana', nome: 'Ana Lima', senha: 'senha-da-ana', equipes: ['Suporte'], papel: 'agente', status: 'online' },
		{ login: 'bruno', nome: 'Bruno Reis', senha: 'senha-do-bruno', equipes: ['Financeiro'], papel: 'agente', status: 'ausente' },
		{ login: 'carla', nome: 'Carla Dias', senha: 'senha-da-carla', equipes: ['Suporte', 'Financeiro'], papel: 'supervisor', status: 'online' },
	];
	const EQUIPES = ['Suporte', 'Financeiro'];
	const mock: PainelMock = {
		origin: '',
		url: '',
		conversas,
		respostas: [],
		templatesEnviados: [],
		chamados: [],
		presencas: [],
		requisicoes: [],
		adicionarMensagemCliente,
		novaConversa,
		expirarSessoes: () => sessoes.clear(),
		recarregarTudo: (dados) => {
			const c = novaConversa(dados, false);
			for (const espera of esperas) {
				clearTimeout(espera.timer);
				json(espera.res, 200, { cursor, mudancas: [], recarregar: true });
			}
			esperas.clear();
			return c;
		},
		indisponivel: (sim) => {
			fora = sim;
			if (!sim) return;
			for (const espera of esperas) {
				clearTimeout(espera.timer);
				json(espera.res, 503, { erro: 'Indisponível.' });
			}
			esperas.clear();
		},
		close,
	};

	const id = (prefixo: string): string => `${prefixo}${++seq}`;

	function entrada(de: De, em: number, extra: Partial<MockEntrada>): MockEntrada {
		return { id: id('e'), em, de, tipo: 'texto', ...extra };
	}
	function evento(em: number, ev: MockEntrada['evento']): MockEntrada {
		return { id: id('e'), em, de: 'sistema', tipo: 'evento', evento: ev };
	}

	function criar(c: Omit<MockConversa, 'lidoAte' | 'arquivos' | 'chamados' | 'etiquetas' | 'variaveis'> & Partial<MockConversa>): MockConversa {
		const conversa: MockConversa = { lidoAte: {}, arquivos: {}, chamados: [], etiquetas: [], variaveis: {}, ...c };
		conversas.set(conversa.id, conversa);
		return conversa;
	}

	function anexarArquivo(c: MockConversa, nome: string, tipo: string, dados: Buffer): { nome: string; tipo: string; url: string } {
		const arquivoId = id('f');
		c.arquivos[arquivoId] = { nome, tipo, dados };
		return { nome, tipo, url: `${PAINEL_PATH}?r=arquivo&conversa=${encodeURIComponent(c.id)}&arquivo=${arquivoId}` };
	}

	/* ---------- the seed ---------- */
	const c1 = criar({
		id: 'c-maria',
		protocolo: '20250301-101500-A1B2',
		canal: 'webchat',
		contato: { nome: 'Maria Souza', id: 'web-7f3a' },
		equipe: 'Suporte',
		estado: 'nova',
		chegouEm: agora - 12 * MIN,
		motivoChegada: 'Transferido pelo fluxo (card Falar com atendente)',
		etiquetas: ['sem-internet'],
		variaveis: { cpf: '***.456.789-**', opcao: 'Suporte', roteador: 'TP-Link' },
		descricao: 'Internet caiu desde ontem à noite, a luz LOS está vermelha.',
		cliente: {
			nome: 'Maria Souza',
			documento: '***.456.789-**',
			contratos: [
				{ id: '4512', plano: 'Fibra 300 Mega', situacao: 'Ativo' },
				{ id: '3307', plano: 'Fibra 100 Mega', situacao: 'Cancelado' },
			],
			faturasAbertas: [{ valor: 99.9, vencimento: '2025-03-10' }],
		},
		historico: [],
	});
	c1.historico.push(
		entrada('bot', agora - 15 * MIN, { texto: 'Olá! Sou o assistente virtual. Escolha: 1 Comercial, 2 Suporte, 3 Financeiro.' }),
		entrada('cliente', agora - 14 * MIN, { texto: '2' }),
		entrada('bot', agora - 14 * MIN + 2000, { texto: 'Descreva o problema, por favor.' }),
		entrada('cliente', agora - 13 * MIN, { texto: 'Internet caiu desde ontem à noite, a luz LOS está vermelha.' }),
		evento(agora - 12 * MIN, { tipo: 'transferida', equipe: 'Suporte' }),
		entrada('cliente', agora - 12 * MIN + 1000, { texto: 'Alguém pode me ajudar?' }),
	);

	const c2 = criar({
		id: 'c-hostil',
		protocolo: '20250301-102000-HX01',
		canal: 'whatsapp',
		contato: { nome: HOSTIL_NOME, telefone: '5511988887777', id: '5511988887777' },
		equipe: 'Suporte',
		estado: 'nova',
		chegouEm: agora - 5 * MIN,
		motivoChegada: 'Erro do bot (card Consultar fatura)',
		etiquetas: ['<b>vip</b>'],
		variaveis: { observacao: HOSTIL_TEXTO },
		descricao: HOSTIL_NOME,
		historico: [],
	});
	c2.historico.push(
		entrada('cliente', agora - 7 * MIN, { texto: HOSTIL_TEXTO }),
		entrada('bot', agora - 7 * MIN + 1500, { texto: 'Não entendi. Vou chamar um atendente.', status: 'lida' }),
		evento(agora - 5 * MIN, { tipo: 'transferida', equipe: 'Suporte' }),
		entrada('cliente', agora - 5 * MIN + 500, { tipo: 'arquivo', arquivo: anexarArquivo(c2, 'foto-roteador.png', 'image/png', PNG) }),
		entrada('cliente', agora - 5 * MIN + 800, { tipo: 'arquivo', arquivo: anexarArquivo(c2, HOSTIL_ARQUIVO, 'application/pdf', PDF) }),
		entrada('cliente', agora - 4 * MIN, { tipo: 'arquivo', arquivo: anexarArquivo(c2, 'audio.wav', 'audio/wav', wav()) }),
	);

	const c3 = criar({
		id: 'c-jose',
		protocolo: '20250228-090000-J0S3',
		canal: 'whatsapp',
		contato: { nome: 'José Pereira', telefone: '5511977776666', id: '5511977776666' },
		equipe: 'Suporte',
		atendente: 'ana',
		estado: 'aberta',
		chegouEm: agora - 26 * HORA,
		motivoChegada: 'Transferido pelo fluxo (card Falar com atendente)',
		historico: [],
	});
	c3.historico.push(
		entrada('cliente', agora - 26 * HORA, { texto: 'Quero mudar o plano.' }),
		evento(agora - 26 * HORA + 1000, { tipo: 'transferida', equipe: 'Suporte' }),
		evento(agora - 26 * HORA + 2000, { tipo: 'atribuida', atendente: 'ana', por: 'ana' }),
		entrada('atendente', agora - 25.5 * HORA, { texto: 'Olá José, vou verificar os planos disponíveis.', atendente: 'ana', status: 'lida' }),
		entrada('cliente', agora - 25 * HORA, { texto: 'Ok, aguardo.' }),
	);
	c3.lidoAte.ana = agora - 25 * HORA + 1;

	criar({
		id: 'c-financeiro',
		protocolo: '20250301-103000-F1N4',
		canal: 'telegram',
		contato: { nome: 'Paulo (Financeiro)', id: 'tg-991' },
		equipe: 'Financeiro',
		estado: 'nova',
		chegouEm: agora - 30 * MIN,
		motivoChegada: 'Transferido pelo fluxo (card Financeiro)',
		historico: [entrada('cliente', agora - 30 * MIN, { texto: 'Preciso da segunda via do boleto.' })],
	});

	const c5 = criar({
		id: 'c-pendente',
		protocolo: '20250301-080000-P3ND',
		canal: 'webchat',
		contato: { telefone: '5511955554444', id: 'web-pend' },
		equipe: 'Suporte',
		atendente: 'ana',
		estado: 'pendente',
		chegouEm: agora - 3 * HORA,
		historico: [],
	});
	c5.historico.push(
		entrada('cliente', agora - 3 * HORA, { texto: 'A visita técnica vem hoje?' }),
		entrada('atendente', agora - 2.9 * HORA, { texto: 'Vou confirmar com a equipe de campo e retorno.', atendente: 'ana', status: 'entregue' }),
		evento(agora - 2.9 * HORA + 1000, { tipo: 'pendente', por: 'ana' }),
	);
	c5.lidoAte.ana = agora;

	const c6 = criar({
		id: 'c-encerrada',
		protocolo: '20250227-150000-3NC3',
		canal: 'whatsapp',
		contato: { nome: 'Lúcia Andrade', telefone: '5511944443333', id: '5511944443333' },
		equipe: 'Suporte',
		atendente: 'ana',
		estado: 'encerrada',
		chegouEm: agora - 2 * DIA,
		encerradaEm: agora - 2 * DIA + HORA,
		historico: [],
	});
	c6.historico.push(
		entrada('cliente', agora - 2 * DIA, { texto: 'Obrigada, voltou a funcionar.' }),
		evento(agora - 2 * DIA + HORA, { tipo: 'resolvida', por: 'ana' }),
	);
	c6.lidoAte.ana = agora;

	/* ---------- rules ---------- */
	const usuario = (login: string): Usuario | undefined => usuarios.find((u) => u.login === login);

	function pode(u: Usuario, c: MockConversa): boolean {
		return u.papel === 'supervisor' || c.atendente === u.login || (!!c.equipe && u.equipes.includes(c.equipe));
	}

	function transferidaEm(c: MockConversa): number {
		const t = c.historico.filter((e) => e.evento?.tipo === 'transferida' || e.evento?.tipo === 'encaminhada').pop();
		return t ? t.em : c.chegouEm;
	}

	function resumo(c: MockConversa, u: Usuario): Record<string, unknown> {
		const mensagens = c.historico.filter((e) => e.de !== 'sistema');
		const ultima = mensagens[mensagens.length - 1];
		const ultimaAtendente = [...c.historico].reverse().find((e) => e.de === 'atendente');
		let espera: number | undefined;
		if (c.estado !== 'encerrada') {
			const depois = c.historico.find((e) => e.de === 'cliente' && e.em > (ultimaAtendente ? ultimaAtendente.em : Infinity));
			espera = ultimaAtendente ? depois?.em : transferidaEm(c);
		}
		const desde = Math.max(c.lidoAte[u.login] ?? 0, transferidaEm(c) - 1);
		return {
			id: c.id,
			protocolo: c.protocolo,
			canal: c.canal,
			contato: c.contato,
			equipe: c.equipe,
			atendente: c.atendente,
			estado: c.estado,
			ultimaMensagem: ultima
				? { texto: ultima.texto ?? (ultima.arquivo ? `Arquivo: ${ultima.arquivo.nome}` : ''), de: ultima.de as 'cliente' | 'bot' | 'atendente', em: ultima.em }
				: undefined,
			clienteEsperaDesde: espera,
			naoLidas: c.historico.filter((e) => e.de === 'cliente' && e.em > desde).length,
			etiquetas: c.etiquetas,
		};
	}

	function janela(c: MockConversa): Record<string, unknown> | undefined {
		if (c.canal !== 'whatsapp' && c.canal !== 'messenger' && c.canal !== 'instagram') return undefined;
		const meta = c.canal !== 'whatsapp';
		const ultimaCliente = [...c.historico].reverse().find((e) => e.de === 'cliente');
		if (!ultimaCliente) return { canal: c.canal, aberta: false, ...(meta ? { agenteHumano: false } : {}) };
		const fechaEm = ultimaCliente.em + JANELA_MS;
		const agenteHumanoAte = ultimaCliente.em + 7 * DIA;
		return { canal: c.canal, ultimaMensagemCliente: ultimaCliente.em, aberta: Date.now() < fechaEm, fechaEm, ...(meta ? { agenteHumano: Date.now() < agenteHumanoAte, agenteHumanoAte } : {}) };
	}

	/** The server's refusal of an agent's reply outside the channel's window (view.ts closedWindowError), or undefined. */
	function recusaJanela(c: MockConversa): string | undefined {
		const j = janela(c);
		if (!j || j.aberta !== false) return undefined;
		if (c.canal === 'whatsapp') return 'Fora da janela de 24 horas: envie um template.';
		if (j.agenteHumano === true) return undefined;
		return `Mais de 7 dias desde a última mensagem do cliente: o ${c.canal === 'instagram' ? 'Instagram' : 'Messenger'} só permite responder quando ele escrever de novo.`;
	}

	function detalhe(c: MockConversa, u: Usuario): Record<string, unknown> {
		return {
			...resumo(c, u),
			historico: c.historico,
			variaveis: c.variaveis,
			descricao: c.descricao,
			cliente: c.cliente,
			janela: janela(c),
			chamados: c.chamados,
			motivoChegada: c.motivoChegada,
		};
	}

	function filas(u: Usuario): Record<string, unknown> {
		const sup = u.papel === 'supervisor';
		const minhaEquipe = (c: MockConversa): boolean => sup || (!!c.equipe && u.equipes.includes(c.equipe));
		const todas = [...conversas.values()].filter((c) => pode(u, c));
		const porEspera = (lista: MockConversa[]): Record<string, unknown>[] =>
			lista
				.map((c) => resumo(c, u))
				.sort((a, b) => ((a.clienteEsperaDesde as number) ?? Infinity) - ((b.clienteEsperaDesde as number) ?? Infinity));
		return {
			novas: porEspera(todas.filter((c) => c.estado === 'nova' && minhaEquipe(c))),
			minhas: porEspera(todas.filter((c) => c.estado === 'aberta' && c.atendente === u.login)),
			pendentes: porEspera(todas.filter((c) => c.estado === 'pendente' && (c.atendente === u.login || (!c.atendente && minhaEquipe(c)) || sup))),
			encerradas: todas
				.filter((c) => c.estado === 'encerrada' && (c.encerradaEm ?? 0) > Date.now() - 7 * DIA)
				.map((c) => resumo(c, u))
				.sort((a, b) => ((b.ultimaMensagem as { em: number } | undefined)?.em ?? 0) - ((a.ultimaMensagem as { em: number } | undefined)?.em ?? 0)),
			cursor,
		};
	}

	/* ---------- changes and long poll ---------- */
	function mudou(conversa: string, tipo: 'nova' | 'mensagem' | 'estado' | 'atribuicao'): void {
		cursor += 1;
		mudancas.push({ seq: cursor, conversa, tipo });
		for (const espera of [...esperas]) {
			const u = usuario(espera.login);
			const lista = u ? visiveis(u, espera.desde) : [];
			if (lista.length === 0) continue;
			esperas.delete(espera);
			clearTimeout(espera.timer);
			json(espera.res, 200, { cursor, mudancas: lista });
		}
	}

	function visiveis(u: Usuario, desde: number): Array<{ conversa: string; tipo: string }> {
		return mudancas
			.filter((m) => m.seq > desde)
			.filter((m) => {
				const c = conversas.get(m.conversa);
				return !!c && pode(u, c);
			})
			.map((m) => ({ conversa: m.conversa, tipo: m.tipo }));
	}

	function adicionarMensagemCliente(conversaId: string, texto: string): MockEntrada {
		const c = conversas.get(conversaId);
		if (!c) throw new Error(`painel-mock: conversa ${conversaId} não existe`);
		const e = entrada('cliente', Date.now(), { texto });
		c.historico.push(e);
		mudou(c.id, 'mensagem');
		return e;
	}

	function novaConversa(dados: { nome?: string; telefone?: string; canal?: Canal; equipe: string; texto: string }, anunciar = true): MockConversa {
		const agoraN = Date.now();
		const c = criar({
			id: id('c-nova-'),
			protocolo: `20250301-${String(seq).padStart(6, '0')}-N0V4`,
			canal: dados.canal ?? 'webchat',
			contato: { nome: dados.nome, telefone: dados.telefone, id: id('contato-') },
			equipe: dados.equipe,
			estado: 'nova',
			chegouEm: agoraN,
			motivoChegada: 'Transferido pelo fluxo (card Falar com atendente)',
			historico: [],
		});
		c.historico.push(entrada('cliente', agoraN - 1000, { texto: dados.texto }), evento(agoraN, { tipo: 'transferida', equipe: dados.equipe }));
		if (anunciar) mudou(c.id, 'nova');
		return c;
	}

	/* ---------- HTTP ---------- */
	function json(res: ServerResponse, status: number, corpo: unknown, headers: Record<string, string> = {}): void {
		if (res.writableEnded) return;
		res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
		res.end(JSON.stringify(corpo));
	}

	function cookieSessao(req: IncomingMessage): string | undefined {
		const header = req.headers.cookie ?? '';
		for (const parte of header.split(';')) {
			const [nome, ...valor] = parte.trim().split('=');
			if (nome === 'painel_sessao') return valor.join('=');
		}
		return undefined;
	}

	async function lerCorpo(req: IncomingMessage): Promise<unknown> {
		const partes: Buffer[] = [];
		let tamanho = 0;
		for await (const parte of req) {
			tamanho += (parte as Buffer).length;
			if (tamanho > 25 * 1024 * 1024) throw new Error('grande demais');
			partes.push(parte as Buffer);
		}
		const texto = Buffer.concat(partes).toString('utf8');
		return texto ? (JSON.parse(texto) as unknown) : {};
	}

	const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

	async function rotear(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://mock');
		if (url.pathname !== PAINEL_PATH) return json(res, 404, { erro: 'Não encontrado.' });
		const r = url.searchParams.get('r') ?? '';
		const metodo = req.method ?? 'GET';
		mock.requisicoes.push(`${metodo} ${r}`);
		if (!r) {
			if (metodo !== 'GET') return json(res, 405, { erro: 'Método não permitido.' });
			res.writeHead(200, painelPageHeaders());
			res.end(painelPage({ titulo: options.titulo ?? 'Painel', basePath: PAINEL_PATH }));
			return;
		}
		let corpo: Record<string, unknown> = {};
		if (metodo === 'POST') {
			try {
				const lido = await lerCorpo(req);
				corpo = typeof lido === 'object' && lido !== null ? (lido as Record<string, unknown>) : {};
			} catch {
				return json(res, 400, { erro: 'Corpo JSON inválido.' });
			}
		}
		const token = cookieSessao(req);
		const sessao = token ? sessoes.get(token) : undefined;

		if (r === 'sessao' && metodo === 'GET') {
			const u = sessao && usuario(sessao.login);
			if (!sessao || !u) return json(res, 200, { autenticado: false });
			return json(res, 200, { autenticado: true, atendente: publico(u), csrf: sessao.csrf, config: config() });
		}
		if (r === 'entrar' && metodo === 'POST') {
			const login = str(corpo.login) ?? '';
			const falhas = tentativas.get(login) ?? 0;
			if (falhas >= maxTentativas) return json(res, 429, { erro: 'Muitas tentativas. Tente de novo em 15 minutos.' });
			const u = usuario(login);
			if (!u || u.senha !== corpo.senha) {
				tentativas.set(login, falhas + 1);
				return json(res, 401, { erro: 'Login ou senha incorretos.' });
			}
			tentativas.delete(login);
			const novo = randomBytes(24).toString('base64url');
			const s: Sessao = { login, csrf: randomBytes(24).toString('base64url') };
			sessoes.set(novo, s);
			return json(res, 200, { ok: true, csrf: s.csrf, atendente: publico(u) }, {
				'Set-Cookie': `painel_sessao=${novo}; HttpOnly; SameSite=Strict; Path=${PAINEL_PATH}`,
			});
		}
		const u = sessao && usuario(sessao.login);
		if (!sessao || !u) return json(res, 401, { erro: 'Sessão expirada. Entre de novo.', sessaoExpirada: true });
		if (metodo === 'POST' && req.headers['x-csrf-token'] !== sessao.csrf) return json(res, 403, { erro: 'Sessão inválida: recarregue a página.' });

		const conversaDe = (valor: unknown): MockConversa | { erro: number; texto: string } => {
			const c = conversas.get(String(valor ?? ''));
			if (!c) return { erro: 404, texto: 'Conversa não encontrada.' };
			if (!pode(u, c)) return { erro: 403, texto: 'Esta conversa é de outra equipe.' };
			return c;
		};

		if (metodo === 'GET') {
			switch (r) {
				case 'filas':
					return json(res, 200, filas(u));
				case 'mudancas': {
					if (fora) return json(res, 503, { erro: 'Indisponível.' });
					const desde = Number(url.searchParams.get('desde') ?? '0') || 0;
					const lista = visiveis(u, desde);
					if (lista.length > 0) return json(res, 200, { cursor, mudancas: lista });
					const espera: Espera = {
						login: u.login,
						desde,
						res,
						timer: setTimeout(() => {
							esperas.delete(espera);
							json(res, 200, { cursor, mudancas: [] });
						}, longPollMs),
					};
					esperas.add(espera);
					req.on('close', () => {
						clearTimeout(espera.timer);
						esperas.delete(espera);
					});
					return;
				}
				case 'conversa': {
					const c = conversaDe(url.searchParams.get('id'));
					if ('erro' in c) return json(res, c.erro, { erro: c.texto });
					return json(res, 200, detalhe(c, u));
				}
				case 'arquivo': {
					const c = conversaDe(url.searchParams.get('conversa'));
					if ('erro' in c) return json(res, c.erro, { erro: c.texto });
					const f = c.arquivos[url.searchParams.get('arquivo') ?? ''];
					if (!f) return json(res, 404, { erro: 'Arquivo não encontrado.' });
					res.writeHead(200, { 'Content-Type': f.tipo, 'Content-Length': f.dados.length, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, max-age=300' });
					res.end(f.dados);
					return;
				}
				case 'templates': {
					const c = conversaDe(url.searchParams.get('conversa'));
					if ('erro' in c) return json(res, c.erro, { erro: c.texto });
					return json(res, 200, { templates: c.canal === 'whatsapp' ? TEMPLATES : [] });
				}
				case 'departamentos': {
					const c = conversaDe(url.searchParams.get('conversa'));
					if ('erro' in c) return json(res, c.erro, { erro: c.texto });
					return json(res, 200, { departamentos: DEPARTAMENTOS });
				}
				case 'supervisao':
					if (u.papel !== 'supervisor') return json(res, 403, { erro: 'Só supervisores.' });
					return json(res, 200, supervisao());
				case 'metricas':
					if (u.papel !== 'supervisor') return json(res, 403, { erro: 'Só supervisores.' });
					return json(res, 200, metricas(url.searchParams.get('de') ?? '', url.searchParams.get('ate') ?? ''));
			}
			return json(res, 404, { erro: `Rota desconhecida: ${r}` });
		}
		if (metodo !== 'POST') return json(res, 405, { erro: 'Método não permitido.' });

		switch (r) {
			case 'sair':
				sessoes.delete(token as string);
				return json(res, 200, { ok: true }, { 'Set-Cookie': `painel_sessao=; HttpOnly; SameSite=Strict; Path=${PAINEL_PATH}; Max-Age=0` });
			case 'senha': {
				const nova = typeof corpo.nova === 'string' ? corpo.nova : '';
				if (corpo.atual !== u.senha) return json(res, 400, { erro: 'Senha atual incorreta.' });
				if (nova.length < 8) return json(res, 400, { erro: 'A nova senha precisa de pelo menos 8 caracteres.' });
				u.senha = nova;
				return json(res, 200, { ok: true });
			}
			case 'presenca': {
				if (corpo.status !== 'online' && corpo.status !== 'ausente') return json(res, 400, { erro: 'Status inválido.' });
				u.status = corpo.status;
				mock.presencas.push({ login: u.login, status: u.status });
				return json(res, 200, { ok: true });
			}
		}

		const c = conversaDe(corpo.conversa);
		if ('erro' in c) return json(res, c.erro, { erro: c.texto });
		const agoraR = Date.now();
		switch (r) {
			case 'responder': {
				if (c.estado === 'encerrada') return json(res, 409, { erro: 'Conversa encerrada.' });
				const texto = typeof corpo.texto === 'string' ? corpo.texto.trim() : '';
				const arquivo = corpo.arquivo as { nome?: unknown; tipo?: unknown; base64?: unknown } | undefined;
				if (!texto && !arquivo) return json(res, 400, { erro: 'Mensagem vazia.' });
				const recusa = recusaJanela(c);
				if (recusa) return json(res, 409, { erro: recusa });
				if (!c.atendente) {
					c.atendente = u.login;
					c.estado = 'aberta';
					c.historico.push(evento(agoraR, { tipo: 'atribuida', atendente: u.login, por: u.login }));
				}
				let registro: PainelMock['respostas'][number] = { login: u.login, conversa: c.id };
				if (arquivo) {
					if (typeof arquivo.nome !== 'string' || typeof arquivo.tipo !== 'string' || typeof arquivo.base64 !== 'string') {
						return json(res, 400, { erro: 'Arquivo inválido.' });
					}
					registro = { ...registro, arquivo: { nome: arquivo.nome, tipo: arquivo.tipo, base64: arquivo.base64 } };
					c.historico.push(
						entrada('atendente', agoraR, { tipo: 'arquivo', arquivo: anexarArquivo(c, arquivo.nome, arquivo.tipo, Buffer.from(arquivo.base64, 'base64')), atendente: u.login, status: 'enviada' }),
					);
				}
				if (texto) {
					registro = { ...registro, texto };
					c.historico.push(entrada('atendente', agoraR, { texto, atendente: u.login, status: 'enviada' }));
				}
				c.lidoAte[u.login] = agoraR;
				mock.respostas.push(registro);
				const enviada = c.historico[c.historico.length - 1];
				const t = setTimeout(() => {
					timers.delete(t);
					enviada.status = 'entregue';
					mudou(c.id, 'mensagem');
				}, 400);
				timers.add(t);
				mudou(c.id, 'mensagem');
				return json(res, 200, { ok: true, entrada: enviada.id });
			}
			case 'template': {
				const t = TEMPLATES.find((x) => x.nome === corpo.nome && x.idioma === corpo.idioma);
				const variaveis = Array.isArray(corpo.variaveis) ? corpo.variaveis.map(String) : [];
				if (!t) return json(res, 400, { erro: 'Modelo não aprovado para este número.' });
				if (variaveis.length !== t.variaveis || variaveis.some((v) => !v.trim())) return json(res, 400, { erro: `O modelo precisa de ${t.variaveis} variáveis.` });
				const texto = t.corpo.replace(/\{\{(\d+)\}\}/g, (_m, n: string) => variaveis[Number(n) - 1]);
				c.historico.push(entrada('atendente', agoraR, { texto, atendente: u.login, status: 'enviada' }));
				mock.templatesEnviados.push({ login: u.login, conversa: c.id, nome: t.nome, idioma: t.idioma, variaveis });
				mudou(c.id, 'mensagem');
				return json(res, 200, { ok: true });
			}
			case 'assumir':
				if (c.atendente && c.atendente !== u.login) return json(res, 409, { erro: 'Outro atendente já assumiu esta conversa.', atendente: usuario(c.atendente)?.nome ?? c.atendente });
				if (c.estado === 'encerrada') return json(res, 409, { erro: 'Conversa encerrada.' });
				c.atendente = u.login;
				c.estado = 'aberta';
				c.historico.push(evento(agoraR, { tipo: 'atribuida', atendente: u.login, por: u.login }));
				mudou(c.id, 'atribuicao');
				return json(res, 200, { ok: true });
			case 'encaminhar': {
				const equipe = str(corpo.equipe);
				const atendente = str(corpo.atendente);
				if (!equipe && !atendente) return json(res, 400, { erro: 'Informe a equipe ou o atendente.' });
				if (equipe && !EQUIPES.includes(equipe)) return json(res, 400, { erro: `Equipe desconhecida: ${equipe}.` });
				if (atendente && !usuario(atendente)) return json(res, 400, { erro: `Atendente desconhecido: ${atendente}.` });
				if (equipe) c.equipe = equipe;
				c.atendente = atendente;
				c.estado = atendente ? 'aberta' : 'nova';
				c.historico.push(evento(agoraR, { tipo: 'encaminhada', equipe, atendente, por: u.login }));
				mudou(c.id, 'atribuicao');
				return json(res, 200, { ok: true });
			}
			case 'pendente':
			case 'resolver':
			case 'devolver': {
				if (c.estado === 'encerrada') return json(res, 409, { erro: 'Conversa encerrada.' });
				const tipo = r === 'pendente' ? 'pendente' : r === 'resolver' ? 'resolvida' : 'devolvida';
				c.estado = r === 'pendente' ? 'pendente' : 'encerrada';
				if (c.estado === 'encerrada') c.encerradaEm = agoraR;
				c.historico.push(evento(agoraR, { tipo, por: u.login }));
				mudou(c.id, 'estado');
				return json(res, 200, { ok: true });
			}
			case 'lido':
				c.lidoAte[u.login] = agoraR;
				return json(res, 200, { ok: true });
			case 'chamado': {
				const mensagens = Array.isArray(corpo.mensagens) ? corpo.mensagens.map(String) : [];
				if (mensagens.length === 0 || mensagens.some((m) => !c.historico.some((e) => e.id === m))) return json(res, 400, { erro: 'Mensagens inválidas.' });
				const existente = str(corpo.chamadoExistente);
				const departamento = str(corpo.departamento);
				const assunto = str(corpo.assunto);
				if (!existente && (!departamento || !assunto)) return json(res, 400, { erro: 'Informe departamento e assunto, ou o número do chamado.' });
				const protocolo = existente ?? String(70000 + mock.chamados.length + 1);
				mock.chamados.push({ conversa: c.id, mensagens, departamento, assunto, chamadoExistente: existente, protocolo });
				c.chamados.push({ protocolo, em: agoraR });
				c.historico.push(evento(agoraR, { tipo: 'chamado', protocolo, por: u.login }));
				mudou(c.id, 'estado');
				return json(res, 200, { protocolo });
			}
		}
		return json(res, 404, { erro: `Rota desconhecida: ${r}` });
	}

	function publico(u: Usuario): Record<string, unknown> {
		return { login: u.login, nome: u.nome, equipes: u.equipes, papel: u.papel, status: u.status };
	}

	function config(): Record<string, unknown> {
		return {
			empresa: 'Provedor Exemplo',
			equipes: EQUIPES,
			respostasRapidas: [
				{ atalho: 'ola', texto: 'Olá! Vou continuar seu atendimento a partir daqui.' },
				{ atalho: 'reiniciar', texto: 'Desligue o roteador da tomada por 30 segundos e ligue de novo, por favor.' },
				{ atalho: 'prazo', texto: 'O prazo da visita técnica é de até 48 horas úteis.' },
			],
			atendentes: usuarios.map((x) => ({ login: x.login, nome: x.nome, equipes: x.equipes })),
			erp: true,
		};
	}

	function supervisao(): Record<string, unknown> {
		const todas = [...conversas.values()];
		const sup = usuarios.find((x) => x.papel === 'supervisor') as Usuario;
		return {
			agentes: usuarios.map((x) => ({ ...publico(x), abertas: todas.filter((c) => c.atendente === x.login && c.estado !== 'encerrada').length })),
			equipes: EQUIPES.map((nome) => ({
				nome,
				novas: todas.filter((c) => c.equipe === nome && c.estado === 'nova').length,
				abertas: todas.filter((c) => c.equipe === nome && c.estado === 'aberta').length,
				pendentes: todas.filter((c) => c.equipe === nome && c.estado === 'pendente').length,
			})),
			conversas: todas.filter((c) => c.estado !== 'encerrada').map((c) => resumo(c, sup)),
		};
	}

	function metricas(de: string, ate: string): Record<string, unknown> {
		const dias = Math.max(1, Math.round((Date.parse(ate) - Date.parse(de)) / DIA) + 1 || 1);
		return {
			primeiraResposta: { p50Seg: 95, mediaSeg: 140 },
			tempoAtendimento: { p50Seg: 610, mediaSeg: 780 },
			porAtendente: [
				{ login: 'ana', nome: 'Ana Lima', conversas: 12 * dias, primeiraRespostaMediaSeg: 80, tempoMedioSeg: 540, csat: 66.7, csatRespostas: 3, csatMedia: 3.67 },
				{ login: 'bruno', nome: 'Bruno Reis', conversas: 7 * dias, primeiraRespostaMediaSeg: 210, tempoMedioSeg: 1260 },
			],
			porEquipe: [
				{ equipe: 'Suporte', conversas: 12 * dias, primeiraRespostaMediaSeg: 80, tempoMedioSeg: 540, csat: 66.7, csatRespostas: 3, csatMedia: 3.67 },
				{ equipe: 'Financeiro', conversas: 7 * dias, primeiraRespostaMediaSeg: 210, tempoMedioSeg: 1260 },
			],
		};
	}

	const server = createServer((req, res) => {
		rotear(req, res).catch((erro: unknown) => {
			console.error('painel-mock:', erro);
			json(res, 500, { erro: 'Erro interno do simulador.' });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	mock.origin = `http://127.0.0.1:${port}`;
	mock.url = `${mock.origin}${PAINEL_PATH}`;

	async function close(): Promise<void> {
		for (const t of timers) clearTimeout(t);
		for (const e of esperas) {
			clearTimeout(e.timer);
			e.res.destroy();
		}
		esperas.clear();
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	return mock;
}
