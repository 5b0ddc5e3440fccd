import { firstDayOfNextMonth, todayInBrazil } from '../calendar';
import { sortOpenInvoices } from '../invoices';
import {
	clientRecordsOf,
	dateOf,
	groupByCustomer,
	invoiceRecordsOf,
	isNullBody,
	isSuccessfulUpdate,
	moneyOf,
	needsInvoiceDetail,
	pixOf,
	shownRecordOf,
	statusOf,
	toCliente,
	toContrato,
	toFatura,
	unlockedThisMonth,
} from './mapping';

// Shapes from docs/apis-externas.md §D.3 (third-party code) and third-party models of sis_cliente.
const titleShow = {
	uuid_lanc: 'AE91D370-DFAB-41CF-81C9-CAEFD69F3AFA',
	linhadig: '34191.77005 00065.727778 70144.370007 6 97780000011000',
	pix: '00020101021226850014br.gov.bcb.pix2563pix.example/qr/v2/cobv/abc5204000053039865406110.005802BR6304ABCD',
	pix_link: 'https://provedor.app.br/pix/xyz',
	datavenc: '2024-07-15 00:00:00',
	valor: '110.00',
	url: null,
};

describe('MK-Auth mapping', () => {
	it('reads the literal NULL and empty bodies as "not found", never a JSON object', () => {
		expect([isNullBody('NULL'), isNullBody(' null\n'), isNullBody(''), isNullBody(undefined)]).toEqual([true, true, true, true]);
		expect(isNullBody({ login: 'x' })).toBe(false);
		expect(isNullBody('<html>erro</html>')).toBe(false);
	});

	it('takes the clients of a listing and the invoices of titulo/aberto, empty shapes included', () => {
		expect(clientRecordsOf({ total_registros: 1, clientes: [{ login: 'lise' }] })).toEqual([{ login: 'lise' }]);
		expect(clientRecordsOf({ total_registros: 0 })).toEqual([]);
		expect(invoiceRecordsOf({ Total: 0, titulos: [] })).toEqual([]);
		expect(invoiceRecordsOf({ Total: 1, titulos: [titleShow] })).toHaveLength(1);
	});

	it('reads cliente/show flat or wrapped in dados, and no record from an object without login', () => {
		expect(shownRecordOf({ login: 'lise', uuid_cliente: 'UUID-123', bloqueado: 'sim' })?.uuid_cliente).toBe('UUID-123');
		expect(shownRecordOf({ dados: [{ login: 'lise', bloqueado: 'nao' }], wifi: { sinal: '-60' } })?.login).toBe('lise');
		expect(shownRecordOf({ error: 'x' })).toBeUndefined();
	});

	it('reads dates, zero dates and money as MK-Auth writes them', () => {
		expect(dateOf('2024-07-15 00:00:00')).toBe('2024-07-15');
		expect(dateOf('15/07/2024')).toBe('2024-07-15');
		expect(dateOf('0000-00-00 00:00:00')).toBeUndefined();
		expect(dateOf(null)).toBeUndefined();
		expect([moneyOf('110.00'), moneyOf('1.234,56'), moneyOf(99.9), moneyOf('abc')]).toEqual([110, 1234.56, 99.9, 0]);
	});

	it('maps the logins of one document to one customer with every phone once', () => {
		const records = [
			{ login: 'comercial.souza', nome: 'COMERCIAL SOUZA LTDA', cpf_cnpj: '11.222.333/0001-81', celular: '(21) 99876-5432', fone: '(21) 3333-4444', email: '' },
			{ login: 'comercial.backup', nome: 'COMERCIAL SOUZA LTDA', cpf_cnpj: '11222333000181', celular: '(21) 99876-5432', fone: '', email: 'fin@souza.example' },
		];
		const [group] = groupByCustomer(records);
		expect(group).toHaveLength(2);
		expect(toCliente(group)).toEqual({
			id: '11222333000181',
			nome: 'COMERCIAL SOUZA LTDA',
			documento: '11222333000181',
			tipoPessoa: 'juridica',
			telefones: ['21998765432', '2133334444'],
			email: 'fin@souza.example',
			codigo: 'comercial.souza',
		});
		expect(groupByCustomer([{ login: 'a', cpf_cnpj: '' }, { login: 'b', cpf_cnpj: '' }])).toHaveLength(2);
	});

	it('maps a login to a contract: uuid as id, blocked/inactive status, trust-unlock fields', () => {
		const record = {
			login: 'joao.pereira',
			uuid_cliente: 'UUID-123',
			plano: 'FIBRA 100 MEGA',
			bloqueado: 'sim',
			cli_ativado: 's',
			observacao: 'nao',
			data_desbloq: '2024-06-03 10:00:00',
			tit_vencidos: '1',
			endereco: 'Rua XV de Novembro',
			numero: '250',
			bairro: 'Centro',
			cidade: 'Chapecó',
		};
		expect(toContrato(record, '62710524520')).toEqual({
			id: 'UUID-123',
			clienteId: '62710524520',
			plano: 'FIBRA 100 MEGA',
			status: 'bloqueado',
			financeiroEmAtraso: true,
			desbloqueioConfiancaAtivo: false,
			ultimoDesbloqueioConfianca: '2024-06-03',
			endereco: 'Rua XV de Novembro, 250 - Centro - Chapecó',
			login: 'joao.pereira',
		});
		expect(statusOf({ bloqueado: 'nao', cli_ativado: 'N' })).toBe('inativo');
		expect(statusOf({ bloqueado: 'NAO', cli_ativado: 's' })).toBe('ativo');
		expect(toContrato({ login: 'lise', observacao: 'sim' }, 'x')).toMatchObject({ id: 'lise', desbloqueioConfiancaAtivo: true });
	});

	it('maps titulo/show: digits of the boleto line, Pix code but never pix_link, no link when url is null', () => {
		const invoice = toFatura(titleShow, 'UUID-123', '2024-07-20');
		expect(invoice).toEqual({
			id: 'AE91D370-DFAB-41CF-81C9-CAEFD69F3AFA',
			contratoId: 'UUID-123',
			valor: 110,
			vencimento: '2024-07-15',
			vencida: true,
			linhaDigitavel: '34191770050006572777870144370007697780000011000',
			pixCopiaECola: titleShow.pix,
		});
		expect(toFatura({ ...titleShow, pix: '' }, undefined, '2024-07-15')).not.toHaveProperty('pixCopiaECola');
		expect(toFatura(titleShow, undefined, '2024-07-15').vencida).toBe(false);
		expect(pixOf({ pix: 'https://provedor.app.br/pix/xyz' })).toBeUndefined();
	});

	it('asks for titulo/show when titulo/aberto lists an invoice without what the customer needs', () => {
		expect(needsInvoiceDetail({ uuid_lanc: 'x' })).toBe(true);
		expect(needsInvoiceDetail({ uuid_lanc: 'x', datavenc: '2024-07-15 00:00:00', valor: '10.00' })).toBe(true);
		expect(needsInvoiceDetail(titleShow)).toBe(false);
	});

	it('orders open invoices overdue first, then by due date', () => {
		const invoice = (id: string, vencimento: string, vencida: boolean) => ({ id, valor: 1, vencimento, vencida });
		const sorted = sortOpenInvoices([invoice('a', '2024-08-10', false), invoice('b', '2024-07-01', true), invoice('c', '2024-08-01', false), invoice('d', '2024-06-01', true)]);
		expect(sorted.map((each) => each.id)).toEqual(['d', 'b', 'c', 'a']);
	});

	it('knows an unlock of this month, the first day of next month and today in Brazil', () => {
		expect(unlockedThisMonth({ data_desbloq: '2024-07-01 08:00:00' }, '2024-07-20')).toBe(true);
		expect(unlockedThisMonth({ data_desbloq: '2024-06-30 08:00:00' }, '2024-07-20')).toBe(false);
		expect(unlockedThisMonth({ data_desbloq: null }, '2024-07-20')).toBe(false);
		expect(firstDayOfNextMonth('2024-12-15')).toBe('2025-01-01');
		expect(todayInBrazil(new Date('2024-07-01T02:00:00Z'))).toBe('2024-06-30');
	});

	it('accepts only status success from cliente/editar', () => {
		expect([isSuccessfulUpdate({ status: 'success' }), isSuccessfulUpdate({ status: 'error', mensagem: 'x' }), isSuccessfulUpdate('NULL')]).toEqual([true, false, false]);
	});
});
