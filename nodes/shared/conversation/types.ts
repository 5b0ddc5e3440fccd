import type { ChannelType, InboundMessage, OutboundMessage } from '../channels/types';

/** Where a conversation is (DESIGN.md §1). */
export type ConversationState = 'running' | 'waiting' | 'human' | 'ended';

/** A card parked in n8n, waiting for the customer's next message. */
export interface Waiter {
	/** `$execution.resumeUrl` + `/<nodeId>` (before any query string). */
	resumeUrl: string;
	executionId: string;
	nodeName: string;
	/** Invalid answers so far at this card. */
	attempts: number;
	/** Epoch ms after which the card answers "Sem resposta"; undefined = wait forever. */
	deadline?: number;
	/** Where a card that asks several things in a row (ERP cards) is in its dialog (JSON). */
	dialog?: Record<string, unknown>;
}

export interface LinkedCustomer {
	erp: string;
	id: string;
	name?: string;
	document?: string;
	personType?: 'fisica' | 'juridica';
	contractIds?: string[];
	activeContractId?: string;
	/** The ERP's own customer code when it differs from `id` (Hubsoft `codigo_cliente`, MK-Auth login). */
	code?: string;
	/** Phones registered in the ERP (digits), for ERP calls that need one when the channel has none (web chat). */
	phones?: string[];
	/** Other customer accounts the contact manages (Gerenciar Contas). */
	additionalAccounts?: Array<{ id: string; name?: string; document?: string }>;
}

export interface ConversationEvent {
	at: number;
	type: string;
	node?: string;
	data?: Record<string, unknown>;
}

export interface ChannelRef {
	type: ChannelType;
	/** WhatsApp phone_number_id, Telegram bot id, web chat path. */
	accountId: string;
	/** Production webhook URL of the trigger that owns the channel (used to send through it). */
	triggerUrl: string;
	workflowId?: string;
	/** "Nome da Empresa" of the trigger, for message variables. */
	companyName?: string;
	/** "Filial" option of the trigger (Condicional → Filial). */
	branch?: string;
	/**
	 * The trigger's channel credential (its node's `credentials` entry): cards send with it, read fresh
	 * at each send. Absent on the web chat and on conversations started before it was recorded (those
	 * send through the trigger's webhook).
	 */
	credential?: { id: string; name: string; type: string };
}

/** The stored conversation record. Versioned: migrate on read (CONVENTIONS.md 8). */
export interface Conversation {
	version: 1;
	id: string;
	protocolo: string;
	channel: ChannelRef;
	contact: { id: string; name?: string; phone?: string };
	customer?: LinkedCustomer;
	tags: string[];
	variables: Record<string, unknown>;
	department?: string;
	attendant?: string;
	state: ConversationState;
	waiter?: Waiter;
	/** Messages that arrived while the flow was running between cards, oldest first. */
	inbox: InboundMessage[];
	executionId?: string;
	/** Last time a card ran for this conversation (the running lease counts from here, not from messages). */
	cardActivityAt?: number;
	/** A card pauses the flow until then (Criar Delay): not stale before it, whatever the lease. */
	busyUntil?: number;
	/** Transferred conversations end after this long with no message either way (0/undefined = never). */
	humanTimeoutMs?: number;
	/** Tags of the contact (kept across conversations), copied in when the conversation starts. */
	contactTags?: string[];
	referral?: InboundMessage['referral'];
	createdAt: number;
	updatedAt: number;
	endedAt?: number;
	endReason?: string;
	resolved?: boolean;
	events: ConversationEvent[];
}

/** The `atendimento` field every item carries between cards (no secrets: it is saved in execution data). */
export interface AtendimentoItem {
	conversationId: string;
	protocolo: string;
	canal: ChannelType;
	contato: { id: string; nome?: string; telefone?: string };
	cliente?: LinkedCustomer;
	variaveis: Record<string, unknown>;
	etiquetas: string[];
}

/** A message shown in the web chat, numbered per session. */
export interface WebchatEntry {
	seq: number;
	at: number;
	from: 'bot' | 'user';
	message: OutboundMessage;
}

/** What the trigger must do with one inbound message. */
export type RouteDecision =
	| { action: 'duplicate' }
	| { action: 'start'; conversation: Conversation }
	| { action: 'resume'; conversation: Conversation; waiter: Waiter }
	| { action: 'queued'; conversation: Conversation }
	| { action: 'human'; conversation: Conversation };
