import { rbxRefusal } from './errors';
import { contractNumbersOf, invoiceContracts, lastSessionOf, resultRows, toCliente, toConexao, toContrato, toDepartamentos, toFatura } from './mapping';

describe('RBX mapping', () => {
	it('a customer: Tipo decides the person type, phones without mask, each once', () => {
		expect(toCliente({ Codigo: '1', Tipo: 'J', CNPJ_CNPF: '11222333000181', Nome: 'ACME', TelCelular: '(21) 99876-5432', TelComercial: '(21) 99876-5432', TelResidencial: '' })).toEqual({
			id: '1',
			nome: 'ACME',
			documento: '11222333000181',
			tipoPessoa: 'juridica',
			telefones: ['21998765432'],
		});
	});

	it('contract state: situation first, then the blocked and reduced lists', () => {
		const none = new Set<string>();
		expect(toContrato({ Numero: '9', Situacao_Codigo: 'A', Plano_Descricao: 'FIBRA' }, '1', none, none)?.status).toBe('ativo');
		expect(toContrato({ Numero: '9', Situacao_Codigo: 'A' }, '1', new Set(['9']), none)?.status).toBe('bloqueado');
		expect(toContrato({ Numero: '9', Situacao_Codigo: 'A' }, '1', none, new Set(['9']))?.status).toBe('reduzido');
		expect(toContrato({ Numero: '9', Situacao_Codigo: 'B', Situacao_Descricao: 'Bloqueado' }, '1', none, none)?.status).toBe('bloqueado');
		expect(toContrato({ Numero: '9', Situacao_Descricao: 'Cancelado' }, '1', new Set(['9']), none)?.status).toBe('inativo');
		expect(toContrato({ Numero: '9', Situacao_Descricao: 'Aguardando Instalação' }, '1', none, none)?.status).toBe('inativo');
		expect(contractNumbersOf([{ Contrato_Numero: '9', Cliente_Codigo: '1' }, { Contrato_Numero: '8', Cliente_Codigo: '2' }], '1')).toEqual(new Set(['9']));
	});

	it('an unpaid document: value_up, its contracts as numbers, strings or objects', () => {
		expect(invoiceContracts({ contracts: [7, '8', { contract_id: 9 }, { Numero: '10' }] })).toEqual(['7', '8', '9', '10']);
		expect(toFatura({ id: 3, due_date: '2026-01-10', value_init: '90.00', value_up: '92.50', contracts: [7] }, '2026-01-10')).toEqual({ id: '3', contratoId: '7', valor: 92.5, vencimento: '2026-01-10', vencida: false });
	});

	it('a RADIUS session of the contract is online; none is offline with the last connection', () => {
		const contrato = { id: '7', clienteId: '1', plano: 'X', status: 'ativo' as const };
		expect(toConexao([{ contract_id: 7, authentication_username: 'u', framed_ipv4_address: '10.0.0.2', session_start_time: '2026-01-10 08:00:00' }], contrato)).toMatchObject({
			online: true,
			login: 'u',
			ip: '10.0.0.2',
			ultimaConexao: '2026-01-10T08:00:00',
		});
		const last = lastSessionOf([{ username: 'u', start_time: '2026-01-01 08:00:00' }, { username: 'u', start_time: '2026-01-09 08:00:00' }]);
		expect(toConexao([{ contract_id: 8 }], contrato, last)).toMatchObject({ online: false, ultimaConexao: '2026-01-09T08:00:00' });
	});

	it('topics as departments, either field naming; results with or without the envelope', () => {
		expect(toDepartamentos([{ Codigo: '1', Descricao: 'Suporte' }, { Topico_Codigo: '2', Nome: 'Financeiro' }, { Codigo: '3' }])).toEqual([
			{ id: '1', nome: 'Suporte' },
			{ id: '2', nome: 'Financeiro' },
		]);
		expect(resultRows([{ a: 1 }])).toEqual([{ a: 1 }]);
		expect(resultRows({ status: 1, result: [{ a: 1 }] })).toEqual([{ a: 1 }]);
	});
});

describe('RBX errors', () => {
	it('code 97 (v1 or v2) is autenticacao; others erro_erp with RBX\'s text, documents redacted', () => {
		expect(rbxRefusal({ status: 0, erro_code: 97, erro_desc: 'Erro de integracao', erro_detail: 'Chave de integracao invalida ou inativa' }, 'listarContratos')).toMatchObject({ kind: 'autenticacao' });
		expect(rbxRefusal({ status: 0, error_code: 4, error_description: 'Customer 52998224725 not found' }, 'listarContratos')).toMatchObject({
			kind: 'erro_erp',
			message: 'O RBX recusou a requisição: Customer *** not found',
			details: { erpCode: '4' },
		});
	});
});
