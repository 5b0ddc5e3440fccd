// The shipped templates open tidy in the n8n editor: no node on top of another, no edge drawn behind a
// node. Nodes are taken as 100×100 boxes at their position; an edge as the straight line from the
// source's right side to the target's left side (n8n draws a curve close to it).
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

interface TemplateNode {
	name: string;
	position: [number, number];
}
interface Template {
	nodes: TemplateNode[];
	connections: Record<string, Record<string, Array<Array<{ node: string }> | null>>>;
}

const SIZE = 100;
const MARGIN = 10;
const directory = join(__dirname, '../../workflows');
const templates = readdirSync(directory).filter((file) => file.endsWith('.json'));

/** The layout problems of `template`, as readable strings. */
function layoutProblems(template: Template): string[] {
	const position = new Map(template.nodes.map((node) => [node.name, node.position]));
	const problems: string[] = [];
	template.nodes.forEach((a, index) => {
		for (const b of template.nodes.slice(index + 1)) {
			if (Math.abs(a.position[0] - b.position[0]) < SIZE + 20 && Math.abs(a.position[1] - b.position[1]) < SIZE + 20) problems.push(`"${a.name}" sobre "${b.name}"`);
		}
	});
	for (const [source, outputs] of Object.entries(template.connections)) {
		for (const edge of Object.values(outputs).flat().flatMap((targets) => targets ?? [])) {
			const [sx, sy] = position.get(source)!;
			const [tx, ty] = position.get(edge.node)!;
			const from = [sx + SIZE, sy + SIZE / 2];
			const to = [tx, ty + SIZE / 2];
			for (const node of template.nodes) {
				if (node.name === source || node.name === edge.node) continue;
				const [nx, ny] = node.position;
				for (let step = 0; step <= 100; step++) {
					const x = from[0] + ((to[0] - from[0]) * step) / 100;
					const y = from[1] + ((to[1] - from[1]) * step) / 100;
					if (x >= nx - MARGIN && x <= nx + SIZE + MARGIN && y >= ny - MARGIN && y <= ny + SIZE + MARGIN) {
						problems.push(`ligação "${source}" → "${edge.node}" atrás de "${node.name}"`);
						break;
					}
				}
			}
		}
	}
	return problems;
}

describe('shipped templates layout', () => {
	it.each(templates)('%s: no node on top of another, no edge behind a node', (file) => {
		expect(layoutProblems(JSON.parse(readFileSync(join(directory, file), 'utf8')) as Template)).toEqual([]);
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
});
