// A web chat customer driven over HTTP (the page's JSON API).
import { randomUUID } from 'crypto';

import type { OutboundMessage } from '../../nodes/shared/channels/types';
import { waitFor } from './n8n-client';

export interface ChatEntry {
	seq: number;
	message: OutboundMessage;
}

export class WebchatCustomer {
	readonly session = `e2e-${randomUUID()}`;
	private seen = 0;

	constructor(private readonly url: string) {}

	async say(text: string): Promise<Response> {
		return await fetch(this.url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ session: this.session, text }),
		});
	}

	async click(choiceId: string, title: string): Promise<Response> {
		return await fetch(this.url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ session: this.session, choiceId, title }),
		});
	}

	/** All bot messages so far. */
	async history(): Promise<ChatEntry[]> {
		const response = await fetch(`${this.url}?session=${this.session}&after=0&wait=0`);
		return ((await response.json()) as { messages: ChatEntry[] }).messages;
	}

	/** Waits for `count` new bot messages and returns them. */
	async next(count = 1, timeoutMs = 15_000): Promise<OutboundMessage[]> {
		const fresh = await waitFor(
			async () => {
				const entries = (await this.history()).filter((entry) => entry.seq > this.seen);
				return entries.length >= count ? entries.slice(0, count) : undefined;
			},
			timeoutMs,
			`${count} mensagem(ns) do bot`,
		);
		this.seen = fresh[fresh.length - 1].seq;
		return fresh.map((entry) => entry.message);
	}

	/**
	 * A file message's file, fetched as the page does: its URL resolved against the page (the
	 * trigger's URL), so a relative `?arquivo=…&sessao=…` reaches the trigger.
	 */
	async file(message: OutboundMessage): Promise<{ url: string; status: number; headers: Headers; body: Buffer }> {
		const relative = (message as { url?: string }).url;
		if (!relative) throw new Error(`mensagem sem URL de arquivo: ${JSON.stringify(message)}`);
		const url = new URL(relative, this.url).href;
		const response = await fetch(url);
		return { url, status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
	}

	/** Downloads a PDF the bot sent (kept apart from the history, served by the trigger to this session) and checks it is one. */
	async pdf(message: OutboundMessage): Promise<Buffer> {
		expect((message as { url?: string }).url).toMatch(/^\?arquivo=[0-9a-f]{32}&sessao=/);
		const served = await this.file(message);
		expect(served.headers.get('content-type')).toBe('application/pdf');
		expect(served.body.subarray(0, 4).toString()).toBe('%PDF');
		return served.body;
	}

	/** Texts of messages, for assertions. */
	static texts(messages: OutboundMessage[]): string[] {
		return messages.map((message) => ('text' in message ? message.text : message.kind));
	}
}
