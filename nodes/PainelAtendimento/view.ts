import type { Conversation, HistoryEntry } from '../shared/conversation/types';
import { deskStateOf, teamOf } from '../shared/desk/rules';
import { allTags } from '../shared/runtime/atendimento';
import { lastCustomerMessageAt } from '../shared/runtime/history';
import { WHATSAPP_WINDOW_MS } from '../shared/runtime/whatsapp-window';
import { maskDocument } from '../shared/validation/document';

/** Desk events recorded on the conversation (type → the contract's evento.tipo). */
const DESK_EVENTS: Record<string, string> = {
	painel_transferida: 'transferida',
	painel_encaminhada: 'encaminhada',
	painel_atribuida: 'atribuida',
	painel_pendente: 'pendente',
	painel_resolvido: 'resolvida',
	painel_devolvido: 'devolvida',
	painel_inatividade: 'encerrada',
	painel_chamado: 'chamado',
};

export interface Entrada {
	id: string;
	em: number;
	de: 'cliente' | 'bot' | 'atendente' | 'sistema';
	tipo: 'texto' | 'arquivo' | 'evento';
	texto?: string;
	arquivo?: { nome: string; tipo: string; url: string };
	atendente?: string;
	evento?: { tipo: string; equipe?: string; atendente?: string; por?: string; protocolo?: string };
	status?: 'enviada' | 'entregue' | 'lida' | 'falhou';
}

/** Stable ids of history entries: their time plus their rank among entries of the same millisecond. */
export function historyIds(history: HistoryEntry[]): string[] {
	const seen = new Map<number, number>();
	return history.map((entry) => {
		const rank = seen.get(entry.at) ?? 0;
		seen.set(entry.at, rank + 1);
		return `h${entry.at.toString(36)}-${rank}`;
	});
}

/** The Painel's URL of a stored file of the conversation (relative to the page: `?r=arquivo…`). */
export function fileUrl(conversationId: string, fileId: string): string {
	return `?r=arquivo&conversa=${encodeURIComponent(conversationId)}&arquivo=${encodeURIComponent(fileId)}`;
}

function entryOf(entry: HistoryEntry, id: string, conversationId: string): Entrada {
	const file = entry.fileName !== undefined || ['image', 'document', 'audio', 'video', 'sticker', 'media'].includes(entry.kind);
	return {
		id,
		em: entry.at,
		de: entry.from,
		tipo: file ? 'arquivo' : 'texto',
		...(entry.text !== undefined ? { texto: entry.text } : {}),
		...(file ? { arquivo: { nome: entry.fileName ?? entry.kind, tipo: entry.kind, url: entry.fileId ? fileUrl(conversationId, entry.fileId) : '' } } : {}),
		...(entry.agent ? { atendente: entry.agent } : {}),
		...(entry.status === 'falhou' ? { status: 'falhou' as const } : entry.from !== 'cliente' ? { status: 'enviada' as const } : {}),
	};
}

/** The whole history, bot part included, with the desk's events (transfers, forwards…) in time order. */
export function historyOf(conversation: Conversation): Entrada[] {
	const ids = historyIds(conversation.history);
	const messages = conversation.history.map((entry, index) => entryOf(entry, ids[index], conversation.id));
	const events: Entrada[] = conversation.events
		.filter((event) => event.type in DESK_EVENTS)
		.map((event, index) => {
			const data = event.data ?? {};
			const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
			return {
				id: `e${event.at.toString(36)}-${index}`,
				em: event.at,
				de: 'sistema' as const,
				tipo: 'evento' as const,
				evento: {
					tipo: DESK_EVENTS[event.type],
					...(text('equipe') ? { equipe: text('equipe') } : {}),
					...(text('atendente') ? { atendente: text('atendente') } : {}),
					...(text('por') ? { por: text('por') } : {}),
					...(text('protocolo') ? { protocolo: text('protocolo') } : {}),
				},
				...(text('motivo') ? { texto: text('motivo') } : {}),
			};
		});
	return [...messages, ...events].sort((a, b) => a.em - b.em);
}

export { lastCustomerMessageAt };

/** Messenger's and Instagram's window for a human agent's reply (HUMAN_AGENT tag). */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** The reply window of a conversation, as the desk shows it. */
export interface ReplyWindow {
	canal: 'whatsapp' | 'messenger' | 'instagram';
	ultimaMensagemCliente?: number;
	/** Within 24 h of the customer's last message: any reply goes. */
	aberta: boolean;
	fechaEm?: number;
	/** Messenger/Instagram: an agent may still reply (HUMAN_AGENT tag) until `agenteHumanoAte`, 7 days after it. */
	agenteHumano?: boolean;
	agenteHumanoAte?: number;
}

/**
 * The channel's reply window of a conversation: WhatsApp's 24 h (then only a template), Messenger's
 * and Instagram's 24 h then 7 days for a human agent (then nothing until the customer writes).
 * Undefined for channels without one.
 */
export function windowOf(conversation: Conversation, now: number): ReplyWindow | undefined {
	const canal = conversation.channel.type;
	if (canal !== 'whatsapp' && canal !== 'messenger' && canal !== 'instagram') return undefined;
	const last = lastCustomerMessageAt(conversation);
	const meta = canal !== 'whatsapp';
	if (last === undefined) return { canal, aberta: false, ...(meta ? { agenteHumano: false } : {}) };
	return {
		canal,
		ultimaMensagemCliente: last,
		aberta: now - last < WHATSAPP_WINDOW_MS,
		fechaEm: last + WHATSAPP_WINDOW_MS,
		...(meta ? { agenteHumano: now - last < HUMAN_AGENT_WINDOW_MS, agenteHumanoAte: last + HUMAN_AGENT_WINDOW_MS } : {}),
	};
}

/** True when an agent's free-text reply may go now: inside 24 h, or inside 7 days on Messenger/Instagram. */
export function agentMayReply(window: ReplyWindow | undefined): boolean {
	return !window || window.aberta || window.agenteHumano === true;
}

/** Why an agent's reply is refused outside the window (pt-BR). */
export function closedWindowError(window: ReplyWindow): string {
	if (window.canal === 'whatsapp') return 'Fora da janela de 24 horas: envie um template.';
	const name = window.canal === 'instagram' ? 'o Instagram' : 'o Messenger';
	return `Mais de 7 dias desde a última mensagem do cliente: ${name} só permite responder quando ele escrever de novo.`;
}

/** One queue row (the contract's Resumo) for agent `login`. */
export function summaryOf(conversation: Conversation, login: string, firstContactTeam: string) {
	const since = conversation.transferredAt ?? 0;
	const readUntil = conversation.readBy?.[login] ?? 0;
	let last: HistoryEntry | undefined;
	let waitingSince: number | undefined;
	let unread = 0;
	for (const entry of conversation.history) {
		if (entry.text !== undefined || entry.fileName !== undefined) last = entry;
		if (entry.at < since) continue;
		if (entry.from === 'cliente') {
			waitingSince ??= entry.at;
			if (entry.at > readUntil) unread++;
		} else if (entry.from === 'atendente') waitingSince = undefined;
	}
	return {
		id: conversation.id,
		protocolo: conversation.protocolo,
		canal: conversation.channel.type,
		contato: {
			id: conversation.contact.id,
			...(conversation.contact.name ? { nome: conversation.contact.name } : {}),
			...(conversation.contact.phone ? { telefone: conversation.contact.phone } : {}),
			// a WhatsApp contact who adopted a username may come without a phone (BSUID)
			...(conversation.contact.username ? { usuario: conversation.contact.username } : {}),
		},
		equipe: teamOf(conversation, firstContactTeam),
		...(conversation.attendant ? { atendente: conversation.attendant } : {}),
		estado: deskStateOf(conversation),
		...(last ? { ultimaMensagem: { texto: last.text ?? last.fileName ?? '', de: last.from, em: last.at } } : {}),
		...(waitingSince !== undefined && deskStateOf(conversation) !== 'encerrada' ? { clienteEsperaDesde: waitingSince } : {}),
		naoLidas: unread,
		etiquetas: allTags(conversation),
	};
}

/** The contract's Detalhe: the summary, the whole history, what the bot collected, the window, tickets. */
export function detailOf(conversation: Conversation, login: string, firstContactTeam: string, now: number) {
	// Solicitar Descrição's field; flows made before it kept the summary in a variable "descricao"
	const descricao = conversation.description ?? conversation.variables.descricao;
	const customer = conversation.customer;
	const window = windowOf(conversation, now);
	return {
		...summaryOf(conversation, login, firstContactTeam),
		historico: historyOf(conversation),
		variaveis: conversation.variables,
		...(typeof descricao === 'string' ? { descricao } : {}),
		...(customer ? { cliente: { ...(customer.name ? { nome: customer.name } : {}), ...(customer.document ? { documento: maskDocument(customer.document) } : {}) } } : {}),
		...(window ? { janela: window } : {}),
		chamados: conversation.tickets ?? [],
		...(conversation.arrivalReason ? { motivoChegada: conversation.arrivalReason } : {}),
	};
}
