/**
 * Transferir Atendimento on a Chatwoot conversation: the human side is Chatwoot itself
 * (docs/apis-externas.md §G; docs/arquitetura.md §13). The customer gets the card's message,
 * the agents a private note summing up the bot part, the conversation is assigned to the team (by its
 * name in Chatwoot) or to an agent (by id) and set `open`; the card then waits like the Painel's and
 * continues by "Devolvido ao bot" (an agent sets the conversation back to `pending`) or "Encerrado pelo
 * atendente" (`resolved`), which the trigger reads from Chatwoot's events.
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { ChatwootApi } from '../shared/channels/chatwoot/api';
import { normalizeForMatch } from '../shared/text/normalize';
import { getConversationStore } from '../shared/conversation';
import type { Conversation } from '../shared/conversation/types';
import { toAtendimentoItem } from '../shared/runtime/atendimento';
import { conversationChatwootApi, sendToConversation } from '../shared/runtime/send';

/** History lines the note carries at most (the latest). */
const NOTE_HISTORY_LINES = 20;
const NOTE_LINE_MAX = 300;

const AUTHOR = { cliente: 'Cliente', bot: 'Bot', atendente: 'Atendente' } as const;

/** The private note for the agents: protocol, contact, linked customer (masked), tags, reason, the customer's description, variables and the latest messages. */
export function handoffNote(conversation: Conversation, reason?: string): string {
	const item = toAtendimentoItem(conversation);
	const lines = [`Resumo do atendimento pelo bot — protocolo ${conversation.protocolo}`];
	const contact = [item.contato.nome, item.contato.telefone].filter(Boolean).join(' — ');
	if (contact) lines.push(`Contato: ${contact}`);
	if (item.cliente) lines.push(`Cliente: ${[item.cliente.name, item.cliente.document, `código ${item.cliente.id}`].filter(Boolean).join(' — ')}`);
	if (item.etiquetas.length > 0) lines.push(`Etiquetas: ${item.etiquetas.join(', ')}`);
	if (reason) lines.push(`Motivo: ${reason}`);
	if (conversation.description) lines.push(`Descrição do cliente: ${conversation.description}`);
	const variables = Object.entries(item.variaveis)
		.filter(([, value]) => value !== null && value !== undefined && typeof value !== 'object')
		.slice(0, 20)
		.map(([name, value]) => `${name}: ${String(value).slice(0, 100)}`);
	if (variables.length > 0) lines.push(`Respostas: ${variables.join('; ')}`);
	const history = conversation.history.slice(-NOTE_HISTORY_LINES).map((entry) => {
		const text = entry.text ?? (entry.fileName ? `[${entry.kind}: ${entry.fileName}]` : `[${entry.kind}]`);
		return `${AUTHOR[entry.from]}: ${text.replace(/\s+/g, ' ').slice(0, NOTE_LINE_MAX)}`;
	});
	if (history.length > 0) lines.push('', 'Conversa com o bot:', ...history);
	return lines.join('\n');
}

/** Who gets the conversation in Chatwoot, resolved before anything is sent. */
export type ChatwootTarget = { teamId: number; teamName: string } | { assigneeId: number } | undefined;

/**
 * The team by name (case and accents ignored; listing teams needs the administrator's token) or the
 * agent by id. A clear error when the team does not exist, the agent is not a number, or there is no
 * administrator's token to list the teams.
 */
export async function resolveChatwootTarget(context: IExecuteFunctions, api: ChatwootApi, team: string | undefined, agent: string | undefined, itemIndex = 0): Promise<ChatwootTarget> {
	if (agent) {
		if (!/^\d+$/.test(agent)) {
			throw new NodeOperationError(context.getNode(), `Atendente "${agent}" não é um ID de agente do Chatwoot`, {
				itemIndex,
				description: 'Em conversas do Chatwoot, "Atendente" é o número do agente (Configurações > Agentes, no endereço ao editar o agente). Deixe vazio para atribuir só à equipe.',
			});
		}
		return { assigneeId: Number(agent) };
	}
	if (!team) return undefined;
	if (!api.hasUserToken()) {
		throw new NodeOperationError(context.getNode(), `Para transferir para a equipe "${team}" do Chatwoot, a credencial precisa do token de usuário administrador`, {
			itemIndex,
			description: 'O Chatwoot só mostra as equipes a usuários: preencha "Token de usuário (administrador)" na credencial do Chatwoot, ou deixe a Equipe vazia.',
		});
	}
	const teams = await api.teams();
	const wanted = normalizeForMatch(team);
	const found = teams.find((candidate) => normalizeForMatch(candidate.name) === wanted);
	if (!found) {
		throw new NodeOperationError(context.getNode(), `A equipe "${team}" não existe no Chatwoot`, {
			itemIndex,
			description: teams.length > 0 ? `Equipes desta conta: ${teams.map((candidate) => candidate.name).join(', ')}.` : 'Esta conta do Chatwoot não tem equipes: crie-a em Configurações > Equipes.',
		});
	}
	return { teamId: found.id, teamName: found.name };
}

/**
 * The Chatwoot side of a transfer: the message to the customer, the private note, the assignment and
 * the status `open`, in this order (Chatwoot sends no events to the bot for an open conversation's
 * messages that it should answer). The team is resolved first, so a wrong team fails before anything
 * is sent. Returns the team's name as Chatwoot spells it.
 */
export async function handOverInChatwoot(
	context: IExecuteFunctions,
	conversation: Conversation,
	parameters: { team?: string; agent?: string; reason?: string; message: string },
	itemIndex = 0,
): Promise<string | undefined> {
	const api = await conversationChatwootApi(context, conversation, itemIndex);
	const target = await resolveChatwootTarget(context, api, parameters.team, parameters.agent, itemIndex);
	const chatwootId = conversation.contact.id;
	if (parameters.message) await sendToConversation(context, conversation, [{ kind: 'text', text: parameters.message }]);
	const latest = (await getConversationStore().get(conversation.id)) ?? conversation;
	await api.privateNote(chatwootId, handoffNote(latest, parameters.reason));
	if (target) await api.assign(chatwootId, 'teamId' in target ? { teamId: target.teamId } : { assigneeId: target.assigneeId });
	await api.toggleStatus(chatwootId, 'open');
	return target && 'teamName' in target ? target.teamName : undefined;
}
