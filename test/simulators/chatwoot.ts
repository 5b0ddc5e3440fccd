/**
 * Chatwoot simulator (Application API + agent bot webhooks), docs/apis-externas.md §G. Built
 * from the wire shapes of Chatwoot's source, not from the pack's adapter:
 * - one account with two inboxes: a web widget (renders `input_select`; an option picked is a PATCH of
 *   the bot's message → `message_updated` with `submitted_values`) and a WhatsApp inbox (an option
 *   tapped comes back as an incoming message whose text is the TITLE);
 * - tokens in `api_access_token`: a user (administrator) token and agent bot tokens. A bot token may
 *   call only `BOT_ACCESSIBLE_ENDPOINTS` (401 "Access to this endpoint is not authorized for bots"
 *   otherwise); `legacyBotLabels` makes it a server before 2026-06, where labels are refused to bots;
 * - conversations with statuses, messages (JSON and multipart `attachments[]`), toggle_status,
 *   assignments, labels (POST overwrites), teams (user only), agent_bots and set_agent_bot (user only);
 * - the delivery side as `AgentBots::WebhookJob` + `Webhooks::Trigger`: POST to the inbox bot's
 *   `outgoing_url`, signed (`X-Chatwoot-Signature: sha256=HMAC(secret, "<ts>.<body>")`,
 *   `X-Chatwoot-Timestamp`, `X-Chatwoot-Delivery` fixed at enqueue), 5 s timeout, repeated only on
 *   429/500 (3 attempts, 3 s apart); after the last failure of a message event on a `pending`
 *   conversation: `open` + the activity message (unless `keepPendingOnBotFailure`). Everything is recorded.
 */
import { createHmac, randomUUID } from 'node:crypto';

import { headerValue, jsonReply, startSimulator, type RecordedRequest, type Simulator, type SimulatorReply } from './base';

export const CHATWOOT_TEST = {
	accountId: 7,
	widgetInboxId: 10,
	whatsappInboxId: 11,
	userToken: 'user-token-admin',
	/** Bot 1, meant for the web widget inbox (not attached at start: the activation attaches it). */
	botToken: 'bot-token-atendimento',
	botSecret: 'bot-secret-assinatura',
	/** Bot 2, attached to the WhatsApp inbox at start (its URL set by the test). */
	whatsappBotToken: 'bot-token-whatsapp',
	whatsappBotSecret: 'bot-secret-whatsapp',
} as const;

export type ChatwootStatus = 'open' | 'pending' | 'resolved' | 'snoozed';

export interface SimContact {
	id: number;
	name: string;
	phone_number?: string;
}

export interface SimMessage {
	id: number;
	conversationId: number;
	content: string | null;
	content_type: string;
	content_attributes: Record<string, unknown>;
	message_type: 'incoming' | 'outgoing' | 'activity' | 'template';
	private: boolean;
	sender: Record<string, unknown> | null;
	attachments: Array<{ fileName: string; contentType: string; size: number }>;
	created_at: number;
	/** Who posted it through the API: 'bot', 'user', or 'contact'/'system' for simulated events. */
	by: 'bot' | 'user' | 'contact' | 'system';
}

export interface SimConversation {
	id: number;
	inboxId: number;
	status: ChatwootStatus;
	contact: SimContact;
	labels: string[];
	assigneeId: number | null;
	teamId: number | null;
}

export interface SimBot {
	id: number;
	name: string;
	outgoing_url: string;
	access_token: string;
	secret: string;
}

/** One webhook the simulator sent (with all its attempts). */
export interface SimDelivery {
	id: string;
	event: string;
	body: Record<string, unknown>;
	attempts: Array<{ status: number | 'timeout' | 'error'; ms: number }>;
	/** 'ok' (2xx), 'failed' (gave up). */
	outcome: 'ok' | 'failed';
}

export interface ChatwootSimulatorOptions {
	/** Bot tokens refused on labels (servers before PR #14655, 2026-06). */
	legacyBotLabels?: boolean;
	/** `GET /agent_bots` shows `access_token` to administrators (newer servers). */
	listShowsAccessToken?: boolean;
	/** Also send `conversation_status_changed` to the bot (forks do; upstream does not). */
	sendStatusChanged?: boolean;
	/** Send `conversation_updated` to the bot (upstream since PR #13975, 2026-04; older servers do not). */
	sendConversationUpdated?: boolean;
	keepPendingOnBotFailure?: boolean;
	timeoutMs?: number;
	retryWaitMs?: number;
}

export interface ChatwootSimulator extends Simulator {
	options: Required<ChatwootSimulatorOptions>;
	conversations: Map<number, SimConversation>;
	messages: SimMessage[];
	bots: SimBot[];
	teams: Array<{ id: number; name: string }>;
	/** Inbox id → attached bot id. */
	inboxBots: Map<number, number | null>;
	deliveries: SimDelivery[];
	/** Opens a conversation (status pending, as in a bot inbox). */
	openConversation(inboxId: number, contact?: Partial<SimContact>): SimConversation;
	/** The customer writes (a WhatsApp tap is its title as text); resolves when the delivery is done. */
	customerSays(conversationId: number, text: string, attachments?: Array<Record<string, unknown>>): Promise<SimDelivery | undefined>;
	/** The web widget visitor picks an option of the bot's input_select message `messageId`. */
	widgetSubmits(messageId: number, title: string): Promise<SimDelivery | undefined>;
	/** An agent (user) writes to the customer, or a private note. */
	agentSays(conversationId: number, text: string, isPrivate?: boolean): Promise<SimDelivery | undefined>;
	/** An agent changes the status in the panel. */
	agentSetsStatus(conversationId: number, status: ChatwootStatus): Promise<void>;
	/** Messages of a conversation, oldest first. */
	messagesOf(conversationId: number): SimMessage[];
	/** Resolves when no delivery is in flight. */
	idle(): Promise<void>;
}

const BOT_ACCESSIBLE: Array<[RegExp, string, boolean?]> = [
	[/^\/conversations$/, 'POST'],
	[/^\/conversations\/\d+$/, 'GET'],
	[/^\/conversations\/\d+$/, 'PATCH'],
	[/^\/conversations\/\d+\/toggle_status$/, 'POST'],
	[/^\/conversations\/\d+\/toggle_priority$/, 'POST'],
	[/^\/conversations\/\d+\/toggle_typing_status$/, 'POST'],
	[/^\/conversations\/\d+\/custom_attributes$/, 'POST'],
	[/^\/conversations\/\d+\/messages$/, 'POST'],
	[/^\/conversations\/\d+\/assignments$/, 'POST'],
	[/^\/conversations\/\d+\/labels$/, 'GET', true],
	[/^\/conversations\/\d+\/labels$/, 'POST', true],
];

const CHANNEL_OF: Record<number, string> = { [CHATWOOT_TEST.widgetInboxId]: 'Channel::WebWidget', [CHATWOOT_TEST.whatsappInboxId]: 'Channel::Whatsapp' };
const TYPE_NUMBER = { incoming: 0, outgoing: 1, activity: 2, template: 3 } as const;

export async function startChatwootSimulator(options: ChatwootSimulatorOptions = {}): Promise<ChatwootSimulator> {
	const settings: Required<ChatwootSimulatorOptions> = {
		legacyBotLabels: false,
		listShowsAccessToken: true,
		sendStatusChanged: false,
		sendConversationUpdated: true,
		keepPendingOnBotFailure: false,
		timeoutMs: 5_000,
		retryWaitMs: 3_000,
		...options,
	};
	let nextId = 1000;
	const inFlight = new Set<Promise<unknown>>();
	let sim: ChatwootSimulator;

	const account = { id: CHATWOOT_TEST.accountId, name: 'Provedor Simulado' };
	const inbox = (id: number) => ({ id, name: id === CHATWOOT_TEST.widgetInboxId ? 'Site' : 'WhatsApp' });

	function conversationData(conversation: SimConversation): Record<string, unknown> {
		const messages = sim.messagesOf(conversation.id).slice(-1);
		return {
			id: conversation.id,
			inbox_id: conversation.inboxId,
			status: conversation.status,
			channel: CHANNEL_OF[conversation.inboxId],
			can_reply: true,
			labels: [...conversation.labels],
			priority: null,
			snoozed_until: null,
			unread_count: 0,
			custom_attributes: {},
			additional_attributes: {},
			contact_inbox: { id: conversation.id + 5000, contact_id: conversation.contact.id, inbox_id: conversation.inboxId, source_id: String(conversation.contact.phone_number ?? conversation.contact.id) },
			meta: { sender: { ...conversation.contact }, assignee: conversation.assigneeId ? { id: conversation.assigneeId } : null, team: conversation.teamId ? { id: conversation.teamId } : null, hmac_verified: false },
			messages: messages.map((message) => ({ id: message.id, message_type: TYPE_NUMBER[message.message_type], content: message.content, content_type: message.content_type })),
			timestamp: Math.floor(Date.now() / 1000),
			created_at: Math.floor(Date.now() / 1000),
		};
	}

	function messageData(message: SimMessage, event: string): Record<string, unknown> {
		const conversation = sim.conversations.get(message.conversationId)!;
		return {
			event,
			id: message.id,
			content: message.content,
			content_type: message.content_type,
			content_attributes: message.content_attributes,
			message_type: message.message_type,
			private: message.private,
			source_id: null,
			created_at: new Date(message.created_at).toISOString(),
			additional_attributes: {},
			account,
			inbox: inbox(conversation.inboxId),
			sender: message.sender,
			conversation: conversationData(conversation),
		};
	}

	/** Delivers an event to the inbox's bot as Chatwoot's job does (see the module comment). */
	function deliver(conversation: SimConversation, body: Record<string, unknown>): Promise<SimDelivery | undefined> {
		const botId = sim.inboxBots.get(conversation.inboxId);
		const bot = sim.bots.find((candidate) => candidate.id === botId);
		if (!bot || !bot.outgoing_url) return Promise.resolve(undefined);
		const delivery: SimDelivery = { id: randomUUID(), event: String(body.event), body, attempts: [], outcome: 'failed' };
		sim.deliveries.push(delivery);
		const run = (async () => {
			const payload = JSON.stringify(body);
			for (let attempt = 1; attempt <= 3; attempt++) {
				const timestamp = String(Math.floor(Date.now() / 1000));
				const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Chatwoot-Delivery': delivery.id };
				if (bot.secret) {
					headers['X-Chatwoot-Timestamp'] = timestamp;
					headers['X-Chatwoot-Signature'] = `sha256=${createHmac('sha256', bot.secret).update(`${timestamp}.${payload}`).digest('hex')}`;
				}
				const started = Date.now();
				let status: number | 'timeout' | 'error';
				try {
					const response = await fetch(bot.outgoing_url, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(settings.timeoutMs) });
					await response.arrayBuffer().catch(() => undefined);
					status = response.status;
				} catch (error) {
					status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'error';
				}
				delivery.attempts.push({ status, ms: Date.now() - started });
				if (typeof status === 'number' && status >= 200 && status < 300) {
					delivery.outcome = 'ok';
					return delivery;
				}
				if (status !== 429 && status !== 500) break;
				if (attempt < 3) await new Promise((resolve) => setTimeout(resolve, settings.retryWaitMs));
			}
			const isMessageEvent = body.event === 'message_created' || body.event === 'message_updated';
			if (isMessageEvent && conversation.status === 'pending' && !settings.keepPendingOnBotFailure) {
				conversation.status = 'open';
				addMessage(conversation, { content: 'Conversation was marked open by system due to an error with the agent bot.', message_type: 'activity', by: 'system', sender: null });
			}
			return delivery;
		})();
		inFlight.add(run);
		void run.finally(() => inFlight.delete(run));
		return run;
	}

	function addMessage(conversation: SimConversation, fields: Partial<SimMessage> & Pick<SimMessage, 'message_type' | 'by'>): SimMessage {
		const message: SimMessage = {
			id: ++nextId,
			conversationId: conversation.id,
			content: null,
			content_type: 'text',
			content_attributes: {},
			private: false,
			sender: null,
			attachments: [],
			created_at: Date.now(),
			...fields,
		};
		sim.messages.push(message);
		return message;
	}

	/** What a bot receives for a message: every message event but private notes' echoes are still sent (webhook_sendable). */
	function messageEvent(message: SimMessage, event = 'message_created'): Promise<SimDelivery | undefined> {
		return deliver(sim.conversations.get(message.conversationId)!, messageData(message, event));
	}

	function statusEvents(conversation: SimConversation, previous: ChatwootStatus): void {
		if (previous === conversation.status) return;
		const data = conversationData(conversation);
		if (conversation.status === 'open') void deliver(conversation, { ...data, event: 'conversation_opened' });
		if (conversation.status === 'resolved') void deliver(conversation, { ...data, event: 'conversation_resolved' });
		if (settings.sendConversationUpdated) void deliver(conversation, { ...data, event: 'conversation_updated', changed_attributes: [{ status: { previous_value: previous, current_value: conversation.status } }] });
		if (settings.sendStatusChanged) void deliver(conversation, { ...data, event: 'conversation_status_changed' });
	}

	function owner(request: RecordedRequest): { kind: 'user' } | { kind: 'bot'; bot: SimBot } | undefined {
		const token = headerValue(request, 'api_access_token');
		if (!token) return undefined;
		if (token === CHATWOOT_TEST.userToken) return { kind: 'user' };
		const bot = sim.bots.find((candidate) => candidate.access_token === token);
		return bot ? { kind: 'bot', bot } : undefined;
	}

	function handle(request: RecordedRequest): SimulatorReply {
		if (request.method === 'GET' && request.path === '/api') return jsonReply(200, { version: '4.13.0', timestamp: new Date().toISOString(), queue_services: 'ok', data_services: 'ok' });
		const prefix = `/api/v1/accounts/${CHATWOOT_TEST.accountId}`;
		if (!request.path.startsWith(prefix)) return jsonReply(404, { error: 'Resource could not be found' });
		const path = request.path.slice(prefix.length);
		const who = owner(request);
		if (!who) return jsonReply(401, { errors: ['You need to sign in or sign up before continuing.'] });
		if (who.kind === 'bot') {
			const allowed = BOT_ACCESSIBLE.some(([pattern, method, labels]) => pattern.test(path) && method === request.method && !(labels && settings.legacyBotLabels));
			if (!allowed) return jsonReply(401, { error: 'Access to this endpoint is not authorized for bots' });
		}
		const body = (request.json ?? request.form ?? {}) as Record<string, unknown>;
		const conversationMatch = /^\/conversations\/(\d+)(\/.*)?$/.exec(path);
		if (conversationMatch) {
			const conversation = sim.conversations.get(Number(conversationMatch[1]));
			if (!conversation) return jsonReply(404, { error: 'Resource could not be found' });
			return conversationAction(conversation, conversationMatch[2] ?? '', request, body, who);
		}
		if (path === '/teams' && request.method === 'GET') return jsonReply(200, sim.teams.map((team) => ({ ...team, description: '', allow_auto_assign: true, account_id: CHATWOOT_TEST.accountId, is_member: false })));
		if (path === '/agent_bots' && request.method === 'GET') {
			return jsonReply(200, sim.bots.map((bot) => ({ id: bot.id, name: bot.name, description: '', outgoing_url: bot.outgoing_url, account_id: CHATWOOT_TEST.accountId, ...(settings.listShowsAccessToken ? { access_token: bot.access_token, secret: bot.secret } : {}) })));
		}
		if (path === '/agent_bots' && request.method === 'POST') {
			const bot: SimBot = { id: ++nextId, name: String(body.name ?? 'bot'), outgoing_url: String(body.outgoing_url ?? ''), access_token: randomUUID(), secret: randomUUID() };
			sim.bots.push(bot);
			return jsonReply(200, { id: bot.id, name: bot.name, outgoing_url: bot.outgoing_url, account_id: CHATWOOT_TEST.accountId, access_token: bot.access_token, secret: bot.secret });
		}
		const botMatch = /^\/agent_bots\/(\d+)$/.exec(path);
		if (botMatch && request.method === 'PATCH') {
			const bot = sim.bots.find((candidate) => candidate.id === Number(botMatch[1]));
			if (!bot) return jsonReply(404, { error: 'Resource could not be found' });
			if (typeof body.outgoing_url === 'string') bot.outgoing_url = body.outgoing_url;
			return jsonReply(200, { id: bot.id, name: bot.name, outgoing_url: bot.outgoing_url });
		}
		const inboxMatch = /^\/inboxes\/(\d+)\/set_agent_bot$/.exec(path);
		if (inboxMatch && request.method === 'POST') {
			const inboxId = Number(inboxMatch[1]);
			if (!CHANNEL_OF[inboxId]) return jsonReply(404, { error: 'Resource could not be found' });
			sim.inboxBots.set(inboxId, body.agent_bot === null ? null : Number(body.agent_bot));
			return { status: 204 };
		}
		return jsonReply(404, { error: 'Resource could not be found' });
	}

	function conversationAction(conversation: SimConversation, action: string, request: RecordedRequest, body: Record<string, unknown>, who: { kind: 'user' } | { kind: 'bot'; bot: SimBot }): SimulatorReply {
		if (action === '/messages' && request.method === 'POST') {
			const content = typeof body.content === 'string' ? body.content : null;
			if (!content && request.files.length === 0) return jsonReply(422, { message: 'Content não pode ficar em branco' });
			const message = addMessage(conversation, {
				content,
				content_type: typeof body.content_type === 'string' ? body.content_type : 'text',
				content_attributes: (body.content_attributes as Record<string, unknown>) ?? {},
				message_type: 'outgoing',
				private: body.private === true || body.private === 'true',
				by: who.kind,
				sender: who.kind === 'bot' ? { id: who.bot.id, name: who.bot.name, type: 'agent_bot' } : { id: 1, name: 'Administrador', type: 'user' },
				attachments: request.files.map((file) => ({ fileName: file.fileName, contentType: file.contentType, size: file.data.length })),
			});
			if (!message.private) void messageEvent(message);
			return jsonReply(200, { id: message.id, content: message.content, message_type: TYPE_NUMBER.outgoing, content_type: message.content_type, private: message.private, conversation_id: conversation.id });
		}
		if (action === '/toggle_status' && request.method === 'POST') {
			const status = body.status as ChatwootStatus;
			if (!['open', 'pending', 'resolved', 'snoozed'].includes(status)) return jsonReply(422, { error: 'Invalid status' });
			const previous = conversation.status;
			conversation.status = status;
			statusEvents(conversation, previous);
			return jsonReply(200, { meta: {}, payload: { success: true, current_status: status, conversation_id: conversation.id } });
		}
		if (action === '/assignments' && request.method === 'POST') {
			if (body.assignee_id !== undefined && body.assignee_id !== null) {
				conversation.assigneeId = Number(body.assignee_id);
				return jsonReply(200, { id: conversation.assigneeId, name: 'Agente' });
			}
			const team = sim.teams.find((candidate) => candidate.id === Number(body.team_id));
			if (!team) return jsonReply(404, { error: 'Resource could not be found' });
			conversation.teamId = team.id;
			return jsonReply(200, { ...team });
		}
		if (action === '/labels' && request.method === 'GET') return jsonReply(200, { payload: [...conversation.labels] });
		if (action === '/labels' && request.method === 'POST') {
			conversation.labels = Array.isArray(body.labels) ? body.labels.map(String) : [];
			return jsonReply(200, { payload: [...conversation.labels] });
		}
		if (action === '' && request.method === 'GET') return jsonReply(200, conversationData(conversation));
		return jsonReply(404, { error: 'Resource could not be found' });
	}

	const base = await startSimulator((request) => handle(request), {
		onReset: () => {
			sim.conversations.clear();
			sim.messages.length = 0;
			sim.deliveries.length = 0;
		},
	});

	sim = Object.assign(base, {
		options: settings,
		conversations: new Map<number, SimConversation>(),
		messages: [] as SimMessage[],
		bots: [
			{ id: 1, name: 'Atendimento', outgoing_url: '', access_token: CHATWOOT_TEST.botToken, secret: CHATWOOT_TEST.botSecret },
			{ id: 2, name: 'WhatsApp', outgoing_url: '', access_token: CHATWOOT_TEST.whatsappBotToken, secret: CHATWOOT_TEST.whatsappBotSecret },
		] as SimBot[],
		teams: [
			{ id: 1, name: 'Atendimento' },
			{ id: 2, name: 'Financeiro' },
		],
		inboxBots: new Map<number, number | null>([
			[CHATWOOT_TEST.widgetInboxId, null],
			[CHATWOOT_TEST.whatsappInboxId, 2],
		]),
		deliveries: [] as SimDelivery[],
		openConversation(inboxId: number, contact: Partial<SimContact> = {}) {
			const id = ++nextId;
			const conversation: SimConversation = {
				id,
				inboxId,
				status: 'pending',
				contact: { id: id + 100_000, name: contact.name ?? 'Maria', ...(contact.phone_number ? { phone_number: contact.phone_number } : {}) },
				labels: [],
				assigneeId: null,
				teamId: null,
			};
			sim.conversations.set(id, conversation);
			return conversation;
		},
		async customerSays(conversationId: number, text: string, attachments: Array<Record<string, unknown>> = []) {
			const conversation = sim.conversations.get(conversationId)!;
			if (conversation.status === 'resolved') conversation.status = 'pending'; // a new message reopens it to the bot
			const message = addMessage(conversation, { content: text, message_type: 'incoming', by: 'contact', sender: { ...conversation.contact } });
			const body = messageData(message, 'message_created');
			if (attachments.length > 0) body.attachments = attachments;
			return await deliver(conversation, body);
		},
		async widgetSubmits(messageId: number, title: string) {
			const message = sim.messages.find((candidate) => candidate.id === messageId);
			if (!message) throw new Error(`mensagem ${messageId} não existe`);
			const items = (message.content_attributes.items as Array<{ title: string; value: string }>) ?? [];
			const item = items.find((candidate) => candidate.title === title);
			if (!item) throw new Error(`opção "${title}" não existe na mensagem ${messageId}`);
			message.content_attributes = { ...message.content_attributes, submitted_values: [{ title: item.title, value: item.value }] };
			return await messageEvent(message, 'message_updated');
		},
		async agentSays(conversationId: number, text: string, isPrivate = false) {
			const conversation = sim.conversations.get(conversationId)!;
			const message = addMessage(conversation, { content: text, message_type: 'outgoing', private: isPrivate, by: 'user', sender: { id: 1, name: 'Ana', type: 'user' } });
			return await messageEvent(message);
		},
		async agentSetsStatus(conversationId: number, status: ChatwootStatus) {
			const conversation = sim.conversations.get(conversationId)!;
			const previous = conversation.status;
			conversation.status = status;
			statusEvents(conversation, previous);
			await sim.idle();
		},
		messagesOf(conversationId: number) {
			return sim.messages.filter((message) => message.conversationId === conversationId);
		},
		async idle() {
			while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
		},
	});
	return sim;
}
