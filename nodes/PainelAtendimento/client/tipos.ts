/*
 * Painel do Atendente — browser client. Every file of client/ is a plain script of one
 * `namespace Painel`, compiled together into one file (client/tsconfig.json, outFile) that page.ts
 * inlines; the Content-Security-Policy allows it by hash, so the compiled text is constant. It must
 * never contain the sequences that change the HTML parser's script state (a closing script tag, an
 * HTML comment opener): the unit tests check the compiled text.
 *
 * This file: the JSON types of the desk's HTTP contract (docs/arquitetura.md, "Painel do Atendente").
 * Everything the server sends is untrusted: customer strings are only ever set as textContent.
 */
namespace Painel {
	export type Canal = 'webchat' | 'whatsapp' | 'telegram' | 'messenger' | 'instagram';
	export type Fila = 'novas' | 'minhas' | 'pendentes' | 'encerradas';
	export type Status = 'online' | 'ausente';

	export interface Atendente {
		login: string;
		nome: string;
		equipes: string[];
		papel: 'agente' | 'supervisor';
		status: Status;
	}

	export interface PainelConfig {
		empresa: string;
		equipes: string[];
		respostasRapidas: { atalho: string; texto: string }[];
		atendentes: { login: string; nome: string; equipes: string[] }[];
		erp: boolean;
	}

	export interface Resumo {
		id: string;
		protocolo: string;
		canal: Canal;
		contato: { nome?: string; telefone?: string; usuario?: string; id: string };
		equipe?: string;
		atendente?: string;
		estado: 'nova' | 'aberta' | 'pendente' | 'encerrada';
		ultimaMensagem?: { texto: string; de: 'cliente' | 'bot' | 'atendente'; em: number };
		clienteEsperaDesde?: number;
		naoLidas: number;
		etiquetas: string[];
	}

	export interface Evento {
		tipo: 'transferida' | 'encaminhada' | 'atribuida' | 'pendente' | 'resolvida' | 'devolvida' | 'chamado' | 'encerrada';
		equipe?: string;
		atendente?: string;
		por?: string;
		protocolo?: string;
	}

	export interface Entrada {
		id: string;
		em: number;
		de: 'cliente' | 'bot' | 'atendente' | 'sistema';
		tipo: 'texto' | 'arquivo' | 'evento';
		texto?: string;
		arquivo?: { nome: string; tipo: string; url: string };
		atendente?: string;
		evento?: Evento;
		status?: 'enviada' | 'entregue' | 'lida' | 'falhou';
	}

	export interface ClienteErp {
		nome?: string;
		documento?: string;
		contratos?: { id: string; plano?: string; situacao: string }[];
		faturasAbertas?: { valor: number; vencimento: string }[];
	}

	export interface Detalhe extends Resumo {
		historico: Entrada[];
		variaveis: Record<string, unknown>;
		descricao?: string;
		cliente?: ClienteErp;
		janela?: { canal: 'whatsapp' | 'messenger' | 'instagram'; ultimaMensagemCliente?: number; aberta: boolean; fechaEm?: number; agenteHumano?: boolean; agenteHumanoAte?: number };
		chamados: { protocolo: string; em: number }[];
		motivoChegada?: string;
	}

	export interface Filas {
		novas: Resumo[];
		minhas: Resumo[];
		pendentes: Resumo[];
		encerradas: Resumo[];
		cursor: number;
	}

	export interface Mudanca {
		conversa: string;
		tipo: 'nova' | 'mensagem' | 'estado' | 'atribuicao';
	}

	export interface Template {
		nome: string;
		idioma: string;
		categoria: string;
		corpo: string;
		variaveis: number;
	}

	export interface Supervisao {
		agentes: { login: string; nome: string; equipes: string[]; status: Status; abertas: number }[];
		equipes: { nome: string; novas: number; abertas: number; pendentes: number }[];
		/** Not in the first contract: the open conversations of every agent, for reassignment. */
		conversas?: Resumo[];
	}

	export interface Tempos {
		p50Seg?: number;
		mediaSeg?: number;
	}

	export interface Metricas {
		primeiraResposta: Tempos;
		tempoAtendimento: Tempos;
		/** `csat`: % of the agent's ratings scored 4 or 5 (1–5), with their count and average; absent without ratings. */
		porAtendente: { login: string; nome: string; conversas: number; primeiraRespostaMediaSeg?: number; tempoMedioSeg?: number; csat?: number; csatRespostas?: number; csatMedia?: number }[];
		porEquipe: { equipe: string; conversas: number; primeiraRespostaMediaSeg?: number; tempoMedioSeg?: number; csat?: number; csatRespostas?: number; csatMedia?: number }[];
	}
}
