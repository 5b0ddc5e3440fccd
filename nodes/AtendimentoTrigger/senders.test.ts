import type { INode, IWebhookFunctions } from 'n8n-workflow';

import type { Conversation } from '../shared/conversation/types';
import { telegramSender } from './senders';

const TOKEN = '7000000001:AAH-segredo-do-bot';
const node: INode = { id: 'n', name: 'Início do Atendimento', type: 'n8n-nodes-atendimento.atendimentoTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

function contextFailingWith(error: Error): IWebhookFunctions {
	return {
		getNode: () => node,
		helpers: { httpRequest: async () => Promise.reject(error) },
	} as unknown as IWebhookFunctions;
}

const conversation = { id: 'c', channel: { type: 'telegram' }, contact: { id: '1111111' } } as unknown as Conversation;

it('a network failure is reported with its code only, never with the request (its URL holds the bot token)', async () => {
	const failure = Object.assign(new Error(`connect ECONNREFUSED for https://api.telegram.org/bot${TOKEN}/sendMessage`), {
		code: 'ECONNREFUSED',
		config: { url: `https://api.telegram.org/bot${TOKEN}/sendMessage` },
	});
	const send = telegramSender(contextFailingWith(failure), { botToken: TOKEN, baseUrl: 'https://api.telegram.org' });
	const thrown = await send(conversation, [{ kind: 'text', text: 'oi' }]).then(
		() => undefined,
		(error: unknown) => error as Error & { description?: string },
	);
	expect(thrown?.message).toBe('Não foi possível falar com a API do canal');
	expect(thrown?.description).toContain('ECONNREFUSED');
	expect(JSON.stringify(thrown)).not.toContain(TOKEN);
	expect(String(thrown?.stack)).not.toContain(TOKEN);
});
