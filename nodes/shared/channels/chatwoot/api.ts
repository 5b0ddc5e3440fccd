/**
 * The Chatwoot Application API as the pack uses it, through doors (../transport.ts): the agent bot's
 * door (messages, status, assignment, labels) and, when the credential has one, the administrator's
 * (teams, the agent bot and its inbox, labels on servers that refuse them to bots). Both are n8n's
 * `httpRequestWithAuthentication` with the Chatwoot credential, whose `api_access_token` header carries
 * the bot token; the administrator's door is the same credential with the user token in its place.
 * Every call follows the one retry policy of ../transport.ts (docs/apis-externas.md §G).
 */
import { NodeApiError, type ICredentialDataDecryptedObject, type ICredentialsDecrypted, type IHttpRequestOptions } from 'n8n-workflow';

import type { OutboundMessage } from '../types';
import { isObject, optionalId, optionalString } from '../guards';
import { callWithRetries, doorOf, UPLOAD_TIMEOUT_MS, type ChannelContext, type ChannelDoor, type ChannelPlatform } from '../transport';
import { classifyChatwootError } from './errors';
import { privateNoteBody, renderChatwoot, type ChatwootInboxKind } from './render';

/** The pack's Chatwoot credential type. */
export const CHATWOOT_CREDENTIAL_TYPE = 'atendimentoChatwootApi';

/** The fields of the Chatwoot credential. */
export interface ChatwootCredentials {
	url: string;
	accountId: string;
	inboxId: string;
	botToken: string;
	userToken?: string;
	webhookSecret?: string;
}

export const CHATWOOT_PLATFORM: ChannelPlatform = {
	subject: 'O Chatwoot',
	target: 'ao Chatwoot',
	classify: classifyChatwootError,
	networkHint: 'Confira a URL do Chatwoot na credencial e se o n8n alcança esse endereço.',
};

/** The channel account of a credential: `<account>:<inbox>`. */
export function chatwootAccountKey(credentials: Pick<ChatwootCredentials, 'accountId' | 'inboxId'>): string {
	return `${String(credentials.accountId).trim()}:${String(credentials.inboxId).trim()}`;
}

/** A team of the account (`GET /teams`). */
export interface ChatwootTeam {
	id: number;
	name: string;
}

/** An agent bot of the account (`GET /agent_bots`); `access_token` only on servers that show it to administrators. */
export interface ChatwootAgentBot {
	id: number;
	name?: string;
	outgoing_url?: string;
	access_token?: string;
}

export interface ChatwootApi {
	/** Sends `message` to the conversation, rendered for an inbox of `kind`. */
	sendMessage(conversationId: string, message: OutboundMessage, kind: ChatwootInboxKind): Promise<void>;
	privateNote(conversationId: string, text: string): Promise<void>;
	toggleStatus(conversationId: string, status: 'open' | 'pending' | 'resolved'): Promise<void>;
	assign(conversationId: string, target: { teamId: number } | { assigneeId: number }): Promise<void>;
	/** The conversation's labels (bot token; the administrator's on a 401). */
	labels(conversationId: string): Promise<string[]>;
	/** Replaces the conversation's labels (`POST .../labels` overwrites; bot token, the administrator's on a 401). */
	setLabels(conversationId: string, labels: string[]): Promise<string[]>;
	/** True when the credential has the administrator's token. */
	hasUserToken(): boolean;
	teams(): Promise<ChatwootTeam[]>;
	agentBots(): Promise<ChatwootAgentBot[]>;
	createAgentBot(name: string, outgoingUrl: string): Promise<ChatwootAgentBot>;
	updateAgentBot(id: number, outgoingUrl: string): Promise<void>;
	/** Makes `botId` the inbox's agent bot. */
	setInboxBot(botId: number): Promise<void>;
}

/** The doors of a Chatwoot credential: the bot's, and the administrator's when it has a user token. */
export interface ChatwootDoors {
	bot: ChannelDoor;
	user?: ChannelDoor;
}

/**
 * The doors of `context` with the Chatwoot credential `reference` (`{id, name}` of the node's or the
 * conversation's credential) whose data is `data`.
 */
export function chatwootDoors(context: ChannelContext, reference: { id: string; name: string }, data: ICredentialDataDecryptedObject, itemIndex?: number): ChatwootDoors {
	const credential = (fields: ICredentialDataDecryptedObject): ICredentialsDecrypted => ({ id: reference.id, name: reference.name, type: CHATWOOT_CREDENTIAL_TYPE, data: fields });
	const userToken = optionalString(data.userToken)?.trim();
	return {
		bot: doorOf(context, CHATWOOT_CREDENTIAL_TYPE, credential(data), itemIndex),
		...(userToken ? { user: doorOf(context, CHATWOOT_CREDENTIAL_TYPE, credential({ ...data, botToken: userToken }), itemIndex) } : {}),
	};
}

/** The API of the credential's account, reached through `doors`. */
export function chatwootApi(doors: ChatwootDoors, credentials: Pick<ChatwootCredentials, 'url' | 'accountId' | 'inboxId'>): ChatwootApi {
	const baseUrl = `${(credentials.url?.trim() || 'https://app.chatwoot.com').replace(/\/+$/, '')}/api/v1/accounts/${encodeURIComponent(String(credentials.accountId).trim())}`;
	const conversationPath = (id: string): string => `/conversations/${encodeURIComponent(id)}`;
	const call = async (door: ChannelDoor, method: IHttpRequestOptions['method'], path: string, body?: unknown): Promise<unknown> =>
		await callWithRetries(door, CHATWOOT_PLATFORM, { method, url: `${baseUrl}${path}`, ...(body !== undefined ? { body: body as IHttpRequestOptions['body'] } : {}), json: true });
	const userDoor = (what: string): ChannelDoor => {
		if (doors.user) return doors.user;
		throw new NodeApiError(doors.bot.node, { message: 'sem token de usuário' }, {
			message: `Para ${what}, o Chatwoot exige o token de um usuário administrador`,
			description: 'Preencha "Token de usuário (administrador)" na credencial do Chatwoot (Configurações do perfil > Token de acesso de um administrador).',
			itemIndex: doors.bot.itemIndex,
		});
	};
	/** A call with the bot token, repeated with the administrator's when the server refuses bots (401). */
	const botThenUser = async (method: IHttpRequestOptions['method'], path: string, body?: unknown): Promise<unknown> => {
		try {
			return await call(doors.bot, method, path, body);
		} catch (error) {
			if (!doors.user || !(error instanceof NodeApiError) || error.httpCode !== '401') throw error;
			return await call(doors.user, method, path, body);
		}
	};

	return {
		async sendMessage(conversationId, message, kind) {
			const rendered = renderChatwoot(message, kind);
			if (rendered.kind === 'json') {
				await call(doors.bot, 'POST', `${conversationPath(conversationId)}/messages`, rendered.body);
				return;
			}
			const form = new FormData();
			if (rendered.content) form.append('content', rendered.content);
			form.append('message_type', 'outgoing');
			form.append('private', 'false');
			form.append('attachments[]', new Blob([Buffer.from(rendered.data, 'base64')], { type: rendered.mimeType }), rendered.fileName);
			await callWithRetries(doors.bot, CHATWOOT_PLATFORM, { method: 'POST', url: `${baseUrl}${conversationPath(conversationId)}/messages`, body: form }, UPLOAD_TIMEOUT_MS);
		},
		async privateNote(conversationId, text) {
			await call(doors.bot, 'POST', `${conversationPath(conversationId)}/messages`, privateNoteBody(text));
		},
		async toggleStatus(conversationId, status) {
			await call(doors.bot, 'POST', `${conversationPath(conversationId)}/toggle_status`, { status });
		},
		async assign(conversationId, target) {
			await call(doors.bot, 'POST', `${conversationPath(conversationId)}/assignments`, 'teamId' in target ? { team_id: target.teamId } : { assignee_id: target.assigneeId });
		},
		async labels(conversationId) {
			return labelsOf(await botThenUser('GET', `${conversationPath(conversationId)}/labels`));
		},
		async setLabels(conversationId, labels) {
			return labelsOf(await botThenUser('POST', `${conversationPath(conversationId)}/labels`, { labels }));
		},
		hasUserToken() {
			return doors.user !== undefined;
		},
		async teams() {
			const body = await call(userDoor('listar as equipes'), 'GET', '/teams');
			const list = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.payload) ? body.payload : [];
			return list.filter(isObject).flatMap((team) => {
				const id = Number(optionalId(team.id));
				const name = optionalString(team.name);
				return Number.isFinite(id) && name ? [{ id, name }] : [];
			});
		},
		async agentBots() {
			const body = await call(userDoor('cadastrar o agent bot'), 'GET', '/agent_bots');
			return (Array.isArray(body) ? body : []).filter(isObject).map((bot) => bot as unknown as ChatwootAgentBot);
		},
		async createAgentBot(name, outgoingUrl) {
			const body = await call(userDoor('cadastrar o agent bot'), 'POST', '/agent_bots', { name, description: 'Bot do n8n (n8n-nodes-atendimento)', outgoing_url: outgoingUrl, bot_type: 0 });
			return body as ChatwootAgentBot;
		},
		async updateAgentBot(id, outgoingUrl) {
			await call(userDoor('atualizar o agent bot'), 'PATCH', `/agent_bots/${id}`, { outgoing_url: outgoingUrl });
		},
		async setInboxBot(botId) {
			await call(userDoor('ligar o agent bot à caixa de entrada'), 'POST', `/inboxes/${encodeURIComponent(String(credentials.inboxId).trim())}/set_agent_bot`, { agent_bot: botId });
		},
	};
}

/** Labels from `{ payload: [...] }` (Chatwoot's answer) or a bare list. */
function labelsOf(body: unknown): string[] {
	const list = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.payload) ? body.payload : [];
	return list.filter((label): label is string => typeof label === 'string');
}
