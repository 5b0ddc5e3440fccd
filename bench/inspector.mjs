// n8n's V8 heap read over the Chrome DevTools Protocol: n8n runs with `--inspect=127.0.0.1:<port>`
// and the bench forces a full garbage collection before reading the heap, so the figure is what is
// retained, not what V8 has not collected yet. WebSocket is Node's own (global from Node 22; on
// Node 20 `npm run bench` passes --experimental-websocket).
import { setTimeout as sleep } from 'node:timers/promises';

/** Collections before a reading: a second one frees what the first only made unreachable (weak refs, finalizers). */
const COLLECTIONS = 2;

/** The inspector's WebSocket URL of the process listening on `port` (it lists one target). */
async function debuggerUrl(port, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
			if (targets[0]?.webSocketDebuggerUrl) return targets[0].webSocketDebuggerUrl;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`o inspetor do n8n não respondeu na porta ${port}`);
		await sleep(300);
	}
}

/**
 * Connects to the inspector on `port`. Returns { retainedHeap(), close() }: retainedHeap() forces
 * full collections and resolves to V8's used heap size in bytes (Runtime.getHeapUsage).
 */
export async function connectInspector(port, timeoutMs = 30_000) {
	if (typeof globalThis.WebSocket !== 'function') {
		throw new Error('este Node não tem WebSocket: rode o bench com `npm run bench` (Node 20 precisa de --experimental-websocket)');
	}
	const socket = new globalThis.WebSocket(await debuggerUrl(port, timeoutMs));
	await new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve, { once: true });
		socket.addEventListener('error', () => reject(new Error(`falha ao conectar ao inspetor na porta ${port}`)), { once: true });
	});
	let nextId = 1;
	const pending = new Map();
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(String(event.data));
		const waiting = message.id === undefined ? undefined : pending.get(message.id);
		if (!waiting) return; // an event: none is enabled
		pending.delete(message.id);
		if (message.error) waiting.reject(new Error(`${message.error.message} (${waiting.method})`));
		else waiting.resolve(message.result);
	});
	socket.addEventListener('close', () => {
		for (const waiting of pending.values()) waiting.reject(new Error('o inspetor do n8n fechou a conexão'));
		pending.clear();
	});
	const call = (method, params = {}) =>
		new Promise((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve, reject, method });
			socket.send(JSON.stringify({ id, method, params }));
		});
	return {
		async retainedHeap() {
			for (let round = 0; round < COLLECTIONS; round++) await call('HeapProfiler.collectGarbage');
			const { usedSize } = await call('Runtime.getHeapUsage');
			return usedSize;
		},
		close() {
			socket.close();
		},
	};
}
