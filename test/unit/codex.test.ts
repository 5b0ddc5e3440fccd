/**
 * The codex files (`<Node>.node.json` next to each node) are what n8n's node panel searches and groups by:
 * n8n's loader (n8n-core `DirectoryLoader.getCodex`) copies `categories`, `subcategories`, `alias` and
 * `resources` from the file into the node's description, and the panel's search matches the typed words
 * against `displayName` and `codex.alias`. So every card needs the alias "atendimento" (the README tells
 * users to search for it) and the pack's one category layout (docs/arquitetura.md §16).
 *
 * The last suite loads the build in dist/ with n8n-core's own PackageDirectoryLoader, the loader n8n uses
 * for an installed community package, in a plain Node process (inside jest every compiled file would go
 * through ts-jest first); without a build it is skipped, with the reason on the console.
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[] } };

/** The category every card is filed under, and the groups (subcategories) inside it. */
const PACK_CATEGORY = 'Atendimento';
const CATEGORIES = ['Communication', PACK_CATEGORY];
const GROUPS = ['Gatilhos', 'Conversa', 'Fluxo', 'ERP', 'Disparos', 'Painel e relatórios'];
const SHARED_ALIASES = ['atendimento', 'chatbot', 'bot'];

interface Codex {
	node?: string;
	categories?: string[];
	subcategories?: Record<string, string[]>;
	alias?: string[];
	resources?: { primaryDocumentation?: Array<{ url: string }> };
}

/** `dist/nodes/X/X.node.js` → `nodes/X/X.node` (source path without extension). */
const sourceOf = (registered: string): string => registered.replace(/^dist\//, '').replace(/\.js$/, '');

const registered = pkg.n8n.nodes.map((path) => {
	const source = sourceOf(path);
	const codexPath = join(root, `${source}.json`);
	return { path, source, codexPath, codex: existsSync(codexPath) ? (JSON.parse(readFileSync(codexPath, 'utf8')) as Codex) : undefined };
});

describe('codex files of the registered nodes', () => {
	it('reads every node package.json registers', () => {
		expect(registered.length).toBeGreaterThan(30);
	});

	it.each(registered.map((node) => [node.source, node] as const))('%s has a codex with the shared layout', (_source, node) => {
		expect(node.codex).toBeDefined();
		const codex = node.codex!;
		expect(codex.node).toMatch(new RegExp(`^${pkg.name}\\.[a-z][A-Za-z]+$`));
		// getCodex destructures `resources`: without it n8n drops the whole codex (no alias, no category).
		expect(codex.resources?.primaryDocumentation?.[0]?.url).toMatch(/^https:\/\//);

		expect(codex.categories).toEqual(CATEGORIES);
		expect(Object.keys(codex.subcategories ?? {})).toEqual([PACK_CATEGORY]);
		expect(codex.subcategories?.[PACK_CATEGORY]).toHaveLength(1);
		expect(GROUPS).toContain(codex.subcategories?.[PACK_CATEGORY][0]);

		expect(codex.alias).toEqual(expect.arrayContaining(SHARED_ALIASES));
		const aliases = codex.alias ?? [];
		expect(aliases.length).toBeGreaterThan(SHARED_ALIASES.length);
		expect(aliases.filter((alias) => alias !== alias.trim().toLowerCase() || alias === '')).toEqual([]);
		expect(new Set(aliases).size).toBe(aliases.length);
	});

	it('fills every group with at least one card', () => {
		const used = new Set(registered.map((node) => node.codex?.subcategories?.[PACK_CATEGORY]?.[0]));
		expect(GROUPS.filter((group) => !used.has(group))).toEqual([]);
	});

	it.each([
		['nodes/EnviarPergunta/EnviarPergunta.node', ['menu', 'pergunta', 'opções', 'botões', 'question']],
		['nodes/SegundaVia/SegundaVia.node', ['boleto', 'pix', 'fatura', '2ª via', 'invoice', 'erp', 'ixc']],
		['nodes/PainelAtendimento/PainelAtendimento.node', ['desk', 'atendente', 'agent', 'inbox']],
		['nodes/TransferirAtendimento/TransferirAtendimento.node', ['humano', 'transfer', 'handoff']],
		['nodes/AgenteVirtual/AgenteVirtual.node', ['ia', 'ai', 'gpt', 'llm']],
		['nodes/GatilhosPalavraChave/GatilhosPalavraChave.node', ['palavra-chave', 'keyword', 'acelerato']],
		['nodes/EnfileirarEnvio/EnfileirarEnvio.node', ['whatsapp', 'disparo']],
	])('%s is found by the words users type', (source, words) => {
		const node = registered.find((candidate) => candidate.source === source);
		expect(node?.codex?.alias).toEqual(expect.arrayContaining(words));
	});
});

const built = existsSync(join(root, 'dist', 'nodes'));
if (!built) console.warn('codex: sem dist/ — rode `npm run build` para verificar o codex como o n8n o carrega.');

/** Loads the package in `argv[1]` as n8n does and prints each node's name and codex as JSON. */
const LOAD_PACKAGE = `
const { PackageDirectoryLoader } = require('n8n-core');
const loader = new PackageDirectoryLoader(process.argv[1]);
loader.loadAll().then(() => {
	process.stdout.write(JSON.stringify(loader.types.nodes.map(({ name, codex }) => ({ name, codex }))));
}, (error) => {
	console.error(error);
	process.exit(1);
});
`;

(built ? describe : describe.skip)('codex as n8n loads the built package', () => {
	it('is the codex file of each node, under the node\'s own name', () => {
		const output = execFileSync(process.execPath, ['-e', LOAD_PACKAGE, root], { cwd: root, encoding: 'utf8' });
		const loaded = (JSON.parse(output) as Array<{ name: string; codex: unknown }>).map(({ name, codex }) => ({ name: `${pkg.name}.${name}`, codex }));
		// n8n reads `description.codex` of the class before the file: a codex in a class would hide the file's.
		const expected = registered.map(({ codex }) => ({
			name: codex?.node,
			codex: {
				categories: codex?.categories,
				subcategories: codex?.subcategories,
				alias: codex?.alias,
				resources: { primaryDocumentation: codex?.resources?.primaryDocumentation },
			},
		}));
		expect(loaded).toEqual(expected);
	}, 60_000);
});
