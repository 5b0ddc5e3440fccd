import { firstDayOfNextMonth, todayInBrazil } from '../calendar';
import {
	contractStatus,
	isoFromBrazilianDate,
	mapChamado,
	mapCliente,
	mapConexao,
	mapContrato,
	mapDepartamento,
	mapFaturasAbertas,
	mapNotasFiscais,
	timeInBrazil,
	trustUnlockUntil,
} from './mapping';
import type { HubsoftCliente, HubsoftFatura, HubsoftNotasAnswer } from './wire';

/** The two clients of the official `clientes/consulta.rst` example (trimmed to the mapped fields plus the quirks). */
const OFFICIAL_CLIENTS: HubsoftCliente[] = JSON.parse(`[
	{ "id_cliente": 11201, "codigo_cliente": 421, "nome_razaosocial": "GUILHERME SILVA", "nome_fantasia": null, "tipo_pessoa": "pf",
	  "cpf_cnpj": "10682083681", "telefone_primario": "37988242968", "telefone_secundario": "37988242968", "telefone_terciario": "",
	  "email_principal": "guilherme@silva.com.br", "data_nascmento": "1969-12-31 04:00:00", "alerta": true,
	  "servicos": [ { "id_cliente_servico": 11201, "numero_plano": 1, "nome": "4M", "valor": 119.9, "status": "Serviço Habilitado",
	    "status_prefixo": "servico_habilitado", "tecnologia": "WIRELESS", "login": "guilhermesilva1068", "senha": "123", "ipv4": "10.99.2.203",
	    "ultima_conexao": { "conectado": true, "ultima_conexao_datetime": "2019-12-15 18:22:24-03", "ultima_desconexao_datetime": null,
	      "ultima_conexao": "15/12/2019 18:22:24", "ultima_desconexao": null, "ultimo_ipv4": "189.90.210.100" },
	    "endereco_instalacao": { "completo": "RUA MINAS GERAIS, 1793 - IPIRANGA, DIVINóPOLIS/MG", "cep": "35502-026" } } ] },
	{ "id_cliente": 11202, "codigo_cliente": 422, "nome_razaosocial": "GUILHERME COSTA", "tipo_pessoa": "pf", "cpf_cnpj": "05333614622",
	  "telefone_primario": "37999450812", "telefone_secundario": "37999452812", "telefone_terciario": "", "email_principal": null,
	  "servicos": [ { "id_cliente_servico": 11302, "nome": "24M", "status_prefixo": "servico_habilitado", "login": "guilhermesouza0533",
	    "ipv4": "10.99.1.118", "ultima_conexao": [] } ] }
]`);

/** The official `clientes/financeiro.rst` example: misspelled status, DD/MM/YYYY dates, one paid invoice, nulls. */
const OFFICIAL_INVOICES: HubsoftFatura[] = JSON.parse(`[
	{ "id_fatura": 36398, "nosso_numero": "1", "linha_digitavel": null, "tipo_cobranca": "debito_conta_corrente", "valor": 132.5,
	  "data_vencimento": "10/10/2017", "data_pagamento": "09/07/2018" },
	{ "id_fatura": 43625, "linha_digitavel": null, "valor": 12.5, "data_vencimento": "10/06/2018", "data_pagamento": null },
	{ "id_fatura": 44612, "linha_digitavel": "75691.31662 01006.726101 27476.400018 2 76380000001023", "tipo_cobranca": "boleto_bancario",
	  "valor": 10, "data_vencimento": "31/08/2018", "data_pagamento": null },
	{ "id_fatura": 36403, "linha_digitavel": "75691.31662 01006.726101 27210.000017 7 73380000001000",
	  "codigo_barras": "75697733800000010001316601006726102721000001", "link": "https://erp.example/pdf/fatura/TXpZME1ETT0=",
	  "valor": 10, "data_vencimento": "09/11/2017", "data_pagamento": null, "pix_copia_cola": "00020101026216880014BR.GOV.BCB.PIX",
	  "cliente": { "codigo_cliente": 1162, "cpf_cnpj": "41107296617", "servico": { "id_cliente_servico": 22703, "status_prefixo": "servico_habilitado" } } }
]`);

describe('Hubsoft mapping', () => {
	it('maps the official client example: digits-only document, phones without duplicates or blanks, code', () => {
		const [guilherme, costa] = OFFICIAL_CLIENTS.map(mapCliente);

		expect(guilherme).toEqual({
			id: '11201',
			nome: 'GUILHERME SILVA',
			documento: '10682083681',
			tipoPessoa: 'fisica',
			telefones: ['37988242968'],
			email: 'guilherme@silva.com.br',
			codigo: '421',
		});
		expect(costa).not.toHaveProperty('email');
		expect(costa.telefones).toEqual(['37999450812', '37999452812']);
	});

	it('tells a company by tipo_pessoa, or by a 14-character document when tipo_pessoa is missing', () => {
		expect(mapCliente({ id_cliente: 1, tipo_pessoa: 'pj', cpf_cnpj: '11222333000181' }).tipoPessoa).toBe('juridica');
		expect(mapCliente({ id_cliente: 2, cpf_cnpj: '12ABC34501DE35' })).toMatchObject({ tipoPessoa: 'juridica', documento: '12ABC34501DE35' });
		expect(mapCliente({ id_cliente: 3, cpf_cnpj: '529.982.247-25' })).toMatchObject({ tipoPessoa: 'fisica', documento: '52998224725' });
	});

	it('maps a service to a contract with plan, installation address and login', () => {
		expect(mapContrato(OFFICIAL_CLIENTS[0].servicos![0], '11201')).toEqual({
			id: '11201',
			clienteId: '11201',
			plano: '4M',
			status: 'ativo',
			financeiroEmAtraso: false,
			endereco: 'RUA MINAS GERAIS, 1793 - IPIRANGA, DIVINóPOLIS/MG',
			login: 'guilhermesilva1068',
		});
	});

	it('turns every documented status_prefixo into a canonical status; debt suspension is financial', () => {
		expect(
			Object.fromEntries(
				['servico_habilitado', 'suspenso_debito', 'suspenso_parcialmente', 'franquia_excedida', 'suspenso_pedido_cliente', 'aguardando_assinatura_contrato', 'aguardando_instalacao', 'cancelado', 'prefixo_novo', undefined].map(
					(prefix) => [String(prefix), contractStatus(prefix)],
				),
			),
		).toEqual({
			servico_habilitado: 'ativo',
			suspenso_debito: 'bloqueado',
			suspenso_parcialmente: 'reduzido',
			franquia_excedida: 'reduzido',
			suspenso_pedido_cliente: 'suspenso',
			aguardando_assinatura_contrato: 'aguardando_assinatura',
			aguardando_instalacao: 'inativo',
			cancelado: 'inativo',
			prefixo_novo: 'inativo',
			undefined: 'inativo',
		});
		expect(mapContrato({ id_cliente_servico: 5, status_prefixo: 'suspenso_debito' }, '1').financeiroEmAtraso).toBe(true);
	});

	it('reads the connection: online with offset date-time, or unknown when ultima_conexao is []', () => {
		expect(mapConexao(OFFICIAL_CLIENTS[0].servicos![0])).toEqual({
			login: 'guilhermesilva1068',
			ativo: true,
			contratoId: '11201',
			online: true,
			ip: '189.90.210.100',
			ultimaConexao: '2019-12-15T18:22:24-03:00',
		});
		const never = mapConexao(OFFICIAL_CLIENTS[1].servicos![0]);
		expect(never).toEqual({ login: 'guilhermesouza0533', ativo: true, contratoId: '11302', ip: '10.99.1.118' });
		expect(mapConexao({ id_cliente_servico: 9, login: 'x', status_prefixo: 'suspenso_debito', ultima_conexao: { conectado: false, ultima_conexao: '01/02/2024 08:15:00' } })).toMatchObject({
			online: false,
			ativo: false,
			ultimaConexao: '2024-02-01T08:15:00',
		});
		expect(mapConexao({ id_cliente_servico: 9, login: null })).toBeUndefined();
	});

	it('keeps only open invoices of the official example, overdue first then by due date, with the inline ways to pay', () => {
		const invoices = mapFaturasAbertas([{ ...OFFICIAL_INVOICES[2], data_vencimento: '31/12/2099' }, ...OFFICIAL_INVOICES], '2018-07-01');

		expect(invoices.map((invoice) => [invoice.id, invoice.vencimento, invoice.vencida])).toEqual([
			['36403', '2017-11-09', true],
			['43625', '2018-06-10', true],
			['44612', '2018-08-31', false],
			['44612', '2099-12-31', false],
		]);
		expect(invoices[0]).toEqual({
			id: '36403',
			contratoId: '22703',
			valor: 10,
			vencimento: '2017-11-09',
			vencida: true,
			linhaDigitavel: '75691.31662 01006.726101 27210.000017 7 73380000001000',
			codigoBarras: '75697733800000010001316601006726102721000001',
			pixCopiaECola: '00020101026216880014BR.GOV.BCB.PIX',
			pdfUrl: 'https://erp.example/pdf/fatura/TXpZME1ETT0=',
		});
		expect(invoices[1]).not.toHaveProperty('linhaDigitavel');
	});

	it('drops invoices the newer API marks quitado and reads amounts given as text', () => {
		const invoices = mapFaturasAbertas(
			[
				{ id_fatura: 1, valor: '89,90', data_vencimento: '10/10/2030', quitado: false },
				{ id_fatura: 2, valor: 10, data_vencimento: '10/10/2030', quitado: true },
			],
			'2030-10-10',
		);
		expect(invoices).toEqual([{ id: '1', valor: 89.9, vencimento: '2030-10-10', vencida: false }]);
	});

	it('maps the official fiscal-note example (amount as text, PDF link) and NFS-e with or without PDF, newest first, cancelled left out', () => {
		const answer: HubsoftNotasAnswer = JSON.parse(`{
			"status": "success", "msg": "Dados carregados com sucesso",
			"notas_fiscais": [ { "id_nota_fiscal": 3064, "numero_nota": 427, "serie_nota": "U", "valor": "5", "data_emissao_br": "25/02/2022",
			  "cancelado": false, "tipo_documento_fiscal": { "codigo": "21" }, "link": "http://link-telecom.pdf" },
			  { "id_nota_fiscal": 3065, "numero_nota": 428, "valor": "5", "data_emissao_br": "26/02/2022", "cancelado": true } ],
			"nfes": [ { "id_nfe": 351, "modelo": "55", "numero_nf": 60 } ],
			"nfses": [ { "id_nfse": 106, "numero": "14890", "valor": "25", "data_cadastro_br": "26/08/2021 10:22", "link_pdf": "", "data_cancelamento_br": null },
			  { "id_nfse": 107, "numero": "14891", "valor": "30", "data_cadastro_br": "27/03/2022 10:22", "link_pdf": "https://erp.example/nfse/107.pdf" } ]
		}`);

		expect(mapNotasFiscais(answer)).toEqual([
			{ id: 'nfse-107', numero: '14891', emissao: '2022-03-27', valor: 30, modelo: 'NFS-e', pdfUrl: 'https://erp.example/nfse/107.pdf' },
			{ id: '3064', numero: '427', emissao: '2022-02-25', valor: 5, modelo: '21', pdfUrl: 'http://link-telecom.pdf' },
			{ id: 'nfse-106', numero: '14890', emissao: '2021-08-26', valor: 25, modelo: 'NFS-e' },
		]);
		expect(mapNotasFiscais({ status: 'success', notas_fiscais: [], nfses: [] })).toEqual([]);
	});

	it('maps the official ticket and ticket-type examples', () => {
		expect(mapChamado({ id_atendimento: 286, protocolo: '201811061730517', tipo_atendimento: 'SAC', status: 'Aguardando Análise' })).toEqual({
			id: '286',
			protocolo: '201811061730517',
			assunto: 'SAC',
			status: 'Aguardando Análise',
		});
		expect(mapDepartamento({ id_tipo_atendimento: 111, descricao: 'OSCILAÇÃO/QUEDAS DE CONEXÃO' })).toEqual({ id: '111', nome: 'OSCILAÇÃO/QUEDAS DE CONEXÃO' });
	});

	it('reads dates: DD/MM/YYYY, the trust unlock deadline, the first day of next month, Brasília day and time', () => {
		expect([isoFromBrazilianDate('09/11/2017'), isoFromBrazilianDate('25/02/2022 09:07'), isoFromBrazilianDate('2017-11-09'), isoFromBrazilianDate(null)]).toEqual([
			'2017-11-09',
			'2022-02-25',
			undefined,
			undefined,
		]);
		expect(trustUnlockUntil('Desbloqueio em confiança realizado com sucesso até a data 26/11/2018')).toBe('2018-11-26');
		expect(trustUnlockUntil('Desbloqueio realizado')).toBeUndefined();
		expect([firstDayOfNextMonth('2026-01-31'), firstDayOfNextMonth('2026-12-15')]).toEqual(['2026-02-01', '2027-01-01']);
		const lateEvening = new Date('2026-03-01T01:30:00Z');
		expect([todayInBrazil(lateEvening), timeInBrazil(lateEvening)]).toEqual(['2026-02-28', '22:30']);
	});
});
