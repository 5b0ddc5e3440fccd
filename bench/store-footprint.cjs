// Heap the local conversation store itself retains per conversation, in plain Node without n8n:
// `node --expose-gc bench/store-footprint.cjs [count]`. Conversations like the bench's (WhatsApp,
// a question, an answer, the closing message), ended and waiting, with ended ones kept whole in
// memory (as before they were kept on disk only) and with the default cache of ended ones.
require('./typescript-require.cjs');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { LocalConversationStore } = require('../nodes/shared/conversation/local-store.ts');

const count = Number(process.argv[2] ?? 1000);
const channel = { type: 'whatsapp', accountId: '123456789012345', triggerUrl: 'http://127.0.0.1:5678/webhook/bench-atendimento', workflowId: 'Zr0fP6yFJ3lqVd8a', companyName: 'Provedor Bench', credential: { id: 'aB3dE5fG7hI9jK1l', name: 'WhatsApp simulador (bench)', type: 'atendimentoWhatsAppApi' } };
let sequence = 0;

function message(contactId, text) {
	return { channel: 'whatsapp', accountId: channel.accountId, contactId, contactName: 'Cliente Bench', messageId: `wamid.HBgNNTUxMTkyMDAwMDAwMBUCABIYFjNFQjA${String(++sequence).padStart(8, '0')}`, timestamp: Date.now(), content: { kind: 'text', text } };
}

const options = () => ({ now: Date.now(), runningLeaseMs: 60_000, newConversationId: () => crypto.randomUUID(), newProtocolo: () => `20261207${String(++sequence).padStart(6, '0')}` });

async function conversation(store, contactId, end) {
	const decision = await store.routeInbound(channel, message(contactId, 'oi'), options());
	const id = decision.conversation.id;
	await store.update(id, (c) => {
		c.history.push({ at: Date.now(), from: 'cliente', kind: 'text', text: 'oi', status: 'inicio' }, { at: Date.now(), from: 'bot', kind: 'buttons', text: 'Olá! Como podemos ajudar?', choices: ['Suporte', 'Financeiro'], status: 'enviada' });
		c.events.push({ at: Date.now(), type: 'card', node: 'Enviar Pergunta' });
	});
	await store.parkOrTake(id, { resumeUrl: `http://127.0.0.1:5678/webhook-waiting/${sequence}/Enviar%20Pergunta`, executionId: String(sequence), nodeName: 'Enviar Pergunta', attempts: 0 });
	if (!end) return;
	await store.routeInbound(channel, message(contactId, '1'), options());
	await store.update(id, (c) => {
		c.variables.setor = 'Suporte';
		c.history.push({ at: Date.now(), from: 'cliente', kind: 'text', text: '1', status: 'resposta' }, { at: Date.now(), from: 'bot', kind: 'text', text: 'Certo, Cliente Bench! Seu protocolo é 20261207000001.', status: 'enviada' });
		c.events.push({ at: Date.now(), type: 'card', node: 'Enviar Mensagem' }, { at: Date.now(), type: 'fim' });
		c.state = 'ended';
		c.endedAt = Date.now();
	});
}

function heap() {
	global.gc();
	global.gc();
	return process.memoryUsage().heapUsed;
}

async function measure(label, storeOptions, end) {
	const directory = mkdtempSync(join(tmpdir(), 'footprint-'));
	const store = new LocalConversationStore(directory, storeOptions);
	const before = heap();
	for (let index = 0; index < count; index++) await conversation(store, `5511920${String(index).padStart(6, '0')}`, end);
	const after = heap();
	process.stdout.write(`${label}: ${((after - before) / count).toFixed(0)} bytes por conversa (${count})\n`);
	await store.close();
	rmSync(directory, { recursive: true, force: true });
}

void (async () => {
	if (typeof global.gc !== 'function') throw new Error('rode com node --expose-gc');
	await measure('encerradas, inteiras na memória', { endedCacheSize: Number.MAX_SAFE_INTEGER }, true);
	await measure('encerradas, só no disco (cache padrão)', {}, true);
	await measure('aguardando', {}, false);
})().catch((error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exitCode = 1;
});
