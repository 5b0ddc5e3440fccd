import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { Journal, RawLine, type LinePosition } from './journal';

type Line = { n: number; s?: string };

let directory: string;
beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'journal-'));
});
afterEach(() => {
	rmSync(directory, { recursive: true, force: true });
});

function replayed(path: string): Line[] {
	const lines: Line[] = [];
	new Journal<Line>(path).replay((line) => lines.push(line));
	return lines;
}

describe('Journal', () => {
	it('replays appended lines in order, and nothing when the file does not exist', () => {
		const path = join(directory, 'diario.jsonl');
		expect(replayed(path)).toEqual([]);
		const journal = new Journal<Line>(path);
		journal.append({ n: 1 });
		journal.append({ n: 2 }, { n: 3 });
		journal.append();
		journal.close();
		expect(replayed(path)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
		expect(journal.lines).toBe(3);
	});

	it('skips a last line cut by a crash mid-write and keeps appending after it', () => {
		const path = join(directory, 'diario.jsonl');
		const journal = new Journal<Line>(path);
		journal.append({ n: 1 }, { n: 2 });
		journal.close();
		appendFileSync(path, '{"n":3');

		const reopened = new Journal<Line>(path);
		const lines: Line[] = [];
		reopened.replay((line) => lines.push(line));
		expect(lines).toEqual([{ n: 1 }, { n: 2 }]);
		expect(reopened.lines).toBe(2);
		reopened.rewrite(lines);
		reopened.append({ n: 4 });
		reopened.close();
		expect(replayed(path)).toEqual([{ n: 1 }, { n: 2 }, { n: 4 }]);
	});

	it('rewrites the file as a snapshot through a temporary file, then appends to the new file', () => {
		const path = join(directory, 'diario.jsonl');
		const journal = new Journal<Line>(path);
		for (let n = 0; n < 2_500; n++) journal.append({ n });
		journal.rewrite(
			(function* () {
				for (let n = 0; n < 2_345; n++) yield { n: -n };
			})(),
		);
		expect(journal.lines).toBe(2_345);
		expect(existsSync(`${path}.tmp`)).toBe(false);
		journal.append({ n: 7 });
		journal.close();
		const lines = readFileSync(path, 'utf8').trim().split('\n');
		expect(lines).toHaveLength(2_346);
		expect(lines.at(-1)).toBe('{"n":7}');
		expect(lines[1]).toBe('{"n":-1}');
	});

	it('is stale past the threshold when fewer than a quarter of its lines are live', () => {
		const journal = new Journal<Line>(join(directory, 'diario.jsonl'), 10);
		for (let n = 0; n < 10; n++) journal.append({ n });
		expect(journal.isStale(0)).toBe(false); // not past the threshold
		journal.append({ n: 10 });
		expect(journal.isStale(2)).toBe(true);
		expect(journal.isStale(3)).toBe(false); // 11 lines, 3 live: more than a quarter
		journal.close();
	});

	it('tells where each line lies: appended, replayed and rewritten lines are read back by position (multi-byte text too)', () => {
		const path = join(directory, 'diario.jsonl');
		const journal = new Journal<Line>(path);
		const [first, second] = journal.append({ n: 1, s: 'ação' }, { n: 2 });
		journal.close();
		const reopened = new Journal<Line>(path);
		const replayedPositions: LinePosition[] = [];
		reopened.replay((_line, position) => replayedPositions.push(position));
		expect(replayedPositions).toEqual([first, second]);
		const [third] = reopened.append({ n: 3, s: 'é' });
		expect(JSON.parse(reopened.readAt(first))).toEqual({ n: 1, s: 'ação' });
		expect(JSON.parse(reopened.readAt(third))).toEqual({ n: 3, s: 'é' });

		// A snapshot copies a line as text read from the old file; `placed` gives its new position.
		const placed = new Map<string, LinePosition>();
		reopened.rewrite([{ n: 0 }, new RawLine(reopened.readAt(third), 'terceira'), new RawLine(reopened.readAt(first), 'primeira')], (line, position) => {
			if (line instanceof RawLine) placed.set(line.key!, position);
		});
		expect(JSON.parse(reopened.readAt(placed.get('primeira')!))).toEqual({ n: 1, s: 'ação' });
		expect(JSON.parse(reopened.readAt(placed.get('terceira')!))).toEqual({ n: 3, s: 'é' });
		const [fourth] = reopened.append({ n: 4 });
		expect(JSON.parse(reopened.readAt(fourth))).toEqual({ n: 4 });
		reopened.close();
		expect(replayed(path)).toEqual([{ n: 0 }, { n: 3, s: 'é' }, { n: 1, s: 'ação' }, { n: 4 }]);
	});
});
