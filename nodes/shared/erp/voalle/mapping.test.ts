import { voalleMessages, voalleReason, voalleRefusal } from './errors';
import { contractBilletIds, isCurrentContract, toCliente, toContrato, toFatura, toPontoDeAcesso } from './mapping';

describe('Voalle mapping', () => {
	it('a person: digits-only document, phones without mask, company by the 14-character document', () => {
		expect(toCliente({ id: 7, name: 'ACME LTDA', txId: '11.222.333/0001-81', cellPhone: '(21) 99876-5432', phone: '', email: 'a@b.c' })).toEqual({
			id: '7',
			nome: 'ACME LTDA',
			documento: '11222333000181',
			tipoPessoa: 'juridica',
			telefones: ['21998765432'],
			email: 'a@b.c',
		});
		expect(toCliente({ id: 7, name: 'Sem documento' })).toBeUndefined();
	});

	it.each([
		[{ status: 1 }, 'ativo'],
		[{ status: '6' }, 'bloqueado'],
		[{ status: 7 }, 'bloqueado'],
		[{ status: 5 }, 'suspenso'],
		[{ status: 4 }, 'inativo'],
		[{ status: 9 }, 'inativo'],
		[{ status: 'Bloqueio Financeiro' }, 'bloqueado'],
		[{ status: { id: 3, title: 'Cortesia' } }, 'ativo'],
		[{ status: 1, stage: 1 }, 'aguardando_assinatura'],
		[{ status: 1, stage: 5 }, 'inativo'],
	])('contract %j reads as %s', (fields, expected) => {
		expect(toContrato({ id: 1, contractNumber: '900', ...fields }, '7')?.status).toBe(expected);
	});

	it('financial block flags financeiroEmAtraso; the plan falls back to the contract number; cancelled is not current', () => {
		expect(toContrato({ id: 1, contractNumber: '900', status: 6 }, '7')).toEqual({ id: '1', clienteId: '7', plano: 'Contrato 900', status: 'bloqueado', financeiroEmAtraso: true });
		expect(toContrato({ id: 1, status: 7, description: 'FIBRA' }, '7')).not.toHaveProperty('financeiroEmAtraso');
		expect(isCurrentContract({ id: 1, status: 4 })).toBe(false);
	});

	it('an open title charges finalValue, reads ISO date-times and keeps only non-empty Pix', () => {
		const title = { id: 55, billet: { expirationDate: '2026-01-10T00:00:00', typefulLine: '2379…', pixQRCode: '', amount: { value: 90, finalValue: 92.5 } } };
		expect(toFatura(title, '2026-01-11', '3')).toEqual({ id: '55', contratoId: '3', valor: 92.5, vencimento: '2026-01-10', vencida: true, linhaDigitavel: '2379…' });
		expect(contractBilletIds([{ id: 55 }, { id: '56' }, 'x'])).toEqual(new Set(['55', '56']));
	});

	it('the access point: an object or a list; down if any is down, in maintenance if any is', () => {
		expect(toPontoDeAcesso({ title: 'POP A', inMaintenance: false, maintenance: null, active: true })).toEqual({ nome: 'POP A', ativo: true, emManutencao: false });
		expect(toPontoDeAcesso([{ title: 'OLT 1', active: true }, { title: 'OLT 2', active: 'false', inMaintenance: true, maintenance: 'Troca de placa' }])).toEqual({
			nome: 'OLT 1, OLT 2',
			ativo: false,
			emManutencao: true,
			manutencao: 'Troca de placa',
		});
		expect(toPontoDeAcesso(null)).toBeUndefined();
	});
});

describe('Voalle errors', () => {
	it('reads messages as null, "", a string, or a list of { type, message }', () => {
		expect(voalleMessages(null)).toEqual([]);
		expect(voalleMessages('')).toEqual([]);
		expect(voalleMessages(' Falhou ')).toEqual(['Falhou']);
		expect(voalleMessages([{ type: 'Error', message: 'A' }, 'B', { type: 'Warn' }])).toEqual(['A', 'B']);
	});

	it('redacts documents in Voalle\'s reasons and says so when there is none', () => {
		expect(voalleReason({ messages: [{ type: 'Error', message: 'CPF 529.982.247-25 sem contrato' }] })).toBe('CPF *** sem contrato');
		expect(voalleRefusal({ success: false, messages: null }, 'listarContratos')).toMatchObject({ kind: 'erro_erp', message: 'O Voalle recusou a requisição sem dizer o motivo.' });
	});
});
