import {
	amountOf,
	comparableName,
	contractStatusOf,
	dateOf,
	hasPhoneEnding,
	linkedContractId,
	listRows,
	listTotal,
	mapChamado,
	mapCliente,
	mapConexao,
	mapContrato,
	mapDepartamento,
	mapFatura,
	mapNotaFiscal,
	maskDocument,
	pickLogin,
	sortOpenInvoices,
} from './mapping';

/** The `cliente` example of IXC's official Postman collection (docs/apis-externas.md §C.0, §C.2), trimmed. */
const OFFICIAL_CLIENTE = {
	id: '2',
	ativo: 'S',
	razao: 'Cliente Teste',
	fantasia: 'Cliente 2',
	tipo_pessoa: 'F',
	cnpj_cpf: '627.105.245-20',
	fone: '',
	telefone_celular: '',
	telefone_comercial: '',
	whatsapp: '',
	email: 'charles.dcg@gmail.com',
	hotsite_email: 'email2@ixcsoft.com.br',
	senha: '123',
	hotsite_acesso: '2',
	cidade: '3828',
	uf: '0',
};

/** The official `fn_areceber` example of C.4: contract in `id_contrato_avulso`, no boleto line yet. */
const OFFICIAL_ARECEBER = {
	id: '145535',
	id_cliente: '2',
	id_contrato: '',
	id_contrato_avulso: '2309',
	id_contrato_principal: '0',
	status: 'A',
	liberado: 'S',
	data_emissao: '2024-11-08',
	data_vencimento: '2024-11-21',
	valor: '26.00',
	valor_aberto: '26.00',
	valor_recebido: '0.00',
	documento: '72006',
	id_saida: '72006',
	nn_boleto: '',
	linha_digitavel: '',
	pix_txid: '',
	tipo_recebimento: 'Gateway',
};

describe('IXC mapping', () => {
	describe('listings', () => {
		it('reads registros, and no rows when IXC leaves the key out or sends []', () => {
			expect(listRows({ page: '1', total: '1', registros: [{ id: '145535' }] })).toEqual([{ id: '145535' }]);
			expect(listRows({ page: '1', total: '0' })).toEqual([]);
			expect(listRows({ page: '1', total: 0, registros: [] })).toEqual([]);
		});

		it('reads total given as a string or as a number', () => {
			expect(listTotal({ total: '12' })).toBe(12);
			expect(listTotal({ total: 1 })).toBe(1);
			expect(listTotal({})).toBe(0);
		});
	});

	describe('documents and phones', () => {
		it('masks CPF, CNPJ and the alphanumeric CNPJ the way IXC stores them', () => {
			expect(maskDocument('62710524520')).toBe('627.105.245-20');
			expect(maskDocument('11.222.333/0001-81')).toBe('11.222.333/0001-81');
			expect(maskDocument('12abc34501de35')).toBe('12.ABC.345/01DE-35');
			expect(maskDocument('123')).toBeUndefined();
		});

		it('matches a phone on its last 8 digits whatever the mask of the column', () => {
			const row = { telefone_celular: '(11) 98765-4321', whatsapp: '', fone: '', telefone_comercial: '' };
			expect(hasPhoneEnding(row, '5511987654321')).toBe(true);
			expect(hasPhoneEnding({ whatsapp: '11987654321' }, '1187654321')).toBe(true);
			expect(hasPhoneEnding(row, '11987654320')).toBe(false);
			expect(hasPhoneEnding(row, '4321')).toBe(false);
		});
	});

	it('maps the official cliente example: masked CPF unmasked, empty phones dropped, person type', () => {
		expect(mapCliente(OFFICIAL_CLIENTE)).toEqual({
			id: '2',
			nome: 'Cliente Teste',
			documento: '62710524520',
			tipoPessoa: 'fisica',
			telefones: [],
			email: 'charles.dcg@gmail.com',
		});
		const company = mapCliente({ id: '9', razao: 'ALFA LTDA', tipo_pessoa: 'J', cnpj_cpf: '12.ABC.345/01DE-35', telefone_celular: '(27) 99911-2233', whatsapp: '27999112233', fone: '(27) 3333-4444' });
		expect(company).toMatchObject({ documento: '12ABC34501DE35', tipoPessoa: 'juridica', telefones: ['27999112233', '2733334444'] });
		expect(company).not.toHaveProperty('email');
	});

	describe('contract status', () => {
		const status = (fields: Record<string, string>) => contractStatusOf({ status: 'A', status_velocidade: 'N', ...fields });

		it('maps status_internet: A ativo, AA aguardando assinatura, CM blocked, CA/FA/CE blocked for debt, D inactive', () => {
			expect(status({ status_internet: 'A' })).toEqual({ status: 'ativo', financeiroEmAtraso: false });
			expect(status({ status_internet: 'AA' })).toEqual({ status: 'aguardando_assinatura', financeiroEmAtraso: false });
			expect(status({ status_internet: 'CM' })).toEqual({ status: 'bloqueado', financeiroEmAtraso: false });
			for (const code of ['CA', 'FA', 'CE']) expect(status({ status_internet: code })).toEqual({ status: 'bloqueado', financeiroEmAtraso: true });
			expect(status({ status_internet: 'D' }).status).toBe('inativo');
		});

		it('maps reduced speed (status_velocidade R) and ended contracts (status I, D) whatever the internet status', () => {
			expect(status({ status_internet: 'A', status_velocidade: 'R' }).status).toBe('reduzido');
			expect(status({ status: 'I', status_internet: 'A' }).status).toBe('inativo');
			expect(status({ status: 'D', status_internet: 'CA' })).toEqual({ status: 'inativo', financeiroEmAtraso: false });
		});

		it('maps a contract row with its plan, trust unlock and address; null dates are dropped', () => {
			const row = {
				id: '2002',
				id_cliente: '102',
				contrato: 'FIBRA 100 MEGA',
				status: 'A',
				status_internet: 'FA',
				status_velocidade: 'N',
				desbloqueio_confianca_ativo: 'N',
				dt_ult_des_bloq_conf: '0000-00-00',
				endereco: 'Rua XV de Novembro',
				numero: '250',
				bairro: 'Centro',
			};
			expect(mapContrato(row)).toEqual({
				id: '2002',
				clienteId: '102',
				plano: 'FIBRA 100 MEGA',
				status: 'bloqueado',
				financeiroEmAtraso: true,
				desbloqueioConfiancaAtivo: false,
				endereco: 'Rua XV de Novembro, 250 - Centro',
			});
			expect(mapContrato({ ...row, contrato: '', desbloqueio_confianca_ativo: 'S', dt_ult_des_bloq_conf: '2025-03-02', endereco: '' })).toMatchObject({
				plano: 'Contrato 2002',
				desbloqueioConfiancaAtivo: true,
				ultimoDesbloqueioConfianca: '2025-03-02',
			});
		});
	});

	describe('invoices', () => {
		it('maps the official fn_areceber example: contract from id_contrato_avulso, empty boleto fields dropped', () => {
			expect(mapFatura(OFFICIAL_ARECEBER, '2024-11-10')).toEqual({ id: '145535', contratoId: '2309', valor: 26, vencimento: '2024-11-21', vencida: false });
			expect(mapFatura(OFFICIAL_ARECEBER, '2024-11-22').vencida).toBe(true);
			expect(mapFatura(OFFICIAL_ARECEBER, '2024-11-21').vencida).toBe(false);
		});

		it('takes the contract from id_contrato, then id_contrato_principal, then id_contrato_avulso', () => {
			expect(linkedContractId({ id_contrato: '10', id_contrato_principal: '20', id_contrato_avulso: '30' })).toBe('10');
			expect(linkedContractId({ id_contrato: '0', id_contrato_principal: '20', id_contrato_avulso: '30' })).toBe('20');
			expect(linkedContractId({ id_contrato: '', id_contrato_principal: '0', id_contrato_avulso: '0' })).toBeUndefined();
		});

		it('uses the open amount of a partly paid invoice and keeps nn_boleto only when it is a 44-digit barcode', () => {
			const barcode = '23791000000000099900000300010777777777777777';
			const partial = mapFatura({ ...OFFICIAL_ARECEBER, status: 'P', valor: '100.00', valor_aberto: '40.50', nn_boleto: barcode, linha_digitavel: '23790.00305 00107.777777 77777.777777 1 00000000009990' }, '2024-11-10');
			expect(partial).toMatchObject({ valor: 40.5, codigoBarras: barcode, linhaDigitavel: '23790.00305 00107.777777 77777.777777 1 00000000009990' });
			expect(mapFatura({ ...OFFICIAL_ARECEBER, nn_boleto: '32034923820' }, '2024-11-10')).not.toHaveProperty('codigoBarras');
		});

		it('orders overdue invoices first, then by due date', () => {
			const invoice = (id: string, vencimento: string, vencida: boolean) => ({ id, valor: 1, vencimento, vencida });
			const sorted = sortOpenInvoices([invoice('c', '2025-02-10', false), invoice('b', '2025-01-20', true), invoice('d', '2025-02-01', false), invoice('a', '2024-12-20', true)]);
			expect(sorted.map((item) => item.id)).toEqual(['a', 'b', 'd', 'c']);
		});

		it('reads dates as YYYY-MM-DD, converts DD/MM/YYYY and drops null dates; amounts with a comma', () => {
			expect(dateOf('2024-11-21 13:53:41')).toBe('2024-11-21');
			expect(dateOf('21/11/2024')).toBe('2024-11-21');
			expect(dateOf('0000-00-00')).toBeUndefined();
			expect(dateOf('')).toBeUndefined();
			expect(amountOf('26,50')).toBe(26.5);
			expect(amountOf('abc')).toBe(0);
		});
	});

	describe('logins', () => {
		const login = { login: 'alfa.tecnologia', ativo: 'S', online: 'SS', ip: '', mac: '', ultima_conexao_inicial: '0000-00-00 00:00:00', id_contrato: '2006' };

		it('leaves online unknown for SS ("sem status") and drops the null connection date', () => {
			expect(mapConexao(login)).toEqual({ login: 'alfa.tecnologia', ativo: true, contratoId: '2006' });
		});

		it('maps an offline login with its last connection as an ISO date-time', () => {
			const offline = mapConexao({ ...login, online: 'N', ip: '100.64.0.2', mac: 'AA:BB:CC:00:00:02', ultima_conexao_inicial: '2025-01-05 08:15:00' });
			expect(offline).toMatchObject({ online: false, ip: '100.64.0.2', mac: 'AA:BB:CC:00:00:02', ultimaConexao: '2025-01-05T08:15:00' });
		});

		it('picks the online login of a contract, else an active one, else the first', () => {
			const rows = [
				{ id: '1', ativo: 'N', online: 'N' },
				{ id: '2', ativo: 'S', online: 'N' },
				{ id: '3', ativo: 'S', online: 'S' },
			];
			expect(pickLogin(rows)?.id).toBe('3');
			expect(pickLogin(rows.slice(0, 2))?.id).toBe('2');
			expect(pickLogin(rows.slice(0, 1))?.id).toBe('1');
			expect(pickLogin([])).toBeUndefined();
		});
	});

	it('maps notas fiscais, departments and tickets (protocol falls back to the ticket id)', () => {
		expect(mapNotaFiscal({ id: '5001', modelo_nf: '21', numero_nf: '1201', data_emissao: '2025-01-05', valor_total: '99.90' })).toEqual({
			id: '5001',
			numero: '1201',
			emissao: '2025-01-05',
			valor: 99.9,
			modelo: '21',
		});
		expect(mapDepartamento({ id: '1', setor: 'Suporte Técnico', presta_atendimento: 'S' })).toEqual({ id: '1', nome: 'Suporte Técnico' });
		expect(mapChamado({ id: '4100', protocolo: '202501050004100', titulo: 'Sem conexão', su_status: 'N' })).toEqual({ id: '4100', protocolo: '202501050004100', assunto: 'Sem conexão', status: 'Novo' });
		expect(mapChamado({ id: '591', protocolo: '', titulo: '', su_status: 'EP' })).toEqual({ id: '591', protocolo: '591', status: 'Em progresso' });
	});

	it('compares names without case and accents', () => {
		expect(comparableName('  Sem  CONEXÃO ')).toBe(comparableName('sem conexao'));
	});
});
