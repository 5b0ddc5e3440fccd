import { type IExecuteFunctions, type IHttpRequestOptions, type INode } from 'n8n-workflow';

import { startWhatsAppSimulator, WHATSAPP_TEST_ACCOUNT, type WhatsAppSimulator } from '../../test/simulators/whatsapp';
import { useTemporaryStore } from '../../test/support/temporary-store';
import type { LocalConversationStore } from '../shared/conversation/local-store';
import { invitationKey } from '../shared/conversation/invitations';
import { MigrarWhatsApp } from './MigrarWhatsApp.node';

const node = { name: 'Migrar', type: 'n8n-nodes-atendimento.migrarWhatsApp', typeVersion: 1, parameters: {} } as unknown as INode;
const ACCOUNT_ID = WHATSAPP_TEST_ACCOUNT.phoneNumberId;

let whatsapp: WhatsAppSimulator;
let store: LocalConversationStore;

beforeAll(async () => {
	whatsapp = await startWhatsAppSimulator();
});
afterEach(() => whatsapp.reset());
afterAll(async () => await whatsapp.close());
useTemporaryStore('migrar-whatsapp', (created) => {
	store = created;
});

/** n8n's authenticated request (Bearer token), on fetch. */
async function authenticated(_type: string, options: IHttpRequestOptions): Promise<unknown> {
	const url = new URL(options.url);
	for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
	const response = await fetch(url, {
		method: options.method,
		headers: { Authorization: `Bearer ${WHATSAPP_TEST_ACCOUNT.accessToken}`, 'Content-Type': 'application/json' },
		...(options.body ? { body: JSON.stringify(options.body) } : {}),
	});
	return { statusCode: response.status, body: await response.json() };
}

const BASE = {
	template: 'retomar_atendimento|pt_BR',
	variables: { values: [{ variable: 1, value: 'Maria ({{protocolo}})' }] },
	triggerPath: 'suporte-telefonia',
	protocolo: '',
	origin: 'telefonia',
	conversationVariables: { values: [{ name: 'ramal', value: '201' }, { name: ' ', value: 'ignorada' }] },
	intervalHours: 24,
	validityHours: 72,
};

function context(phones: string[], parameters: Record<string, unknown> = {}, continueOnFail = false) {
	const values: Record<string, unknown> = { ...BASE, ...parameters };
	return {
		getNode: () => node,
		getInputData: () => phones.map((telefone) => ({ json: { body: { telefone } } })),
		getNodeParameter: (name: string, itemIndex: number, fallback: unknown) => (name === 'phone' ? phones[itemIndex] : name in values ? values[name] : fallback),
		continueOnFail: () => continueOnFail,
		getCredentials: async () => ({ baseUrl: whatsapp.url, apiVersion: WHATSAPP_TEST_ACCOUNT.apiVersion, businessAccountId: WHATSAPP_TEST_ACCOUNT.wabaId, phoneNumberId: ACCOUNT_ID }),
		helpers: { httpRequestWithAuthentication: authenticated },
		logger: { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() },
	} as unknown as IExecuteFunctions;
}

describe('Migrar para WhatsApp', () => {
	it('sends the template to the normalised number and records the invitation the reply takes', async () => {
		const [sent, notSent] = await new MigrarWhatsApp().execute.call(context(['(47) 99141-0001']));
		expect(notSent).toEqual([]);
		const convite = sent[0].json.convite as Record<string, unknown>;
		expect(convite).toMatchObject({
			enviado: true,
			telefone: '+55 (47) 99141-0001',
			para: '5547991410001',
			template: 'retomar_atendimento (pt_BR)',
			protocolo: expect.stringMatching(/^\d{8}-\d{6}-/),
			variaveis: { origem: 'telefonia', ramal: '201' },
			fluxo: 'suporte-telefonia',
		});
		expect(sent[0].json.body).toEqual({ telefone: '(47) 99141-0001' });
		expect(sent[0].pairedItem).toEqual({ item: 0 });
		expect(whatsapp.sent).toHaveLength(1);
		expect(whatsapp.sent[0].body).toMatchObject({
			to: '5547991410001',
			type: 'template',
			template: { name: 'retomar_atendimento', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: `Maria (${String(convite.protocolo)})` }] }] },
		});
		// WhatsApp's wa_id for this DDD comes without the 9th digit: the reply still finds the invitation
		const invitation = await store.takeInvitation(invitationKey(ACCOUNT_ID, '554791410001'), Date.now());
		expect(invitation).toMatchObject({ protocolo: convite.protocolo, variables: { origem: 'telefonia', ramal: '201' }, triggerPath: 'suporte-telefonia' });
	});

	it('refuses a second invitation inside the interval, an opted-out number and an invalid or landline number, sending nothing', async () => {
		await store.setConsent('whatsapp', '554791410005', 'out'); // opted out from the wa_id without the 9th digit
		const [sent, notSent] = await new MigrarWhatsApp().execute.call(
			context(['5547991410002', '047 99141-0002', '(47) 99141-0005', '123', '(47) 3433-1234'], { protocolo: '20261206-120000-ABCD' }),
		);
		expect(sent).toHaveLength(1);
		expect(notSent.map((item) => (item.json.convite as { motivo: string }).motivo)).toEqual(['intervalo', 'opt_out', 'numero_invalido', 'numero_invalido']);
		expect(notSent[0].json.convite).toMatchObject({ enviado: false, mensagem: expect.stringMatching(/já convidado em .*protocolo 20261206-120000-ABCD/), protocoloAnterior: '20261206-120000-ABCD' });
		expect(notSent[1].json.convite).toMatchObject({ mensagem: expect.stringMatching(/\/bloquear/) });
		expect(notSent[3].json.convite).toMatchObject({ mensagem: expect.stringMatching(/telefone fixo/) });
		expect(notSent.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 3 }, { item: 4 }]);
		expect(whatsapp.sent.map((message) => message.to)).toEqual(['5547991410002']);
	});

	it("a template WhatsApp refuses goes out by 'Não enviado' (erro da Meta) and does not count for the interval", async () => {
		whatsapp.failNextWithCode(132001);
		const [, refused] = await new MigrarWhatsApp().execute.call(context(['(47) 99141-0003']));
		expect(refused[0].json.convite).toMatchObject({ enviado: false, motivo: 'erro_meta', mensagem: expect.stringMatching(/^O WhatsApp não aceitou o template: /) });
		expect(JSON.stringify(refused[0].json)).not.toContain(WHATSAPP_TEST_ACCOUNT.accessToken);
		const [sent] = await new MigrarWhatsApp().execute.call(context(['(47) 99141-0003']));
		expect(sent).toHaveLength(1);
	});

	it('a template variable left unfilled is a configuration error, before anything is recorded or sent', async () => {
		const call = new MigrarWhatsApp().execute.call(context(['(47) 99141-0004'], { variables: {} }));
		await expect(call).rejects.toThrow('Faltam valores para {{1}} do template "retomar_atendimento"');
		expect(whatsapp.sent).toHaveLength(0);
		expect(await store.takeInvitation(invitationKey(ACCOUNT_ID, '5547991410004'), Date.now())).toBeUndefined();
	});
});
