import { textReply, type RecordedRequest } from '../../../../test/simulators/base';
import { ERP_CUSTOMER } from '../../../../test/simulators/erp-dataset';
import { startVoalleSimulator, VOALLE_PORTAL_CREDENTIALS, VOALLE_TEST_CREDENTIALS, voalleContractNumber, type VoalleSimulator } from '../../../../test/simulators/voalle';
import { describeErpAdapterContract } from '../adapter.contract';
import { createErpAdapter } from '../adapters';
import { voalleAuthUrlOf, type ErpCredentials } from '../credentials';
import { fetchErpTransport } from '../fetch-transport';
import type { ErpAdapter } from '../types';

const HTML_ERROR_PAGE = '<html><body><h1>502 Bad Gateway</h1></body></html>';

function credentialsFor(voalle: VoalleSimulator, extra: Partial<ErpCredentials> = {}): ErpCredentials {
	return {
		system: 'voalle',
		baseUrl: `${voalle.url}/`,
		voalleAuthUrl: voalle.url,
		voalleClientId: VOALLE_TEST_CREDENTIALS.clientId,
		voalleClientSecret: VOALLE_TEST_CREDENTIALS.clientSecret,
		voalleSyndataToken: VOALLE_TEST_CREDENTIALS.syndata,
		...extra,
	};
}

const adapterFor = (credentials: ErpCredentials): ErpAdapter => createErpAdapter(credentials, fetchErpTransport(credentials));

describeErpAdapterContract(
	'Voalle',
	async () => {
		const voalle = await startVoalleSimulator();
		return {
			adapter: adapterFor(credentialsFor(voalle)),
			failNext: (count) => voalle.failNext(count, textReply(502, HTML_ERROR_PAGE, 'text/html')),
			reset: () => voalle.reset(),
			close: () => voalle.close(),
		};
	},
	{ noReducedSpeedStatus: true },
);

describeErpAdapterContract(
	'Voalle (páginas a partir de 0, documento desconhecido como response null)',
	async () => {
		const voalle = await startVoalleSimulator({ zeroBasedPages: true, notFoundAsNull: true });
		return {
			adapter: adapterFor(credentialsFor(voalle)),
			failNext: (count) => voalle.failNext(count, textReply(502, HTML_ERROR_PAGE, 'text/html')),
			reset: () => voalle.reset(),
			close: () => voalle.close(),
		};
	},
	{ noReducedSpeedStatus: true },
);

describe('adaptador ERP Voalle: particularidades', () => {
	let voalle: VoalleSimulator;
	let adapter: ErpAdapter;
	const to = (path: string) => (request: RecordedRequest) => request.path === path;

	beforeAll(async () => {
		voalle = await startVoalleSimulator();
		adapter = adapterFor(credentialsFor(voalle));
	});
	afterAll(() => voalle.close());
	beforeEach(() => voalle.reset());

	it('gets the token with client_credentials, scope syngw and syndata (form), then sends Bearer', async () => {
		await adapter.buscarClientePorDocumento('529.982.247-25');
		const [token] = voalle.requests.filter(to('/connect/token'));
		expect(token.form).toEqual({
			grant_type: 'client_credentials',
			scope: 'syngw',
			client_id: VOALLE_TEST_CREDENTIALS.clientId,
			client_secret: VOALLE_TEST_CREDENTIALS.clientSecret,
			syndata: VOALLE_TEST_CREDENTIALS.syndata,
		});
		const [lookup] = voalle.requests.filter(to('/external/integrations/thirdparty/people/txid/52998224725'));
		expect(lookup.headers.authorization).toMatch(/^Bearer [0-9a-f]{32}$/);
	});

	it('renews the token once when Voalle answers 401 (expired)', async () => {
		await adapter.buscarClientePorDocumento('52998224725');
		const before = voalle.requests.filter(to('/connect/token')).length;
		voalle.expireTokens();
		expect(await adapter.buscarClientePorDocumento('52998224725')).toMatchObject({ id: '101' });
		expect(voalle.requests.filter(to('/connect/token'))).toHaveLength(before + 1);
	});

	it('a wrong syndata is an autenticacao error that says what to check, without the secret', async () => {
		const wrong = adapterFor(credentialsFor(voalle, { voalleSyndataToken: 'errado' }));
		const error = await wrong.buscarClientePorDocumento('52998224725').catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/syndata/);
		expect((error as Error).message).not.toContain(VOALLE_TEST_CREDENTIALS.clientSecret);
	});

	it('the token URL defaults to the ERP host on port 45700', () => {
		expect(voalleAuthUrlOf({ baseUrl: 'https://erp.provedor.com.br:45715/' })).toBe('https://erp.provedor.com.br:45700');
		expect(voalleAuthUrlOf({ baseUrl: 'https://erp.provedor.com.br:45715', voalleAuthUrl: 'https://auth.provedor.com.br:9000/' })).toBe('https://auth.provedor.com.br:9000');
	});

	it('asks contracts from page 0 and falls back to page 1 when page 0 is refused (1-based servers)', async () => {
		const maria = (await adapter.buscarClientePorDocumento('52998224725'))!;
		const [contract] = await adapter.listarContratos(maria);
		expect(contract).toMatchObject({ id: '2001', plano: 'FIBRA 300 MEGA', status: 'ativo' });
		const pages = voalle.requests.filter(to('/external/integrations/thirdparty/contract/getpaged')).map((request) => (request.json as { page: number }).page);
		expect(pages).toEqual([0, 1]);
	});

	it('blocked for debt reads as bloqueado with financeiroEmAtraso; a pre-contract awaits signature', async () => {
		const joao = (await adapter.buscarClientePorDocumento('62710524520'))!;
		expect(await adapter.listarContratos(joao)).toEqual([expect.objectContaining({ status: 'bloqueado', financeiroEmAtraso: true })]);
		const alfa = (await adapter.buscarClientePorDocumento('12ABC34501DE35'))!;
		expect((await adapter.listarContratos(alfa))[0].status).toBe('aguardando_assinatura');
	});

	it('the trust unlock posts the contract NUMBER, not the id, and tells Voalle\'s refusal reason', async () => {
		const joao = (await adapter.buscarClientePorDocumento('62710524520'))!;
		const [contract] = await adapter.listarContratos(joao);
		expect(await adapter.desbloqueioConfianca(joao, contract)).toMatchObject({ sucesso: true });
		const number = voalleContractNumber(ERP_CUSTOMER.joao.contracts[0]);
		expect(voalle.requests.some(to(`/external/integrations/thirdparty/contracts/unlock/${number}`))).toBe(true);
		const ana = (await adapter.buscarClientePorDocumento('17518172020'))!;
		const [used] = await adapter.listarContratos(ana);
		expect(await adapter.desbloqueioConfianca(ana, used)).toEqual({ sucesso: false, motivo: 'Limite de desbloqueios em confiança do mês atingido.' });
	});

	it('the diagnosis reports the access point (outage), never a subscriber session', async () => {
		voalle.accessPoint = { title: 'POP NORTE', inMaintenance: true, maintenance: 'Rompimento de fibra', active: false };
		const maria = (await adapter.buscarClientePorDocumento('52998224725'))!;
		const [contract] = await adapter.listarContratos(maria);
		const diagnosis = await adapter.diagnostico(maria, contract);
		expect(diagnosis.conexao).toBeUndefined();
		expect(diagnosis.pontoDeAcesso).toEqual({ nome: 'POP NORTE', ativo: false, emManutencao: true, manutencao: 'Rompimento de fibra' });
	});

	it('narrows open invoices to a contract with getcontractbillets and charges finalValue', async () => {
		const souza = (await adapter.buscarClientePorDocumento('11222333000181'))!;
		const contracts = await adapter.listarContratos(souza);
		const backup = contracts.find((contract) => contract.id === '2005')!;
		const invoices = await adapter.listarFaturasAbertas(souza, backup);
		expect(invoices).toEqual([expect.objectContaining({ id: '30007', contratoId: '2005', valor: 149.9, vencida: true })]);
	});

	it('fetches the boleto PDF and a fresh Pix', async () => {
		const maria = (await adapter.buscarClientePorDocumento('52998224725'))!;
		const [invoice] = await adapter.listarFaturasAbertas(maria);
		const pdf = await adapter.pdfFatura(invoice, maria);
		expect(Buffer.from(pdf!.data, 'base64').subarray(0, 4).toString()).toBe('%PDF');
		expect(await adapter.pixFatura(invoice, maria)).toMatch(/^000201/);
	});

	it('opens a solicitation with the customer id, contract and the text, and returns its protocol', async () => {
		const maria = (await adapter.buscarClientePorDocumento('52998224725'))!;
		const [contract] = await adapter.listarContratos(maria);
		const ticket = await adapter.abrirChamado({ cliente: maria, contrato: contract, assunto: 'Sem conexão', descricao: 'Caiu ontem', contato: { nome: 'Maria', telefone: '5511987654321' } });
		expect(ticket.protocolo).toBe(voalle.solicitations[0].protocol);
		expect(voalle.solicitations[0]).toMatchObject({ clientId: '101', contractId: '2001', description: 'Sem conexão\nCaiu ontem\nContato: Maria, 5511987654321' });
	});

	it('success:false with HTTP 200 is an erro_erp with Voalle\'s message (messages as a plain string)', async () => {
		voalle.failNext(1, { status: 200, body: { success: false, messages: 'Título 52998224725 inválido', response: null } }, to('/external/integrations/thirdparty/getopentitlesbytxid/52998224725'));
		const maria = (await adapter.buscarClientePorDocumento('52998224725'))!;
		await expect(adapter.listarFaturasAbertas(maria)).rejects.toMatchObject({ kind: 'erro_erp', message: 'O Voalle recusou a requisição: Título *** inválido' });
	});

	it('a 404 (wrong port) says where the API lives', async () => {
		voalle.failNext(1, { status: 404, body: 'Not Found' }, to('/external/integrations/thirdparty/people/txid/52998224725'));
		await expect(adapter.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ kind: 'erro_erp', message: expect.stringContaining('45715') });
	});

	describe('Central do Assinante through the App Cliente (Portal V2)', () => {
		const portal = (extra: Partial<ErpCredentials> = {}) =>
			adapterFor(
				credentialsFor(voalle, {
					voallePortalUrl: `${voalle.url}${VOALLE_PORTAL_CREDENTIALS.path}/`,
					voallePortalVerifyToken: VOALLE_PORTAL_CREDENTIALS.verifyToken,
					voallePortalClientId: VOALLE_PORTAL_CREDENTIALS.clientId,
					voallePortalClientSecret: VOALLE_PORTAL_CREDENTIALS.clientSecret,
					...extra,
				}),
			);

		it('without the App Cliente fields: not offered, saying which fields to fill', async () => {
			expect(adapter.supports('autenticarCentral')).toBe(false);
			const maria = (await adapter.buscarClientePorDocumento('52998224725'))!;
			await expect(adapter.autenticarCentral(maria, '52998224725', 'senha01')).rejects.toMatchObject({ kind: 'nao_suportado', message: expect.stringContaining('App Cliente') });
		});

		it('the right password of this customer is true; a wrong one, or another customer\'s login, false; no ERP token to the portal', async () => {
			const withPortal = portal();
			expect(withPortal.supports('autenticarCentral')).toBe(true);
			const maria = (await withPortal.buscarClientePorDocumento('52998224725'))!;
			expect(await withPortal.autenticarCentral(maria, '52998224725', 'senha01')).toBe(true);
			expect(await withPortal.autenticarCentral(maria, '52998224725', 'errada')).toBe(false);
			const joao = (await withPortal.buscarClientePorDocumento('62710524520'))!;
			expect(await withPortal.autenticarCentral(joao, '52998224725', 'senha01')).toBe(false);
			const logins = voalle.requests.filter(to(`${VOALLE_PORTAL_CREDENTIALS.path}/portal_authentication`));
			expect(logins[0].query).toMatchObject({ grant_type: 'client_credentials', username: '52998224725', password: 'senha01', verify_token: VOALLE_PORTAL_CREDENTIALS.verifyToken });
			expect(logins.every((request) => request.headers.authorization === undefined)).toBe(true);
		});

		it('a portal failure never shows the password nor the portal secrets (they travel in the URL)', async () => {
			const withPortal = portal();
			const maria = (await withPortal.buscarClientePorDocumento('52998224725'))!;
			voalle.failNext(1, { status: 500, body: 'erro' }, to(`${VOALLE_PORTAL_CREDENTIALS.path}/portal_authentication`));
			const error = (await withPortal.autenticarCentral(maria, '52998224725', 'Segredo#123').catch((caught: unknown) => caught)) as Error;
			expect(error).toMatchObject({ kind: 'indisponivel' });
			for (const secret of ['Segredo', VOALLE_PORTAL_CREDENTIALS.clientSecret, VOALLE_PORTAL_CREDENTIALS.verifyToken, 'portal_authentication']) expect(JSON.stringify({ message: error.message, details: (error as { details?: unknown }).details })).not.toContain(secret);
		});
	});

	it('actions the API does not offer say why', async () => {
		await expect(adapter.buscarClientesPorTelefone('11987654321')).rejects.toMatchObject({ kind: 'nao_suportado', message: expect.stringMatching(/^O Voalle não oferece esta ação pela API: /) });
	});
});
