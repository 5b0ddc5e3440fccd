import { MKSOLUTIONS_TEST_CREDENTIALS, startMkSolutionsSimulator, type MkSolutionsSimulator } from '../../simulators/mksolutions';

describe('MK Solutions simulator', () => {
	let mk: MkSolutionsSimulator;

	async function get(service: string, query: Record<string, string>) {
		const response = await fetch(`${mk.url}/mk/${service}.rule?${new URLSearchParams(query).toString()}`);
		return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
	}
	const json = async (service: string, query: Record<string, string>) => JSON.parse((await get(service, query)).bytes.toString('utf8')) as Record<string, any>;
	async function session(): Promise<string> {
		return (await json('WSAutenticacao', { sys: 'MK0', token: MKSOLUTIONS_TEST_CREDENTIALS.userToken, password: MKSOLUTIONS_TEST_CREDENTIALS.password, cd_servico: '9999' })).Token;
	}

	beforeAll(async () => {
		mk = await startMkSolutionsSimulator();
	});
	afterEach(() => mk.reset());
	afterAll(() => mk.close());

	it('issues a session with Expire in DD/MM/YYYY HH:mm:ss; errors come with HTTP 200', async () => {
		const login = await json('WSAutenticacao', { sys: 'MK0', token: MKSOLUTIONS_TEST_CREDENTIALS.userToken, password: MKSOLUTIONS_TEST_CREDENTIALS.password, cd_servico: '9999' });
		expect(login).toMatchObject({ status: 'OK', Token: expect.stringMatching(/^[0-9a-f]{32}$/), Expire: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/) });
		const refused = await get('WSAutenticacao', { sys: 'MK0', token: 'x', password: 'y', cd_servico: '9999' });
		expect(refused.status).toBe(200);
		expect(JSON.parse(refused.bytes.toString())).toEqual({ status: 'ERRO', Mensagem: 'Token inválido.', 'Num. ERRO': '001' });
	});

	it('an expired session is error 999; a document not found is 003; an invalid one 002', async () => {
		const token = await session();
		expect((await json('WSMKConsultaDoc', { sys: 'MK0', token, doc: '11144477735' }))['Num. ERRO']).toBe('003');
		expect((await json('WSMKConsultaDoc', { sys: 'MK0', token, doc: '123' }))['Num. ERRO']).toBe('002');
		expect((await json('WSMKConsultaDoc', { sys: 'MK0', token, doc: '52998224725' })).CodigoPessoa).toBe(101);
		mk.expireSessions();
		expect((await json('WSMKConsultaDoc', { sys: 'MK0', token, doc: '52998224725' }))['Num. ERRO']).toBe('999');
	});

	it('lists the whole carnê (future installments included) with Brazilian dates and money', async () => {
		const token = await session();
		const { FaturasPendentes } = await json('WSMKFaturasPendentes', { sys: 'MK0', token, cd_cliente: '101' });
		expect(FaturasPendentes).toHaveLength(3);
		expect(FaturasPendentes[0]).toMatchObject({ codfatura: 30001, data_vencimento: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/), valor_total: '99,90', contratos: '2001' });
	});

	it('answers in Latin-1 when asked to', async () => {
		const latin = await startMkSolutionsSimulator({ latin1: true });
		try {
			const url = `${latin.url}/mk/WSAutenticacao.rule?${new URLSearchParams({ sys: 'MK0', token: MKSOLUTIONS_TEST_CREDENTIALS.userToken, password: MKSOLUTIONS_TEST_CREDENTIALS.password, cd_servico: '9999' }).toString()}`;
			const token = (JSON.parse(Buffer.from(await (await fetch(url)).arrayBuffer()).toString('latin1')) as { Token: string }).Token;
			const bytes = Buffer.from(await (await fetch(`${latin.url}/mk/WSMKConsultaDoc.rule?sys=MK0&token=${token}&doc=52998224725`)).arrayBuffer());
			expect(bytes.toString('utf8')).toContain('\uFFFD');
			expect(JSON.parse(bytes.toString('latin1')).Endereco).toBe('Rua das Flores, 100 - São Paulo');
		} finally {
			await latin.close();
		}
	});
});
