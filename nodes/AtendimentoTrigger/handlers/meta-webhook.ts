/**
 * What every Meta webhook (WhatsApp Cloud API, Messenger, Instagram) shares: the GET verification
 * handshake and the `X-Hub-Signature-256` of each POST (docs/apis-externas.md §A.1–A.2, §H.1).
 */
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { safeEqual, verifyWhatsAppSignature } from '../../shared/channels/signature';
import { parseWhatsAppVerification } from '../../shared/channels/whatsapp/parse';
import { respond } from './respond';

/** GET: Meta's verification handshake — the raw `hub.challenge` when `hub.verify_token` is the credential's, else 403. */
export function answerMetaVerification(context: IWebhookFunctions, verifyToken: string): IWebhookResponseData {
	const verification = parseWhatsAppVerification(context.getQueryData());
	if (!verification || verification.mode !== 'subscribe' || !safeEqual(verification.token, verifyToken)) {
		return respond(context, 403, { error: 'Token de verificação do webhook não confere.' });
	}
	return respond(context, 200, verification.challenge, { 'Content-Type': 'text/plain' });
}

/**
 * POST: checks `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with the app secret) before anything
 * else. Returns the 401 answer when it does not match, undefined when the delivery may be read.
 */
export function refuseUnsignedMetaDelivery(context: IWebhookFunctions, appSecret: string): IWebhookResponseData | undefined {
	const request = context.getRequestObject();
	const rawBody = (request as unknown as { rawBody?: Buffer }).rawBody ?? Buffer.from(JSON.stringify(request.body ?? {}));
	const signature = context.getHeaderData()['x-hub-signature-256'];
	if (verifyWhatsAppSignature(rawBody, typeof signature === 'string' ? signature : undefined, appSecret)) return undefined;
	return respond(context, 401, { error: 'Assinatura X-Hub-Signature-256 inválida.' });
}
