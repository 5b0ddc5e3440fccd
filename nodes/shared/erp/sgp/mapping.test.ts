import { addDays, firstDayOfNextMonth, todayInBrazil } from '../calendar';
import {
	contractStatusOf,
	isOpenTitle,
	mapChamado,
	mapClienteFromContracts,
	mapClienteFromListing,
	mapConexao,
	mapContrato,
	mapFatura,
	mapTrustUnlock,
	mapWifiChange,
	phoneSearchTerms,
	sortFaturas,
} from './mapping';
import { redactSensitive } from './redact';
import { toFlag, toIsoDate, toNumber } from '../values';

/** `consultacliente`'s contract as captured from a real SGP (docs/apis-externas.md §D.1). */
const CAPTURED_CONTRACT = {
	contratoId: 17402,
	clienteId: 16957,
	cpfCnpj: '036.668.113-37',
	razaoSocial: 'CLIENTE EXEMPLO',
	contratoStatus: 1,
	contratoStatusDisplay: 'Ativo',
	contratoTitulosAReceber: 1,
	contratoValorAberto: 89.9,
	servico_plano: '1GB',
	servico_senha: 'segredo-login',
	contratoCentralSenha: 'segredo-central',
	dataNascimento: '1990-05-20',
	endereco_logradouro: 'RUA EXEMPLO',
	endereco_numero: 523,
	endereco_bairro: 'CENTRO',
	endereco_cidade: 'CANDIDO MENDES',
	endereco_uf: 'MA',
	telefones: [{ tipoContato: 'WhatsApp Número', contato: '(98) 98512-0338' }],
	emails: [{ tipoContato: 'E-Mail', contato: 'exemplo@dominio.com' }],
};

/** A `/api/central/titulos` entry as captured (docs/apis-externas.md §D.1). */
const CAPTURED_TITLE = {
	id: 101,
	status: 'Gerado',
	statusid: 1,
	numero_documento: 5101,
	valor: 100,
	valorcorrigido: 100,
	vencimento: '2026-09-15',
	vencimento_atualizado: '2026-09-28',
	data_pagamento: null,
	linhadigitavel: '23790000000000000000000000000000000000000000000',
	codigopix: '000201010212',
	gerapix: true,
	link: 'https://isp.sgp.net.br/boleto/101',
	link_completo: 'https://isp.sgp.net.br/boleto/101/completo',
};

/**
 * A `/api/ura/titulos` entry: the fields a probe of a real server listed (camelCase, the customer
 * repeated on every title), with the values SGP clients of real servers read (`status` "aberto",
 * `dataVencimento` AAAA-MM-DD).
 */
const URA_TITLE = {
	id: 16405,
	clienteNome: 'CLIENTE EXEMPLO',
	clienteCpfcnpj: '036.668.113-37',
	clienteContrato: 17402,
	portador: 'BANCO',
	numeroDocumento: 5101,
	nossoNumero: '00016405',
	link: 'https://isp.sgp.net.br/boleto/16405-ABC/',
	link_cobranca: 'https://isp.sgp.net.br/boleto/16405-ABC/',
	status: 'aberto',
	valor: 100,
	valorDesconto: 0,
	valorCorrigido: 102.35,
	valorPago: 0,
	valorPagoParcial: 0,
	codigoBarras: '23790000000000000000000000000000000000000000',
	linhaDigitavel: '23790000000000000000000000000000000000000000000',
	codigoPix: '000201010212',
	dataEmissao: '2026-09-01',
	dataVencimento: '2026-09-15',
	dataPagamento: null,
	dataCancelamento: null,
	demonstrativo: 'Mensalidade',
	formaPagamento: null,
};

describe('SGP values', () => {
	it('coerces the spellings SGP versions use for flags and numbers', () => {
		expect([true, 1, '1', 'true', 'True', 'sim'].map(toFlag)).toEqual([true, true, true, true, true, true]);
		expect([false, 0, '0', 'false', 'False', '', null, undefined].map(toFlag)).toEqual([false, false, false, false, false, false, false, false]);
		expect([89.9, '89.90', '89,90', '', 'abc', null].map(toNumber)).toEqual([89.9, 89.9, 89.9, undefined, undefined, undefined]);
	});

	it('reads dates as AAAA-MM-DD, with a time, or DD/MM/AAAA', () => {
		expect(['2026-09-15', '2026-09-15 10:00:00', '15/09/2026', '15-09-2026', '', null].map(toIsoDate)).toEqual([
			'2026-09-15',
			'2026-09-15',
			'2026-09-15',
			undefined,
			undefined,
			undefined,
		]);
	});

	it('counts days in Brasília time', () => {
		expect(todayInBrazil(new Date('2026-03-01T01:30:00Z'))).toBe('2026-02-28');
		expect(todayInBrazil(new Date('2026-03-01T03:30:00Z'))).toBe('2026-03-01');
		expect(firstDayOfNextMonth('2026-12-31')).toBe('2027-01-01');
		expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
	});

	it('hides documents and long numbers in messages passed on', () => {
		expect(redactSensitive('Cliente 529.982.247-25 / 11.222.333/0001-81 / 12.ABC.345/01DE-35 / 12ABC34501DE35 / 52998224725 não encontrado')).toBe(
			'Cliente *** / *** / *** / *** / *** não encontrado',
		);
		expect(redactSensitive('x'.repeat(400))).toHaveLength(300);
	});
});

describe('SGP mapping: customers and contracts', () => {
	it('maps the captured consultacliente contract to a customer with unmasked document, phones and e-mail', () => {
		expect(mapClienteFromContracts([CAPTURED_CONTRACT])).toEqual({
			id: '16957',
			nome: 'CLIENTE EXEMPLO',
			documento: '03666811337',
			tipoPessoa: 'fisica',
			telefones: ['98985120338'],
			email: 'exemplo@dominio.com',
		});
		expect(mapClienteFromContracts([])).toBeUndefined();
	});

	it('reads telefones and emails given as plain strings too (other SGP versions)', () => {
		const plain = { ...CAPTURED_CONTRACT, telefones: ['(98) 98512-0338', '(98) 3333-4444', ''], emails: ['exemplo@dominio.com'] };
		expect(mapClienteFromContracts([plain])).toMatchObject({ telefones: ['98985120338', '9833334444'], email: 'exemplo@dominio.com' });
		expect(mapClienteFromContracts([{ ...plain, telefones: [{ contato: '(98) 98512-0338' }, '(98) 3333-4444'] }])).toMatchObject({ telefones: ['98985120338', '9833334444'] });
	});

	it('joins the phones of every contract of the customer, and tells companies by their CNPJ', () => {
		const company = { ...CAPTURED_CONTRACT, cpfCnpj: '12.ABC.345/01DE-35', telefones: [{ contato: '(21) 3333-4444' }], emails: [] };
		const second = { ...company, contratoId: 17403, telefones: [{ contato: '(21) 99876-5432' }, { contato: '(21) 3333-4444' }, { contato: 'sem número' }] };
		expect(mapClienteFromContracts([company, second])).toMatchObject({ documento: '12ABC34501DE35', tipoPessoa: 'juridica', telefones: ['2133334444', '21998765432'] });
	});

	it('maps the captured contract without its passwords', () => {
		const contract = mapContrato(CAPTURED_CONTRACT);
		expect(contract).toEqual({ id: '17402', clienteId: '16957', plano: '1GB', status: 'ativo', endereco: 'RUA EXEMPLO, 523 - CENTRO - CANDIDO MENDES/MA' });
		expect(JSON.stringify(contract)).not.toContain('segredo');
		expect(mapContrato({ ...CAPTURED_CONTRACT, contratoId: undefined })).toBeUndefined();
	});

	it('maps contratoStatus codes, loosely typed, to canonical status', () => {
		expect([1, '2', 3, '4', 5, 6, '7', 99, undefined].map(contractStatusOf)).toEqual([
			'ativo',
			'inativo',
			'inativo',
			'bloqueado',
			'inativo',
			'inativo',
			'reduzido',
			'inativo',
			'inativo',
		]);
		expect(mapContrato({ ...CAPTURED_CONTRACT, contratoStatus: '4', servico_login: 'cliente-dw' })).toMatchObject({ status: 'bloqueado', financeiroEmAtraso: true, login: 'cliente-dw' });
	});

	it('maps a /api/ura/clientes/ entry (captured shape) with phones and e-mail from its contacts', () => {
		const entry = {
			id: 16957,
			nome: 'CLIENTE EXEMPLO',
			cpfcnpj: '529.982.247-25',
			dataNascimento: '1990-05-20',
			contatos: [
				{ tipoContato: 'Celular Pessoal', contato: '(11) 98765-4321' },
				{ tipoContato: 'E-Mail', contato: 'maria@example.com' },
			],
		};
		expect(mapClienteFromListing(entry)).toEqual({
			id: '16957',
			nome: 'CLIENTE EXEMPLO',
			documento: '52998224725',
			tipoPessoa: 'fisica',
			telefones: ['11987654321'],
			email: 'maria@example.com',
		});
		expect(mapClienteFromListing({ id: 1, cpfcnpj: '52998224725', contatos: [] })).toMatchObject({ telefones: [] });
		expect(mapClienteFromListing({ id: 1 })).toBeUndefined();
	});
});

describe('SGP mapping: invoices', () => {
	it('maps an open title with its original due date, and says overdue against today', () => {
		expect(mapFatura(CAPTURED_TITLE, '2026-09-28', '17402')).toEqual({
			id: '101',
			contratoId: '17402',
			valor: 100,
			vencimento: '2026-09-15',
			vencida: true,
			linhaDigitavel: CAPTURED_TITLE.linhadigitavel,
			pixCopiaECola: '000201010212',
			pdfUrl: 'https://isp.sgp.net.br/boleto/101',
		});
		expect(mapFatura(CAPTURED_TITLE, '2026-09-15')?.vencida).toBe(false);
	});

	it('maps a /api/ura/titulos entry (camelCase, status "aberto") the same way', () => {
		expect(mapFatura(URA_TITLE, '2026-09-28')).toEqual({
			id: '16405',
			contratoId: '17402',
			valor: 102.35,
			vencimento: '2026-09-15',
			vencida: true,
			linhaDigitavel: URA_TITLE.linhaDigitavel,
			codigoBarras: URA_TITLE.codigoBarras,
			pixCopiaECola: '000201010212',
			pdfUrl: URA_TITLE.link,
		});
		expect(mapFatura({ ...URA_TITLE, valorCorrigido: 0 }, '2026-09-10')).toMatchObject({ valor: 100, vencida: false });
		expect(mapFatura({ ...URA_TITLE, clienteContrato: undefined, contrato: 9 }, '2026-09-10')?.contratoId).toBe('9');
	});

	it('keeps URA titles by status: "aberto" open; "pago", "cancelado" or a payment date not', () => {
		expect(isOpenTitle(URA_TITLE)).toBe(true);
		expect(isOpenTitle({ ...URA_TITLE, status: 'Aberto ' })).toBe(true);
		expect(isOpenTitle({ ...URA_TITLE, status: 'pago', dataPagamento: '2026-09-14', valorPago: 100 })).toBe(false);
		expect(isOpenTitle({ ...URA_TITLE, status: 'cancelado', dataCancelamento: '2026-09-14' })).toBe(false);
		expect(isOpenTitle({ ...URA_TITLE, status: undefined, dataPagamento: '2026-09-14' })).toBe(false);
	});

	it('gives the corrected amount when there is one, the original otherwise', () => {
		expect(mapFatura({ ...CAPTURED_TITLE, valor: '100.00', valorcorrigido: '102.35' }, '2026-09-28')?.valor).toBe(102.35);
		expect(mapFatura({ ...CAPTURED_TITLE, valorcorrigido: null }, '2026-09-28')?.valor).toBe(100);
		expect(mapFatura({ ...CAPTURED_TITLE, valorcorrigido: '0' }, '2026-09-28')?.valor).toBe(100);
	});

	it('reads Brazilian dates, drops an empty Pix, and refuses titles without id, date or amount', () => {
		expect(mapFatura({ ...CAPTURED_TITLE, vencimento: '15/09/2026', codigopix: '' }, '2026-09-28')).toMatchObject({ vencimento: '2026-09-15' });
		expect(mapFatura({ ...CAPTURED_TITLE, codigopix: '' }, '2026-09-28')).not.toHaveProperty('pixCopiaECola');
		expect(mapFatura({ ...CAPTURED_TITLE, id: null }, '2026-09-28')).toBeUndefined();
		expect(mapFatura({ ...CAPTURED_TITLE, vencimento: 'amanhã' }, '2026-09-28')).toBeUndefined();
		expect(mapFatura({ ...CAPTURED_TITLE, valor: null, valorcorrigido: null }, '2026-09-28')).toBeUndefined();
	});

	it('keeps open titles by statusid (paid and cancelled out), by payment date when statusid is missing', () => {
		expect(isOpenTitle(CAPTURED_TITLE)).toBe(true);
		expect(isOpenTitle({ ...CAPTURED_TITLE, status: 'Pago', statusid: 2, data_pagamento: '2026-08-14' })).toBe(false);
		expect(isOpenTitle({ ...CAPTURED_TITLE, status: 'Cancelado', statusid: '3' })).toBe(false);
		expect(isOpenTitle({ id: 1, data_pagamento: null })).toBe(true);
		expect(isOpenTitle({ id: 1, data_pagamento: '2026-08-14' })).toBe(false);
	});

	it('orders overdue invoices first (oldest first), then the others by due date', () => {
		const invoice = (id: string, vencimento: string, vencida: boolean) => ({ id, valor: 1, vencimento, vencida });
		const sorted = sortFaturas([invoice('4', '2026-10-15', false), invoice('3', '2026-09-20', true), invoice('2', '2026-09-01', true), invoice('1', '2026-10-01', false)]);
		expect(sorted.map((each) => each.id)).toEqual(['2', '3', '1', '4']);
	});
});

describe('SGP mapping: actions', () => {
	const today = '2026-09-12';

	it('reads the documented trust-unlock success, in strict and loose types', () => {
		const documented = {
			status: 1,
			liberado: true,
			liberado_dias: 3,
			data_promessa: '2026-09-15',
			protocolo: '9999',
			razaoSocial: 'X',
			cpfCnpj: '001',
			msg: 'Liberação via URA -\nServiço ID: 999, Login: LOGIN-PPPOE\nMotivo: Promessa de Pagamento\n',
			contratoId: 26515,
		};
		expect(mapTrustUnlock(documented, today)).toEqual({ sucesso: true, ate: '2026-09-15', protocolo: '9999' });
		expect(mapTrustUnlock({ status: '1', liberado: 'True', liberado_dias: '3', protocolo: 9999 }, today)).toEqual({ sucesso: true, ate: '2026-09-15', protocolo: '9999' });
		expect(mapTrustUnlock({ status: 1, liberado: 'true', protocolo: '7' }, today)).toEqual({ sucesso: true, protocolo: '7' });
	});

	it('reads the documented refusal as a refusal available again next month, and anything else as no answer', () => {
		const refusal = { status: 2, liberado: false, msg: 'O recurso de promessa de pagamento já atingiu quantidade permitida. Recurso não disponível' };
		expect(mapTrustUnlock(refusal, today)).toEqual({ sucesso: false, motivo: refusal.msg, disponivelEm: '2026-10-01' });
		expect(mapTrustUnlock({ ...refusal, status: '2', liberado: 'False' }, today)).toMatchObject({ sucesso: false, disponivelEm: '2026-10-01' });
		expect(mapTrustUnlock({ status: 0, liberado: false, msg: 'Contrato não localizado' }, today)).toBeUndefined();
	});

	it('reads the connection check: 1 online, 2 offline, anything else unknown', () => {
		const contract = { id: '17402', clienteId: '16957', plano: '1GB', status: 'bloqueado' as const, login: 'cliente-dw' };
		expect(mapConexao({ status: 1, msg: 'Serviço Online', contratoId: 17402, login: 'cliente-dw', servico_id: 13169 }, { ...contract, status: 'ativo' })).toEqual({
			login: 'cliente-dw',
			online: true,
			ativo: true,
			contratoId: '17402',
		});
		expect(mapConexao({ status: '2', msg: 'Serviço Offline' }, contract)).toEqual({ login: 'cliente-dw', online: false, ativo: false, contratoId: '17402' });
		expect(mapConexao({ status: 0, msg: 'Contrato não localizado' }, contract)).toBeUndefined();
	});

	it('reads ticket and Wi-Fi answers', () => {
		expect(mapChamado({ status: 1, razaoSocial: 'X', protocolo: 20260912001, contratoId: 1, msg: 'ok' }, 'Sem conexão')).toEqual({ id: '20260912001', protocolo: '20260912001', assunto: 'Sem conexão' });
		expect(mapChamado({ status: 0, msg: 'Conteúdo não informado' }, 'x')).toBeUndefined();
		expect(mapWifiChange({ status: '1', ssid: 'CASA' })).toEqual({ sucesso: true });
		expect(mapWifiChange({ status: 0, msg: 'A senha deve ter no mínimo 8 caracteres' })).toEqual({ sucesso: false, motivo: 'A senha deve ter no mínimo 8 caracteres' });
		expect(mapWifiChange({ success: false, msg: 'Contrato não possui gerenciador de CPE' })).toEqual({ sucesso: false, motivo: 'Contrato não possui gerenciador de CPE' });
		expect(mapWifiChange({ success: 'False' })).toEqual({ sucesso: false, motivo: 'O SGP recusou a alteração do Wi-Fi.' });
		expect(mapWifiChange({ success: true, msg: 'ok' })).toEqual({ sucesso: true });
		expect(mapWifiChange({ detail: 'x' })).toBeUndefined();
	});

	it('searches a phone as DDD + number, with and without the 9th digit', () => {
		expect(phoneSearchTerms('5511987654321')).toEqual(['11987654321', '1187654321']);
		expect(phoneSearchTerms('551187654321')).toEqual(['11987654321', '1187654321']);
		expect(phoneSearchTerms('(21) 3333-4444')).toEqual(['2133334444']);
		expect(phoneSearchTerms('123')).toEqual([]);
	});
});
