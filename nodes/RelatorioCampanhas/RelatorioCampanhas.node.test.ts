import { NodeOperationError, type IBinaryData, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { useTemporaryStore } from '../../test/support/temporary-store';
import { getBroadcastStore } from '../shared/broadcast';
import { T0, testJob } from '../shared/broadcast/store.contract';
import { sendLogCsv } from '../LogsOmnichannel/csv';
import { RelatorioCampanhas } from './RelatorioCampanhas.node';

const node = { name: 'Relatório de Campanhas', type: 'n8n-nodes-atendimento.relatorioCampanhas', typeVersion: 1, parameters: {} } as unknown as INode;

useTemporaryStore('relatorio-campanhas', () => undefined);

beforeEach(async () => {
	const store = getBroadcastStore();
	await store.enqueue([1, 2, 3].map((n) => ({ ...testJob('promo', n), category: 'marketing' as const, unitPriceBRL: 0.3375 })), T0);
	await store.enqueue([testJob('aviso', 1)], T0 + 60_000);
	const [first, second] = await store.claim(T0, 2, 60_000);
	await store.markSent(first.id, 'wamid.1', T0 + 1_000);
	await store.recordStatus({ wamid: 'wamid.1', status: 'read', at: T0 + 2_000 });
	await store.markFailed(second.id, 'Número sem WhatsApp.', 131026, T0 + 3_000);
});

function context(parameters: Record<string, unknown>, continueOnFail = false) {
	return {
		getNode: () => node,
		getInputData: () => [{ json: {} }],
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getTimezone: () => 'America/Sao_Paulo',
		continueOnFail: () => continueOnFail,
		helpers: {
			prepareBinaryData: async (data: Buffer, fileName: string, mimeType: string): Promise<IBinaryData> => ({ data: data.toString('base64'), fileName, mimeType }),
		},
	} as unknown as IExecuteFunctions;
}

async function run(parameters: Record<string, unknown>, continueOnFail = false) {
	return await new RelatorioCampanhas().execute.call(context(parameters, continueOnFail));
}

it('reports every campaign, the most recently changed first, on the Relatório output', async () => {
	const [reports, files] = await run({ outputFormat: 'json' });
	expect(files).toEqual([]);
	expect(reports).toHaveLength(1);
	expect(reports[0].pairedItem).toEqual({ item: 0 });
	expect(reports[0].json.html).toBeUndefined();
	const campaigns = reports[0].json.campanhas as Array<Record<string, unknown>>;
	expect(campaigns.map((campaign) => campaign.campanha)).toEqual(['aviso', 'promo']);
	expect(campaigns[1]).toMatchObject({ enfileiradas: 3, enviadas: 1, entregues: 1, lidas: 1, falhas: 1, pendentes: 1, custoEstimado: 1.0125, custoReal: 0.3375, taxaEntrega: 100 });
	expect(campaigns[1].falhasPorMotivo).toEqual([{ motivo: 'número sem WhatsApp (131026)', situacao: 'falha', total: 1 }]);
	expect(campaigns[0]).toMatchObject({ enfileiradas: 1, pendentes: 1, enviadas: 0, custoEstimado: 0 });

	const [[limited]] = await run({ outputFormat: 'json', options: { maxCampaigns: 1 } });
	expect((limited.json.campanhas as Array<{ campanha: string }>).map((campaign) => campaign.campanha)).toEqual(['aviso']);
});

it('renders the page in html mode, with the title', async () => {
	const [[page]] = await run({ outputFormat: 'html', options: { title: 'Disparos do mês' } });
	expect(page.json.html).toMatch(/^<!DOCTYPE html>/);
	expect(page.json.html).toContain('<title>Disparos do mês</title>');
	expect(page.json.html).toContain('data-serie="leitura"');
});

it('exports one campaign log as the Logs Omnichannel CSV on the CSV output', async () => {
	const [reports, [file]] = await run({ outputFormat: 'html', csvCampaign: ' promo ' });
	expect(reports).toEqual([]);
	expect(file.json).toEqual({ campanha: 'promo', registros: 2, arquivo: 'log-promo.csv' });
	expect(file.pairedItem).toEqual({ item: 0 });
	const csv = Buffer.from(file.binary!.data.data, 'base64').toString('utf8');
	expect(csv).toBe(sendLogCsv(await getBroadcastStore().queryLog({ campaign: 'promo' }), 'America/Sao_Paulo'));
	expect(file.binary!.data).toMatchObject({ fileName: 'log-promo.csv', mimeType: 'text/csv; charset=utf-8' });
});

it('refuses an invalid maximum, or turns it into an error item with continueOnFail', async () => {
	await expect(run({ outputFormat: 'json', options: { maxCampaigns: 0 } })).rejects.toThrow(NodeOperationError);
	const [[item]] = await run({ outputFormat: 'json', options: { maxCampaigns: 0 } }, true);
	expect(item.json).toEqual({ error: 'Máximo de campanhas inválido: 0' });
});
