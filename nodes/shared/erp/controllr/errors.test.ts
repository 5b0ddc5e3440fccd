import { controllrAnswerError, controllrCallError, isAccessDenied, readControllrAnswer } from './errors';

function axiosError(status: number | undefined, data?: unknown, code?: string) {
	return Object.assign(new Error(status ? `Request failed with status code ${status}` : 'timeout of 15000ms exceeded'), {
		code,
		config: { data: 'username=bot&password=senha-secreta', headers: { Cookie: 'BRBOSCookie=cookie-secreto' } },
		response: status === undefined ? undefined : { status, data },
	});
}

describe('Controllr: erros', () => {
	it('403 Access Denied (ACL, unknown route or dead session) and 401 ask for a new login', () => {
		expect(isAccessDenied(axiosError(403, { code: -2, message: 'Access Denied' }))).toBe(true);
		expect(isAccessDenied(axiosError(401))).toBe(true);
		expect(isAccessDenied(axiosError(500))).toBe(false);
	});

	it('classifies failures without the password or the cookie', () => {
		const cases = [
			[axiosError(undefined, undefined, 'ECONNABORTED'), 'timeout'],
			[axiosError(401), 'autenticacao'],
			[axiosError(403, { code: -2, message: 'Access Denied' }), 'autenticacao'],
			[axiosError(400, { errors: [{ id: 'where', msg: 'Invalid JSON' }] }), 'erro_erp'],
			[axiosError(503, '<html>503</html>'), 'indisponivel'],
		] as const;
		for (const [error, kind] of cases) {
			const mapped = controllrCallError(error, 'listarContratos');
			expect(mapped).toMatchObject({ kind, details: { system: 'controllr' } });
			expect(mapped.message).not.toMatch(/senha-secreta|cookie-secreto/);
		}
	});

	it('success:false with HTTP 200 is an error; results are data', () => {
		expect(() => readControllrAnswer({ success: false, errors: [{ id: 'ticket_desc', msg: 'Required Field' }] }, 'abrirChamado')).toThrow('O Controllr recusou a requisição: ticket_desc: Required Field');
		expect(() => readControllrAnswer({ code: 12, message: 'Erro interno' }, 'abrirChamado')).toThrow(expect.objectContaining({ kind: 'erro_erp' }));
		expect(() => readControllrAnswer('<html></html>', 'abrirChamado')).toThrow(expect.objectContaining({ kind: 'indisponivel' }));
		expect(readControllrAnswer({ success: true, total: 0, results: [] }, 'abrirChamado')).toEqual({ success: true, total: 0, results: [] });
		expect(controllrAnswerError({ success: false, errors: [{ id: '42702', msg: 'column reference "client_pk" is ambiguous' }] }, 'listarContratos').details.erpCode).toBe('42702');
	});
});
