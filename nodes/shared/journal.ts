import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync } from 'fs';

/** Journal lines before a compaction is considered (and it happens only when most lines are stale). */
export const COMPACT_AFTER_LINES = 20_000;
/** A snapshot is written in chunks of this many lines (no single string of the whole state). */
const SNAPSHOT_CHUNK_LINES = 1_000;

/**
 * An append-only journal of JSON lines: the local stores (conversations, broadcast queue) keep their
 * state in memory and append every change here; at start-up the journal is replayed, and when it
 * has grown mostly stale it is replaced by a snapshot of the live state.
 *
 * Crash safety: a line is written with one `write` call, so a crash can only cut the last line, which
 * `replay` skips (every earlier line is intact); a snapshot is written to a temporary file and renamed
 * over the journal, so a crash leaves either the old journal or the new one.
 */
export class Journal<Line> {
	/** Open for appending once something is written; closed by a snapshot (the file is replaced). */
	private descriptor?: number;
	private written = 0;

	constructor(
		readonly path: string,
		private readonly compactAfterLines = COMPACT_AFTER_LINES,
	) {}

	/** Lines in the file (since the last snapshot, plus the snapshot's). */
	get lines(): number {
		return this.written;
	}

	/** Calls `apply` with every intact line, in order (a line cut by a crash mid-write is skipped). */
	replay(apply: (line: Line) => void): void {
		if (!existsSync(this.path)) return;
		for (const raw of readFileSync(this.path, 'utf8').split('\n')) {
			if (!raw) continue;
			let line: Line;
			try {
				line = JSON.parse(raw) as Line;
			} catch {
				continue; // a line cut by a crash mid-write: every earlier line is intact
			}
			this.written++;
			apply(line);
		}
	}

	append(...lines: Line[]): void {
		if (lines.length === 0) return;
		this.descriptor ??= openSync(this.path, 'a');
		writeSync(this.descriptor, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
		this.written += lines.length;
	}

	/** Whether the journal has grown past the threshold with at most a quarter of its lines live. */
	isStale(liveRecords: number): boolean {
		return this.written > this.compactAfterLines && this.written > 4 * liveRecords;
	}

	/** Replaces the journal with `lines`, the live state (temporary file, then rename). */
	rewrite(lines: Iterable<Line>): void {
		const temporary = `${this.path}.tmp`;
		const descriptor = openSync(temporary, 'w');
		let count = 0;
		try {
			let chunk: string[] = [];
			for (const line of lines) {
				chunk.push(JSON.stringify(line));
				count++;
				if (chunk.length >= SNAPSHOT_CHUNK_LINES) {
					writeSync(descriptor, chunk.join('\n') + '\n');
					chunk = [];
				}
			}
			if (chunk.length > 0) writeSync(descriptor, chunk.join('\n') + '\n');
		} finally {
			closeSync(descriptor);
		}
		renameSync(temporary, this.path);
		this.close();
		this.written = count;
	}

	close(): void {
		if (this.descriptor === undefined) return;
		closeSync(this.descriptor);
		this.descriptor = undefined;
	}
}
