import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { TEST_NODE } from '../../../test/support/fetch-door';
import { keepAliveDoor } from '../channels/transport';
import { whatsAppApi } from '../channels/whatsapp/api';
import { keepAliveAllowed, keepAliveSender } from './keep-alive';
import { timedRequest } from './request';

interface Seen {
	method?: string;
	url?: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** A local server that counts the TCP connections it accepts and answers with `reply`. */
async function countingServer(reply: (seen: Seen, response: http.ServerResponse) => void = (_seen, response) => json(response, 200, { ok: true })) {
	const seen: Seen[] = [];
	let connections = 0;
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const entry = { method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
			seen.push(entry);
			reply(entry, response);
		});
	});
	server.on('connection', () => connections++);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		seen,
		connections: () => connections,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

function json(response: http.ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
}

const WIRE = {
	method: 'POST' as const,
	path: '/v25.0/106540352242922/messages',
	body: { messaging_product: 'whatsapp', to: '5511987650100', type: 'template', template: { name: 'aviso', language: { code: 'pt_BR' } } },
};

describe('keepAliveDoor: the WhatsApp sends of a run over kept-alive connections', () => {
	let server: Awaited<ReturnType<typeof countingServer>>;
	afterEach(async () => await server.close());

	it('reuses one connection for sequential sends, with the credential’s bearer token on each', async () => {
		server = await countingServer();
		const api = whatsAppApi(keepAliveDoor(TEST_NODE, { Authorization: 'Bearer token-da-execucao' }), { phoneNumberId: '106540352242922', baseUrl: server.url });
		for (let index = 0; index < 30; index++) {
			expect(await api.sendOnce(WIRE, 2000)).toMatchObject({ kind: 'response', statusCode: 200, body: { ok: true } });
		}
		expect(server.seen).toHaveLength(30);
		expect(server.connections()).toBe(1);
		expect(server.seen[0]).toMatchObject({
			method: 'POST',
			url: '/v25.0/106540352242922/messages',
			headers: expect.objectContaining({ authorization: 'Bearer token-da-execucao', 'content-type': 'application/json', accept: 'application/json' }),
		});
		expect(JSON.parse(server.seen[29].body)).toEqual(WIRE.body);
	});

	it('concurrent sends open at most one connection per request in flight, then reuse them', async () => {
		server = await countingServer();
		const api = whatsAppApi(keepAliveDoor(TEST_NODE, {}), { phoneNumberId: '106540352242922', baseUrl: server.url });
		for (let round = 0; round < 5; round++) {
			const outcomes = await Promise.all(Array.from({ length: 8 }, async () => await api.sendOnce(WIRE, 2000)));
			expect(outcomes.every((outcome) => outcome.kind === 'response' && outcome.statusCode === 200)).toBe(true);
		}
		expect(server.seen).toHaveLength(40);
		expect(server.connections()).toBeLessThanOrEqual(8);
	});

	it('a new run’s door carries the new token on the same connections (a rotated token takes effect on the next run)', async () => {
		server = await countingServer();
		const account = { phoneNumberId: '106540352242922', baseUrl: server.url };
		await whatsAppApi(keepAliveDoor(TEST_NODE, { Authorization: 'Bearer antigo' }), account).sendOnce(WIRE, 2000);
		await whatsAppApi(keepAliveDoor(TEST_NODE, { Authorization: 'Bearer novo' }), account).sendOnce(WIRE, 2000);
		expect(server.seen.map((seen) => seen.headers.authorization)).toEqual(['Bearer antigo', 'Bearer novo']);
		// the pool is shared across runs, the token is not
		expect(server.connections()).toBe(1);
	});

	it('returns refusals as responses with the parsed error body, and redirects as they came', async () => {
		server = await countingServer((seen, response) => {
			if (seen.url?.startsWith('/redirect')) {
				response.writeHead(302, { location: 'http://outro.exemplo/' });
				response.end();
				return;
			}
			json(response, 400, { error: { code: 131047, message: 'Re-engagement message' } });
		});
		const send = keepAliveSender({ Authorization: 'Bearer x' });
		expect(await timedRequest(send, { method: 'POST', url: `${server.url}/v25.0/1/messages`, body: WIRE.body, json: true }, 2000)).toMatchObject({
			kind: 'response',
			statusCode: 400,
			body: { error: { code: 131047 } },
		});
		expect(await timedRequest(send, { method: 'GET', url: `${server.url}/redirect`, json: true }, 2000)).toMatchObject({ kind: 'response', statusCode: 302, body: '' });
		expect(server.seen).toHaveLength(2);
	});

	it('sends the query string and a text body', async () => {
		server = await countingServer((_seen, response) => {
			response.writeHead(200, { 'content-type': 'text/plain' });
			response.end('pronto');
		});
		const outcome = await timedRequest(keepAliveSender(), { method: 'POST', url: `${server.url}/x`, qs: { limit: 100, status: 'APPROVED' }, body: 'oi' }, 2000);
		expect(outcome).toMatchObject({ kind: 'response', statusCode: 200, body: 'pronto' });
		expect(server.seen[0]).toMatchObject({ url: '/x?limit=100&status=APPROVED', body: 'oi', headers: expect.objectContaining({ 'content-type': 'text/plain; charset=utf-8' }) });
	});

	it('a server that does not answer in time is a timeout, not a network failure', async () => {
		server = await countingServer(() => undefined);
		const started = Date.now();
		const outcome = await timedRequest(keepAliveSender(), { method: 'POST', url: `${server.url}/lento`, body: WIRE.body, json: true }, 300);
		expect(outcome.kind).toBe('timeout');
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('a refused connection is a network failure with its code', async () => {
		server = await countingServer();
		const closedUrl = server.url;
		await server.close();
		server = await countingServer();
		expect(await timedRequest(keepAliveSender(), { method: 'POST', url: `${closedUrl}/x`, body: {}, json: true }, 2000)).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
	});

	it('refuses a multipart body before anything leaves (an error without a network code: the caller stops)', async () => {
		server = await countingServer();
		const form = new FormData();
		form.append('file', new Blob(['x']), 'a.txt');
		await expect(timedRequest(keepAliveSender(), { method: 'POST', url: `${server.url}/media`, body: form as never }, 2000)).rejects.toThrow('Corpo de requisição não suportado');
		expect(server.seen).toHaveLength(0);
	});
});

describe('keepAliveAllowed', () => {
	it('only when n8n has no proxy and no SSRF check to apply', () => {
		expect(keepAliveAllowed({})).toBe(true);
		expect(keepAliveAllowed({ N8N_SSRF_PROTECTION_ENABLED: 'false' })).toBe(true);
		expect(keepAliveAllowed({ HTTPS_PROXY: 'http://proxy:3128' })).toBe(false);
		expect(keepAliveAllowed({ http_proxy: 'http://proxy:3128' })).toBe(false);
		expect(keepAliveAllowed({ ALL_PROXY: 'socks5://proxy:1080' })).toBe(false);
		expect(keepAliveAllowed({ N8N_SSRF_PROTECTION_ENABLED: 'true' })).toBe(false);
	});
});
