import { isOpenInvoice, mapCliente, mapConexao, mapContrato, mapFatura, observationEndOf, phonesOf, planOf, whereOf } from './mapping';

describe('Controllr: mapeamento', () => {
	it('joins where conditions with {"field":"AND"}', () => {
		expect(JSON.parse(whereOf({ field: 'a', oper: 5, value: 1 }, { field: 'b', oper: 7, value: null }))).toEqual([
			{ field: 'a', oper: 5, value: 1 },
			{ field: 'AND' },
			{ field: 'b', oper: 7, value: null },
		]);
	});

	it('reads "Rótulo#-#número" phones and the customer', () => {
		expect(phonesOf('Celular#-#82996267665,Comercial#-#(82) 3333-4444,#-#')).toEqual(['82996267665', '8233334444']);
		expect(mapCliente({ client_pk: 9, client_complete_name: 'X LTDA', client_doc1: '11.222.333/0001-81', client_mail: 'Principal#-#a@b.c', client_phones: '' })).toEqual({
			id: '9',
			nome: 'X LTDA',
			documento: '11222333000181',
			tipoPessoa: 'juridica',
			telefones: [],
			email: 'a@b.c',
		});
	});

	it('maps contract_status 0..5 and the plan of the items', () => {
		const statuses = [0, 1, 2, 3, 4, 5].map((status) => mapContrato({ contract_pk: 1, contract_status: status }, '9')?.status);
		expect(statuses).toEqual(['inativo', 'ativo', 'ativo', 'inativo', 'bloqueado', 'inativo']);
		expect(mapContrato({ contract_pk: 1, contract_number: 501, contract_status: 1 }, '9')?.plano).toBe('Contrato 501');
		expect(planOf([{ item_name: 'Taxa' }, { item_name: 'Internet', plan_name: 'FIBRA 1G' }])).toBe('FIBRA 1G');
	});

	it('open invoices: unpaid and not deleted; observation only with an obs_pk', () => {
		expect(isOpenInvoice({ invoice_date_credit: null, invoice_deleted: false })).toBe(true);
		expect(isOpenInvoice({ invoice_date_credit: '2026-11-02 10:00:00' })).toBe(false);
		expect(mapFatura({ invoice_pk: 3, contract_pk: 4, invoice_date_due: '2026-11-10', invoice_amount: '79.90' }, '2026-12-07')).toEqual({ id: '3', contratoId: '4', valor: 79.9, vencimento: '2026-11-10', vencida: true });
		expect(mapFatura({ invoice_pk: 3, invoice_date_due: '2026-11-10' }, '2026-12-07')).toBeUndefined();
		expect(observationEndOf({ obs_pk: 12, obs_date_end: '2026-12-10 23:59:59' })).toBe('2026-12-10');
		expect(observationEndOf({ obs_pk: null, obs_date_end: null })).toBeUndefined();
	});

	it('a CPE with RADIUS sessions is online; the history gives the last start', () => {
		expect(mapConexao({ cpe_pk: 1, cpe_username: 'u', cpe_sessions: 0, cpe_status: 1, cpe_mac_last: 'AA' }, { session_date_start: '2026-12-01 08:00:00', session_v4_ip: '1.1.1.1' }, '5')).toEqual({
			login: 'u',
			online: false,
			ativo: true,
			contratoId: '5',
			mac: 'AA',
			ultimaConexao: '2026-12-01T08:00:00-03:00',
		});
		expect(mapConexao({ cpe_pk: 1, cpe_sessions: 2, cpe_status: 0 }, undefined, '5')).toMatchObject({ login: '1', online: true, ativo: false });
	});
});
