import type { CampaignTotals, SendLogEntry } from '../shared/broadcast/types';
import { campaignReport, failureReasons, rateTimeline } from './campaigns';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const MINUTE = 60_000;

let nextId = 1;
function row(fields: Partial<SendLogEntry>): SendLogEntry {
	return { id: nextId++, campaign: 'promo', clienteId: '1', tipoComunicacao: 'whatsapp', contato: '+55 (11) 98765-0001', dataEnvio: T0, status: 'sucesso', mensagem: '', ...fields };
}

/** A campaign of 6 queued: 4 accepted (2 read, 1 delivered, 1 accepted then failed delivery), 1 refused, 1 still queued; 1 skipped. */
const rows: SendLogEntry[] = [
	row({ wamid: 'w1', dataEnvio: T0 + 10_000, entrega: 'read', entregaEm: T0 + 3 * MINUTE, custo: 0.3375, motivo: 'lida' }),
	row({ wamid: 'w2', dataEnvio: T0 + 20_000, entrega: 'read', entregaEm: T0 + 4 * MINUTE + 5_000, custo: 0.3375, motivo: 'lida' }),
	row({ wamid: 'w3', dataEnvio: T0 + 30_000, entrega: 'delivered', entregaEm: T0 + 90_000, custo: 0.3375, motivo: 'entregue' }),
	row({ wamid: 'w4', dataEnvio: T0 + 2 * MINUTE, status: 'falha', entrega: 'failed', entregaEm: T0 + 150_000, codigoErro: 131047, custo: 0, motivo: 'falha na entrega: fora da janela de 24 horas (131047)' }),
	row({ dataEnvio: T0 + 40_000, status: 'falha', codigoErro: 131026, custo: 0, motivo: 'número sem WhatsApp (131026)' }),
	row({ dataEnvio: T0, status: 'ignorado', mensagem: 'Telefone fixo: o WhatsApp precisa de um celular.', motivo: 'Telefone fixo: o WhatsApp precisa de um celular.' }),
];
const totals: CampaignTotals = { campaign: 'promo', counts: { queued: 1, sending: 0, sent: 3, failed: 2 }, estimatedCostBRL: 2.025, createdAt: T0 - MINUTE, updatedAt: T0 + 2 * MINUTE };

describe('campaignReport', () => {
	it('counts the queue from the store and the outcomes, rates and real cost from the log', () => {
		const report = campaignReport(totals, rows);
		expect(report).toMatchObject({
			campanha: 'promo',
			inicio: T0 - MINUTE,
			ultimaAtualizacao: T0 + 4 * MINUTE + 5_000,
			enfileiradas: 6,
			enviadas: 4,
			entregues: 3,
			lidas: 2,
			falhas: 2,
			pendentes: 1,
			ignoradas: 1,
			taxaEntrega: 75,
			taxaLeitura: 50,
			custoEstimado: 2.025,
			custoReal: 1.0125,
		});
		expect(report).not.toHaveProperty('logIncompleto');
		expect(campaignReport(totals, rows, true).logIncompleto).toBe(true);
	});

	it('has no rates, no chart and no real cost before anything was sent', () => {
		const queued: CampaignTotals = { ...totals, counts: { queued: 3, sending: 0, sent: 0, failed: 0 }, updatedAt: T0 };
		expect(campaignReport(queued, [])).toMatchObject({ enviadas: 0, pendentes: 3, taxaEntrega: null, taxaLeitura: null, custoReal: 0, evolucao: [], falhasPorMotivo: [] });
	});
});

describe('rateTimeline', () => {
	it('gives cumulative delivery and read rates from the first acceptance, then per clock minute, the last point covering everything', () => {
		expect(rateTimeline(rows)).toEqual([
			{ em: T0 + 10_000, aceitas: 1, taxaEntrega: 0, taxaLeitura: 0 },
			{ em: T0 + MINUTE, aceitas: 3, taxaEntrega: 0, taxaLeitura: 0 },
			{ em: T0 + 2 * MINUTE, aceitas: 4, taxaEntrega: 25, taxaLeitura: 0 },
			{ em: T0 + 3 * MINUTE, aceitas: 4, taxaEntrega: 50, taxaLeitura: 25 },
			{ em: T0 + 4 * MINUTE, aceitas: 4, taxaEntrega: 50, taxaLeitura: 25 },
			{ em: T0 + 5 * MINUTE, aceitas: 4, taxaEntrega: 75, taxaLeitura: 50 },
		]);
	});

	it('has two points when everything happened at one instant', () => {
		const instant = [row({ wamid: 'x', dataEnvio: T0 + 5_000, entrega: 'delivered', entregaEm: T0 + 5_000 })];
		expect(rateTimeline(instant)).toEqual([
			{ em: T0 + 5_000, aceitas: 1, taxaEntrega: 100, taxaLeitura: 0 },
			{ em: T0 + MINUTE, aceitas: 1, taxaEntrega: 100, taxaLeitura: 0 },
		]);
	});

	it('takes longer intervals for a longer campaign, at most 24 points', () => {
		const long = [row({ wamid: 'a', dataEnvio: T0 }), row({ wamid: 'b', dataEnvio: T0 + 5 * 60 * MINUTE, entrega: 'delivered', entregaEm: T0 + 30 * 60 * MINUTE })];
		const points = rateTimeline(long);
		expect(points.length).toBeLessThanOrEqual(24);
		expect(points[2].em - points[1].em).toBe(180 * MINUTE);
		expect(points[points.length - 1]).toMatchObject({ aceitas: 2, taxaEntrega: 50, taxaLeitura: 0 });
	});

	it("never counts a status before its message's send: WhatsApp's timestamps are in whole seconds", () => {
		const sentAt = T0 + 30_700;
		const early = [row({ wamid: 'x', dataEnvio: sentAt, entrega: 'read', entregaEm: T0 + 30_000 }), row({ wamid: 'y', dataEnvio: T0 + 45_000 })];
		expect(rateTimeline(early)[0]).toEqual({ em: sentAt, aceitas: 1, taxaEntrega: 100, taxaLeitura: 100 });
		expect(rateTimeline(early).every((point) => point.taxaEntrega! <= 100)).toBe(true);
	});

	it('is empty without an accepted message', () => {
		expect(rateTimeline([rows[4], rows[5]])).toEqual([]);
	});
});

describe('failureReasons', () => {
	it('groups failures and skips by reason, the most frequent first', () => {
		const more = [...rows, row({ status: 'falha', codigoErro: 131026, motivo: 'número sem WhatsApp (131026)' }), row({ status: 'reagendado', motivo: 'Limite de marketing por usuário (131049): nova tentativa em amanhã.' })];
		expect(failureReasons(more)).toEqual([
			{ motivo: 'número sem WhatsApp (131026)', situacao: 'falha', total: 2 },
			{ motivo: 'falha na entrega: fora da janela de 24 horas (131047)', situacao: 'falha', total: 1 },
			{ motivo: 'Telefone fixo: o WhatsApp precisa de um celular.', situacao: 'ignorado', total: 1 },
		]);
	});
});
