import { HttpStatusError } from '../fetch-transport';
import { ErpError } from '../types';
import { expectHubsoftSuccess, hubsoftFailure, readHubsoftAnswer, refusalOf, safeHubsoftMessage } from './errors';

describe('Hubsoft errors', () => {
	it('reads only status "error" as a refusal: "success" and the misspelled "suscess" are answers', () => {
		expect(refusalOf({ status: 'suscess', msg: 'Dados consultados com sucesso' })).toBeUndefined();
		expect(refusalOf({ status: 'success', msg: 'ok' })).toBeUndefined();
		expect(refusalOf({ status: 'error', msg: 'O serviço/plano informado não possui dados de autenticação', errors: [] } as never)).toBe(
			'O serviço/plano informado não possui dados de autenticação',
		);
		expect(refusalOf({ status: 'error' })).toBe('o Hubsoft não informou o motivo');
	});

	it('turns a refusal into erro_erp with the message, and keeps other answers', () => {
		const answer = { status: 'suscess', faturas: [] };
		expect(expectHubsoftSuccess(answer, 'listarFaturasAbertas')).toBe(answer);
		expect(() => expectHubsoftSuccess({ status: 'error', msg: 'Tipo de busca inválido' }, 'listarContratos')).toThrow(
			expect.objectContaining({ kind: 'erro_erp', message: 'O Hubsoft recusou a operação: Tipo de busca inválido', details: { system: 'hubsoft', action: 'listarContratos' } }),
		);
	});

	it('masks documents, phones and e-mails in ERP messages', () => {
		expect(safeHubsoftMessage('Cliente 529.982.247-25 (52998224725) tel (11) 98765-4321, maria@example.com, serviço 2001 de 12/03/2026')).toBe(
			'Cliente *** (***) tel ***, ***, serviço 2001 de 12/03/2026',
		);
		expect(safeHubsoftMessage('CNPJ 12.ABC.345/01DE-35 ou 12ABC34501DE35 ou 11.222.333/0001-81, fone 2133334444')).toBe('CNPJ *** ou *** ou ***, fone ***');
		expect(safeHubsoftMessage('x'.repeat(300))).toHaveLength(200);
	});

	it('reads a page instead of JSON as indisponivel', () => {
		expect(readHubsoftAnswer({ status: 'success' }, 'listarContratos')).toEqual({ status: 'success' });
		for (const body of ['<html><body>Em manutenção</body></html>', '', Buffer.from('%PDF'), [1]]) {
			expect(() => readHubsoftAnswer(body, 'listarContratos')).toThrow(expect.objectContaining({ kind: 'indisponivel' }));
		}
	});

	it('maps thrown transport errors: 401 authentication, 5xx / network unavailable, timeout, 4xx with msg', () => {
		const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
		expect(hubsoftFailure(new HttpStatusError(401, { message: 'Unauthenticated.' }), 'listarContratos').kind).toBe('autenticacao');
		expect(hubsoftFailure(new HttpStatusError(502, '<html>Bad Gateway</html>'), 'listarContratos').kind).toBe('indisponivel');
		expect(hubsoftFailure(new TypeError('fetch failed'), 'listarContratos').kind).toBe('indisponivel');
		expect(hubsoftFailure(timeout, 'listarContratos').kind).toBe('timeout');
		const validation = hubsoftFailure(new HttpStatusError(422, { status: 'error', msg: 'O campo telefone deve estar no formato DDNNNNNNNNN' }), 'abrirChamado');
		expect(validation).toBeInstanceOf(ErpError);
		expect(validation).toMatchObject({ kind: 'erro_erp', message: 'O Hubsoft recusou a requisição (HTTP 422): O campo telefone deve estar no formato DDNNNNNNNNN', details: { httpCode: 422 } });
		expect(hubsoftFailure(new HttpStatusError(404, '<html>Not Found</html>'), 'abrirChamado').message).toBe('O Hubsoft recusou a requisição (HTTP 404).');
	});
});
