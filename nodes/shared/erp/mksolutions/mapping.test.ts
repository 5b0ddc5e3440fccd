import { firstDayOfNextMonth } from '../calendar';
import { brMoney, invoiceOfContract, mapCliente, mapConexao, mapContrato, mapFatura, mapTrustUnlock, mkDate, pixOf } from './mapping';
import { redactMk } from './redact';

describe('MK Solutions: mapeamento', () => {
	const today = '2026-12-07';

	it('reads Brazilian money and dates', () => {
		expect(brMoney('1.234,56')).toBe(1234.56);
		expect(brMoney('99,90')).toBe(99.9);
		expect(brMoney('99.90')).toBe(99.9);
		expect(brMoney(79.9)).toBe(79.9);
		expect(brMoney('R$ 10,00')).toBe(10);
		expect(brMoney('')).toBeUndefined();
		expect(mkDate('05/01/2027')).toBe('2027-01-05');
		expect(mkDate('05/01/2027 10:11:12')).toBe('2027-01-05');
		expect(mkDate('2027-01-05')).toBe('2027-01-05');
		expect(mkDate('amanhã')).toBeUndefined();
	});

	it('maps WSMKConsultaDoc with a numeric CodigoPessoa; the document is the one asked', () => {
		expect(mapCliente({ CodigoPessoa: 4521, Nome: 'FULANO', Fone: '(49) 3322-1100', Email: 'f@x', status: 'OK', Outros: [] }, '11.222.333/0001-81')).toEqual({
			id: '4521',
			nome: 'FULANO',
			documento: '11222333000181',
			tipoPessoa: 'juridica',
			telefones: ['4933221100'],
			email: 'f@x',
		});
		expect(mapCliente({ status: 'OK' }, '52998224725')).toBeUndefined();
	});

	it('a contract is blocked by its blocked connection; V2 status_contrato wins', () => {
		const connections = [{ codconexao: 77, contrato: '10', username: 'x', bloqueada: 'Sim', motivo_bloqueio: 'Débito em aberto' }];
		expect(mapContrato({ codcontrato: '10', plano_acesso: 'P' }, connections, '1')).toMatchObject({ id: '10', status: 'bloqueado', financeiroEmAtraso: true, login: 'x' });
		expect(mapContrato({ codcontrato: '11', plano_acesso: 'P' }, connections, '1')).toMatchObject({ status: 'ativo' });
		expect(mapContrato({ codcontrato: '11', status_contrato: 'Cancelado' }, [], '1')).toMatchObject({ status: 'inativo', plano: 'Contrato 11' });
		expect(mapContrato({ codcontrato: '11', status_contrato: 'Suspenso' }, [], '1')).toMatchObject({ status: 'suspenso' });
	});

	it('drops future installments beyond the horizon and keeps invoices without contract information', () => {
		expect(mapFatura({ codfatura: 5, data_vencimento: '01/12/2026', valor_total: '89,90' }, today)).toEqual({ id: '5', valor: 89.9, vencimento: '2026-12-01', vencida: true });
		expect(mapFatura({ codfatura: 6, data_vencimento: '05/03/2027', valor_total: '89,90' }, today)).toBeUndefined();
		expect(invoiceOfContract({ contratos: null }, '10')).toBe(true);
		expect(invoiceOfContract({ contratos: '10,12' }, '12')).toBe(true);
		expect(invoiceOfContract({ contratos: '10' }, '12')).toBe(false);
	});

	it('tells the two auto-unlock refusals apart by their text only', () => {
		expect(mapTrustUnlock({ status: 'OK' }, today)).toMatchObject({ sucesso: true });
		expect(mapTrustUnlock({ status: 'ERRO', mensagem: 'Operação indisponível para esta conexão.' }, today)).toEqual({
			sucesso: false,
			motivo: 'O auto-desbloqueio já foi usado neste mês: o MK Solutions o libera uma vez por mês.',
			disponivelEm: firstDayOfNextMonth(today),
		});
		expect(mapTrustUnlock({ status: 'ERRO', mensagem: 'Status na conexão incompatível para auto-desbloqueio.' }, today)).toMatchObject({ sucesso: false, motivo: expect.stringContaining('não está bloqueada') });
		expect(mapTrustUnlock({ status: 'ERRO', Mensagem: 'Outro erro' }, today)).toBeUndefined();
	});

	it('reads the authenticated connection under conexao or "Agendas:"; an error is offline', () => {
		const connection = { CodigoConexao: '9', username: 'u', bloqueada: 'Não', mac_address: 'AA' };
		expect(mapConexao(connection, { status: 'OK', conexao: { framedip: '10.0.0.2', dt_hr_retorno: '05/12/2026 08:15:00' } }, '1')).toEqual({
			login: 'u',
			ativo: true,
			contratoId: '1',
			mac: 'AA',
			online: true,
			ip: '10.0.0.2',
			ultimaConexao: '2026-12-05T08:15:00-03:00',
		});
		expect(mapConexao(connection, { status: 'OK', 'Agendas:': [{ framedip: '10.0.0.3' }] }, '1')).toMatchObject({ online: true, ip: '10.0.0.3' });
		expect(mapConexao(connection, { status: 'ERRO', mensagem: 'Conexão não autenticada.' }, '1')).toMatchObject({ online: false });
	});

	it('keeps only a real Pix payload', () => {
		expect(pixOf({ status: 'OK', texto_qrcode: '000201abc' })).toBe('000201abc');
		expect(pixOf({ status: 'ERRO', codigo_erro: '1', mensagem: 'sem pix' })).toBeUndefined();
	});

	it('masks secrets of query strings and documents in texts passed on', () => {
		expect(redactMk('GET /mk/WSMKUserSenhaSAC.rule?sys=MK0&token=abc&user_sac=52998224725&pass_sac=segredo')).toBe('GET /mk/WSMKUserSenhaSAC.rule?sys=MK0&token=***&user_sac=***&pass_sac=***');
		expect(redactMk('Documento 529.982.247-25 inválido')).toBe('Documento *** inválido');
	});
});
