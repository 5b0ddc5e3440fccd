import type { ChannelType, InboundMessage, OutboundMessage } from '../channels/types';

/** Where a conversation is (docs/arquitetura.md §1, §3). */
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
	/**
	 * Epoch ms when the card's question finished sending. Inbox messages that arrived before it were
	 * written before the customer saw the question: they become context, not answers (parkOrTake).
	 * Undefined (waiters stored before this field existed): every inbox message is an answer.
	 */
	askedAt?: number;
	/**
	 * Epoch ms when the pack fires the deadline again: its earlier firing could not reach n8n
	 * (docs/arquitetura.md §5). Undefined: due at `deadline`.
	 */
	retryAt?: number;
	/** The pack gave up firing the deadline (n8n unreachable past its own fallback timeout): n8n's timeout takes the card out. */
	leftToN8n?: boolean;
}

/** The JSON of the items on each input or output of a node (binary data is not kept). */
export type StepItems = Array<Array<{ json: Record<string, unknown> }>>;

/**
 * A point of a conversation's flow from which n8n can run it again (checkpoint.ts): a card about to run
 * with its input (`entrada`), or a card that was settled (an answer, "Sem resposta") with its outputs
 * (`saida`), in workflow `workflowId` of execution `executionId`.
 */
export interface Checkpoint {
	at: 'entrada' | 'saida';
	workflowId: string;
	nodeName: string;
	/** `entrada`: the card's input (one list, one item); `saida`: one list of items per output. */
	items: StepItems;
	executionId: string;
	/**
	 * The pack process (checkpoint.ts `PROCESS_ID`) that goes on running the execution from here; its death
	 * alone says the step died. Undefined when n8n hands the execution to a process not known here (a
	 * queue-mode worker takes the resumed execution): then only n8n's status of the execution tells.
	 */
	process?: string;
	/** Epoch ms when it was written. */
	savedAt: number;
	/** Bot messages this execution sent since the checkpoint: a run again from `entrada` does not send them twice. */
	sent: number;
	/** Messages the card, run again from here, leaves unsent (they went out before the process died). */
	skip?: number;
	/** Times the flow was run again from this card (at most MAX_STEP_RERUNS: a step that kills its process is not run forever). */
	reruns: number;
	/** Set just before the flow is run again from here; the card that runs again takes `skip` and `reruns` from it. */
	rerunPending?: boolean;
}

/**
 * How a contact was tied to an ERP customer: `telefone` (the channel's phone is registered on the
 * customer: Auto Vincular Contato), `documento` (the contact typed the CPF/CNPJ: Validar Cadastro and
 * every ERP card that asks it), `portal` (the subscriber-portal login and password: Autenticação
 * Duas Etapas).
 */
export type LinkVerification = 'telefone' | 'documento' | 'portal';

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
	/**
	 * Every way this link was verified, oldest first. Absent on links recorded before it existed: they
	 * count as not verified by phone (Aceite de Contrato refuses them and says why).
	 */
	verifiedBy?: LinkVerification[];
	/** Other customer accounts the contact manages (Gerenciar Contas). */
	additionalAccounts?: Array<{ id: string; name?: string; document?: string; /** How this account was tied to the contact. */ verifiedBy?: LinkVerification[] }>;
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
	/** Chatwoot: the inbox's channel type (`Channel::Whatsapp`, `Channel::WebWidget`…), which decides how options are shown. */
	variant?: string;
	/** WhatsApp: the trigger's "Modelo fora da janela de 24h", sent instead of a card's message outside the window. */
	outsideWindowTemplate?: { name: string; language: string; bodyParameters: string[] };
	/**
	 * A test run from the editor: the message came through the trigger's test URL (`/webhook-test/…`) and
	 * the conversation runs in a manual execution (docs/arquitetura.md §17). `triggerUrl` is then the test URL.
	 */
	test?: true;
}

/** Who wrote a history entry. */
export type HistoryAuthor = 'cliente' | 'bot' | 'atendente';

/**
 * What became of a history entry.
 *
 * Customer messages (`from: 'cliente'`):
 * - `inicio`: started the conversation (the trigger's item carries it);
 * - `resposta`: delivered to a waiting card as its answer;
 * - `fila`: waiting in the inbox for the next card that asks (in an ended conversation: never read);
 * - `contexto`: arrived before the question it would have answered was sent, so it answered nothing;
 *   its text is in `Conversation.context`;
 * - `humano`: for the attendant (the conversation was transferred);
 * - `bloqueada`: the contact had opted out (/bloquear, Opt-in refused): it started and resumed nothing;
 * - `comando`: /bloquear or /desbloquear.
 *
 * Bot and attendant messages: `enviada` (handed to the channel).
 */
export type HistoryStatus = 'inicio' | 'resposta' | 'fila' | 'contexto' | 'humano' | 'bloqueada' | 'comando' | 'enviada' | 'falhou';

/**
 * One message of the conversation, either way, as the human desk shows it: no binary data (a file is
 * its kind and name), texts capped (MAX_HISTORY_TEXT), secret answers stored as "••••••". The record
 * keeps the last MAX_HISTORY_ENTRIES.
 */
export interface HistoryEntry {
	/** Epoch ms: arrival at the trigger (customer), or when it was handed to the channel (bot, attendant). */
	at: number;
	from: HistoryAuthor;
	/** The message's kind: text, choice, media, location, contact, unsupported; choices, template (outbound). */
	kind: string;
	/** Typed text, a chosen option's title, a caption, a location's name; the text of a bot message. */
	text?: string;
	fileName?: string;
	/** Id of the file kept in the store (`putWebchatFile`), which the Painel serves (`?r=arquivo`). */
	fileId?: string;
	/** Labels of the options a bot question offered. */
	choices?: string[];
	/** Platform id of a customer message (links the entry to the inbox). */
	messageId?: string;
	/** Login of the attendant who wrote it (`from: 'atendente'`, sent from the Painel). */
	agent?: string;
	status: HistoryStatus;
}

/** Where a conversation on the Painel do Atendente is: waiting for an agent, with one, or pending. */
export type DeskStatus = 'nova' | 'aberta' | 'pendente';

/** How the human part of a Painel conversation ended (the Transferir output the flow continues by). */
export type DeskOutcome = 'devolvido' | 'resolvido' | 'inatividade';

/** The stored conversation record. Versioned (`version`): migrated on read (`migrate.ts`). */
export interface Conversation {
	/** 2: `history` and `context` (records of version 1 are migrated on read). */
	version: 2;
	id: string;
	protocolo: string;
	channel: ChannelRef;
	/** `id`: the contact's canonical id (WhatsApp: phone, or BSUID when he came without one; see conversation/aliases). */
	contact: { id: string; name?: string; phone?: string; username?: string; userId?: string };
	customer?: LinkedCustomer;
	/**
	 * What the customer wrote when asked to sum up the problem (Solicitar Descrição): shown on the desk,
	 * sent with ERP tickets and Chatwoot handoffs, `{{descricao}}` in messages. Optional: no migration.
	 */
	description?: string;
	tags: string[];
	variables: Record<string, unknown>;
	department?: string;
	attendant?: string;
	/** Display name of `attendant` when the Painel assigned it (the web chat says "<nome> entrou na conversa"). Optional: no migration. */
	attendantName?: string;
	state: ConversationState;
	waiter?: Waiter;
	/** Messages that arrived while the flow was running between cards, oldest first. */
	inbox: InboundMessage[];
	/** Every message either way, oldest first, the last MAX_HISTORY_ENTRIES (see HistoryEntry). */
	history: HistoryEntry[];
	/**
	 * Texts the customer wrote that answered no question: the first message and those sent before the
	 * question of the card that read them was shown. Oldest first, the last MAX_CONTEXT_ENTRIES.
	 */
	context: string[];
	executionId?: string;
	/**
	 * Where the flow of this conversation was last known to be, to run it again from there when the n8n
	 * process running it died (checkpoint.ts, docs/arquitetura.md §19). Optional: no migration.
	 */
	checkpoint?: Checkpoint;
	/** Last time a card ran for this conversation (the running lease counts from here, not from messages). */
	cardActivityAt?: number;
	/** A card pauses the flow until then (Criar Delay): not stale before it, whatever the lease. */
	busyUntil?: number;
	/** Transferred conversations end after this long with no message either way (0/undefined = never). */
	humanTimeoutMs?: number;
	/**
	 * Desk fields (Painel do Atendente). Optional: a record without them (older, or transferred to the
	 * attendant API) is not on the desk; no migration needed. `department` is the desk's team and
	 * `attendant` the agent's login.
	 */
	desk?: 'painel' | 'chatwoot';
	deskStatus?: DeskStatus;
	/** Epoch ms the conversation reached the desk (time to first response counts from here). */
	transferredAt?: number;
	firstAgentReplyAt?: number;
	/** Epoch ms until which each agent (login) has read the conversation. */
	readBy?: Record<string, number>;
	/** ERP tickets opened or linked from the desk. */
	tickets?: Array<{ protocolo: string; em: number }>;
	/** Why it reached the desk ("Transferido pelo fluxo (card X)"). */
	arrivalReason?: string;
	/** The parked Transferir Atendimento card the desk resumes when the human part ends. */
	deskWaiter?: Waiter;
	/** When the human part ended, and how: the conversation is then in the desk's "Encerradas". */
	deskEndedAt?: number;
	deskOutcome?: DeskOutcome;
	/** Tags of the contact (kept across conversations), copied in when the conversation starts. */
	contactTags?: string[];
	referral?: InboundMessage['referral'];
	/**
	 * Epoch ms of the contact's last message in the conversation this one replaced (the contact's
	 * previous atendimento), if any: "Tempo sem interação" of the first message counts from here.
	 */
	previousCustomerMessageAt?: number;
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
	contato: { id: string; nome?: string; telefone?: string; usuario?: string };
	cliente?: LinkedCustomer;
	/** The customer's summary of the problem (Conversation.description), when Solicitar Descrição asked for it. */
	descricao?: string;
	variaveis: Record<string, unknown>;
	etiquetas: string[];
	/** What the customer wrote that answered no question (Conversation.context), oldest first. */
	contexto: string[];
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
	/** `checkpoint`: the record's checkpoint when the card parked (the waiting card's entry), to run the card again if its execution died. */
	| { action: 'resume'; conversation: Conversation; waiter: Waiter; checkpoint?: Checkpoint }
	| { action: 'queued'; conversation: Conversation }
	| { action: 'human'; conversation: Conversation }
	/** Recorded in the history only: the contact opted out, or the message is /bloquear or /desbloquear. */
	| { action: 'recorded'; conversation: Conversation };

/**
 * Text messages of one contact held back to be joined into one (the trigger's "Agrupar mensagens em
 * sequência"). Flushed at `flushAt`, or at once when a message that is not text arrives.
 */
export interface PendingBurst {
	/** contactKey of the contact. */
	key: string;
	channel: ChannelRef;
	/** The trigger's running lease, for routing the joined message later. */
	runningLeaseMs: number;
	/** The parts, oldest first. */
	messages: InboundMessage[];
	firstAt: number;
	lastAt: number;
	/** Epoch ms when the burst is routed: the window after the last part, at most the cap after the first. */
	flushAt: number;
}
