// Customer traffic: inbound WhatsApp messages signed like Meta's, timed until the bot's reply
// reaches the simulator, and workers that keep a fixed number of messages in flight.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { loadWhatsAppSimulator } = require('./typescript-require.cjs');
const { WHATSAPP_TEST_ACCOUNT, deliver, messagesWebhook, textMessage } = loadWhatsAppSimulator();

/** How long a reply may take before it counts as lost. */
export const REPLY_TIMEOUT_MS = 60_000;

/**
 * A generator of fresh 13-digit Brazilian mobile ids starting with `prefix`, e.g. `551191` (DDD 11,
 * so the 9th-digit quirk never changes them; one prefix per flow, so replies are counted per flow).
 */
export function contactIds(prefix) {
	let next = 0;
	return () => `${prefix}${String(next++).padStart(13 - prefix.length, '0')}`;
}

/**
 * POSTs one text message from `waId` to `webhookUrl` and waits for the next message the bot sends
 * to `waId`. Returns the latency in milliseconds, or undefined when the reply never came (or the
 * webhook refused the message).
 */
export async function exchange(mailbox, webhookUrl, waId, text) {
	const reply = mailbox.expect(waId, REPLY_TIMEOUT_MS);
	const payload = messagesWebhook(textMessage(text, { from: waId }), { contactName: 'Cliente Bench' });
	const startedAt = performance.now();
	const response = await deliver(webhookUrl, payload, WHATSAPP_TEST_ACCOUNT.appSecret);
	if (response.status >= 300) {
		process.stderr.write(`[bench] webhook respondeu ${response.status}: ${response.body.slice(0, 200)}\n`);
	}
	const received = await reply;
	return received ? received.at - startedAt : undefined;
}

/** Runs `concurrency` workers until each returns; `work(worker)` is one worker's loop. */
export async function inParallel(concurrency, work) {
	await Promise.all(Array.from({ length: concurrency }, (_, worker) => work(worker)));
}

export function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export { WHATSAPP_TEST_ACCOUNT, loadWhatsAppSimulator };
