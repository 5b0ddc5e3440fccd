import { firstDayOfNextMonth, todayInBrazil } from '../calendar';
import { sortOpenInvoices } from '../invoices';
import {
	contractIdOf,
	contractsOf,
	dateOf,
	groupByCustomer,
	onlineOf,
	statusOf,
	toCliente,
	toContrato,
	toFaturas,
	wasReleased,
} from './mapping';

// The example of docs/apis-externas.md §D.6 (ReceitaNet's public URA doc), filled in.
const documented = {
	idCliente: 36,
	razaoSocial: 'FULANO DE TAL',
	contratoStatusDisplay: 'Ativo',
	isPromessaPagamento: true,
	contratoValorAberto: 202.94,
	faturasEmAberto: [{ valor: 202.94, vencimento: '2018-11-03' }],
	cpfCnpj: '529.982.247-25',
	contratoStatus: 1,
	existeChamado: 0,
};

describe('ReceitaNet mapping', () => {
	it('reads contratos as one object or as an array, and nothing from other shapes', () => {
		expect(contractsOf({ success: true, msg: 'Contrato Localizado', contratos: documented })).toEqual([documented]);
		expect(contractsOf({ success: true, contratos: [documented, { ...documented, contratoId: 37 }] })).toHaveLength(2);
		expect(contractsOf({ success: true, contratos: null })).toEqual([]);
		expect(contractsOf({ success: true })).toEqual([]);
	});

	it('uses contratoId, and idCliente in older payloads that lack it', () => {
		expect(contractIdOf({ ...documented, contratoId: 1234 })).toBe('1234');
		expect(contractIdOf(documented)).toBe('36');
	});

	it('maps the customer: document without mask, person type by length, the phone it was found by', () => {
		expect(toCliente([documented])).toEqual({ id: '36', nome: 'FULANO DE TAL', documento: '52998224725', tipoPessoa: 'fisica', telefones: [] });
		expect(toCliente([{ ...documented, cpfCnpj: '11222333000181' }], '21967122381')).toMatchObject({ tipoPessoa: 'juridica', telefones: ['21967122381'] });
	});

	it('groups the contracts of a phone lookup by customer', () => {
		const groups = groupByCustomer([documented, { ...documented, contratoId: 2 }, { ...documented, idCliente: 40, cpfCnpj: '17518172020' }]);
		expect(groups.map((group) => group.length)).toEqual([2, 1]);
	});

	it('maps contratoStatus 1/3/4 and falls back to the display text', () => {
		expect([1, 3, 4].map((contratoStatus) => statusOf({ contratoStatus }))).toEqual(['ativo', 'bloqueado', 'inativo']);
		expect(statusOf({ contratoStatus: '3' })).toBe('bloqueado');
		expect(statusOf({ contratoStatus: 9, contratoStatusDisplay: 'Suspenso' })).toBe('bloqueado');
		expect(statusOf({ contratoStatusDisplay: 'Ativo' })).toBe('ativo');
		expect(statusOf({})).toBe('inativo');
	});

	it('maps the contract with the payment promise as the trust unlock in force and overdue from the invoices', () => {
		expect(toContrato({ ...documented, contratoId: 1234 }, '36', '2018-11-10')).toEqual({
			id: '1234',
			clienteId: '36',
			plano: 'Contrato 1234',
			status: 'ativo',
			financeiroEmAtraso: true,
			desbloqueioConfiancaAtivo: true,
		});
		expect(toContrato({ ...documented, isPromessaPagamento: false, faturasEmAberto: [] }, '36', '2018-11-10')).toMatchObject({ financeiroEmAtraso: false, desbloqueioConfiancaAtivo: false });
	});

	it('maps open invoices (amount and due date only) with ids unique per contract', () => {
		const invoices = toFaturas({ contratoId: 7, faturasEmAberto: [{ valor: 10, vencimento: '2018-11-03' }, { valor: '20.5', vencimento: '03/11/2018' }, { valor: 30, vencimento: '2018-12-03' }] }, '2018-11-10');
		expect(invoices).toEqual([
			{ id: '7-2018-11-03', contratoId: '7', valor: 10, vencimento: '2018-11-03', vencida: true },
			{ id: '7-2018-11-03-2', contratoId: '7', valor: 20.5, vencimento: '2018-11-03', vencida: true },
			{ id: '7-2018-12-03', contratoId: '7', valor: 30, vencimento: '2018-12-03', vencida: false },
		]);
		expect(toFaturas({ contratoId: 7 }, '2018-11-10')).toEqual([]);
		expect(dateOf('sem data')).toBeUndefined();
	});

	it('reads the connection status and the payment notice answer', () => {
		expect([onlineOf({ status: 1 }), onlineOf({ status: 2 }), onlineOf({ status: 0 })]).toEqual([true, false, undefined]);
		expect(wasReleased({ success: true, liberado: true, status: 1 })).toBe(true);
		expect(wasReleased({ success: true, liberado: false, status: 2 })).toBe(false);
		expect(wasReleased({ success: true, status: 1 })).toBe(true);
	});

	it('orders overdue first then by due date; knows next month and today in Brazil', () => {
		const invoice = (id: string, vencimento: string, vencida: boolean) => ({ id, valor: 1, vencimento, vencida });
		expect(sortOpenInvoices([invoice('a', '2024-08-01', false), invoice('b', '2024-07-01', true)]).map((each) => each.id)).toEqual(['b', 'a']);
		expect(firstDayOfNextMonth('2024-01-31')).toBe('2024-02-01');
		expect(todayInBrazil(new Date('2024-01-01T02:59:00Z'))).toBe('2023-12-31');
	});
});
