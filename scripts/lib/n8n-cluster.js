// A real n8n queue-mode cluster on one machine, for the scale tests (test/scale/): Postgres (Debian's
// `postgresql`) and redis-server of their own, n8n main + one webhook processor (`n8n webhook`) + workers
// (`n8n worker`), all with EXECUTIONS_MODE=queue, the same encryption key, WEBHOOK_URL at the webhook
// processor and the pack installed once (each process's `.n8n/nodes` points at the same install). Every
// process runs in a process group of its own, so a test can SIGKILL one worker or restart the main
// alone. The running cluster is described by a state file (pids, ports, URLs, API key), which the tests
// read and update when they restart a process. docs/arquitetura.md §12. CommonJS like n8n-instance.js.
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const instance = require('./n8n-instance.js');
const redisServer = require('./redis-server.js');

/** The test cluster's encryption key: every process must decrypt the credentials the main saved. */
const ENCRYPTION_KEY = 'atendimento-cluster-de-teste-0001';
const DB_USER = 'atendimento';
const DB_NAME = 'n8n';
/** Jobs each worker runs at once (n8n's default is 10; below 5 n8n warns). */
const WORKER_CONCURRENCY = 10;

/**
 * Ports of a cluster from its base: main = base, webhook processor base+1, worker N base+1+N (its health
 * server), Postgres base+47, Redis base+48. Each n8n process's task-runner broker is its port + 100
 * (n8n-instance.js), so adjacent clusters and the e2e n8n never share one.
 */
function clusterPorts(base, workers = 2) {
	return {
		main: base,
		webhook: base + 1,
		workers: Array.from({ length: workers }, (_, index) => base + 2 + index),
		postgres: base + 47,
		redis: base + 48,
	};
}

/** Folder of the newest Postgres server binaries of Debian's package (/usr/lib/postgresql/<version>/bin). */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((name) => fs.existsSync(path.join(root, name, 'bin', 'initdb'))) : [];
	if (versions.length === 0) throw new Error('Postgres não instalado: rode scripts/install-test-deps.sh (pacote postgresql)');
	versions.sort((a, b) => Number(b) - Number(a));
	return path.join(root, versions[0], 'bin');
}

/**
 * Runs a Postgres server program. initdb and postgres refuse to run as root: as root (CI containers) they
 * run as the `postgres` user Debian's package creates, via runuser, on a folder that user owns.
 */
function runPostgresTool(tool, args, options = {}) {
	const binary = path.join(postgresBinDir(), tool);
	const asRoot = process.getuid?.() === 0;
	const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
	const result = spawnSync(command, commandArgs, { encoding: 'utf8', ...options });
	if (result.status !== 0) throw new Error(`${tool} falhou (${result.status}): ${result.stderr || result.stdout || result.error?.message}`);
	return result.stdout;
}

/** Stops the Postgres running on `directory`, if any (also one left by an interrupted run). */
function stopPostgres(directory, mode = 'fast') {
	if (!fs.existsSync(path.join(directory, 'postmaster.pid'))) return;
	try {
		runPostgresTool('pg_ctl', ['stop', '-D', fs.realpathSync(directory), '-m', mode, '-w', '-t', '60']);
	} catch (error) {
		instance.log(`Postgres anterior em ${directory} não parou: ${error.message}`);
	}
}

/**
 * Starts a fresh Postgres in `directory` (created), listening on 127.0.0.1:`port` only (no Unix socket),
 * with a trust-authenticated user and an empty database for n8n. Returns { port, user, database, stop }.
 * A stop of the whole cluster (stopCluster) stops it through its folder.
 */
async function startPostgres({ directory, port }) {
	fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
	if (process.getuid?.() === 0) {
		execFileSync('chown', ['postgres:postgres', directory]);
		// A checkout under /root (mode 700) is out of the postgres user's reach: its data then lives in the
		// system's temporary folder, and `directory` holds a link to it (stopPostgres follows the link).
		if (spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-w', directory]).status !== 0) {
			fs.rmSync(directory, { recursive: true, force: true });
			const reachable = fs.mkdtempSync(path.join(require('os').tmpdir(), 'atendimento-postgres-'));
			execFileSync('chown', ['postgres:postgres', reachable]);
			fs.symlinkSync(reachable, directory);
		}
	}
	const data = fs.realpathSync(directory);
	runPostgresTool('initdb', ['-D', data, '-U', DB_USER, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
	const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c max_connections=200`;
	runPostgresTool('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', path.join(data, 'postgres.log'), '-o', options]);
	execFileSync(path.join(postgresBinDir(), 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', DB_USER, DB_NAME]);
	return { port, user: DB_USER, database: DB_NAME, stop: () => stopPostgres(directory) };
}

/** Where each part of a cluster lives under `dataDir`. */
function clusterPaths(dataDir) {
	return {
		stateFile: path.join(dataDir, 'cluster.json'),
		pack: path.join(dataDir, 'pack'),
		postgres: path.join(dataDir, 'postgres'),
		redis: path.join(dataDir, 'redis'),
		role: (role) => path.join(dataDir, role),
		log: (role) => path.join(dataDir, `${role}.log`),
	};
}

/** Names of a cluster's n8n processes: main, webhook, worker1, worker2… */
function roleNames(workers) {
	return ['main', 'webhook', ...Array.from({ length: workers }, (_, index) => `worker${index + 1}`)];
}

/** The queue-mode environment of one process of the cluster described by `state`. */
function roleEnvironment(state, role) {
	const shared = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(state.ports.redis),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(state.ports.postgres),
		DB_POSTGRESDB_DATABASE: DB_NAME,
		DB_POSTGRESDB_USER: DB_USER,
		DB_POSTGRESDB_PASSWORD: '',
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		// Production webhooks and resumes (`$execution.resumeUrl`) go to the webhook processor.
		WEBHOOK_URL: `${state.webhookUrl}/`,
		N8N_EDITOR_BASE_URL: `${state.mainUrl}/`,
		// One line of JSON per log entry: the tests read the level and the workers' "Worker started execution".
		N8N_LOG_FORMAT: 'json',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
		...state.extraEnv,
	};
	if (role === 'main') return { ...shared, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' };
	if (role === 'webhook') return shared;
	const port = state.ports.workers[Number(role.replace('worker', '')) - 1];
	return { ...shared, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' };
}

/** The port a role's process is started with (N8N_PORT; its broker is +100). */
function rolePort(state, role) {
	if (role === 'main') return state.ports.main;
	if (role === 'webhook') return state.ports.webhook;
	return state.ports.workers[Number(role.replace('worker', '')) - 1];
}

/**
 * Starts one n8n process of the cluster in its own process group and records its pid in the state file;
 * resolves when it is ready (main and webhook: /healthz/readiness; worker: its health server).
 */
async function startRole(state, role) {
	const paths = clusterPaths(state.dataDir);
	const port = rolePort(state, role);
	const worker = role.startsWith('worker');
	const handle = await instance.startN8n({
		dataDir: paths.role(role),
		port,
		logFile: paths.log(role),
		extraEnv: roleEnvironment(state, role),
		ownProcessGroup: true,
		args: worker ? ['worker', `--concurrency=${WORKER_CONCURRENCY}`] : role === 'webhook' ? ['webhook'] : ['start'],
		readinessUrl: worker ? `http://127.0.0.1:${port}/healthz/readiness` : undefined,
	});
	handle.child.unref();
	const current = readState(state.dataDir);
	current.pids[role] = handle.child.pid;
	writeState(current);
	state.pids[role] = handle.child.pid;
	return handle;
}

function readState(dataDir) {
	return JSON.parse(fs.readFileSync(clusterPaths(dataDir).stateFile, 'utf8'));
}

function writeState(state) {
	fs.writeFileSync(clusterPaths(state.dataDir).stateFile, JSON.stringify(state, null, 2));
}

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Sends `signal` to a process group; false when it is gone already. */
function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch (error) {
		if (error.code === 'ESRCH') return false;
		throw error;
	}
}

/**
 * Stops one process of the cluster: SIGKILL (a crash) at once, or SIGTERM (n8n's graceful shutdown) and
 * SIGKILL after `timeoutMs`. Its task runners go with it (the whole process group). Resolves once it is gone.
 */
async function stopRole(state, role, { signal = 'SIGTERM', timeoutMs = 30_000 } = {}) {
	const pid = readState(state.dataDir).pids[role];
	if (!pid) return;
	signalGroup(pid, signal);
	const deadline = Date.now() + timeoutMs;
	while (alive(pid)) {
		if (Date.now() > deadline) signalGroup(pid, 'SIGKILL');
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	signalGroup(pid, 'SIGKILL'); // task runners left behind by a SIGKILLed n8n
	const current = readState(state.dataDir);
	delete current.pids[role];
	writeState(current);
	delete state.pids[role];
}

/** Stops a role and starts it again on the same folder and port. */
async function restartRole(state, role, options) {
	await stopRole(state, role, options);
	return await startRole(state, role);
}

/**
 * Starts the whole cluster in a fresh `dataDir`: Postgres, Redis, the pack installed once, the main
 * (migrations, owner, API key), then the webhook processor and the workers. Returns the state
 * ({ dataDir, ports, mainUrl, webhookUrl, redisUrl, apiKey, pids, roles }), also written to the state file.
 * `extraEnv` goes to every n8n process.
 */
async function startCluster({ dataDir, basePort, workers = 2, extraEnv = {} }) {
	const paths = clusterPaths(dataDir);
	stopPostgres(paths.postgres, 'immediate');
	if (fs.existsSync(paths.stateFile)) await stopCluster(readState(dataDir)).catch((error) => instance.log(`cluster anterior: ${error.message}`));
	const postgresLink = fs.existsSync(paths.postgres) && fs.lstatSync(paths.postgres).isSymbolicLink() ? fs.realpathSync(paths.postgres) : undefined;
	if (postgresLink) fs.rmSync(postgresLink, { recursive: true, force: true });
	fs.rmSync(dataDir, { recursive: true, force: true });
	fs.mkdirSync(dataDir, { recursive: true });
	const ports = clusterPorts(basePort, workers);
	const state = {
		dataDir,
		ports,
		mainUrl: `http://127.0.0.1:${ports.main}`,
		webhookUrl: `http://127.0.0.1:${ports.webhook}`,
		redisUrl: `redis://127.0.0.1:${ports.redis}`,
		roles: roleNames(workers),
		extraEnv,
		pids: {},
	};
	writeState(state);
	instance.installPack(paths.pack);
	for (const role of state.roles) {
		fs.mkdirSync(path.join(paths.role(role), '.n8n'), { recursive: true });
		fs.symlinkSync(path.join(paths.pack, '.n8n', 'nodes'), path.join(paths.role(role), '.n8n', 'nodes'));
	}
	await startPostgres({ directory: paths.postgres, port: ports.postgres });
	const redis = await redisServer.startRedisServer({ port: ports.redis, directory: paths.redis, removeDirectory: false });
	redis.child.unref();
	writeState({ ...readState(dataDir), redisPid: redis.child.pid });
	await startRole(state, 'main');
	const { apiKey } = await instance.prepareOwner(state.mainUrl, paths.role('main'));
	state.apiKey = apiKey;
	writeState({ ...readState(dataDir), apiKey });
	// One at a time: four n8n booting at once on a 2-core machine take longer than one after another.
	for (const role of state.roles.slice(1)) await startRole(state, role);
	return readState(dataDir);
}

/** Stops every n8n process of the cluster (SIGTERM, then SIGKILL), then Redis and Postgres. */
async function stopCluster(state) {
	const current = fs.existsSync(clusterPaths(state.dataDir).stateFile) ? readState(state.dataDir) : state;
	await Promise.all(Object.keys(current.pids ?? {}).map((role) => stopRole(current, role, { timeoutMs: 20_000 })));
	if (current.redisPid && alive(current.redisPid)) {
		process.kill(current.redisPid, 'SIGTERM');
		for (let waited = 0; alive(current.redisPid) && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
	}
	stopPostgres(clusterPaths(state.dataDir).postgres);
}

/**
 * Error-level entries of the cluster's n8n logs (N8N_LOG_FORMAT=json): [{ role, message, line }], also
 * lines that are not JSON (a crash's stack trace) when they say "Error".
 */
function errorLogEntries(dataDir) {
	const paths = clusterPaths(dataDir);
	const entries = [];
	for (const role of readState(dataDir).roles) {
		const file = paths.log(role);
		if (!fs.existsSync(file)) continue;
		for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
			if (!line.trim()) continue;
			let parsed;
			try {
				parsed = JSON.parse(line);
			} catch {
				if (/\bError\b/.test(line)) entries.push({ role, message: line.trim().slice(0, 300), line });
				continue;
			}
			if (parsed.level === 'error') entries.push({ role, message: String(parsed.message).slice(0, 300), line });
		}
	}
	return entries;
}

/** Executions a worker's log says it started: n8n's "Worker started execution <id> (job <job>)". */
function executionsStartedBy(dataDir, role) {
	const file = clusterPaths(dataDir).log(role);
	if (!fs.existsSync(file)) return [];
	const ids = [];
	for (const match of fs.readFileSync(file, 'utf8').matchAll(/Worker started execution (\d+) \(job/g)) ids.push(match[1]);
	return ids;
}

module.exports = {
	ENCRYPTION_KEY,
	clusterPorts,
	clusterPaths,
	postgresBinDir,
	startPostgres,
	startCluster,
	stopCluster,
	startRole,
	stopRole,
	restartRole,
	readState,
	errorLogEntries,
	executionsStartedBy,
};
