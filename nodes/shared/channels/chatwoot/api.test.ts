import { NodeApiError } from 'n8n-workflow';

import { CHATWOOT_TEST, startChatwootSimulator, type ChatwootSimulator } from '../../../../test/simulators/chatwoot';
import { fetchDoor } from '../../../../test/support/fetch-door';
import { chatwootAccountKey, chatwootApi, type ChatwootDoors } from './api';

let chatwoot: ChatwootSimulator;
const account = () => ({ url: chatwoot.url, accountId: String(CHATWOOT_TEST.accountId), inboxId: String(CHATWOOT_TEST.widgetInboxId) });
const botDoor = () => fetchDoor({ api_access_token: CHATWOOT_TEST.botToken });
const userDoor = () => fetchDoor({ api_access_token: CHATWOOT_TEST.userToken });
const withUser = (): ChatwootDoors => ({ bot: botDoor(), user: userDoor() });

afterEach(async () => await chatwoot.close());

describe('with a current server', () => {
	beforeEach(async () => {
		chatwoot = await startChatwootSimulator();
	});

	it('sends options as input_select with the bot token, and a private note', async () => {
		const conversation = chatwoot.openConversation(CHATWOOT_TEST.widgetInboxId);
		const api = chatwootApi({ bot: botDoor() }, account());
		await api.sendMessage(String(conversation.id), { kind: 'choices', text: 'Escolha:', choices: [{ id: 'opcao_1', label: 'Boleto' }] }, 'options');
		await api.privateNote(String(conversation.id), 'resumo');
		const [options, note] = chatwoot.messagesOf(conversation.id);
		expect(options).toMatchObject({ by: 'bot', content: 'Escolha:', content_type: 'input_select', content_attributes: { items: [{ title: 'Boleto', value: 'opcao_1' }] }, private: false });
		expect(note).toMatchObject({ by: 'bot', content: 'resumo', private: true });
		expect(chatwootAccountKey(account())).toBe(`${CHATWOOT_TEST.accountId}:${CHATWOOT_TEST.widgetInboxId}`);
	});

	it('uploads a binary file as attachments[]', async () => {
		const conversation = chatwoot.openConversation(CHATWOOT_TEST.whatsappInboxId);
		await chatwootApi({ bot: botDoor() }, account()).sendMessage(
			String(conversation.id),
			{ kind: 'media', mediaType: 'document', data: Buffer.from('%PDF-1.4').toString('base64'), mimeType: 'application/pdf', fileName: 'boleto.pdf', caption: 'Seu boleto' },
			'whatsapp',
		);
		expect(chatwoot.messagesOf(conversation.id)[0]).toMatchObject({ content: 'Seu boleto', attachments: [{ fileName: 'boleto.pdf', contentType: 'application/pdf', size: 8 }] });
	});

	it('assigns, opens, and merges labels with the bot token', async () => {
		const conversation = chatwoot.openConversation(CHATWOOT_TEST.widgetInboxId);
		const api = chatwootApi({ bot: botDoor() }, account());
		await api.assign(String(conversation.id), { teamId: 2 });
		await api.toggleStatus(String(conversation.id), 'open');
		conversation.labels = ['vip'];
		expect(await api.labels(String(conversation.id))).toEqual(['vip']);
		expect(await api.setLabels(String(conversation.id), ['vip', 'financeiro'])).toEqual(['vip', 'financeiro']);
		expect(conversation).toMatchObject({ teamId: 2, status: 'open', labels: ['vip', 'financeiro'] });
	});

	it('lists teams and manages the agent bot only with the administrator token, with a clear error without it', async () => {
		expect(await chatwootApi(withUser(), account()).teams()).toEqual([
			{ id: 1, name: 'Atendimento' },
			{ id: 2, name: 'Financeiro' },
		]);
		await expect(chatwootApi({ bot: botDoor() }, account()).teams()).rejects.toThrow('token de um usuário administrador');
		const api = chatwootApi(withUser(), account());
		const bot = await api.createAgentBot('Atendimento (n8n)', 'https://n8n/webhook/x');
		await api.setInboxBot(bot.id);
		expect(chatwoot.inboxBots.get(CHATWOOT_TEST.widgetInboxId)).toBe(bot.id);
	});

	it('a bot token calling an endpoint not meant for bots gets a 401 NodeApiError that names the token', async () => {
		const api = chatwootApi({ bot: botDoor(), user: botDoor() }, account());
		const error = await api.teams().catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toContain('recusou o token');
		expect(JSON.stringify(error)).not.toContain(CHATWOOT_TEST.botToken);
	});
});

describe('with a server before 2026-06 (labels refused to bots)', () => {
	beforeEach(async () => {
		chatwoot = await startChatwootSimulator({ legacyBotLabels: true });
	});

	it('writes labels with the administrator token after the bot token is refused', async () => {
		const conversation = chatwoot.openConversation(CHATWOOT_TEST.widgetInboxId);
		await chatwootApi(withUser(), account()).setLabels(String(conversation.id), ['suporte']);
		expect(conversation.labels).toEqual(['suporte']);
		const tokens = chatwoot.requests.filter((request) => request.path.endsWith('/labels')).map((request) => request.headers.api_access_token);
		expect(tokens).toEqual([CHATWOOT_TEST.botToken, CHATWOOT_TEST.userToken]);
	});

	it('without the administrator token, the refusal is the error', async () => {
		const conversation = chatwoot.openConversation(CHATWOOT_TEST.widgetInboxId);
		await expect(chatwootApi({ bot: botDoor() }, account()).setLabels(String(conversation.id), ['suporte'])).rejects.toThrow(NodeApiError);
		expect(conversation.labels).toEqual([]);
	});
});
