/**
 * The neutral message model. Cards build `OutboundMessage`s; channel adapters render them into
 * each platform's wire format and parse each platform's inbound payloads into `InboundMessage`s.
 * No card ever builds channel JSON.
 */

export type ChannelType = 'webchat' | 'whatsapp' | 'telegram' | 'chatwoot' | 'messenger' | 'instagram';

/** One selectable option of a question (Escolha / Confirmação). */
export interface Choice {
	/** Stable id sent back by buttons/lists/inline keyboards (e.g. `opt_1`). */
	id: string;
	/** Label shown to the customer (≤ 24 characters, checked by the card). */
	label: string;
	/** Optional secondary line (WhatsApp list row description). */
	description?: string;
}

export type OutboundMessage =
	| {
			kind: 'text';
			text: string;
			/** The customer's answer to this message is secret (a password): the web chat hides it as typed and in its history. */
			secretAnswer?: boolean;
	  }
	| { kind: 'choices'; text: string; choices: Choice[]; buttonLabel?: string; footer?: string }
	| {
			kind: 'media';
			mediaType: 'image' | 'document' | 'audio' | 'video';
			/** Public URL of the file, or `data` (base64) with `mimeType` for binary uploads. */
			url?: string;
			/**
			 * Platform id of a file already uploaded to the channel (WhatsApp media id, Telegram
			 * file_id); preferred over `url`. Set by the transport after uploading `data`.
			 */
			mediaId?: string;
			data?: string;
			mimeType?: string;
			fileName?: string;
			caption?: string;
	  }
	| {
			kind: 'template';
			name: string;
			language: string;
			/** Body variables {{1}}, {{2}}, … in order. */
			bodyParameters: string[];
			/** Text for channels without templates (Telegram, web chat); `{{n}}` is replaced by bodyParameters[n-1]. */
			fallbackText?: string;
			/**
			 * Payloads of the template's quick-reply buttons, in order: WhatsApp echoes one back (`button.payload`)
			 * when tapped. A plain string goes to the button at its position in the list; `{ index, payload }`
			 * names the button's `index` among all the template's buttons (a link button before it shifts it).
			 */
			buttonPayloads?: Array<string | { index: number; payload: string }>;
	  }
	| FlowMessage;

/**
 * A form the customer fills in inside the chat app (WhatsApp Flows, docs/apis-externas.md §A "WhatsApp Flows"). Only WhatsApp
 * shows it: a card that sends one on another channel asks the form's fields as text questions instead.
 */
export interface FlowMessage {
	kind: 'flow';
	/** The Flow, created and published in WhatsApp Manager: its id, or its name. */
	flow: { id: string } | { name: string };
	/** Label of the button that opens the form (≤ 20 characters, no emoji). */
	buttonLabel: string;
	/** Message body shown above the button. */
	text: string;
	header?: string;
	footer?: string;
	/** `draft` lets a Flow under construction be tested; customers see `published` ones. */
	mode: 'published' | 'draft';
	/** Opaque value the channel echoes in the reply: binds the answer to the wait that sent the form. */
	token: string;
	/**
	 * `navigate`: open `screen`, with optional initial `data` (non-empty when present); `dataExchange`: the
	 * Flow's own endpoint decides the first screen.
	 */
	action: { type: 'navigate'; screen: string; data?: Record<string, unknown> } | { type: 'dataExchange' };
}

export type InboundContent =
	| { kind: 'text'; text: string }
	/** Reply to buttons/list/inline keyboard: the choice id and its visible title. */
	| { kind: 'choice'; id: string; title: string }
	| {
			kind: 'media';
			mediaType: 'image' | 'document' | 'audio' | 'video' | 'sticker';
			/** Platform media id (WhatsApp media id, Telegram file_id) or URL (web chat). */
			mediaId?: string;
			url?: string;
			mimeType?: string;
			fileName?: string;
			caption?: string;
	  }
	| { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string }
	| { kind: 'contact'; name: string; phones: string[] }
	/**
	 * A submitted form (WhatsApp Flow `nfm_reply`): the token of the form message it answers (missing in
	 * some iOS replies), the values by the Flow's field names and the id of the form message.
	 */
	| { kind: 'form'; token?: string; fields: Record<string, unknown>; repliesTo?: string }
	/** `problem`: why a message of a known type could not be read (logged by the trigger). */
	| { kind: 'unsupported'; originalType: string; problem?: string };

/** What the trigger made of a tap on a broadcast template's button (`InboundMessage.broadcastReply`). */
export type BroadcastReply = { status: 'confirmada'; campaign: string; jobId: string } | { status: 'outroDestinatario' | 'envioDesconhecido' };

/** One message from a customer, whatever the channel. */
export interface InboundMessage {
	channel: ChannelType;
	/** Channel account: WhatsApp phone_number_id, Telegram bot id, web chat path. */
	accountId: string;
	/** Platform id of the contact: WhatsApp wa_id, Telegram chat id, web chat session id. */
	contactId: string;
	contactName?: string;
	/** Phone in E.164 digits without '+', when the channel gives one (WhatsApp wa_id). */
	contactPhone?: string;
	/**
	 * WhatsApp business-scoped user id (BSUID, `US.1349…`) when the webhook carries one; a contact who
	 * adopted a username may come with it alone (no phone). docs/apis-externas.md §A.9.
	 */
	contactUserId?: string;
	/** WhatsApp parent BSUID (`US.ENT.…`), shared by the portfolios of an enrolled business. */
	contactParentUserId?: string;
	/** WhatsApp username of the contact (`profile.username`), when he adopted one. */
	contactUsername?: string;
	/** Platform message id, used to drop duplicate deliveries. */
	messageId: string;
	/** Unix epoch milliseconds. */
	timestamp: number;
	/** Epoch ms when the trigger received it (set by the trigger; the platform's `timestamp` may lag or lead). */
	receivedAt?: number;
	content: InboundContent;
	/**
	 * A tap on a button of a broadcast template (docs/arquitetura.md §8.1), set by the trigger: `confirmada`
	 * when the payload names a job sent to this very contact (campaign and job id given); `outroDestinatario`
	 * when the job was sent to someone else (a forwarded or forged payload); `envioDesconhecido` when no
	 * such job is kept. The content is then the button's own choice (`botao_<n>`, its text).
	 */
	broadcastReply?: BroadcastReply;
	/** Click-to-WhatsApp ad referral, when present. */
	referral?: { sourceUrl?: string; sourceId?: string; sourceType?: string; headline?: string; ctwaClid?: string };
}

/** Delivery status callback (sent/delivered/read/failed); never starts an execution. */
export interface StatusUpdate {
	channel: ChannelType;
	accountId: string;
	messageId: string;
	/** The recipient: WhatsApp `recipient_id` (phone), else `recipient_user_id` (BSUID); '' when neither came (a `failed` of a BSUID send). */
	recipientId: string;
	/** WhatsApp `recipient_user_id` (BSUID), when the status carries it. */
	recipientUserId?: string;
	status: 'sent' | 'delivered' | 'read' | 'failed';
	timestamp: number;
	errors?: Array<{ code: number; title: string; message?: string }>;
	/** What the sender attached to the message and the channel echoes back (WhatsApp `biz_opaque_callback_data`). */
	callbackData?: string;
}

/** What an adapter makes of one inbound HTTP delivery (one delivery can carry several entries). */
export interface ParsedDelivery {
	messages: InboundMessage[];
	statuses: StatusUpdate[];
}

/** An HTTP request an adapter wants sent (the caller sends it with n8n's helpers). */
export interface WireRequest {
	method: 'GET' | 'POST';
	/**
	 * Path relative to the channel's base URL, e.g. `/v23.0/123/messages`. Telegram requests carry
	 * only the method (`/sendMessage`): the transport prefixes `/bot<token>` with `withTelegramToken`,
	 * so the token never sits in a request object.
	 */
	path: string;
	body?: unknown;
	headers?: Record<string, string>;
}
