/** The WhatsApp send request of a queued template message. */
import { campaignButtonPayloads } from '../shared/broadcast/reply-payload';
import type { BroadcastJob } from '../shared/broadcast/types';
import type { WireRequest } from '../shared/channels/types';
import { renderWhatsApp, type WhatsAppRenderOptions } from '../shared/channels/whatsapp/render';

/**
 * `POST /<version>/<phoneNumberId>/messages` with the job's template, addressed to its E.164 number,
 * carrying the job id in `biz_opaque_callback_data`: WhatsApp echoes it in every status callback,
 * which is how a send interrupted by a crash is recognised (see recovery.ts). Its quick-reply buttons
 * carry payloads naming the campaign and the recipient (shared/broadcast/reply-payload.ts).
 * Throws `InvalidOutboundError` when the message cannot be sent (no template name or language).
 */
export function templateSendRequest(job: Pick<BroadcastJob, 'id' | 'phone' | 'message'>, target: WhatsAppRenderOptions): WireRequest {
	const { previewText: _previewText, quickReplies: _quickReplies, ...template } = job.message;
	const buttonPayloads = campaignButtonPayloads(job);
	const [request] = renderWhatsApp(job.phone, { kind: 'template', ...template, ...(buttonPayloads ? { buttonPayloads } : {}) }, target);
	return { ...request, body: { ...(request.body as Record<string, unknown>), biz_opaque_callback_data: job.id } };
}

/** Throws `InvalidOutboundError` when the credential's API version or phone number id cannot address a send. */
export function checkSendTarget(target: WhatsAppRenderOptions): void {
	renderWhatsApp('0', { kind: 'text', text: '-' }, target);
}
