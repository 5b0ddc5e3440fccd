import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { useTemporaryStore } from '../../test/support/temporary-store';
import { getBroadcastStore } from '../shared/broadcast';
import { testJob } from '../shared/broadcast/store.contract';
import { cancelReason } from './control';
import { ControlarCampanha } from './ControlarCampanha.node';

const node = { name: 'Controlar Campanha', type: 'n8n-nodes-atendimento.controlarCampanha', typeVersion: 1, parameters: {} } as unknown as INode;

useTemporaryStore('controlar-campanha', () => undefined);

const logged: string[] = [];

function context(parameters: Record<string, unknown>, continueOnFail = false) {
	return {
		getNode: () => node,
		getInputData: () => [{ json: {} }],
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		continueOnFail: () => continueOnFail,
		logger: { info: (message: string) => logged.push(message), warn: () => undefined, error: () => undefined, debug: () => undefined },
	} as unknown as IExecuteFunctions;
}

async function control(parameters: Record<string, unknown>, continueOnFail = false) {
	const [[item]] = await new ControlarCampanha().execute.call(context({ campaign: 'aviso', etaRatePerSecond: 10, ...parameters }, continueOnFail));
	return item;
}

beforeEach(async () => {
	logged.splice(0);
	const store = getBroadcastStore();
	const now = Date.now();
	await store.enqueue([1, 2, 3, 4, 5].map((n) => testJob('aviso', n)), now);
	const [sent] = await store.claim(now, 1, 60_000);
	await store.markSent(sent.id, 'wamid.1', now);
	await store.recordStatus({ wamid: 'wamid.1', status: 'read', at: now });
});

it('shows the progress with its counts and ETA; at the given rate when nothing left the queue lately', async () => {
	const store = getBroadcastStore();
	await store.enqueue(Array.from({ length: 20 }, (_, index) => testJob('nova', index + 1)), Date.now());
	expect((await control({ operation: 'progress', campaign: 'nova' })).json).toMatchObject({ pendentes: 20, etaSegundos: 2, previsao: 'menos de 1 min' });
	expect((await control({ operation: 'progress', campaign: 'nova', etaRatePerSecond: 0 })).json).toMatchObject({ previsao: 'sem ritmo medido ainda' });
	// the one sent counts as recent: a measured rate
	const item = await control({ operation: 'progress' });
	expect(item.json).toMatchObject({ operacao: 'progresso', campanha: 'aviso', situacao: 'em andamento', total: 5, enviadas: 1, entregues: 1, lidas: 1, falhas: 0, pendentes: 4, canceladas: 0 });
	expect(item.json.etaSegundos).toEqual(expect.any(Number));
	expect(item.pairedItem).toEqual({ item: 0 });
	expect(await store.campaignState('aviso')).toBe('active');
	expect(logged).toEqual([]);
});

it('pauses, resumes and cancels, with the state before, the jobs cancelled now and a log line', async () => {
	expect((await control({ operation: 'pause' })).json).toMatchObject({ operacao: 'pausar', estadoAnterior: 'ativa', situacao: 'pausada', pendentes: 4, previsao: 'pausada: retome para continuar' });
	expect(await getBroadcastStore().claim(Date.now(), 10, 60_000)).toEqual([]);
	expect((await control({ operation: 'resume' })).json).toMatchObject({ operacao: 'retomar', estadoAnterior: 'pausada', situacao: 'em andamento' });
	expect((await control({ operation: 'cancel', reason: 'aviso enviado por engano' })).json).toMatchObject({
		operacao: 'cancelar',
		estadoAnterior: 'ativa',
		situacao: 'cancelada',
		canceladasAgora: 4,
		canceladas: 4,
		pendentes: 0,
		previsao: 'nada pendente',
	});
	const rows = await getBroadcastStore().queryLog({ campaign: 'aviso', status: 'cancelado' });
	expect(rows.map((row) => row.motivo)).toEqual(Array(4).fill('Campanha cancelada antes do envio: aviso enviado por engano.'));
	expect(logged).toEqual([
		expect.stringContaining('Campanha "aviso": pausar (estava ativa).'),
		expect.stringContaining('Campanha "aviso": retomar (estava pausada).'),
		expect.stringContaining('Campanha "aviso": cancelar (estava ativa).'),
	]);
});

it('a cancelled campaign is not paused nor resumed: a clear error, or an error item with continueOnFail', async () => {
	await control({ operation: 'cancel' });
	await expect(control({ operation: 'resume' })).rejects.toThrow(new NodeOperationError(node, 'A campanha "aviso" foi cancelada e não pode ser retomada.'));
	expect((await control({ operation: 'pause' }, true)).json).toEqual({ error: 'A campanha "aviso" foi cancelada e não pode ser pausada.' });
});

it('warns about a campaign with nothing queued (a typo in the name)', async () => {
	expect((await control({ operation: 'progress', campaign: 'avsio' })).json).toMatchObject({ total: 0, aviso: expect.stringContaining('confira o nome') });
	await expect(control({ operation: 'pause', campaign: '  ' })).rejects.toThrow('Informe a campanha.');
	await expect(control({ operation: 'pausar' })).rejects.toThrow('Operação desconhecida: pausar.');
});

it('writes the cancel reason after the standard text', () => {
	expect(cancelReason('')).toBe('Campanha cancelada antes do envio.');
	expect(cancelReason(' erro no template. ')).toBe('Campanha cancelada antes do envio: erro no template.');
});
