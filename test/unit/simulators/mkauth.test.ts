import { firstDayOfMonth, isoDate } from '../../simulators/brazil-formats';
import { ERP_CUSTOMER } from '../../simulators/erp-dataset';
import { MKAUTH_TEST_CREDENTIALS, mkAuthInvoiceUuid, startMkAuthSimulator, type MkAuthSimulator } from '../../simulators/mkauth';

describe('MK-Auth simulator', () => {
	let mkauth: MkAuthSimulator;
	let jwt: string;
	const basic = `Basic ${Buffer.from(`${MKAUTH_TEST_CREDENTIALS.clientId}:${MKAUTH_TEST_CREDENTIALS.clientSecret}`).toString('base64')}`;

	async function get(path: string, token = jwt) {
		const response = await fetch(`${mkauth.url}/api/${path}`, { headers: { authorization: `Bearer ${token}` } });
		const text = await response.text();
		return { status: response.status, text, json: text === 'NULL' ? undefined : (JSON.parse(text) as Record<string, any>) };
	}

	beforeAll(async () => {
		mkauth = await startMkAuthSimulator();
	});
	beforeEach(async () => {
		jwt = await (await fetch(`${mkauth.url}/api/`, { headers: { authorization: basic } })).text();
	});
	afterEach(() => mkauth.reset());
	afterAll(() => mkauth.close());

	it('answers a raw JWT (not JSON) to Basic client credentials, with an exp claim', async () => {
		const [header, payload, signature] = jwt.split('.');
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number };
		const refused = await fetch(`${mkauth.url}/api/`, { headers: { authorization: 'Basic d3Jvbmc6d3Jvbmc=' } });

		expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
		expect(signature).toBeTruthy();
		expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
		expect(refused.status).toBe(401);
	});

	it('refuses calls without a valid or unexpired JWT', async () => {
		const tampered = await get('cliente/show/maria.silva', `${jwt}x`);
		const shortLived = await startMkAuthSimulator({ tokenTtlSeconds: 0 });
		const expiredToken = await (await fetch(`${shortLived.url}/api/`, { headers: { authorization: basic } })).text();
		const expired = await fetch(`${shortLived.url}/api/cliente/show/maria.silva`, { headers: { authorization: `Bearer ${expiredToken}` } });
		await shortLived.close();

		expect([tampered.status, expired.status]).toEqual([401, 401]);
	});

	it('lists clients (logins) by CPF/CNPJ digits and by page', async () => {
		const byCpf = await get('cliente/listar/cpf_cnpj=52998224725');
		const company = await get('cliente/listar/cpf_cnpj=11222333000181');
		const page = await get('cliente/listar/limite=4&pagina=2');

		expect(byCpf.json).toMatchObject({ total_registros: 1, clientes: [{ login: 'maria.silva', nome: 'MARIA SILVA', bloqueado: 'nao' }] });
		expect(company.json?.clientes.map((client: { login: string }) => client.login)).toEqual(['comercial.souza', 'comercial.backup']);
		expect(page.json).toMatchObject({ total_registros: 6, total_paginas: 2 });
		expect(page.json?.clientes).toHaveLength(2);
	});

	it('finds a client by phone digits', async () => {
		const byPhone = await get('cliente/listar/celular=49999991234');
		expect(byPhone.json?.clientes[0]).toMatchObject({ login: 'joao.pereira', bloqueado: 'sim' });
	});

	it('shows a client by login or CPF and answers a literal NULL when not found', async () => {
		const byLogin = await get('cliente/show/joao.pereira');
		const byCpf = await get('cliente/show/62710524520');
		const missing = await get('cliente/show/ninguem');

		expect(byLogin.json).toMatchObject({ login: 'joao.pereira', uuid_cliente: expect.any(String), bloqueado: 'sim' });
		expect(byCpf.json?.login).toBe('joao.pereira');
		expect([missing.status, missing.text]).toEqual([200, 'NULL']);
	});

	it('lists open invoices of a login and shows one by uuid', async () => {
		const open = await get('titulo/aberto/joao.pereira');
		const none = await get('titulo/aberto/alfa.tecnologia');
		const invoice = ERP_CUSTOMER.joao.invoices[0];
		const shown = await get(`titulo/show/${mkAuthInvoiceUuid(invoice)}`);

		expect(open.json?.Total).toBe(2);
		expect(none.json).toEqual({ Total: 0, titulos: [] });
		expect(shown.json).toMatchObject({ uuid_lanc: mkAuthInvoiceUuid(invoice), datavenc: `${invoice.dueDate} 00:00:00`, valor: '79.90', pix: invoice.pixCopyPaste, linhadig: invoice.digitableLine.replace(/\D/g, '') });
		const pdf = await fetch(shown.json?.url);
		expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');
	});

	it('changes only the columns PUT cliente/editar is sent: bloqueado alone leaves data_desbloq untouched', async () => {
		const uuid = (await get('cliente/show/joao.pereira')).json?.uuid_cliente;
		const edit = (body: Record<string, unknown>) =>
			fetch(`${mkauth.url}/api/cliente/editar`, {
				method: 'PUT',
				headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
				body: JSON.stringify({ uuid, ...body }),
			});

		expect(await (await edit({ bloqueado: 'nao' })).json()).toEqual({ status: 'success' });
		expect((await get('cliente/show/joao.pereira')).json).toMatchObject({ bloqueado: 'nao', observacao: 'nao', data_desbloq: null });
		await edit({ data_desbloq: `${isoDate()} 10:30:00`, observacao: 'sim' });
		expect((await get('cliente/show/joao.pereira')).json).toMatchObject({ bloqueado: 'nao', observacao: 'sim', data_desbloq: `${isoDate()} 00:00:00` });
	});

	it('carries the unlock date, observation flag, person type and invoice counters of sis_cliente', async () => {
		const ana = (await get('cliente/show/ana.costa')).json;
		const maria = (await get('cliente/show/maria.silva')).json;
		const company = (await get('cliente/show/comercial.souza')).json;

		expect(ana).toMatchObject({ bloqueado: 'sim', observacao: 'nao', data_desbloq: `${firstDayOfMonth()} 00:00:00`, tit_vencidos: '1', pessoa: 'fisica' });
		expect(maria).toMatchObject({ data_desbloq: null, tit_abertos: '1', tit_vencidos: '0' });
		expect(company?.pessoa).toBe('juridica');
	});

	it('lists plans with speeds in Kbps', async () => {
		const plans = await get('plano/listar/pagina=1');
		expect(plans.json?.planos).toContainEqual({ nome: 'FIBRA 300 MEGA', valor: '99.90', veldown: '307200', velup: '153600' });
	});
});
