import { ErpError } from '../types';
import { readSgpAnswer, sgpAnswerError, sgpCallError } from './errors';

/** An axios error as n8n's helper throws it: the request body (token, CPF) rides along in `config.data`. */
function axiosError(status: number | undefined, data?: unknown, code?: string) {
	return Object.assign(new Error(status ? `Request failed with status code ${status}` : 'timeout of 15000ms exceeded'), {
		code,
		config: { data: 'token=tok-secreto&app=bot&cpfcnpj=52998224725' },
		response: status === undefined ? undefined : { status, data },
	});
}

describe('SGP errors', () => {
	it('classifies failed requests without leaking the request body', () => {
		const cases = [
			[axiosError(undefined, undefined, 'ECONNABORTED'), 'timeout'],
			[axiosError(403, { detail: 'As credenciais de autenticação não foram fornecidas.' }), 'autenticacao'],
			[axiosError(502, '<html>Bad Gateway</html>'), 'indisponivel'],
			[axiosError(404, { detail: 'Não encontrado.' }), 'erro_erp'],
			[axiosError(400, { status: 0, msg: 'Contrato 52998224725 inválido' }), 'erro_erp'],
		] as const;
		for (const [error, kind] of cases) {
			const mapped = sgpCallError(error, 'listarContratos');
			expect(mapped).toMatchObject({ name: 'ErpError', kind, details: { system: 'sgp', action: 'listarContratos' } });
			expect(JSON.stringify({ message: mapped.message, details: mapped.details })).not.toMatch(/tok-secreto|52998224725/);
		}
	});

	it('keeps an ErpError as it is', () => {
		const original = new ErpError('timeout', 'x', { system: 'sgp' });
		expect(sgpCallError(original, 'pdfFatura')).toBe(original);
	});

	it('reads HTTP 200 bodies: objects pass, pages and Django REST envelopes fail', () => {
		expect(readSgpAnswer({ msg: 'Nada encontrado', contratos: [] }, 'listarContratos')).toEqual({ msg: 'Nada encontrado', contratos: [] });
		expect(() => readSgpAnswer('<html>login</html>', 'listarContratos')).toThrow(expect.objectContaining({ kind: 'indisponivel' }));
		expect(() => readSgpAnswer('', 'listarContratos')).toThrow(expect.objectContaining({ kind: 'indisponivel' }));
		expect(() => readSgpAnswer({ detail: 'Credenciais de autenticação incorretas.' }, 'listarContratos')).toThrow(expect.objectContaining({ kind: 'autenticacao' }));
		expect(() => readSgpAnswer({ detail: 'Limite de requisições.' }, 'listarContratos')).toThrow(expect.objectContaining({ kind: 'erro_erp', message: 'O SGP recusou a requisição: Limite de requisições.' }));
	});

	it('turns an unexpected answer into erro_erp with SGP status as code', () => {
		expect(sgpAnswerError({ status: '0', msg: 'Contrato não localizado' }, 'abrirChamado')).toMatchObject({ kind: 'erro_erp', message: 'O SGP recusou a requisição: Contrato não localizado', details: { erpCode: '0' } });
		expect(sgpAnswerError({}, 'abrirChamado')).toMatchObject({ kind: 'erro_erp', message: 'O SGP deu uma resposta inesperada.' });
	});
});
