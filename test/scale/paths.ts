// Where one scale run keeps its cluster: per base port, so runs on different SCALE_N8N_PORTs never share a folder.
import { join } from 'path';

/**
 * Base port of the cluster: main = base, webhook processor base+1, workers base+2 and base+3, Postgres
 * base+47, Redis base+48, task-runner brokers +100 (scripts/lib/n8n-cluster.js). The default keeps clear of
 * the e2e n8n (5690/5790).
 */
export const SCALE_BASE_PORT = Number(process.env.SCALE_N8N_PORT ?? 5720);
/** Data folder of the run's cluster (wiped at the start of the run). */
export const SCALE_DATA_DIR = join(__dirname, '..', '..', '.test-data', SCALE_BASE_PORT === 5720 ? 'scale' : `scale-${SCALE_BASE_PORT}`);
