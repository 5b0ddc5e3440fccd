// Stops the cluster of the run (also the processes a test restarted: their pids are in the state file) and
// prints what n8n logged at error level during the run, grouped by process and first line (numbers as #); the full lines
// stay in <data folder>/erros.txt.
import { writeFileSync } from 'fs';
import { join } from 'path';

import { SCALE_DATA_DIR } from './paths';

const cluster = require('../../scripts/lib/n8n-cluster.js');

export default async function globalTeardown(): Promise<void> {
	const entries = cluster.errorLogEntries(SCALE_DATA_DIR) as Array<{ role: string; message: string; line: string }>;
	const counts = new Map<string, number>();
	for (const entry of entries) {
		// "execution 457", "job 678": grouped as one kind of error
		const key = `${entry.role}: ${entry.message.split('\n')[0].replace(/\d+/g, '#')}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	writeFileSync(join(SCALE_DATA_DIR, 'erros.txt'), entries.map((entry) => `${entry.role} ${entry.line}`).join('\n'));
	const summary = [...counts].map(([key, count]) => `  ${count}× ${key}`).join('\n');
	process.stderr.write(`\n[scale] erros no log do n8n (${entries.length}):\n${summary || '  nenhum'}\n`);
	await cluster.stopCluster(cluster.readState(SCALE_DATA_DIR));
}
