import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { NodeOperationError, type IExecuteFunctions, type IHttpRequestOptions, type INode } from 'n8n-workflow';

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
const CREDENTIALS = { accessToken: 'token', phoneNumberId: '106540352242922', baseUrl: 'http://127.0.0.1:9/', apiVersion: 'v25.0' };

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

type Reply = { statusCode: number; body: unknown } | Error;

function context(replies: (request: IHttpRequestOptions) => Reply, parameters: Record<string, unknown> = {}, credentials: Record<string, string> = CREDENTIALS) {
	const requests: Array<{ credentialType: string; options: IHttpRequestOptions; credentialOptions: unknown }> = [];
	const info = jest.fn();
	const values: Record<string, unknown> = { ratePerSecond: 1000, concurrency: 2, maxDurationSeconds: 50, maxAttempts: 5, options: {}, ...parameters };
	const ctx = {
		getNode: () => node,
		getInputData: () => [{ json: {} }],
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in values ? values[name] : fallback),
		getCredentials: jest.fn(async () => credentials),
		getTimezone: () => 'America/Sao_Paulo',
		logger: { info, warn: jest.fn(), error: jest.fn(), debug: jest.fn() },
		helpers: {
			httpRequestWithAuthentication: jest.fn(async (credentialType: string, options: IHttpRequestOptions, credentialOptions: unknown) => {
				requests.push({ credentialType, options, credentialOptions });
				const reply = replies(options);
				if (reply instanceof Error) throw reply;
				return reply;
			}),
		},
	} as unknown as IExecuteFunctions;
	return { ctx, requests, info };
}

const accepted = (options: IHttpRequestOptions): Reply => ({
	statusCode: 200,
	body: { messaging_product: 'whatsapp', messages: [{ id: `wamid.${(options.body as { biz_opaque_callback_data: string }).biz_opaque_callback_data}` }] },
});

test('sends every queued template through the WhatsApp credential and outputs the summary', async () => {
	const { ctx, requests, info } = context(accepted);
	const [[item]] = await new ProcessarFila().execute.call(ctx);
	expect(requests).toHaveLength(3);
	expect(requests[0]).toEqual({
		credentialType: 'atendimentoWhatsAppApi',
		options: expect.objectContaining({
			method: 'POST',
			url: 'http://127.0.0.1:9/v25.0/106540352242922/messages',
			json: true,
			disableFollowRedirect: true,
			timeout: 20_000,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			body: expect.objectContaining({ to: '+5511987650100', type: 'template', biz_opaque_callback_data: 'aviso:cliente:1' }),
		}),
		// the credential read once for the run, handed to n8n's authentication on every call
		credentialOptions: { credentialsDecrypted: { id: 'cred-1', name: 'WhatsApp', type: 'atendimentoWhatsAppApi', data: CREDENTIALS } },
	});
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
	const { ctx } = context((options) =>
		(options.body as { to: string }).to === '+5511987650200' ? { statusCode: 400, body: JSON.stringify(graphErrorBody(131047)) } : accepted(options),
	);
	const [[item]] = await new ProcessarFila().execute.call(ctx);
	expect(item.json).toMatchObject({ enviadas: 2, falhas: 1, reagendadas: 0 });
	const [row] = await store.queryLog({ status: 'falha' });
	expect(row).toMatchObject({ clienteId: '2', codigoErro: 131047, contato: '+55 (11) 98765-0200' });
});

test('a request that times out is not resent in this run (it may have arrived)', async () => {
	const timeout = Object.assign(new Error('timeout of 20000ms exceeded'), { code: 'ECONNABORTED' });
	const { ctx } = context((options) => ((options.body as { to: string }).to === '+5511987650300' ? timeout : accepted(options)));
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
