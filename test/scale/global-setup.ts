// Starts one real n8n queue-mode cluster for the whole scale run: Postgres, Redis, main, webhook
// processor and two workers (scripts/lib/n8n-cluster.js). Tests read it from the state file.
import { SCALE_BASE_PORT, SCALE_DATA_DIR } from './paths';

const cluster = require('../../scripts/lib/n8n-cluster.js');

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	await cluster.startCluster({ dataDir: SCALE_DATA_DIR, basePort: SCALE_BASE_PORT });
	process.stderr.write(`\n[scale] cluster pronto em ${Math.round((Date.now() - started) / 1000)} s (${SCALE_DATA_DIR})\n`);
}
