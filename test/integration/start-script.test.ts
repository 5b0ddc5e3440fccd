/**
 * `npm start` as a server process (scripts/start.js, which scripts/start.sh `exec`s): a SIGTERM sent to
 * that one PID (docker stop, systemd) stops n8n, its task runners and the demo ERP and exits 0; the
 * banner names the real data folder; a restart on the same data reuses the templates.
 * Starts the real pinned n8n twice (~1 min): it needs `npm run build` done (as `npm test` does).
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '..', '..');
const PORT = Number(process.env.START_SCRIPT_TEST_PORT ?? 5841);
const ERP_PORT = PORT + 2;
const BANNER = 'n8n com o pacote de atendimento está no ar.';
/** Bound on the whole stop: n8n's graceful shutdown normally takes a few seconds (the SIGKILL comes at 20 s). */
const STOP_BOUND_MS = 30_000;

jest.setTimeout(600_000);

let dataDir: string;

beforeAll(() => {
	if (!existsSync(join(root, 'dist', 'nodes'))) {
		throw new Error('dist/ ausente: rode `npm run build` antes deste teste');
	}
	// The demo ERP runs from .demo/ (scripts/start.sh compiles it the same way).
	execFileSync('npx', ['tsc', '-p', 'tsconfig.demo.json'], { cwd: root, stdio: 'inherit' });
	dataDir = mkdtempSync(join(tmpdir(), 'atendimento-start-'));
});

afterAll(() => {
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Started {
	child: ChildProcess;
	output: () => string;
	exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startScript(): Started {
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), ATENDIMENTO_DEMO_ERP_PORT: String(ERP_PORT), ATENDIMENTO_DATA_DIR: dataDir };
	delete env.ATENDIMENTO_DEMO_ERP;
	const child = spawn(process.execPath, [join(root, 'scripts', 'start.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let text = '';
	child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
	const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	return { child, output: () => text, exit };
}

async function waitForBanner(started: Started): Promise<void> {
	const deadline = Date.now() + 300_000;
	let exited = false;
	void started.exit.then(() => (exited = true));
	while (!started.output().includes(BANNER)) {
		if (exited) throw new Error(`scripts/start.js terminou antes do banner:\n${started.output()}`);
		if (Date.now() > deadline) throw new Error(`sem banner em 300 s:\n${started.output()}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** Every live descendant of `pid` (n8n, its task runners), read from /proc. */
function descendants(pid: number): number[] {
	const parentOf = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// pid (comm) state ppid ...: comm may hold spaces, so parse after the last ')'.
			const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (state !== 'Z') parentOf.set(Number(entry), Number(ppid));
		} catch {
			/* the process ended while listing */
		}
	}
	const found: number[] = [];
	const queue = [pid];
	while (queue.length > 0) {
		const parent = queue.shift()!;
		for (const [child, ppid] of parentOf) {
			if (ppid === parent) {
				found.push(child);
				queue.push(child);
			}
		}
	}
	return found;
}

function alive(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return false;
	}
}

function portFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** Sends SIGTERM to the script's PID only and checks it exits 0 in time, leaving no process and no port behind. */
async function stopWithSigterm(started: Started): Promise<void> {
	const children = descendants(started.child.pid!);
	expect(children.length).toBeGreaterThan(0); // n8n at least
	const sentAt = Date.now();
	started.child.kill('SIGTERM');
	const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_BOUND_MS).unref());
	const result = await Promise.race([started.exit, timeout]);
	if (result === 'timeout') {
		started.child.kill('SIGKILL');
		for (const pid of children) if (alive(pid)) process.kill(pid, 'SIGKILL');
		throw new Error(`scripts/start.js não terminou ${STOP_BOUND_MS} ms depois do SIGTERM:\n${started.output()}`);
	}
	expect(result).toEqual({ code: 0, signal: null });
	expect(Date.now() - sentAt).toBeLessThan(STOP_BOUND_MS);
	// Orphans would be re-parented to init: check the PIDs themselves, not the tree.
	await new Promise((resolve) => setTimeout(resolve, 500));
	expect(children.filter(alive)).toEqual([]);
	for (const port of [PORT, PORT + 100, ERP_PORT]) expect(await portFree(port)).toBe(true);
}

test('npm start hands its signals to node: the script line execs (sh would die on SIGTERM and orphan n8n)', () => {
	// npm forwards SIGINT/SIGTERM to `sh -c <script>`; dash does not exec a lone command, so without `exec`
	// the shell dies on SIGTERM and node (with n8n) is left running. start.sh itself ends with `exec node`.
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
	expect(pkg.scripts.start).toBe('exec bash scripts/start.sh');
	expect(readFileSync(join(root, 'scripts', 'start.sh'), 'utf8').trim().split('\n').pop()).toBe('exec node scripts/start.js');
});

test('SIGTERM to the start script stops n8n and the demo ERP; a restart reuses the templates', async () => {
	for (const port of [PORT, PORT + 100, ERP_PORT]) {
		if (!(await portFree(port))) throw new Error(`a porta ${port} está ocupada: use START_SCRIPT_TEST_PORT`);
	}

	const first = startScript();
	await waitForBanner(first);
	expect(first.output()).toContain(`os dados ficam em ${dataDir} e são reaproveitados`);
	expect(first.output()).toMatch(/Modelo importado e ativo: .*\(principal\)/);
	expect(first.output()).not.toContain('Modelo reaproveitado');
	// The campaign page is published with the demo login the banner shows, and refuses anyone without it.
	expect(first.output()).toContain('Modelo importado e ativo: Disparos - Campanhas');
	expect(first.output()).toContain(`Campanhas: http://127.0.0.1:${PORT}/webhook/campanhas   (login supervisor / senha campanhas-demo-123)`);
	expect((await fetch(`http://127.0.0.1:${PORT}/webhook/campanhas`)).status).toBe(401);
	const campaigns = await fetch(`http://127.0.0.1:${PORT}/webhook/campanhas`, { headers: { Authorization: `Basic ${Buffer.from('supervisor:campanhas-demo-123').toString('base64')}` } });
	expect(campaigns.status).toBe(200);
	expect(await campaigns.text()).toContain('<title>Campanhas de Disparo</title>');
	await stopWithSigterm(first);
	expect(first.output()).toContain('SIGTERM recebido: parando o n8n');

	const second = startScript();
	await waitForBanner(second);
	expect(second.output()).toMatch(/Modelo reaproveitado \(já estava no n8n\) e ativo: .*\(principal\)/);
	expect(second.output()).not.toContain('Modelo importado');
	await stopWithSigterm(second);
});
