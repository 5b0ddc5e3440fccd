import { jsonReply, startSimulator, type Simulator } from '../../simulators/base';

describe('startSimulator', () => {
	let simulator: Simulator;

	beforeAll(async () => {
		simulator = await startSimulator((request) => jsonReply(200, { echo: request.path }));
	});
	afterEach(() => simulator.reset());
	afterAll(() => simulator.close());

	it('listens on 127.0.0.1 and a random port', () => {
		expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	});

	it('listens on the port it is given, and refuses to start on a port in use', async () => {
		const probe = await startSimulator(() => jsonReply(200, {}));
		const port = Number(new URL(probe.url).port);
		await probe.close();
		const fixed = await startSimulator(() => jsonReply(200, { fixed: true }), { port });
		try {
			expect(fixed.url).toBe(`http://127.0.0.1:${port}`);
			expect(await (await fetch(fixed.url)).json()).toEqual({ fixed: true });
			await expect(startSimulator(() => jsonReply(200, {}), { port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
		} finally {
			await fixed.close();
		}
	});

	it('records method, path, query, headers, raw body and parsed JSON', async () => {
		const response = await fetch(`${simulator.url}/a/b?x=1&y=dois`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-test': 'sim' },
			body: '{"a":1}',
		});

		expect(await response.json()).toEqual({ echo: '/a/b' });
		const [request] = simulator.requests;
		expect(request).toMatchObject({ method: 'POST', path: '/a/b', query: { x: '1', y: 'dois' }, json: { a: 1 } });
		expect(request.headers['x-test']).toBe('sim');
		expect(request.rawBody.toString()).toBe('{"a":1}');
	});

	it('parses urlencoded and multipart bodies into form fields and files', async () => {
		await fetch(simulator.url, { method: 'POST', body: new URLSearchParams({ token: 'abc', texto: 'ação' }) });
		const form = new FormData();
		form.set('chat_id', '42');
		form.set('document', new Blob([Buffer.from('%PDF-1.4 fake')], { type: 'application/pdf' }), 'boleto.pdf');
		await fetch(simulator.url, { method: 'POST', body: form });

		expect(simulator.requests[0].form).toEqual({ token: 'abc', texto: 'ação' });
		expect(simulator.requests[1].form).toEqual({ chat_id: '42' });
		expect(simulator.requests[1].files).toEqual([
			{ field: 'document', fileName: 'boleto.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 fake') },
		]);
	});

	it('answers programmed failures the given number of times, only to matching requests', async () => {
		simulator.failNext(2, jsonReply(503, { down: true }), (request) => request.path === '/send');

		const other = await fetch(`${simulator.url}/other`);
		const first = await fetch(`${simulator.url}/send`);
		const second = await fetch(`${simulator.url}/send`);
		const third = await fetch(`${simulator.url}/send`);

		expect([other.status, first.status, second.status, third.status]).toEqual([200, 503, 503, 200]);
		expect(await first.json()).toEqual({ down: true });
	});

	it('delays answers by delayMs', async () => {
		simulator.delayMs = 150;
		const started = Date.now();
		await fetch(simulator.url);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	it('never answers hung requests, so clients time out', async () => {
		simulator.hangNext(1);
		await expect(fetch(simulator.url, { signal: AbortSignal.timeout(200) })).rejects.toThrow(/timeout|aborted/i);
		expect((await fetch(simulator.url)).status).toBe(200);
	});

	it('turns a throwing handler into a 500 with the error message', async () => {
		const failing = await startSimulator(() => {
			throw new Error('boom');
		});
		const response = await fetch(failing.url);
		await failing.close();
		expect(response.status).toBe(500);
		expect(await response.json()).toEqual({ simulatorError: 'boom' });
	});

	it('reset forgets requests, faults and delay and runs onReset', async () => {
		let resets = 0;
		const stateful = await startSimulator(() => jsonReply(200, {}), { onReset: () => resets++ });
		stateful.failNext(1, jsonReply(500, {}));
		stateful.delayMs = 50;
		stateful.reset();
		const response = await fetch(stateful.url);
		await stateful.close();
		expect(response.status).toBe(200);
		expect(stateful.delayMs).toBe(0);
		expect(resets).toBe(1);
	});
});
