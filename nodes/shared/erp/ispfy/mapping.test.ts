// Pure mapping of ISPFY payloads, with fixtures cut from the vendor's Postman collection "ISPFY".
import { contractStatus, isSpeedReduced, ticketIdOf, toConexao, toFaturas } from './mapping';
import { brazilianMoney, recordsOf, toIsoDate } from './values';

const POINT_STATUS = {
	id_ponto: '7700',
	id_contrato: '9745',
	nome_ponto: 'APARTAMENTO',
	bloqueado: '1',
	status_acesso: '1',
	plano_contratado_nome: '2 MEGA ESTUDO',
	plano_contratado_velocidade: '2000K/2000K',
	plano_teste_nome: null,
	velocidade_atual: '2000K/2000K',
	ultimo_login: '2022-01-19 15:10:09',
	conexao_status: 'expired',
	ipv4_atual_wan: null,
};

describe('ISPFY mapping', () => {
	it('reads money as Brazilian text and dates in both formats', () => {
		expect(brazilianMoney('566,00')).toBe(566);
		expect(brazilianMoney('R$1.123,53')).toBe(1123.53);
		expect(brazilianMoney('395.06')).toBe(395.06);
		expect(brazilianMoney('abc')).toBeUndefined();
		expect(toIsoDate('10/07/2023')).toBe('2023-07-10');
		expect(toIsoDate('2022-05-10 00:00:00')).toBe('2022-05-10');
	});

	it('reads lists given as arrays or as objects keyed by position', () => {
		expect(recordsOf([{ id: '1' }])).toEqual([{ id: '1' }]);
		expect(recordsOf({ '27': { id: '1' }, '28': { id: '2' } })).toEqual([{ id: '1' }, { id: '2' }]);
		expect(recordsOf('x')).toEqual([]);
	});

	it('maps the collection example of ponto/status: blocked point, expired session', () => {
		expect(toConexao(POINT_STATUS)).toEqual({ login: 'APARTAMENTO', online: false, ativo: false, ultimaConexao: '2022-01-19T15:10:09', contratoId: '9745' });
		expect(contractStatus({ contrato_ativo: 's', status_contrato: 'livre' }, [POINT_STATUS])).toBe('bloqueado');
	});

	it('a reduced speed is the current speed below the contracted one, not a plan trial', () => {
		expect(isSpeedReduced(POINT_STATUS)).toBe(false);
		expect(isSpeedReduced({ ...POINT_STATUS, velocidade_atual: '512K/512K' })).toBe(true);
		expect(isSpeedReduced({ ...POINT_STATUS, velocidade_atual: '512K/512K', plano_teste_nome: 'TESTE 10' })).toBe(false);
		expect(contractStatus({ contrato_ativo: 's', status_contrato: 'livre' }, [{ ...POINT_STATUS, bloqueado: '0', velocidade_atual: '512K/512K' }])).toBe('reduzido');
		expect(contractStatus({ contrato_ativo: 'n', status_contrato: 'livre' }, [])).toBe('inativo');
	});

	it('maps the collection example of the boleto JSON (linha-detalhes)', () => {
		const answer = {
			cobrancas: [
				{
					id: '410',
					vencimento: '10/07/2023',
					valor: '566,00',
					linha: '36490.00076 00002.310605 00000.003236 6 94070000056600',
					link: '/api/tool/assinante/boleto/imprimir/410',
					pix: '00020101021226990014BR.GOV.BCB.PIX2577qrcodes-pix.gerencianet.com.br/bolix/v2/cobv/c2ec093a1d0c41a4b10678630f07a2865204000053039865802BR5906EFI SA6009SAO PAULO62070503***6304270D',
				},
			],
		};
		const [invoice] = toFaturas(answer, new Map([['410', '9818']]), '2023-07-11');
		expect(invoice).toMatchObject({ id: '410', valor: 566, vencimento: '2023-07-10', vencida: true, contratoId: '9818', linhaDigitavel: '36490000760000231060500000003236694070000056600' });
		expect(invoice.pixCopiaECola).toMatch(/^000201/);
	});

	it('reads the ticket id of POST assinante/ticket as number or text, nothing else', () => {
		expect(ticketIdOf(42186)).toBe('42186');
		expect(ticketIdOf('42186\n')).toBe('42186');
		expect(ticketIdOf('Tópico inválido')).toBeUndefined();
	});
});
