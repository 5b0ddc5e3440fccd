/**
 * The broadcast ("Envio omnichannel", docs/arquitetura.md §8) model: a durable queue of template messages and the
 * send log, kept in the same backend as the conversation store (local journal or Redis, chosen by
 * ATENDIMENTO_STORE). Field names that reach users (log rows, CSV) are pt-BR.
 */

/** A WhatsApp template message as queued (the variables already filled for this recipient). */
export interface QueuedTemplateMessage {
	name: string;
	language: string;
	/** Body variables {{1}}, {{2}}, … in order. */
	bodyParameters: string[];
	/** The text as the customer will read it (for the log and for previews). */
	previewText: string;
	/**
	 * The template's quick-reply buttons: `index` among all its buttons (as a send names them) and text.
	 * Processar Fila gives each a payload that names the campaign and the recipient (`reply-payload.ts`).
	 * Absent in messages queued before replies carried the campaign: those go without payloads.
	 */
	quickReplies?: Array<{ index: number; text: string }>;
}

/** `cancelled`: its campaign was cancelled before it was sent (terminal, like `sent` and `failed`). */
export type JobState = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';

/**
 * A campaign's control state: `active` (the default), `paused` (Processar Fila claims none of its jobs,
 * which stay queued) or `cancelled` (its pending jobs ended as `cancelled`; nothing more is sent or queued).
 */
export type CampaignState = 'active' | 'paused' | 'cancelled';

/**
 * Processar Fila's 131049 policy, kept on the job when it is sent so that a 131049 that arrives later in a
 * `failed` status callback reschedules the recipient as the synchronous answer does.
 */
export interface MarketingRetry {
	/** How long the recipient waits; 0 = a 131049 is a failure. */
	delayMs: number;
	/** Sends per job, counting the first one (Processar Fila's "Máximo de Tentativas"). */
	maxAttempts: number;
	/** The workflow's time zone, for the date in the log's reason. */
	timeZone: string;
}

/** Meta's template categories, which set the price of a delivered message. */
export type TemplateCategory = 'marketing' | 'utility' | 'authentication' | 'service';

/**
 * Whether the recipient was inside WhatsApp's 24-hour customer-service window when the message left
 * (his last message less than 24 h before, from the conversation store), or "desconhecido" when the
 * store has no conversation of his. Decides nothing for templates; utility ones are free inside it.
 */
export type Window24h = 'dentro' | 'fora' | 'desconhecido';

/** One message to one recipient of one campaign. */
export interface BroadcastJob {
	/** `<campaign>:<recipientKey>`: the same campaign never queues the same recipient twice. */
	id: string;
	campaign: string;
	/** Customer id plus login (or contract) id, e.g. `cliente:101/login:3001`. */
	recipientKey: string;
	clienteId: string;
	login?: string;
	/** E.164 with plus, `+5511987654321`. */
	phone: string;
	message: QueuedTemplateMessage;
	state: JobState;
	/** Send attempts so far (a retry after backoff counts one more). */
	attempts: number;
	/** Epoch ms before which the job is not sent (backoff). */
	notBefore: number;
	/** While `sending`: epoch ms after which another run may take the job over (crash). */
	leaseUntil?: number;
	/** Set when a send call may have reached WhatsApp (see `claim`). */
	inFlightSince?: number;
	/** The template's category and the price of one delivered message in BRL (Enfileirar Envio's table). */
	category?: TemplateCategory;
	unitPriceBRL?: number;
	/** The 24-hour window at the last send (set with `markInFlight`). */
	window24h?: Window24h;
	/** Processar Fila's 131049 policy at the last send (set with `markInFlight`). */
	marketingRetry?: MarketingRetry;
	/** WhatsApp message id once accepted. */
	wamid?: string;
	/** The message id of a send a late 131049 status put back in the queue: its further statuses are ignored. */
	rescheduledWamid?: string;
	/** Why the last attempt did not succeed (`retryLater`, `markFailed`, a failed status callback). */
	lastError?: string;
	createdAt: number;
	updatedAt: number;
}

/** What `enqueue` receives per recipient. */
export type NewJob = Pick<BroadcastJob, 'campaign' | 'recipientKey' | 'clienteId' | 'login' | 'phone' | 'message' | 'category' | 'unitPriceBRL'>;

/**
 * `reagendado`: a policy answer (131049) put the recipient back for a later day; a new row follows the next send.
 * `cancelado`: the campaign was cancelled before this recipient was sent.
 */
export type SendStatus = 'sucesso' | 'falha' | 'ignorado' | 'reagendado' | 'cancelado';

/** One row of the send log ("Logs Omnichannel"). */
export interface SendLogEntry {
	/** Increasing number per installation. */
	id: number;
	jobId?: string;
	campaign: string;
	clienteId: string;
	tipoComunicacao: 'whatsapp';
	/** `+55 (11) 98765-4321`. */
	contato: string;
	/** Epoch ms of the send (or of the skip). */
	dataEnvio: number;
	status: SendStatus;
	/** Confirmation on success, reason on failure or skip (pt-BR). */
	mensagem: string;
	/** WhatsApp error code of a failure, when there is one. */
	codigoErro?: number;
	wamid?: string;
	/** Delivery progress from status callbacks. */
	entrega?: 'sent' | 'delivered' | 'read' | 'failed';
	entregaEm?: number;
	/** Why the row ended as it did, short (pt-BR): "entregue", "número sem WhatsApp (131026)"… Filled by `queryLog`. */
	motivo?: string;
	/** The template's category and the price of one delivered message (BRL), from the job. */
	categoria?: TemplateCategory;
	precoUnitario?: number;
	/** What this message costs (BRL): the unit price once accepted, 0 when it failed or was free. Filled by `queryLog`. */
	custo?: number;
	/** The recipient's 24-hour window when it was sent. */
	janela24h?: Window24h;
	/** The text of the template button the recipient tapped (the last tap), and when (epoch ms). */
	resposta?: string;
	respondidoEm?: number;
}

export interface LogFilter {
	campaign?: string;
	clienteId?: string;
	status?: SendStatus;
	/** Digits contained in the contact. */
	contato?: string;
	/** Epoch ms range of dataEnvio. */
	from?: number;
	to?: number;
	/** Newest first; default 1000. */
	limit?: number;
}

export interface QueueCounts {
	queued: number;
	sending: number;
	sent: number;
	failed: number;
}

/** A campaign's progress: its control state, its jobs by outcome, and when its pending jobs should be done. */
export interface CampaignProgress {
	campaign: string;
	state: CampaignState;
	/** Jobs of the campaign (skipped recipients are not jobs). */
	total: number;
	/** Accepted by WhatsApp (whatever their delivery since). */
	sent: number;
	/** Of those, delivered or read; and read. */
	delivered: number;
	read: number;
	failed: number;
	/** Queued or being sent (paused ones included). */
	pending: number;
	cancelled: number;
	/** Jobs that left the queue (sent or failed) per second over the last minute; undefined without any. */
	recentRate?: number;
	/**
	 * Milliseconds until the pending jobs are done: pending ÷ the recent rate, or ÷ the fallback rate given
	 * by the caller when there is no recent history; 0 when nothing is pending; undefined when paused,
	 * cancelled, or without any rate.
	 */
	etaMs?: number;
}

/** What a pause, resume or cancel did. */
export interface CampaignControlResult {
	campaign: string;
	/** The state before and after (a resume of a cancelled campaign changes nothing). */
	previous: CampaignState;
	state: CampaignState;
	/** Jobs the cancel ended as `cancelled` (0 for pause and resume). */
	cancelled: number;
}

/** One campaign's queue, for the campaign report ("Relatório de Campanhas"). */
export interface CampaignTotals {
	campaign: string;
	counts: QueueCounts;
	/** What all its queued messages cost if every one is delivered (BRL): the sum of the jobs' unit prices. */
	estimatedCostBRL: number;
	/** Epoch ms of its first enqueue and of its last change. */
	createdAt: number;
	updatedAt: number;
}

/**
 * The durable queue and send log. Every method is atomic per job (Lua/MULTI in Redis, a mutex +
 * journal locally), so several processes (n8n queue mode) or two overlapping scheduled runs never
 * send one job twice.
 */
export interface BroadcastStore {
	/**
	 * Adds jobs whose id never existed (idempotent: re-running a campaign adds nothing). A cancelled campaign
	 * takes no new job: those are counted in `cancelled` (present only then). A paused one takes them, paused.
	 */
	enqueue(jobs: NewJob[], now: number): Promise<{ added: number; duplicates: number; cancelled?: number }>;
	/** Records a recipient that was not queued (opted out, invalid or non-mobile number) in the log. */
	logSkipped(entry: Omit<SendLogEntry, 'id' | 'status' | 'tipoComunicacao'>): Promise<void>;
	/**
	 * Takes up to `limit` jobs to send now: `queued` with `notBefore <= now`, or `sending` whose lease
	 * expired (the run that held them died). Sets them `sending` with `leaseUntil = now + leaseMs`.
	 * Never a job of a paused or cancelled campaign.
	 */
	claim(now: number, limit: number, leaseMs: number): Promise<BroadcastJob[]>;
	/**
	 * Marks that the send request is about to leave (write-ahead, for crash recovery), with the recipient's
	 * 24-hour window and the 131049 policy. Returns false when the job must not be sent: no longer `sending`,
	 * or its campaign was paused (the job goes back to the queue, its attempts unchanged) or cancelled (the
	 * job ends `cancelled`) since it was claimed.
	 */
	markInFlight(jobId: string, now: number, window24h?: Window24h, marketingRetry?: MarketingRetry): Promise<boolean>;
	/** Accepted by WhatsApp: `sent` + a `sucesso` log row. */
	markSent(jobId: string, wamid: string, now: number): Promise<void>;
	/** Given up (non-retryable or attempts exhausted): `failed` + a `falha` log row with the reason. */
	markFailed(jobId: string, reason: string, code: number | undefined, now: number): Promise<void>;
	/**
	 * A `reagendado` row in the log for a job put back by a policy answer (131049): the recipient's
	 * contact, category, price and window come from the job. Call it after `retryLater`.
	 */
	logRescheduled(jobId: string, entry: { dataEnvio: number; mensagem: string; codigoErro?: number }): Promise<void>;
	/** Back to `queued` until `notBefore` (backoff); counts the attempt. */
	retryLater(jobId: string, notBefore: number, reason: string, now: number): Promise<void>;
	/**
	 * A status callback (sent/delivered/read/failed) for `wamid`, or for the job id echoed in
	 * `biz_opaque_callback_data` when the sender died before reading WhatsApp's answer. A `failed` with
	 * 131049 on a sent job with a `marketingRetry` delay (and attempts left) puts it back in the queue until
	 * `at + delayMs`; its row becomes `reagendado` and the next send gets a row of its own.
	 */
	recordStatus(update: { wamid: string; jobId?: string; status: 'sent' | 'delivered' | 'read' | 'failed'; at: number; errorCode?: number; errorTitle?: string }): Promise<void>;
	/**
	 * The recipient tapped a button of the job's template (docs/arquitetura.md §8.1): the job's log row
	 * gains `resposta` and `respondidoEm` (a later tap replaces them). Nothing when the job or its row is gone.
	 */
	recordReply(jobId: string, reply: { at: number; resposta: string }): Promise<void>;
	job(jobId: string): Promise<BroadcastJob | undefined>;
	/** Pauses a campaign (also one not queued yet): its queued jobs stay untouched until `resumeCampaign`. */
	pauseCampaign(campaign: string, now: number): Promise<CampaignControlResult>;
	/** Resumes a paused campaign where it stopped; a cancelled campaign stays cancelled. */
	resumeCampaign(campaign: string, now: number): Promise<CampaignControlResult>;
	/**
	 * Cancels a campaign for good: its queued jobs (and those of a dead run) end `cancelled` with a
	 * `cancelado` row saying `reason`; a job being sent finishes as it goes, later ones are cancelled.
	 */
	cancelCampaign(campaign: string, reason: string, now: number): Promise<CampaignControlResult>;
	/** The campaign's control state (`active` for an unknown one). */
	campaignState(campaign: string): Promise<CampaignState>;
	/** Campaigns paused or cancelled (the others are active). */
	controlledCampaigns(): Promise<Array<{ campaign: string; state: Exclude<CampaignState, 'active'> }>>;
	/** The campaign's progress at `now`; `fallbackRate` (msg/s) gives the ETA when no job left the queue lately. */
	campaignProgress(campaign: string, now: number, fallbackRate?: number): Promise<CampaignProgress>;
	counts(campaign?: string): Promise<QueueCounts>;
	queryLog(filter: LogFilter): Promise<SendLogEntry[]>;
	/**
	 * Every campaign still kept (see BROADCAST_RETENTION_MS), with its counts and estimated cost; the most
	 * recently changed first. Read-only. (Redis: a campaign left queued, unchanged, beyond the retention
	 * period is listed again at its next change, as its pruning works.)
	 */
	campaignTotals(): Promise<CampaignTotals[]>;
	/** Releases what the store holds open (the journal file, the Redis connection). */
	close?(): Promise<void>;
}
