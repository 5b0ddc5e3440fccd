import { CONTROLLR_TEST_CREDENTIALS, startControllrSimulator, type ControllrSimulator } from '../../simulators/controllr';

describe('Controllr simulator', () => {
	let controllr: ControllrSimulator;
	let cookie = '';

	async function post(path: string, body: string, withCookie = true) {
		const response = await fetch(`${controllr.url}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', ...(withCookie ? { cookie: `BRBOSCookie=${cookie}` } : {}) },
			body,
		});
		return { status: response.status, json: (await response.json()) as Record<string, any>, setCookie: response.headers.get('set-cookie') };
	}
	const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

	beforeAll(async () => {
		controllr = await startControllrSimulator();
	});
	beforeEach(async () => {
		controllr.reset();
		const login = await post('/login', form({ username: CONTROLLR_TEST_CREDENTIALS.username, password: CONTROLLR_TEST_CREDENTIALS.password }), false);
		cookie = /BRBOSCookie=([^;]+)/.exec(login.setCookie ?? '')?.[1] ?? '';
	});
	afterAll(() => controllr.close());

	it('logs in with the form and sets BRBOSCookie; a wrong password gets 401', async () => {
		expect(cookie).toMatch(/^[0-9a-f]{32}$/);
		expect((await post('/login', form({ username: 'x', password: 'y' }), false)).status).toBe(401);
	});

	it('answers 403 Access Denied without a session, with a dead one and for an unknown route', async () => {
		const where = form({ where: '[]' });
		expect((await post('/controllrctl/client/list', where, false)).json).toEqual({ code: -2, message: 'Access Denied' });
		expect((await post('/controllrctl/nao_existe/list', where)).status).toBe(403);
		controllr.expireSessions();
		expect((await post('/controllrctl/client/list', where)).status).toBe(403);
	});

	it('filters with where; a body with a raw "%" has its where ignored (every row comes back)', async () => {
		const filtered = await post('/controllrctl/phone/list', form({ where: JSON.stringify([{ field: 'client_phone.phone_number', oper: 10, value: '%87654321%' }]) }));
		expect(filtered.json.results.map((row: { client_pk: number }) => row.client_pk)).toEqual([101]);
		const raw = await post('/controllrctl/phone/list', `where=[{"field":"client_phone.phone_number","oper":10,"value":"%87654321%"}]`);
		expect(raw.json.total).toBeGreaterThan(1);
	});

	it('a bare client_pk is ambiguous (42702, success:false with HTTP 200); contract/list by client answers empty', async () => {
		const bare = await post('/controllrctl/client/list', form({ where: JSON.stringify([{ field: 'client_pk', oper: 5, value: 101 }]) }));
		expect([bare.status, bare.json.success, bare.json.errors[0].id]).toEqual([200, false, '42702']);
		const byClient = await post('/controllrctl/contract/list', form({ where: JSON.stringify([{ field: 'contract.client_pk', oper: 5, value: 101 }]) }));
		expect(byClient.json).toEqual({ success: true, total: 0, results: [] });
		const byCombo = await post('/controllrctl/contract/list_combo', form({ where: JSON.stringify([{ field: 'contract.client_pk', oper: 5, value: 101 }]) }));
		expect(byCombo.json.results).toEqual([{ contract_pk: 2001, contract_number: 12001, client_pk: 101 }]);
	});

	it('create routes answer "Required Field" for what is missing', async () => {
		const ticket = await post('/support_ctl/ticket/create', form({ client_pk: '101', ticket_title: 'x' }));
		expect(ticket.json).toEqual({ success: false, errors: [{ id: 'category_pk', msg: 'Required Field' }, { id: 'ticket_desc', msg: 'Required Field' }] });
	});
});
