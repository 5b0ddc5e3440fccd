// The shipped templates open tidy in the n8n editor: no node on top of another, no edge drawn behind a
// node, sticky notes (n8n-nodes-base.stickyNote) that explain the parts without covering each other.
// A node is a box at its position, 100 wide and, as n8n's canvas draws it, 100 high plus 32 for each
// output past the second; output i of n leaves the right side at (i + 1) / (n + 1) of that height. An
// edge is the straight line from that point to the middle of the target's left side (n8n draws a curve
// close to it). Sticky notes lie under the nodes: nodes and edges may cross them.
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

interface TemplateNode {
	name: string;
	type?: string;
	position: [number, number];
	parameters?: { content?: string; width?: number; height?: number };
}
interface Template {
	nodes: TemplateNode[];
	connections: Record<string, Record<string, Array<Array<{ node: string }> | null>>>;
}

const STICKY_NOTE = 'n8n-nodes-base.stickyNote';
const SIZE = 100;
const HANDLE_STEP = 32;
const MARGIN = 10;
const directory = join(__dirname, '../../workflows');
const templates = readdirSync(directory).filter((file) => file.endsWith('.json'));

/** Outputs of `name` as the canvas draws them: at least as many as its connections use. */
function outputCount(template: Template, name: string): number {
	const main = template.connections[name]?.main ?? [];
	return Math.max(1, main.length);
}

function heightOf(template: Template, name: string): number {
	return SIZE + Math.max(0, outputCount(template, name) - 2) * HANDLE_STEP;
}

/** The layout problems of `template`, as readable strings. */
function layoutProblems(template: Template): string[] {
	const nodes = template.nodes.filter((node) => node.type !== STICKY_NOTE);
	const byName = new Map(nodes.map((node) => [node.name, node]));
	const box = (node: TemplateNode) => ({ x: node.position[0], y: node.position[1], width: SIZE, height: heightOf(template, node.name) });
	const problems: string[] = [];
	nodes.forEach((a, index) => {
		for (const b of nodes.slice(index + 1)) {
			const [boxA, boxB] = [box(a), box(b)];
			if (boxA.x < boxB.x + boxB.width + 20 && boxB.x < boxA.x + boxA.width + 20 && boxA.y < boxB.y + boxB.height + 20 && boxB.y < boxA.y + boxA.height + 20) {
				problems.push(`"${a.name}" sobre "${b.name}"`);
			}
		}
	});
	for (const [source, outputs] of Object.entries(template.connections)) {
		const sourceBox = box(byName.get(source)!);
		(outputs.main ?? []).forEach((targets, outputIndex) => {
			for (const edge of targets ?? []) {
				const targetBox = box(byName.get(edge.node)!);
				const from = [sourceBox.x + SIZE, sourceBox.y + (sourceBox.height * (outputIndex + 1)) / (outputCount(template, source) + 1)];
				const to = [targetBox.x, targetBox.y + SIZE / 2];
				for (const node of nodes) {
					if (node.name === source || node.name === edge.node) continue;
					const other = box(node);
					for (let step = 0; step <= 100; step++) {
						const x = from[0] + ((to[0] - from[0]) * step) / 100;
						const y = from[1] + ((to[1] - from[1]) * step) / 100;
						if (x >= other.x - MARGIN && x <= other.x + other.width + MARGIN && y >= other.y - MARGIN && y <= other.y + other.height + MARGIN) {
							problems.push(`ligação "${source}" → "${edge.node}" atrás de "${node.name}"`);
							break;
						}
					}
				}
			}
		});
	}
	return problems;
}

/** Sticky notes that cover each other or say nothing. */
function stickyProblems(template: Template): string[] {
	const notes = template.nodes.filter((node) => node.type === STICKY_NOTE);
	const problems = notes.filter((note) => !note.parameters?.content?.trim()).map((note) => `nota "${note.name}" vazia`);
	notes.forEach((a, index) => {
		for (const b of notes.slice(index + 1)) {
			const [ax, ay, aw, ah] = [...a.position, a.parameters?.width ?? 240, a.parameters?.height ?? 160];
			const [bx, by, bw, bh] = [...b.position, b.parameters?.width ?? 240, b.parameters?.height ?? 160];
			if (ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah) problems.push(`nota "${a.name}" sobre "${b.name}"`);
		}
	});
	return problems;
}

describe('shipped templates layout', () => {
	it.each(templates)('%s: no node on top of another, no edge behind a node, sticky notes apart', (file) => {
		const template = JSON.parse(readFileSync(join(directory, file), 'utf8')) as Template;
		expect([...layoutProblems(template), ...stickyProblems(template)]).toEqual([]);
	});

	it('checks every shipped template', () => {
		expect(templates).toEqual(expect.arrayContaining(['boas-vindas.json', 'financeiro.json', 'comercial.json', 'suporte.json', 'acelerato.json', 'painel.json', 'relatorio.json', 'campanhas.json', 'status-logins-broadcast.json']));
	});

	it('finds a node on top of another and an edge behind a node', () => {
		const template: Template = {
			nodes: [
				{ name: 'A', position: [0, 0] },
				{ name: 'B', position: [500, 0] },
				{ name: 'C', position: [250, 0] },
				{ name: 'D', position: [260, 40] },
			],
			connections: { A: { main: [[{ node: 'B' }]] } },
		};
		expect(layoutProblems(template)).toEqual(['"C" sobre "D"', 'ligação "A" → "B" atrás de "C"', 'ligação "A" → "B" atrás de "D"']);
	});

	it("draws a lower output of a tall node from its own height: the 'Máximo de tentativas' edge that ran behind a card", () => {
		// A menu with 6 outputs is 228 high: output 5 leaves at y = 228 × 5/7 ≈ 163, straight into E's row.
		const template: Template = {
			nodes: [
				{ name: 'Menu', position: [0, 0] },
				{ name: 'E', position: [250, 150] },
				{ name: 'Fim', position: [500, 150] },
			],
			connections: { Menu: { main: [[], [], [], [], [{ node: 'Fim' }], []] } },
		};
		expect(layoutProblems(template)).toEqual(['ligação "Menu" → "Fim" atrás de "E"']);
	});

	it('lets nodes and edges lie on sticky notes, but not notes on notes or empty notes', () => {
		const template: Template = {
			nodes: [
				{ name: 'A', position: [0, 0] },
				{ name: 'B', position: [300, 0] },
				{ name: 'Nota 1', type: STICKY_NOTE, position: [-40, -80], parameters: { content: '## Parte A', width: 500, height: 300 } },
				{ name: 'Nota 2', type: STICKY_NOTE, position: [400, 100], parameters: { content: ' ', width: 300, height: 200 } },
			],
			connections: { A: { main: [[{ node: 'B' }]] } },
		};
		expect(layoutProblems(template)).toEqual([]);
		expect(stickyProblems(template)).toEqual(['nota "Nota 2" vazia', 'nota "Nota 1" sobre "Nota 2"']);
	});
});
