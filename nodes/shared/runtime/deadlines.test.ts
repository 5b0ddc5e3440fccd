import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { LoggerProxy } from 'n8n-workflow';

import { storedConversation } from '../../../test/support/stored-conversation';
import { useTemporaryStore } from '../../../test/support/temporary-store';
import { getConversationStore } from '../conversation';
import type { Waiter } from '../conversation/types';
import { scheduleNoAnswer } from './deadlines';

useTemporaryStore('deadlines', () => undefined);

type Line = { level: string; message: string; meta: Record<string, unknown> };
const lines: Line[] = [];
const capture = (level: string) => (message: string, meta: Record<string, unknown> = {}) => void lines.push({ level, message, meta });
beforeAll(() => LoggerProxy.init({ debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') } as never));
beforeEach(() => (lines.length = 0));

/** A stand-in for n8n's waiting webhook: answers every resume with `status` and counts the posts. */
async function n8nAnswering(status: number): Promise<{ server: Server; url: string; posts: () => number }> {
	let posts = 0;
	const server = createServer((request, response) => {
		posts++;
		request.resume();
		request.on('end', () => response.writeHead(status, { 'Content-Type': 'application/json' }).end('{}'));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook-waiting/42/no-1`, posts: () => posts };
}

async function parkedConversation(resumeUrl: string): Promise<{ id: string; waiter: Waiter; protocolo: string }> {
	const conversation = await storedConversation({ phone: '5511987654321' });
	const waiter: Waiter = { resumeUrl, executionId: '42', nodeName: 'Menu principal', attempts: 0, deadline: Date.now() + 30 };
	await getConversationStore().update(conversation.id, (record) => {
		record.state = 'waiting';
		record.waiter = waiter;
	});
	scheduleNoAnswer(conversation, waiter);
	return { id: conversation.id, waiter, protocolo: conversation.protocolo };
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condição não atingida a tempo');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

test('a fired deadline is logged with the card and the protocolo, at info', async () => {
	const n8n = await n8nAnswering(200);
	try {
		const parked = await parkedConversation(n8n.url);
		await until(() => lines.some((line) => line.message.includes('Sem resposta')));
		expect(lines).toContainEqual({
			level: 'info',
			message: `[atendimento] Menu principal, protocolo ${parked.protocolo}: prazo sem resposta vencido: o card segue pela saída "Sem resposta"`,
			meta: { node: 'Menu principal', protocolo: parked.protocolo, execucao: '42' },
		});
		expect(n8n.posts()).toBe(1);
	} finally {
		n8n.server.close();
	}
});

test('a deadline n8n refuses (5xx) is not dropped without a word: logged, the card keeps waiting, tried again', async () => {
	const n8n = await n8nAnswering(503);
	try {
		const parked = await parkedConversation(n8n.url);
		await until(() => lines.some((line) => line.level === 'warn'));
		const warning = lines.find((line) => line.level === 'warn')!;
		expect(warning.message).toMatch(/prazo sem resposta não entregue ao n8n \(Retomada recusada pelo n8n \(HTTP 503\)\); nova tentativa em 2 s/);
		expect(warning.message).toContain(parked.protocolo);
		const record = await getConversationStore().get(parked.id);
		expect(record?.state).toBe('waiting');
		expect(record?.waiter?.resumeUrl).toBe(n8n.url);
		// the retry 2 s later reaches n8n again
		await until(() => n8n.posts() >= 2, 5000);
	} finally {
		n8n.server.close();
	}
}, 15_000);
