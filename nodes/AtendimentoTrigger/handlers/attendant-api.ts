import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { safeEqual } from '../../shared/channels/signature';
import { getConversationStore } from '../../shared/conversation';
import { appendEvent } from '../../shared/conversation/routing';
import type { Conversation } from '../../shared/conversation/types';
import { endConversation } from '../../shared/runtime/card';
import { sendToConversation } from '../../shared/runtime/send';
import { isOwnConversation, withTriggerCredential, type TriggerConfig } from './inbound';
import { respond } from './respond';

/** Body of a call from the human side (a help desk, a script, an n8n flow of the team). */
export interface AttendantCommand {
	/** mensagem: send a text to the customer; liberar: give the contact back to the bot; encerrar: close. */
	acao: 'mensagem' | 'liberar' | 'encerrar';
	/** The atendimento (conversationId from the items), or the contact's id on the channel. */
	atendimento?: string;
	contato?: string;
	texto?: string;
	atendente?: string;
	resolvido?: boolean;
}

/** True for calls of the attendant API: a bearer token and an `acao`. */
export function isAttendantApiCall(context: IWebhookFunctions): boolean {
	const authorization = context.getHeaderData().authorization;
	const body = context.getBodyData() as { acao?: unknown };
	return typeof authorization === 'string' && authorization.startsWith('Bearer ') && typeof body.acao === 'string';
}

/**
 * The attendant API of a transferred conversation (docs/arquitetura.md §3, state "human"): POST to the trigger's
 * URL with `Authorization: Bearer <token of the trigger>` and an AttendantCommand. Disabled while the
 * trigger has no token. The token acts only on the conversations of this trigger's channel account.
 */
export async function handleAttendantApi(context: IWebhookFunctions, config: TriggerConfig): Promise<IWebhookResponseData> {
	const expected = (context.getNodeParameter('options', {}) as { attendantApiToken?: string }).attendantApiToken ?? '';
	const given = String(context.getHeaderData().authorization).slice('Bearer '.length);
	if (!expected || !safeEqual(given, expected)) {
		return respond(context, 401, { error: 'Token da API de atendentes inválido (ou API desativada: defina o token nas opções do gatilho).' });
	}
	const command = context.getBodyData() as unknown as AttendantCommand;
	const store = getConversationStore();
	const conversation = command.atendimento
		? await store.get(command.atendimento)
		: command.contato
			? // a WhatsApp contact known by phone and BSUID: either id finds him (conversation/aliases)
				await store.currentOf(config.channel, (await store.canonicalContactId(config.channel.type, command.contato)) ?? command.contato)
			: undefined;
	// another trigger's conversation is as unknown as a missing one: the token acts on this channel account only
	if (!conversation || !isOwnConversation(conversation, config)) {
		return respond(context, 404, { error: 'Atendimento não encontrado: informe "atendimento" (id) ou "contato".' });
	}
	if (conversation.state === 'ended') return respond(context, 409, { error: 'Este atendimento já foi encerrado.', protocolo: conversation.protocolo });

	const text = typeof command.texto === 'string' ? command.texto.trim() : '';
	switch (command.acao) {
		case 'mensagem': {
			if (!text) return respond(context, 400, { error: 'Campo "texto" vazio.' });
			const updated = await record(conversation, 'mensagem_atendente', command.atendente);
			await sendToConversation(context, withTriggerCredential(updated, config), [{ kind: 'text', text }], { from: 'atendente' });
			return respond(context, 200, { ok: true, estado: updated.state, protocolo: updated.protocolo });
		}
		case 'liberar':
		case 'encerrar': {
			if (text) await sendToConversation(context, withTriggerCredential(conversation, config), [{ kind: 'text', text }], { from: 'atendente' });
			const reason = command.acao === 'liberar' ? 'liberado_pelo_atendente' : 'encerrado_pelo_atendente';
			const ended = await endConversation(conversation.id, { reason, resolved: command.acao === 'encerrar' ? command.resolvido ?? true : undefined });
			return respond(context, 200, { ok: true, estado: ended?.state, protocolo: conversation.protocolo });
		}
		default:
			return respond(context, 400, { error: 'Campo "acao" deve ser mensagem, liberar ou encerrar.' });
	}
}

async function record(conversation: Conversation, type: string, attendant: string | undefined): Promise<Conversation> {
	return (await getConversationStore().update(conversation.id, (stored) => {
		if (attendant) stored.attendant = attendant;
		stored.events = appendEvent(stored.events, { at: Date.now(), type, data: { atendente: attendant ?? stored.attendant ?? null } });
	}))!;
}
