import { parseDiagnosticResult } from '../shared/erp/diagnostic';
import { ErpError, type DadosDiagnostico, type StatusContrato } from '../shared/erp/types';
import { diagnosticOutput, DIAGNOSTIC_OUTPUTS as CONDITIONAL_OUTPUTS } from '../Condicional/evaluate/diagnostic';
import { fakeAdapter, fakeContrato, fakeStep } from '../../test/support/fake-erp';
import { diagnosticAction } from './action';
import { toDiagnosticResult } from './diagnosis';

function dados(status: StatusContrato, extra: Partial<DadosDiagnostico> = {}): DadosDiagnostico {
	return { contrato: fakeContrato({ status }), faturasVencidas: 0, ...extra };
}

describe('toDiagnosticResult', () => {
	it.each<[StatusContrato, string]>([
		['ativo', 'ativo'],
		['reduzido', 'ativo'],
		['bloqueado', 'bloqueado'],
		['suspenso', 'bloqueado'],
		['inativo', 'inativo'],
		['aguardando_assinatura', 'inativo'],
	])('contract status %s reads as %s', (status, expected) => {
		expect(toDiagnosticResult(dados(status)).status).toBe(expected);
	});

	it('overdue when the ERP counts an overdue invoice or flags the contract', () => {
		expect(toDiagnosticResult(dados('ativo', { faturasVencidas: 2 })).financeiroEmAtraso).toBe(true);
		expect(toDiagnosticResult({ contrato: fakeContrato({ status: 'bloqueado', financeiroEmAtraso: true }), faturasVencidas: 0 }).financeiroEmAtraso).toBe(true);
		expect(toDiagnosticResult(dados('ativo')).financeiroEmAtraso).toBe(false);
	});

	it('carries the trust unlock flag and the connection state only when the ERP gave one', () => {
		const withUnlock = toDiagnosticResult({ contrato: fakeContrato({ desbloqueioConfiancaAtivo: true }), faturasVencidas: 1, conexao: { login: 'x', ativo: true, online: false } });
		expect(withUnlock).toEqual({ status: 'ativo', financeiroEmAtraso: true, desbloqueioConfiancaAtivo: true, online: false });
		expect(toDiagnosticResult(dados('ativo', { conexao: { login: 'x', ativo: true } }))).not.toHaveProperty('online');
		expect(toDiagnosticResult(dados('ativo'))).not.toHaveProperty('online');
	});

	it('an access point down or in maintenance (Voalle) is redeEmManutencao, never online/offline', () => {
		const down = toDiagnosticResult(dados('ativo', { pontoDeAcesso: { nome: 'POP NORTE', ativo: false, emManutencao: true } }));
		expect(down).toEqual({ status: 'ativo', financeiroEmAtraso: false, desbloqueioConfiancaAtivo: false, redeEmManutencao: true });
		expect(toDiagnosticResult(dados('ativo', { pontoDeAcesso: { ativo: true, emManutencao: false } }))).toMatchObject({ redeEmManutencao: false });
		expect(toDiagnosticResult(dados('ativo', { pontoDeAcesso: { ativo: true, emManutencao: false } }))).not.toHaveProperty('online');
		expect(parseDiagnosticResult(down)).toEqual(down);
	});

	it('gives what the Condicional reads back unchanged', () => {
		const result = toDiagnosticResult(dados('bloqueado', { faturasVencidas: 1, conexao: { login: 'x', ativo: true, online: false } }));
		expect(parseDiagnosticResult(result)).toEqual(result);
	});
});

describe('Diagnóstico action', () => {
	const joao: DadosDiagnostico = {
		contrato: fakeContrato({ status: 'bloqueado', financeiroEmAtraso: true }),
		faturasVencidas: 1,
		conexao: { login: 'joao.pereira', ativo: true, online: false, ip: '100.64.0.2' },
	};

	it('writes the result to the variable and leaves by "Concluído" without a message', async () => {
		const adapter = fakeAdapter({ diagnostico: async () => joao });
		const step = fakeStep(adapter);
		const turn = await diagnosticAction('diagnostico').run(step);
		const expected = { status: 'bloqueado', financeiroEmAtraso: true, desbloqueioConfiancaAtivo: false, online: false };
		expect(step.variables).toEqual({ diagnostico: expected });
		expect(turn).toMatchObject({ kind: 'finish', output: 0, result: { diagnostico: expected, faturasVencidas: 1, conexao: { online: false, ip: '100.64.0.2' } } });
		expect(turn.kind === 'finish' ? turn.messages ?? [] : ['?']).toEqual([]);
	});

	it('passes the conversation\'s contact to the ERP (ReceitaNet needs the caller\'s number)', async () => {
		const received: unknown[] = [];
		const step = fakeStep(
			fakeAdapter({
				diagnostico: async (_cliente, _contrato, contato) => {
					received.push(contato);
					return joao;
				},
			}),
		);
		step.conversation.contact = { id: 'c1', phone: '5549999991234' };
		await diagnosticAction('diagnostico').run(step);
		expect(received).toEqual([{ nome: undefined, telefone: '5549999991234' }]);
	});

	it('routes the Condicional: the blocked customer by "bloqueado", an active online one by "online"', async () => {
		const routeOf = async (data: DadosDiagnostico) => {
			const step = fakeStep(fakeAdapter({ diagnostico: async () => data }));
			await diagnosticAction('diagnostico').run(step);
			return CONDITIONAL_OUTPUTS[diagnosticOutput(step.variables.diagnostico).output];
		};
		expect(await routeOf(joao)).toBe('bloqueado');
		expect(await routeOf({ contrato: fakeContrato(), faturasVencidas: 0, conexao: { login: 'maria', ativo: true, online: true } })).toBe('online');
	});

	it('uses the variable name configured', async () => {
		const step = fakeStep(fakeAdapter({ diagnostico: async () => dados('inativo') }));
		await diagnosticAction('diag2').run(step);
		expect(Object.keys(step.variables)).toEqual(['diag2']);
	});

	it('masks the customer document in the item and sends the fresh contract of the diagnosis', async () => {
		const step = fakeStep(fakeAdapter({ diagnostico: async () => joao }));
		const turn = await diagnosticAction('diagnostico').run(step);
		expect(JSON.stringify(turn)).not.toContain('52998224725');
		expect(turn).toMatchObject({ result: { cliente: { nome: 'MARIA SILVA' }, contrato: { status: 'bloqueado' } } });
	});

	it('needs the ERP action "diagnostico" and lets an ERP failure through to the engine ("Erro")', async () => {
		const action = diagnosticAction('diagnostico');
		expect(action.uses).toEqual(['diagnostico']);
		const failing = fakeAdapter({
			diagnostico: async () => {
				throw new ErpError('timeout', 'O ERP não respondeu a tempo.', { system: 'ixc', action: 'diagnostico' });
			},
		});
		const step = fakeStep(failing);
		await expect(action.run(step)).rejects.toMatchObject({ kind: 'timeout' });
		expect(step.variables).toEqual({});
	});
});
