// Where one e2e run keeps its n8n: per port, so runs on different E2E_N8N_PORTs never share a folder.
import { join } from 'path';

export const E2E_PORT = Number(process.env.E2E_N8N_PORT ?? 5690);
const TEST_DATA = join(__dirname, '..', '..', '.test-data');

/** Data folder of the run's n8n (wiped at the start of the run). */
export const E2E_DATA_DIR = join(TEST_DATA, E2E_PORT === 5690 ? 'n8n' : `n8n-${E2E_PORT}`);
/** Connection details of the run's n8n, written by global-setup.ts. */
export const E2E_STATE_FILE = join(TEST_DATA, E2E_PORT === 5690 ? 'e2e-state.json' : `e2e-state-${E2E_PORT}.json`);

/**
 * Settings of the run's n8n: every test client comes from 127.0.0.1, so the cap on new web chat
 * sessions per IP (20 a minute by default) is raised past what a suite opens on one trigger.
 */
export const E2E_N8N_ENV = { ATENDIMENTO_WEBCHAT_SESSOES_POR_MINUTO: '1000' };
