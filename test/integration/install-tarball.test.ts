/**
 * The README's manual install, run exactly as written: `npm pack` of the build, then the README's
 * "instalar-tgz" block (mkdir ~/.n8n/nodes … npm install --omit=dev --omit=peer --ignore-scripts <tgz>)
 * in a fresh HOME, with only the tarball's path swapped in. Then the installed copy is loaded with
 * n8n-core's PackageDirectoryLoader, the loader n8n uses for community packages, with n8n's own modules
 * on NODE_PATH (what n8n's LoadNodesAndCredentials.init does, so the omitted `n8n-workflow` peer resolves
 * to the host's). Needs `npm run build` done (as `npm test` does) and the npm registry (the pack's
 * dependencies, ioredis and luxon).
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { homedir, tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; n8n: { nodes: string[]; credentials: string[] } };

jest.setTimeout(300_000);

/** The bash block right after the `<!-- instalar-tgz` marker in the README. */
function readmeInstallBlock(): string {
	const readme = readFileSync(join(root, 'README.md'), 'utf8');
	const match = /<!-- instalar-tgz[^\n]*-->\n```bash\n([\s\S]*?)\n```/.exec(readme);
	if (!match) throw new Error('README sem o bloco <!-- instalar-tgz --> seguido de ```bash');
	return match[1];
}

/** Loads the package in `argv[1]` as n8n does and prints the node and credential type names. */
const LOAD_PACKAGE = `
const { PackageDirectoryLoader } = require(process.argv[2]);
const loader = new PackageDirectoryLoader(process.argv[1]);
loader.loadAll().then(() => {
	process.stdout.write(JSON.stringify({ nodes: loader.types.nodes.map((n) => n.name), credentials: loader.types.credentials.map((c) => c.name) }));
}, (error) => {
	console.error(error);
	process.exit(1);
});
`;

let home: string;

beforeAll(() => {
	if (!existsSync(join(root, 'dist', 'nodes'))) throw new Error('dist/ ausente: rode `npm run build` antes deste teste');
	home = mkdtempSync(join(tmpdir(), 'atendimento-install-'));
});

afterAll(() => {
	if (home) rmSync(home, { recursive: true, force: true });
});

test('the README names the tarball npm pack makes for this version', () => {
	expect(readmeInstallBlock()).toContain(`/caminho/para/${pkg.name}-${pkg.version}.tgz`);
});

test("the README's install block installs the packed tarball into ~/.n8n/nodes, and n8n's loader loads every node and credential from there", () => {
	const packDir = join(home, 'pacote');
	execFileSync('mkdir', ['-p', packDir]);
	const tarball = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()!;
	const script = readmeInstallBlock().replace(/\/caminho\/para\/\S+\.tgz/, join(packDir, tarball));

	execFileSync('bash', ['-euo', 'pipefail', '-c', script], {
		cwd: home,
		// A fresh HOME is a clean machine's ~/.n8n; npm keeps its usual cache (already-downloaded dependencies).
		env: { ...process.env, HOME: home, npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm'), npm_config_prefer_offline: 'true' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});

	const nodesDir = join(home, '.n8n', 'nodes');
	const installed = join(nodesDir, 'node_modules', pkg.name);
	expect(existsSync(join(installed, 'package.json'))).toBe(true);
	expect(JSON.parse(readFileSync(join(nodesDir, 'package.json'), 'utf8')).dependencies[pkg.name]).toMatch(/\.tgz$/);
	// The peer is n8n's own: no second n8n-workflow, and nothing of what it pulls (isolated-vm, which fails to build on Node 20).
	expect(existsSync(join(nodesDir, 'node_modules', 'n8n-workflow'))).toBe(false);
	expect(existsSync(join(nodesDir, 'node_modules', 'isolated-vm'))).toBe(false);
	expect(existsSync(join(nodesDir, 'node_modules', 'luxon'))).toBe(true);

	const output = execFileSync(process.execPath, ['-e', LOAD_PACKAGE, installed, require.resolve('n8n-core', { paths: [root] })], {
		cwd: home,
		encoding: 'utf8',
		env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
	});
	const loaded = JSON.parse(output) as { nodes: string[]; credentials: string[] };
	const baseName = (path: string) => path.split('/').pop()!.replace(/\.(node|credentials)\.js$/, '');
	expect(loaded.nodes).toHaveLength(pkg.n8n.nodes.length);
	expect(loaded.credentials).toHaveLength(pkg.n8n.credentials.length);
	expect(loaded.nodes).toEqual(expect.arrayContaining(['atendimentoTrigger', 'executarFluxo', 'segundaVia']));
	expect(loaded.credentials.map((name) => name.toLowerCase())).toEqual(pkg.n8n.credentials.map((path) => baseName(path).toLowerCase()));
});
