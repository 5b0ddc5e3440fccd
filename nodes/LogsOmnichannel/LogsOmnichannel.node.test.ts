import { NodeOperationError, type IBinaryData, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { useTemporaryStore } from '../../test/support/temporary-store';
import { getBroadcastStore } from '../shared/broadcast';
import { T0, testJob } from '../shared/broadcast/store.contract';
import { LogsOmnichannel } from './LogsOmnichannel.node';

const node = { name: 'Logs Omnichannel', type: 'n8n-nodes-atendimento.logsOmnichannel', typeVersion: 1, parameters: {} } as unknown as INode;

useTemporaryStore('logs-omnichannel', () => undefined);

beforeEach(async () => {
	const store = getBroadcastStore();
	await store.enqueue([testJob('c1', 1), testJob('c1', 2)], T0);
	const [first, second] = await store.claim(T0, 2, 60_000);
	await store.markSent(first.id, 'wamid.1', T0 + 1_000);
	await store.recordStatus({ wamid: 'wamid.1', status: 'delivered', at: T0 + 2_000 });
	await store.markFailed(second.id, 'Número sem WhatsApp.', 131026, T0 + 3_000);
	await store.logSkipped({ campaign: 'c2', clienteId: '9', contato: '+55 (11) 3456-7890', dataEnvio: T0 + 4_000, mensagem: 'Telefone fixo: o WhatsApp precisa de um celular.' });
});

function context(parameters: Record<string, unknown>, inputs = 1, continueOnFail = false) {
	return {
		getNode: () => node,
		getInputData: () => Array.from({ length: inputs }, () => ({ json: {} })),
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const value = name in parameters ? parameters[name] : fallback;
			return typeof value === 'function' ? (value as (index: number) => unknown)(itemIndex) : value;
		},
		getTimezone: () => 'America/Sao_Paulo',
		continueOnFail: () => continueOnFail,
		helpers: {
			prepareBinaryData: async (data: Buffer, fileName: string, mimeType: string): Promise<IBinaryData> => ({
				data: data.toString('base64'),
				fileName,
				mimeType,
			}),
		},
	} as unknown as IExecuteFunctions;
}

async function run(parameters: Record<string, unknown>, inputs = 1, continueOnFail = false) {
	const [output] = await new LogsOmnichannel().execute.call(context(parameters, inputs, continueOnFail));
	return output;
}

it('outputs one item per row, newest first, with pt-BR fields and dates in the workflow time zone', async () => {
	const output = await run({});
	expect(output.map((item) => [item.json.idCliente, item.json.status])).toEqual([
		['9', 'ignorado'],
		['2', 'falha'],
		['1', 'sucesso'],
	]);
	expect(output[2]).toEqual({
		json: {
			id: expect.any(Number),
			idCliente: '1',
			tipoComunicacao: 'WhatsApp',
			contato: '+55 (11) 98765-0001',
			dataEnvio: '2026-01-05T09:00:01.000-03:00',
			status: 'sucesso',
			mensagem: 'Mensagem entregue ao contato.',
			campanha: 'c1',
			entrega: 'delivered',
			entregaEm: '2026-01-05T09:00:02.000-03:00',
			idMensagemWhatsApp: 'wamid.1',
			idEnvio: 'c1:cliente:1/login:3001',
			motivo: 'entregue',
		},
		pairedItem: { item: 0 },
	});
	expect(output[1].json).toMatchObject({ codigoErro: 131026, mensagem: 'Número sem WhatsApp.' });
});

it('applies the filters per input item', async () => {
	const output = await run({ campaign: (index: number) => (index === 0 ? 'c1' : 'c2'), status: 'all' }, 2);
	expect(output.map((item) => [item.json.campanha, item.pairedItem])).toEqual([
		['c1', { item: 0 }],
		['c1', { item: 0 }],
		['c2', { item: 1 }],
	]);
	expect((await run({ status: 'falha' })).map((item) => item.json.idCliente)).toEqual(['2']);
	expect((await run({ contato: '(11) 98765-0002' })).map((item) => item.json.idCliente)).toEqual(['2']);
	expect((await run({ from: '2026-01-05T09:00:02', to: '2026-01-05T09:00:03' })).map((item) => item.json.idCliente)).toEqual(['2']);
	expect((await run({ maxRows: 1 })).map((item) => item.json.idCliente)).toEqual(['9']);
	expect(await run({ clienteId: '404' })).toEqual([]);
});

it('exports a CSV file as one item', async () => {
	const [item, ...rest] = await run({ exportCsv: true, campaign: 'c1', fileName: 'envios.csv', binaryPropertyName: 'arquivo' });
	expect(rest).toEqual([]);
	expect(item.json).toEqual({ registros: 2, arquivo: 'envios.csv' });
	expect(item.binary?.arquivo).toMatchObject({ fileName: 'envios.csv', mimeType: 'text/csv; charset=utf-8' });
	const csv = Buffer.from(item.binary!.arquivo.data, 'base64').toString('utf8');
	expect(csv.startsWith('\uFEFFID;ID Cliente;')).toBe(true);
	expect(csv.split('\r\n').slice(1, 3)).toEqual([
		"2;2;WhatsApp;'+55 (11) 98765-0002;05/01/2026 09:00:03;Falha;Número sem WhatsApp.;c1;131026;;;;número sem WhatsApp (131026);;;;;",
		"1;1;WhatsApp;'+55 (11) 98765-0001;05/01/2026 09:00:01;Sucesso;Mensagem entregue ao contato.;c1;;Entregue;05/01/2026 09:00:02;wamid.1;entregue;;;;;",
	]);
});

it('stops with a fix-it error on a bad filter, or returns it as an item with "continue on fail"', async () => {
	await expect(run({ from: 'amanhã' })).rejects.toThrow(NodeOperationError);
	await expect(run({ maxRows: 0 })).rejects.toMatchObject({ description: expect.stringContaining('Máximo de Registros') });
	expect(await run({ from: 'amanhã' }, 1, true)).toEqual([{ json: { error: 'Data inválida em "De": amanhã' }, pairedItem: { item: 0 } }]);
});
