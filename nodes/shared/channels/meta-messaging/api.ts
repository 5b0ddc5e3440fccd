/**
 * The Messenger Platform's Send API (Facebook Messenger and Instagram Direct) as the pack uses it,
 * through a door (../transport.ts): sending a rendered message (uploading a binary file first),
 * uploading an attachment and the sender actions. Every call follows the one retry policy of
 * ../transport.ts; failures are NodeApiErrors of the door's node with Meta's reason in pt-BR, and one
 * that says the person cannot receive messages (551/1545041) is marked (`isUnavailableRecipientError`).
 */
import type { IHttpRequestOptions, NodeApiError } from 'n8n-workflow';

import type { HttpOutcome } from '../../http/request';
import type { OutboundMessage, WireRequest } from '../types';
import { callOnce, parsedBody, UPLOAD_TIMEOUT_MS, withRetries, type ChannelDoor, type ChannelPlatform } from '../transport';
import { classifyMetaMessagingError, isRecipientUnavailable } from './errors';
import type { MetaMessagingChannel } from './parse';
import { attachmentTypeOf, metaMessagesPath, renderMetaMessaging, renderSenderAction } from './render';

export const MESSENGER_CREDENTIAL_TYPE = 'atendimentoMessengerApi';
export const INSTAGRAM_CREDENTIAL_TYPE = 'atendimentoInstagramApi';

/** The fields of the Messenger credential. */
export interface MessengerCredentials {
	pageId: string;
	accessToken: string;
	appSecret: string;
	verifyToken: string;
	apiVersion?: string;
	baseUrl?: string;
}

/** The fields of the Instagram credential. */
export interface InstagramCredentials {
	loginType?: 'facebookPage' | 'instagramLogin';
	instagramAccountId: string;
	accessToken: string;
	appSecret: string;
	verifyToken: string;
	apiVersion?: string;
	baseUrl?: string;
}

/** What the API calls need: the channel, its account (Page id / IG account id), version and host. */
export interface MetaMessagingAccount {
	channel: MetaMessagingChannel;
	accountId: string;
	apiVersion: string;
	baseUrl: string;
}

export const DEFAULT_GRAPH_VERSION = 'v26.0';

/** The account of a Messenger or Instagram credential. */
export function metaAccountOf(channel: MetaMessagingChannel, data: MessengerCredentials | InstagramCredentials): MetaMessagingAccount {
	const instagram = data as InstagramCredentials;
	const defaultHost = channel === 'instagram' && instagram.loginType === 'instagramLogin' ? 'https://graph.instagram.com' : 'https://graph.facebook.com';
	return {
		channel,
		accountId: String(channel === 'instagram' ? instagram.instagramAccountId : (data as MessengerCredentials).pageId).trim(),
		apiVersion: data.apiVersion?.trim() || DEFAULT_GRAPH_VERSION,
		baseUrl: (data.baseUrl?.trim() || defaultHost).replace(/\/+$/, ''),
	};
}

/** How a message is sent: `humanAgent` tags a human agent's reply made 24 h–7 days after the customer's last message. */
export interface MetaSendOptions {
	humanAgent?: boolean;
}

type MediaMessage = Extract<OutboundMessage, { kind: 'media' }>;

export interface MetaMessagingApi {
	/** Sends `message` to `recipientId` (PSID/IGSID), in one or more requests; a binary file is uploaded first. */
	sendMessage(recipientId: string, message: OutboundMessage, options?: MetaSendOptions): Promise<void>;
	/** `mark_seen`, `typing_on` or `typing_off` (no `message` field). */
	senderAction(recipientId: string, action: 'mark_seen' | 'typing_on' | 'typing_off'): Promise<void>;
	/** Uploads a binary file (`POST /<ver>/<id|me>/message_attachments`, multipart `message` + `filedata`); resolves with its attachment id. */
	uploadAttachment(message: MediaMessage): Promise<string>;
}

const PLATFORM_NAMES: Record<MetaMessagingChannel, Pick<ChannelPlatform, 'subject' | 'target'>> = {
	messenger: { subject: 'O Messenger', target: 'ao Messenger' },
	instagram: { subject: 'O Instagram', target: 'ao Instagram' },
};

/** The platform description of `channel` for the transport's errors. */
export function metaPlatform(channel: MetaMessagingChannel): ChannelPlatform {
	return { ...PLATFORM_NAMES[channel], classify: classifyMetaMessagingError };
}

/** The Send API of `account`, reached through `door`. */
export function metaMessagingApi(door: ChannelDoor, account: MetaMessagingAccount): MetaMessagingApi {
	const platform = metaPlatform(account.channel);
	const call = async (request: IHttpRequestOptions, timeoutMs?: number): Promise<unknown> => {
		let last: HttpOutcome | undefined;
		try {
			return await withRetries(door, platform, async () => (last = await callOnce(door, request, timeoutMs)), timeoutMs);
		} catch (error) {
			if (last?.kind === 'response' && isRecipientUnavailable(parsedBody(last.body))) markUnavailableRecipient(error);
			throw error;
		}
	};
	const wireOptions = (wire: WireRequest): IHttpRequestOptions => ({ method: wire.method, url: `${account.baseUrl}${wire.path}`, body: wire.body as IHttpRequestOptions['body'], json: true });

	const api: MetaMessagingApi = {
		async sendMessage(recipientId, original, options = {}) {
			const message = original.kind === 'media' && original.data && !original.mediaId ? withoutData(original, await api.uploadAttachment(original)) : original;
			for (const wire of renderMetaMessaging(recipientId, message, { ...account, humanAgent: options.humanAgent })) await call(wireOptions(wire));
		},

		async senderAction(recipientId, action) {
			await call(wireOptions(renderSenderAction(recipientId, action, account)));
		},

		async uploadAttachment(message) {
			const mimeType = message.mimeType ?? 'application/octet-stream';
			const form = new FormData();
			form.append('message', JSON.stringify({ attachment: { type: attachmentTypeOf(message.mediaType), payload: { is_reusable: true } } }));
			form.append('filedata', new Blob([Buffer.from(message.data ?? '', 'base64')], { type: mimeType }), message.fileName ?? 'arquivo');
			const url = `${account.baseUrl}${metaMessagesPath(account, 'message_attachments')}`;
			const body = (await call({ method: 'POST', url, body: form }, UPLOAD_TIMEOUT_MS)) as { attachment_id?: unknown } | undefined;
			return String(body?.attachment_id);
		},
	};
	return api;
}

/** True when `error` is a send refused because the person cannot receive messages (551/1545041). */
export function isUnavailableRecipientError(error: unknown): boolean {
	return (error as Partial<NodeApiError> | undefined)?.context?.recipientUnavailable === true;
}

function markUnavailableRecipient(error: unknown): void {
	const context = (error as Partial<NodeApiError> | undefined)?.context;
	if (context) context.recipientUnavailable = true;
}

function withoutData(message: MediaMessage, attachmentId: string): OutboundMessage {
	const { data: _uploaded, ...rest } = message;
	return { ...rest, mediaId: attachmentId };
}
