import { DIAGNOSTIC_OUTPUTS, diagnosticOutput } from './diagnostic';

const outputOf = (stored: unknown) => {
	const { output } = diagnosticOutput(stored);
	return output < 0 ? 'semDiagnostico' : DIAGNOSTIC_OUTPUTS[output];
};
const clean = { status: 'ativo', financeiroEmAtraso: false, desbloqueioConfiancaAtivo: false };

describe('diagnosticOutput priority', () => {
	it('routes an inactive or blocked contract on its status, whatever else is set', () => {
		expect(outputOf({ status: 'inativo', financeiroEmAtraso: true, desbloqueioConfiancaAtivo: true, online: true })).toBe('inativo');
		expect(outputOf({ status: 'bloqueado', financeiroEmAtraso: true, desbloqueioConfiancaAtivo: false, online: false })).toBe('bloqueado');
	});

	it('then a trust unlock in force, then overdue invoices', () => {
		expect(outputOf({ ...clean, financeiroEmAtraso: true, desbloqueioConfiancaAtivo: true, online: true })).toBe('desbloqueioConfiancaAtivo');
		expect(outputOf({ ...clean, financeiroEmAtraso: true, online: false })).toBe('financeiroEmAtraso');
	});

	it('then the connection, and "ativo" when the ERP gave no connection state', () => {
		expect(outputOf({ ...clean, online: false })).toBe('offline');
		expect(outputOf({ ...clean, online: true })).toBe('online');
		expect(outputOf(clean)).toBe('ativo');
	});

	it('reaches every output', () => {
		const reached = new Set(
			[
				{ status: 'inativo' },
				{ status: 'bloqueado' },
				{ ...clean, desbloqueioConfiancaAtivo: true },
				{ ...clean, financeiroEmAtraso: true },
				{ ...clean, online: false },
				{ ...clean, online: true },
				clean,
			].map(outputOf),
		);
		expect([...reached]).toEqual([...DIAGNOSTIC_OUTPUTS]);
	});

	it('gives "Sem diagnóstico" (-1) for anything that is not a diagnosis, with the parsed result otherwise', () => {
		for (const stored of [undefined, null, 'ativo', [], {}, { status: 'suspenso' }]) expect(outputOf(stored)).toBe('semDiagnostico');
		expect(diagnosticOutput({ status: 'ativo', online: 'sim' })).toEqual({
			output: DIAGNOSTIC_OUTPUTS.indexOf('ativo'),
			result: { status: 'ativo', financeiroEmAtraso: false, desbloqueioConfiancaAtivo: false },
		});
	});
});
