// A channel door over fetch, for API module tests against the simulators: what n8n's
// httpRequestWithAuthentication does for the pack's credentials (the WhatsApp bearer token added
// from the credential; Telegram's token is in the path), with the full response whatever its status.
import type { IHttpRequestOptions, INode } from 'n8n-workflow';

import type { ChannelDoor } from '../../nodes/shared/channels/transport';

export const TEST_NODE = { id: 'n1', name: 'Card de teste', type: 'n8n-nodes-atendimento.enviarMensagem', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

/** A door whose requests go out with fetch, carrying `headers` (e.g. the bearer token). */
export function fetchDoor(headers: Record<string, string> = {}, node: INode = TEST_NODE): ChannelDoor & { requests: IHttpRequestOptions[] } {
	const requests: IHttpRequestOptions[] = [];
	return {
		node,
		requests,
		send: async (options) => {
			requests.push(options);
			const url = new URL(options.url);
			for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
			const isForm = options.body instanceof FormData;
			const response = await fetch(url, {
				method: options.method ?? 'GET',
				headers: { ...(isForm || options.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers, ...(options.headers as Record<string, string>) },
				body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
				signal: AbortSignal.timeout(options.timeout ?? 20_000),
			});
			const text = await response.text();
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {
				// not JSON: the text
			}
			const responseHeaders: Record<string, string> = {};
			response.headers.forEach((value, key) => (responseHeaders[key] = value));
			return { statusCode: response.status, headers: responseHeaders, body };
		},
	};
}
