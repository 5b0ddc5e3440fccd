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
	main: string;
	n8n: { nodes: string[]; credentials: string[] };
}

/** Paths of the files `npm pack` would put in the tarball. */
function packedFiles(): string[] {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
	const [pack] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
	return pack.files.map((file) => file.path);
}

/** Source files under `dir` (relative to the repository root) whose name matches `pattern`. */
function sources(dir: string, pattern: RegExp): string[] {
	return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
		.map((name) => relative(root, join(root, dir, name)).split('\\').join('/'))
		.filter((path) => pattern.test(path));
}

(built ? describe : describe.skip)('npm pack', () => {
	let files: Set<string>;
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;

	beforeAll(() => {
		files = new Set(packedFiles());
	}, 60_000);

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
