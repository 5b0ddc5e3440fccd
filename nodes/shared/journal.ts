import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, renameSync, writeSync } from 'fs';

/** Journal lines before a compaction is considered (and it happens only when most lines are stale). */
export const COMPACT_AFTER_LINES = 20_000;
/** A snapshot is written in chunks of this many lines (no single string of the whole state). */
const SNAPSHOT_CHUNK_LINES = 1_000;

/** Where a line lies in the journal file: its first byte and its length in bytes (without the newline). */
export interface LinePosition {
	offset: number;
	length: number;
}

/** A line given to `rewrite` as the JSON text it already has (copied from the current file by `readAt`). */
export class RawLine {
	/** `key`: the caller's name for the line, handed back to `rewrite`'s `placed`. */
	constructor(
		readonly text: string,
		readonly key?: string,
	) {}
}

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
	/** Size of the file while it is open for appending (the offset of the next line). */
	private size = 0;
	/** Open for `readAt` once something is read; closed when the file is replaced. */
	private reader?: number;
	private written = 0;

	constructor(
		readonly path: string,
		private readonly compactAfterLines = COMPACT_AFTER_LINES,
	) {}

	/** Lines in the file (since the last snapshot, plus the snapshot's). */
	get lines(): number {
		return this.written;
	}

	/** Calls `apply` with every intact line and its position, in order (a line cut by a crash mid-write is skipped). */
	replay(apply: (line: Line, position: LinePosition) => void): void {
		if (!existsSync(this.path)) return;
		let offset = 0;
		for (const raw of readFileSync(this.path, 'utf8').split('\n')) {
			const length = Buffer.byteLength(raw);
			const position = { offset, length };
			offset += length + 1;
			if (!raw) continue;
			let line: Line;
			try {
				line = JSON.parse(raw) as Line;
			} catch {
				continue; // a line cut by a crash mid-write: every earlier line is intact
			}
			this.written++;
			apply(line, position);
		}
	}

	/** Appends `lines` with one write; returns where each one lies in the file. */
	append(...lines: Line[]): LinePosition[] {
		if (lines.length === 0) return [];
		if (this.descriptor === undefined) {
			this.descriptor = openSync(this.path, 'a');
			this.size = fstatSync(this.descriptor).size;
		}
		const texts = lines.map((line) => JSON.stringify(line));
		const positions: LinePosition[] = [];
		let offset = this.size;
		for (const text of texts) {
			const length = Buffer.byteLength(text);
			positions.push({ offset, length });
			offset += length + 1;
		}
		writeSync(this.descriptor, texts.join('\n') + '\n');
		this.size = offset;
		this.written += lines.length;
		return positions;
	}

	/** The text of the line at `position` (as `append`, `replay` or `rewrite` gave it) in the current file. */
	readAt(position: LinePosition): string {
		this.reader ??= openSync(this.path, 'r');
		const buffer = Buffer.alloc(position.length);
		let read = 0;
		while (read < position.length) {
			const count = readSync(this.reader, buffer, read, position.length - read, position.offset + read);
			if (count === 0) throw new Error(`diário ${this.path} terminou antes da linha em ${position.offset} (+${position.length} bytes)`);
			read += count;
		}
		return buffer.toString('utf8');
	}

	/** Whether the journal has grown past the threshold with at most a quarter of its lines live. */
	isStale(liveRecords: number): boolean {
		return this.written > this.compactAfterLines && this.written > 4 * liveRecords;
	}

	/**
	 * Replaces the journal with `lines`, the live state (temporary file, then rename). `lines` may
	 * read the current file (`readAt`) while they are written; `placed` learns each line's position
	 * in the new file once it has replaced the old one.
	 */
	rewrite(lines: Iterable<Line | RawLine>, placed?: (line: Line | RawLine, position: LinePosition) => void): void {
		const temporary = `${this.path}.tmp`;
		const descriptor = openSync(temporary, 'w');
		const positions: Array<[Line | RawLine, LinePosition]> = [];
		let count = 0;
		let offset = 0;
		try {
			let chunk: string[] = [];
			for (const line of lines) {
				const text = line instanceof RawLine ? line.text : JSON.stringify(line);
				const length = Buffer.byteLength(text);
				if (placed) positions.push([line, { offset, length }]);
				offset += length + 1;
				chunk.push(text);
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
		for (const [line, position] of positions) placed!(line, position);
	}

	close(): void {
		if (this.reader !== undefined) {
			closeSync(this.reader);
			this.reader = undefined;
		}
		if (this.descriptor === undefined) return;
		closeSync(this.descriptor);
		this.descriptor = undefined;
	}
}
