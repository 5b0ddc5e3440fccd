import { parseDiagnosticResult } from './diagnostic';

describe('parseDiagnosticResult', () => {
	it('keeps a well-formed diagnosis', () => {
		const result = { status: 'bloqueado', financeiroEmAtraso: true, desbloqueioConfiancaAtivo: false, online: false };
		expect(parseDiagnosticResult(result)).toEqual(result);
	});

	it('reads non-boolean flags as false and a non-boolean online as unknown', () => {
		expect(parseDiagnosticResult({ status: 'ativo', financeiroEmAtraso: 'sim', online: 1 })).toEqual({
			status: 'ativo',
			financeiroEmAtraso: false,
			desbloqueioConfiancaAtivo: false,
		});
	});

	it('refuses anything without a known status', () => {
		for (const value of [undefined, null, 42, 'ativo', [], {}, { status: 'Ativo' }, { status: 'cancelado' }]) {
			expect(parseDiagnosticResult(value)).toBeUndefined();
		}
	});
});
