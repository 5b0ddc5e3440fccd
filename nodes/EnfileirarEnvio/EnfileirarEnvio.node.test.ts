import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { useTemporaryStore } from '../../test/support/temporary-store';
import { getBroadcastStore } from '../shared/broadcast';
import type { LocalConversationStore } from '../shared/conversation/local-store';
import { EnfileirarEnvio } from './EnfileirarEnvio.node';

const node = { name: 'Enfileirar Envio', type: 'n8n-nodes-atendimento.enfileirarEnvio', typeVersion: 1, parameters: {} } as unknown as INode;

let conversations: LocalConversationStore;
useTemporaryStore('enfileirar', (created) => {
	conversations = created;
});

function message(name: string) {
	return { name: 'status_logins', language: 'pt_BR', bodyParameters: [name], previewText: `Olá, ${name}! Sua conexão voltou.` };
}

function row(clienteId: string, login: string | undefined, telefone: unknown, name = `Cliente ${clienteId}`): IDataObject {
	return { destinatario: { clienteId, ...(login !== undefined ? { login } : {}), telefone }, mensagem: message(name) } as IDataObject;
}

function context(rows: IDataObject[], parameters: Record<string, unknown> = {}, continueOnFail = false) {
	const values: Record<string, unknown> = { campaign: 'campanha-1', options: {}, ...parameters };
	return {
		getNode: () => node,
		getInputData: () => rows.map((json) => ({ json })),
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const value = name in values ? values[name] : fallback;
			return typeof value === 'function' ? (value as (index: number) => unknown)(itemIndex) : value;
		},
		continueOnFail: () => continueOnFail,
	} as unknown as IExecuteFunctions;
}

async function run(rows: IDataObject[], parameters: Record<string, unknown> = {}, continueOnFail = false) {
	const [output] = await new EnfileirarEnvio().execute.call(context(rows, parameters, continueOnFail));
	return output;
}

const ROWS = [
	row('101', '3001', '(11) 98765-4321'),
	row('102', '3002', '(49) 8765-4321 / (49) 3344-5566'),
	row('103', '3003', '(11) 3456-7890'),
	row('104', '3004', ''),
	row('105', '3005', '(20) 98765-4321'),
	row('106', '3006', '(21) 99876-5432'),
	row('101', '3007', ['(11) 98765-4321']),
];

it('queues one message per customer and login with the number as +55 E.164, and skips and logs the rest', async () => {
	await conversations.setConsent('whatsapp', '552198765432', 'out'); // wa_id without the 9th digit
	const output = await run(ROWS);

	expect(output).toEqual([
		{
			json: {
				campanha: 'campanha-1',
				recebidos: 7,
				adicionados: 3,
				duplicados: 0,
				ignorados: { total: 4, optOut: 1, semTelefone: 1, telefoneFixo: 1, telefoneInvalido: 1 },
				fila: { aguardando: 3, enviando: 0, enviados: 0, falhas: 0 },
				// marketing by default: US$ 0.0625 × R$ 5.40
				custoEstimado: {
					moeda: 'BRL',
					porCategoria: { marketing: { mensagens: 3, precoPorMensagem: 0.3375 } },
					total: 1.01,
					observacao: expect.stringMatching(/^Estimativa pelas mensagens adicionadas agora/),
				},
			},
			pairedItem: [0, 1, 2, 3, 4, 5, 6].map((item) => ({ item })),
		},
	]);
	const store = getBroadcastStore();
	expect(await store.job('campanha-1:cliente:101/login:3001')).toMatchObject({
		clienteId: '101',
		login: '3001',
		phone: '+5511987654321',
		state: 'queued',
		message: message('Cliente 101'),
		category: 'marketing',
		unitPriceBRL: 0.3375,
	});
	expect(await store.job('campanha-1:cliente:102/login:3002')).toMatchObject({ phone: '+5549987654321' });
	expect(await store.job('campanha-1:cliente:101/login:3007')).toMatchObject({ phone: '+5511987654321' });

	const skipped = (await store.queryLog({ status: 'ignorado' })).map((entry) => [entry.clienteId, entry.contato, entry.mensagem]);
	expect(skipped.sort()).toEqual([
		['103', '+55 (11) 3456-7890', 'Telefone fixo: o WhatsApp precisa de um celular.'],
		['104', '', 'Sem telefone celular no cadastro.'],
		['105', '(20) 98765-4321', 'Telefone inválido: o DDD 20 não existe.'],
		['106', '+55 (21) 99876-5432', 'O contato pediu para não receber mensagens (opt-out).'],
	]);
});

it('never queues a recipient twice in a campaign: a second run only counts duplicates', async () => {
	await run(ROWS.slice(0, 2));
	const [summary] = await run([...ROWS.slice(0, 2), row('101', '3001', '(11) 98765-4321')]);
	expect(summary.json).toMatchObject({ recebidos: 3, adicionados: 0, duplicados: 3, fila: { aguardando: 2 } });

	const [other] = await run(ROWS.slice(0, 1), { campaign: 'campanha-2' });
	expect(other.json).toMatchObject({ campanha: 'campanha-2', adicionados: 1, duplicados: 0 });
	expect(other.json).not.toHaveProperty('naoAdicionadosCampanhaCancelada');
});

it('a cancelled campaign takes no new recipient, and says so', async () => {
	await run(ROWS.slice(0, 1));
	await getBroadcastStore().cancelCampaign('campanha-1', 'Campanha cancelada antes do envio.', Date.now());
	const [summary] = await run(ROWS.slice(0, 2));
	expect(summary.json).toMatchObject({ recebidos: 2, adicionados: 0, duplicados: 1, naoAdicionadosCampanhaCancelada: 1, fila: { aguardando: 0 } });
});

it('splits the items by campaign when the campaign depends on the item', async () => {
	const output = await run(ROWS.slice(0, 3), { campaign: (index: number) => (index === 1 ? 'b' : 'a') });
	expect(output.map((item) => [item.json.campanha, item.json.recebidos, item.pairedItem])).toEqual([
		['a', 2, [{ item: 0 }, { item: 2 }]],
		['b', 1, [{ item: 1 }]],
	]);
});

it('reads a customer without login and custom field names', async () => {
	const rows = [{ quem: { clienteId: 7, telefone: 11987654321 }, msg: message('Sete') }];
	const [summary] = await run(rows, { options: { recipientField: 'quem', messageField: 'msg' } });
	expect(summary.json).toMatchObject({ adicionados: 1 });
	expect(await getBroadcastStore().job('campanha-1:cliente:7')).toMatchObject({ clienteId: '7', phone: '+5511987654321' });
	expect(await getBroadcastStore().job('campanha-1:cliente:7')).not.toHaveProperty('login');
});

it("queues the template's quick replies with the message, and refuses malformed ones", async () => {
	const quickReplies = [
		{ index: 1, text: 'Já voltou' },
		{ index: 2, text: 'Continua sem internet' },
	];
	const recipient = { clienteId: '8', telefone: '11987654321' };
	await run([{ destinatario: recipient, mensagem: { ...message('Oito'), quickReplies } }]);
	expect((await getBroadcastStore().job('campanha-1:cliente:8'))?.message.quickReplies).toEqual(quickReplies);
	for (const malformed of [[{ index: '1', text: 'Sim' }], [{ index: -1, text: 'Sim' }], [{ index: 0 }], 'Sim']) {
		await expect(run([{ destinatario: recipient, mensagem: { ...message('Oito'), quickReplies: malformed } }], { campaign: 'campanha-2' })).rejects.toMatchObject({
			message: 'O item não tem a mensagem do template em "mensagem"',
		});
	}
	expect(await getBroadcastStore().counts('campanha-2')).toEqual({ queued: 0, sending: 0, sent: 0, failed: 0 });
});

it('stops with a fix-it error on an item without recipient or message, or an empty campaign', async () => {
	const noRecipient = run([{ mensagem: message('x') }]);
	await expect(noRecipient).rejects.toThrow(NodeOperationError);
	await expect(noRecipient).rejects.toMatchObject({ message: 'O item não tem o destinatário em "destinatario" com o ID do cliente' });
	await expect(run([{ destinatario: { clienteId: '1', telefone: '11987654321' }, mensagem: { name: 'x' } }])).rejects.toMatchObject({
		message: 'O item não tem a mensagem do template em "mensagem"',
		description: expect.stringContaining('Mensagem Omnichannel'),
	});
	await expect(run(ROWS.slice(0, 1), { campaign: '  ' })).rejects.toMatchObject({ message: 'A campanha está vazia' });
	expect(await getBroadcastStore().counts()).toEqual({ queued: 0, sending: 0, sent: 0, failed: 0 });
});

it('with "continue on fail", queues the good items and returns an error item for each bad one', async () => {
	const output = await run([ROWS[0], { destinatario: 'x' }, ROWS[5]], {}, true);
	expect(output).toEqual([
		expect.objectContaining({ json: expect.objectContaining({ adicionados: 2 }), pairedItem: [{ item: 0 }, { item: 2 }] }),
		{ json: { error: 'O item não tem o destinatário em "destinatario" com o ID do cliente' }, pairedItem: { item: 1 } },
	]);
});

it('queues a WhatsApp contact known only by his BSUID, and skips him when he opted out under a linked id', async () => {
	// BR.111 opted out as himself; BR.222 was first seen by phone, so his opt-out is under the phone
	await conversations.setConsent('whatsapp', 'BR.111', 'out');
	await conversations.linkContactIds('whatsapp', ['5511977770000', 'BR.222']);
	await conversations.setConsent('whatsapp', '5511977770000', 'out');
	const output = await run([row('201', undefined, 'BR.333'), row('202', undefined, 'BR.111'), row('203', undefined, ['BR.222'])]);
	expect(output[0].json).toMatchObject({ recebidos: 3, adicionados: 1, ignorados: { total: 2, optOut: 2 } });
	const store = getBroadcastStore();
	expect(await store.job('campanha-1:cliente:201')).toMatchObject({ phone: 'BR.333', state: 'queued' });
	const skipped = (await store.queryLog({ status: 'ignorado' })).map((entry) => [entry.clienteId, entry.contato]);
	expect(skipped.sort()).toEqual([
		['202', 'BR.111'],
		['203', 'BR.222'],
	]);
});

it("estimates the campaign's cost from the template category and the editable price table; a re-run adds and costs nothing", async () => {
	const rows = [row('201', '1', '(11) 98765-0001'), row('202', '2', '(11) 98765-0002')];
	const parameters = { templateCategory: 'utility', options: { priceUtilityUsd: 0.01, usdToBrl: 5 } };
	const [first] = await run(rows, parameters);
	expect(first.json.custoEstimado).toMatchObject({ porCategoria: { utility: { mensagens: 2, precoPorMensagem: 0.05 } }, total: 0.1 });
	expect(await getBroadcastStore().job('campanha-1:cliente:201/login:1')).toMatchObject({ category: 'utility', unitPriceBRL: 0.05 });
	const [again] = await run([...rows, row('203', '3', '(11) 98765-0003')], parameters);
	expect(again.json).toMatchObject({ adicionados: 1, duplicados: 2, custoEstimado: { porCategoria: { utility: { mensagens: 1 } }, total: 0.05 } });
});

it('a negative price or a zero exchange rate is an error of the item, with the fix', async () => {
	await expect(run([row('301', '1', '(11) 98765-0001')], { options: { usdToBrl: 0 } })).rejects.toThrow(NodeOperationError);
	const output = await run([row('301', '1', '(11) 98765-0001')], { options: { priceMarketingUsd: -1 } }, true);
	expect(output.at(-1)?.json).toEqual({ error: 'Preço Marketing (USD) inválido: -1' });
});
