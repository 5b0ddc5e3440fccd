/**
 * What `npm pack` ships, i.e. what n8n installs: the compiled nodes and credentials with their icons
 * and codex files, the compiled web chat and desk clients, index.js, the workflow templates, README, LICENSE
 * and package.json. No tests, simulators, TypeScript sources, declarations or source maps.
 *
 * Reads the build in dist/ (scripts/test.sh builds before running jest); without one the suite is
 * skipped, with the reason on the console.
 */
import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

import { compilePainelClient } from '../support/painel-client-script';
import { compileWebchatClient } from '../support/webchat-client-script';

const root = join(__dirname, '..', '..');
const built = existsSync(join(root, 'dist', 'nodes'));
if (!built) console.warn('package-contents: sem dist/ — rode `npm run build` (o scripts/test.sh já roda) para verificar o conteúdo do pacote.');

interface PackageJson {
	name: string;
	version: string;
	main: string;
	n8n: { nodes: string[]; credentials: string[] };
}

interface PackResult {
	name: string;
	version: string;
	filename: string;
	unpackedSize: number;
	files: Array<{ path: string }>;
}

/** What `npm pack --dry-run --json` reports: the tarball's name and version and the files it would hold. */
function dryRunPack(): PackResult {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
	return (JSON.parse(output) as PackResult[])[0];
}

/** Source files under `dir` (relative to the repository root) whose name matches `pattern`. */
function sources(dir: string, pattern: RegExp): string[] {
	return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
		.map((name) => relative(root, join(root, dir, name)).split('\\').join('/'))
		.filter((path) => pattern.test(path));
}

(built ? describe : describe.skip)('npm pack', () => {
	let files: Set<string>;
	let pack: PackResult;
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;

	beforeAll(() => {
		pack = dryRunPack();
		files = new Set(pack.files.map((file) => file.path));
	}, 60_000);

	it('packs the package.json name and version as <name>-<version>.tgz, the file the README installs', () => {
		expect(pack.name).toBe('n8n-nodes-atendimento');
		expect(pack.version).toBe(pkg.version);
		expect(pack.filename).toBe(`${pkg.name}-${pkg.version}.tgz`);
		// What n8n downloads and unpacks: the build, not the repository (~1.5 MB today).
		expect(pack.unpackedSize).toBeLessThan(5_000_000);
	});

	it('ships every node and credential that package.json registers, and the entry point', () => {
		const registered = [...pkg.n8n.nodes, ...pkg.n8n.credentials, pkg.main];
		expect(registered.length).toBeGreaterThan(30);
		expect(registered.filter((path) => !files.has(path))).toEqual([]);
	});

	it('ships every icon and codex file next to its compiled node or credential', () => {
		const assets = [...sources('nodes', /\.(svg|png)$|\.node\.json$/), ...sources('credentials', /\.(svg|png)$/)];
		expect(assets.length).toBeGreaterThan(30);
		expect(assets.map((path) => `dist/${path}`).filter((path) => !files.has(path))).toEqual([]);
	});

	it('ships every workflow template, README and LICENSE', () => {
		const templates = sources('workflows', /\.json$/);
		expect(templates.length).toBeGreaterThan(0);
		expect([...templates, 'README.md', 'LICENSE', 'package.json'].filter((path) => !files.has(path))).toEqual([]);
	});

	it('ships the compiled web chat client, the same text the tests compile', () => {
		const client = 'dist/nodes/shared/channels/webchat/client/webchat.client.js';
		expect(files.has(client)).toBe(true);
		expect(readFileSync(join(root, client), 'utf8')).toBe(compileWebchatClient());
	});

	it('ships the compiled desk (Painel do Atendente) client, the same text the tests compile', () => {
		const client = 'dist/nodes/PainelAtendimento/client/painel.client.js';
		expect(files.has(client)).toBe(true);
		expect(readFileSync(join(root, client), 'utf8')).toBe(compilePainelClient());
	});

	it('ships nothing else: no tests, simulators, sources, declarations or source maps', () => {
		const topLevel = new Set(['index.js', 'README.md', 'LICENSE', 'package.json']);
		const unexpected = [...files].filter(
			(path) =>
				!(topLevel.has(path) || /^dist\/(nodes|credentials)\//.test(path) || /^workflows\/[^/]+\.(json|md)$/.test(path)) ||
				/\.(test|spec)\.|\.contract\.|(^|\/)(test|tests|__tests__|simulators?)\//.test(path) ||
				/\.(ts|map)$/.test(path),
		);
		expect(unexpected).toEqual([]);
	});
});

describe('release', () => {
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;

	it('has a semantic version with its own section in the CHANGELOG (Keep a Changelog)', () => {
		expect(pkg.version).toMatch(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/);
		const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
		expect(changelog).toMatch(/^## \[Não lançado\]$/m);
		expect(changelog).toMatch(new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
		expect(changelog).toContain(`[${pkg.version}]: https://github.com/`);
	});

	it('publishes from a v* tag after the CI tests, with npm provenance (id-token: write)', () => {
		const workflow = readFileSync(join(root, '.github', 'workflows', 'release.yml'), 'utf8');
		expect(workflow).toMatch(/on:\s+push:\s+tags:\s+- 'v\*'/);
		expect(workflow).toMatch(/^\s+id-token: write$/m);
		const steps = ['npm ci', 'bash .ci/run', 'npm run build', 'npm publish --provenance --access public'].map((step) => workflow.indexOf(`run: ${step}`));
		expect(steps.every((index) => index > 0)).toBe(true);
		expect([...steps].sort((a, b) => a - b)).toEqual(steps);
	});
});
