import { mkdtempSync, rmSync } from 'fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'os';
import { join } from 'path';

import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { setBroadcastStore } from '../shared/broadcast';
import { LocalBroadcastStore } from '../shared/broadcast/local-store';
import { graphErrorBody } from '../../test/simulators/whatsapp-errors';
import { ProcessarFila } from './ProcessarFila.node';

const node = {
	name: 'Processar Fila',
	type: 'n8n-nodes-atendimento.processarFila',
	typeVersion: 1,
	parameters: {},
	credentials: { atendimentoWhatsAppApi: { id: 'cred-1', name: 'WhatsApp' } },
} as unknown as INode;
/** No baseUrl: the test's Graph API server fills it in. */
const CREDENTIALS: Record<string, string> = { accessToken: 'token', phoneNumberId: '106540352242922', apiVersion: 'v25.0' };

let store: LocalBroadcastStore;
let directory: string;

beforeEach(async () => {
	directory = mkdtempSync(join(tmpdir(), 'processar-fila-node-'));
	store = new LocalBroadcastStore(directory);
	setBroadcastStore(store);
	const jobs = [1, 2, 3].map((index) => ({
		campaign: 'aviso',
		recipientKey: `cliente:${index}`,
		clienteId: String(index),
		phone: `+5511987650${index}00`,
		message: { name: 'aviso_manutencao', language: 'pt_BR', bodyParameters: [`Cliente ${index}`], previewText: `Olá Cliente ${index}` },
	}));
	await store.enqueue(jobs, Date.now());
});

afterEach(async () => {
	await store.close();
	setBroadcastStore(undefined);
	rmSync(directory, { recursive: true, force: true });
});

type Reply = { statusCode: number; body: unknown } | 'noAnswer';
interface SeenRequest {
	url: string;
	headers: http.IncomingHttpHeaders;
	body: { to: string; biz_opaque_callback_data: string } & Record<string, unknown>;
}

/** The Graph API of the test: a local server answering each send with `replies`, counting connections. */
let graph: { url: string; close: () => Promise<void>; connections: () => number; answer: (request: SeenRequest) => Reply };
beforeEach(async () => {
	let connections = 0;
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const reply = graph.answer({ url: request.url ?? '', headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
			if (reply === 'noAnswer') return;
			response.writeHead(reply.statusCode, { 'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json' });
			response.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
		});
	});
	server.on('connection', () => connections++);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	graph = {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
		connections: () => connections,
		answer: () => ({ statusCode: 500, body: {} }),
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
});
afterEach(async () => await graph.close());

function context(replies: (request: SeenRequest) => Reply, parameters: Record<string, unknown> = {}, credentials: Record<string, string> = CREDENTIALS) {
	const requests: SeenRequest[] = [];
	graph.answer = (request) => {
		requests.push(request);
		return replies(request);
	};
	const info = jest.fn();
	const values: Record<string, unknown> = { ratePerSecond: 1000, concurrency: 2, maxDurationSeconds: 50, maxAttempts: 5, options: {}, ...parameters };
	const ctx = {
		getNode: () => node,
		getInputData: () => [{ json: {} }],
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in values ? values[name] : fallback),
		getCredentials: jest.fn(async () => ({ ...credentials, baseUrl: credentials.baseUrl ?? graph.url })),
		getTimezone: () => 'America/Sao_Paulo',
		logger: { info, warn: jest.fn(), error: jest.fn(), debug: jest.fn() },
		// n8n's helper is only for a proxy or SSRF protection (whatsapp-transport.test.ts): never called here
		helpers: { httpRequestWithAuthentication: jest.fn() },
	} as unknown as IExecuteFunctions;
	return { ctx, requests, info };
}

const accepted = (request: SeenRequest): Reply => ({
	statusCode: 200,
	body: { messaging_product: 'whatsapp', messages: [{ id: `wamid.${request.body.biz_opaque_callback_data}` }] },
});

test('sends every queued template through the WhatsApp credential and outputs the summary', async () => {
	const { ctx, requests, info } = context(accepted);
	const [[item]] = await new ProcessarFila().execute.call(ctx);
	expect(requests).toHaveLength(3);
	expect(requests[0]).toMatchObject({
		url: '/v25.0/106540352242922/messages',
		// the credential read once for the run, its token on every send
		headers: expect.objectContaining({ authorization: 'Bearer token', 'content-type': 'application/json' }),
		body: expect.objectContaining({ to: '+5511987650100', type: 'template', biz_opaque_callback_data: 'aviso:cliente:1' }),
	});
	expect(ctx.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
	expect(ctx.getCredentials).toHaveBeenCalledTimes(1);
	expect(item.json).toMatchObject({ enviadas: 3, falhas: 0, reagendadas: 0, restantes: 0, taxaConfigurada: 1000, encerradaPor: 'semEnviosPendentes', situacao: 'nada pendente' });
	// no conversation of these contacts in the conversation store: the window is recorded as unknown
	expect((await store.queryLog({})).map((row) => row.janela24h)).toEqual(['desconhecido', 'desconhecido', 'desconhecido']);
	expect(item.pairedItem).toEqual([{ item: 0 }]);
	expect(await store.job('aviso:cliente:2')).toMatchObject({ state: 'sent', wamid: 'wamid.aviso:cliente:2' });
	// the run's progress line, then one per campaign with its counts and ETA
	expect(info.mock.calls.slice(-2)).toEqual([
		[expect.stringMatching(/^\[atendimento\] Processar Fila: 3 enviadas, 0 falhas, 0 reagendadas, 0 em andamento/), { node: 'Processar Fila' }],
		['[atendimento] Processar Fila: campanha "aviso" (concluída): 3 enviadas, 0 entregues, 0 lidas, 0 falhas, 0 pendentes, 0 canceladas; previsão: nada pendente', { node: 'Processar Fila' }],
	]);
	expect(item.json.campanhas).toEqual([expect.objectContaining({ campanha: 'aviso', situacao: 'concluída', enviadas: 3, pendentes: 0 })]);
});

test('an error body given as text is read by its code: 131047 fails without retry', async () => {
	const { ctx } = context((request) => (request.body.to === '+5511987650200' ? { statusCode: 400, body: JSON.stringify(graphErrorBody(131047)) } : accepted(request)));
	const [[item]] = await new ProcessarFila().execute.call(ctx);
	expect(item.json).toMatchObject({ enviadas: 2, falhas: 1, reagendadas: 0 });
	const [row] = await store.queryLog({ status: 'falha' });
	expect(row).toMatchObject({ clienteId: '2', codigoErro: 131047, contato: '+55 (11) 98765-0200' });
});

test('a request that times out is not resent in this run (it may have arrived)', async () => {
	const { ctx } = context((request) => (request.body.to === '+5511987650300' ? 'noAnswer' : accepted(request)), { options: { requestTimeoutSeconds: 1 } });
	const [[item]] = await new ProcessarFila().execute.call(ctx);
	expect(item.json).toMatchObject({ enviadas: 2, reagendadas: 1, restantes: 1 });
	expect(await store.job('aviso:cliente:3')).toMatchObject({ state: 'queued', attempts: 1, lastError: 'O WhatsApp não respondeu a tempo.' });
});

test('an expired token stops the run with an error; nothing is lost', async () => {
	const { ctx, requests } = context(() => ({ statusCode: 401, body: graphErrorBody(190) }), { concurrency: 1, ratePerSecond: 1 });
	const run = new ProcessarFila().execute.call(ctx);
	await expect(run).rejects.toThrow(NodeOperationError);
	await expect(run).rejects.toMatchObject({
		message: expect.stringMatching(/^Token de acesso do WhatsApp expirado/),
		description: expect.stringContaining('3 continuam na fila'),
	});
	expect(requests).toHaveLength(1);
	expect(await store.counts()).toMatchObject({ sent: 0, failed: 0 });
});

test('settings out of range are refused before the credential is read', async () => {
	const { ctx, requests } = context(accepted, { options: { requestTimeoutSeconds: 60, inFlightGraceSeconds: 30 } });
	await expect(new ProcessarFila().execute.call(ctx)).rejects.toThrow('Espera por confirmação curta demais: 30 s');
	expect(ctx.getCredentials).not.toHaveBeenCalled();
	expect(requests).toHaveLength(0);
});

test('a credential with an unusable phone number id stops before any job is taken', async () => {
	const { ctx, requests } = context(accepted, {}, { ...CREDENTIALS, phoneNumberId: '+55 11 4000-0000' });
	await expect(new ProcessarFila().execute.call(ctx)).rejects.toMatchObject({
		message: expect.stringMatching(/^Phone number ID do WhatsApp inválido/),
		description: 'Corrija a credencial do WhatsApp: nenhum envio foi feito.',
	});
	expect(requests).toHaveLength(0);
	expect(await store.counts()).toMatchObject({ queued: 3, sending: 0 });
});

test('one run keeps its connections to the Graph API open between sends', async () => {
	const jobs = Array.from({ length: 30 }, (_, index) => ({
		campaign: 'lote',
		recipientKey: `cliente:${index + 10}`,
		clienteId: String(index + 10),
		phone: `+55119876${String(index + 10).padStart(5, '0')}`,
		message: { name: 'aviso_manutencao', language: 'pt_BR', bodyParameters: ['x'], previewText: 'x' },
	}));
	await store.enqueue(jobs, Date.now());
	const { ctx, requests } = context(accepted);
	const [[item]] = await new ProcessarFila().execute.call(ctx);
	expect(item.json).toMatchObject({ enviadas: 33, restantes: 0 });
	expect(requests).toHaveLength(33);
	// 2 sends in flight at most: 2 connections, not one per message
	expect(graph.connections()).toBeLessThanOrEqual(2);
});

test('a token rotated in the credential is used from the next run on', async () => {
	const first = context(accepted, { concurrency: 1 }, { ...CREDENTIALS, accessToken: 'token-antigo' });
	await new ProcessarFila().execute.call(first.ctx);
	expect(first.requests.map((request) => request.headers.authorization)).toEqual(['Bearer token-antigo', 'Bearer token-antigo', 'Bearer token-antigo']);
	// the credential is edited and a new job queued: the next run reads the credential through n8n again
	await store.enqueue(
		[{ campaign: 'aviso', recipientKey: 'cliente:9', clienteId: '9', phone: '+5511987650900', message: { name: 'aviso_manutencao', language: 'pt_BR', bodyParameters: ['x'], previewText: 'x' } }],
		Date.now(),
	);
	const second = context(accepted, { concurrency: 1 }, { ...CREDENTIALS, accessToken: 'token-novo' });
	await new ProcessarFila().execute.call(second.ctx);
	expect(second.ctx.getCredentials).toHaveBeenCalledTimes(1);
	expect(second.requests.map((request) => request.headers.authorization)).toEqual(['Bearer token-novo']);
});
