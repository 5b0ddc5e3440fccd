import { isNotFound, isSessionError, mkAnswerError, mkCallError, readMkAnswer } from './errors';

/** An axios error as n8n's helper throws it: the URL with MK's token rides along in `config`. */
function axiosError(status: number | undefined, data?: unknown, code?: string) {
	return Object.assign(new Error(status ? `Request failed with status code ${status}` : 'timeout of 15000ms exceeded'), {
		code,
		config: { url: 'https://mk.example/mk/WSMKConsultaDoc.rule?sys=MK0&token=sessao-secreta&doc=52998224725' },
		response: status === undefined ? undefined : { status, data },
	});
}

describe('MK Solutions: erros', () => {
	it('classifies transport failures without the URL (token, document) in the error', () => {
		const cases = [
			[axiosError(undefined, undefined, 'ECONNABORTED'), 'timeout'],
			[axiosError(401), 'autenticacao'],
			[axiosError(404, '<html>404</html>'), 'erro_erp'],
			[axiosError(502, '<html>Bad Gateway</html>'), 'indisponivel'],
		] as const;
		for (const [error, kind] of cases) {
			const mapped = mkCallError(error, 'buscarClientePorDocumento');
			expect(mapped).toMatchObject({ kind, details: { system: 'mksolutions' } });
			expect(JSON.stringify({ message: mapped.message, details: mapped.details })).not.toMatch(/sessao-secreta|52998224725/);
		}
	});

	it('reads the error envelope: session (001/999), not found (003)', () => {
		expect(isSessionError({ status: 'ERRO', 'Num. ERRO': '999', Mensagem: 'Token expirado' })).toBe(true);
		expect(isSessionError({ status: 'ERRO', 'Num. ERRO': '001' })).toBe(true);
		expect(isSessionError({ status: 'OK' })).toBe(false);
		expect(isNotFound({ status: 'ERRO', 'Num. ERRO': '003', Mensagem: 'Documento não localizado' })).toBe(true);
		expect(isNotFound({ status: 'ERRO', 'Num. ERRO': '050' })).toBe(false);
		expect(mkAnswerError({ status: 'ERRO', 'Num. ERRO': '002' }, 'buscarClientePorDocumento')).toMatchObject({ kind: 'erro_erp', message: 'O MK Solutions considerou o documento inválido.' });
	});

	it('decodes UTF-8 or Latin-1 bytes; an HTML page is indisponivel', () => {
		expect(readMkAnswer(Buffer.from('{"Nome":"JOÃO"}', 'utf8'), 'listarContratos')).toEqual({ Nome: 'JOÃO' });
		expect(readMkAnswer(Buffer.from('{"Nome":"JOÃO"}', 'latin1'), 'listarContratos')).toEqual({ Nome: 'JOÃO' });
		expect(readMkAnswer(Buffer.from('[{"codcontrato":"1"}]'), 'listarContratos')).toEqual({ lista: [{ codcontrato: '1' }] });
		expect(() => readMkAnswer(Buffer.from('<html>erro</html>'), 'listarContratos')).toThrow(expect.objectContaining({ kind: 'indisponivel' }));
	});
});
