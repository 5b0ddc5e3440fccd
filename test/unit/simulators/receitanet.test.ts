import { firstDayOfMonth, isoDate } from '../../simulators/brazil-formats';
import { ERP_CUSTOMER } from '../../simulators/erp-dataset';
import { RECEITANET_PATH, RECEITANET_TEST_TOKEN, startReceitaNetSimulator, type ReceitaNetSimulator } from '../../simulators/receitanet';

describe('ReceitaNet simulator', () => {
	let receitanet: ReceitaNetSimulator;

	async function post(path: string, body: Record<string, unknown>, query = `token=${RECEITANET_TEST_TOKEN}`, url = receitanet.url) {
		const response = await fetch(`${url}${RECEITANET_PATH}${path}?${query}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ app: 'ura', ...body }),
		});
		return { status: response.status, json: (await response.json()) as Record<string, any> };
	}

	beforeAll(async () => {
		receitanet = await startReceitaNetSimulator();
	});
	afterEach(() => receitanet.reset());
	afterAll(() => receitanet.close());

	it('refuses a wrong token with 401 unauthorized_client and asks for app=ura in the body (spec 1.1.0)', async () => {
		const wrongToken = await post('/clientes', { cpfcnpj: '52998224725' }, 'token=errado');
		const noApp = await post('/clientes', { app: undefined, cpfcnpj: '52998224725' });
		const appInQuery = await post('/clientes', { app: undefined, cpfcnpj: '52998224725' }, `token=${RECEITANET_TEST_TOKEN}&app=ura`);
		const appInBody = await post('/clientes', { cpfcnpj: '52998224725' });

		expect([wrongToken.status, wrongToken.json]).toEqual([401, { error: 'unauthorized_client' }]);
		expect(noApp.status).toBe(400);
		expect(appInQuery.status).toBe(400);
		expect(appInBody.status).toBe(200);
		const older = await startReceitaNetSimulator({ appInQuery: true });
		try {
			expect((await post('/clientes', { app: undefined, cpfcnpj: '52998224725' }, `token=${RECEITANET_TEST_TOKEN}&app=ura`, older.url)).status).toBe(200);
		} finally {
			await older.close();
		}
	});

	it('answers one contract as an object, with status, payment promise and open invoices', async () => {
		const { status, json } = await post('/clientes', { cpfcnpj: '627.105.245-20' });
		const [overdue, upcoming] = ERP_CUSTOMER.joao.invoices;

		expect(status).toBe(200);
		expect(Array.isArray(json.contratos)).toBe(false);
		expect(json).toMatchObject({
			success: true,
			msg: 'Contrato Localizado',
			contratos: {
				idCliente: 102,
				contratoId: 2002,
				razaoSocial: 'JOAO PEREIRA',
				cpfCnpj: '62710524520',
				contratoStatus: 3,
				contratoStatusDisplay: 'Suspenso',
				isPromessaPagamento: false,
				contratoValorAberto: 159.8,
				faturasEmAberto: [
					{ valor: overdue.amount, vencimento: overdue.dueDate },
					{ valor: upcoming.amount, vencimento: upcoming.dueDate },
				],
				existeChamado: 1,
			},
		});
	});

	it('answers several contracts as an array, and looks up by contract and by phone', async () => {
		const company = await post('/clientes', { cpfcnpj: '11222333000181' });
		const byContract = await post('/clientes', { contrato: 2005 });
		const byPhone = await post('/clientes', { phone: '(11)8765-4321' });

		expect(company.json.contratos.map((contract: { contratoId: number }) => contract.contratoId)).toEqual([2004, 2005]);
		expect(byContract.json.contratos).toMatchObject({ contratoId: 2005, contratoStatus: 1 });
		expect(byPhone.json.contratos).toMatchObject({ cpfCnpj: '52998224725' });
	});

	it('answers 404 success:false when nothing matches and 400 without a search field', async () => {
		const missing = await post('/clientes', { cpfcnpj: '11144477735' });
		const empty = await post('/clientes', {});

		expect([missing.status, missing.json]).toEqual([404, { success: false, msg: 'Cliente não localizado' }]);
		expect(empty.status).toBe(400);
	});

	it('tells online (1) from offline (2) for a contract', async () => {
		const online = await post('/verificar-acesso', { contrato: 2001, uracontato: '11987654321' });
		const offline = await post('/verificar-acesso', { contrato: 2002, uracontato: '49999991234' });
		const unknown = await post('/verificar-acesso', { contrato: 9999, uracontato: '49999991234' });
		const noCaller = await post('/verificar-acesso', { contrato: 2001, uracontato: '' });

		expect([online.json.status, offline.json.status]).toEqual([1, 2]);
		expect(unknown.status).toBe(404);
		expect(noCaller.status).toBe(400);
	});

	it('releases a suspended contract on a payment notice once a month', async () => {
		const released = await post('/notificacao-pagamento', { contrato: 2002, uracontato: '49999991234' });
		const again = await post('/notificacao-pagamento', { contrato: 2002, uracontato: '49999991234' });
		const ana = await post('/notificacao-pagamento', { contrato: 2003, uracontato: '51999990000' });
		const after = await post('/clientes', { contrato: 2002 });

		expect(released.json).toMatchObject({ success: true, liberado: true, status: 1, protocolo: expect.stringMatching(/^\d{15}$/) });
		expect(again.json).toMatchObject({ liberado: false, status: 2 });
		expect(ana.json).toMatchObject({ liberado: false, status: 2 });
		expect(after.json.contratos).toMatchObject({ contratoStatus: 1, isPromessaPagamento: true });
		expect(receitanet.customers[1].contracts[0].trustUnlockUsedOn).toBe(isoDate());
		expect(receitanet.customers[2].contracts[0].trustUnlockUsedOn).toBe(firstDayOfMonth());
	});

	it('opens a ticket with a documented kind and refuses another kind', async () => {
		const opened = await post('/abertura-chamado', { contrato: 2001, uracontato: '11987654321', motivoos: 'Sem conexão', ocorrenciatipo: 1 });
		const wrongKind = await post('/abertura-chamado', { contrato: 2001, uracontato: '11987654321', motivoos: 'Wi-Fi', ocorrenciatipo: 3 });

		expect(opened.json).toMatchObject({ success: true, status: true, contratoId: 2001, idSuporte: expect.any(Number), protocolo: expect.any(String) });
		expect(receitanet.customers[0].tickets).toEqual([expect.objectContaining({ protocol: opened.json.protocolo, description: 'Sem conexão' })]);
		expect(wrongKind.status).toBe(400);
	});
});
