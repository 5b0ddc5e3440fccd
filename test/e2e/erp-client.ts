// ERP simulators and "ERP do Provedor" credentials for e2e tests: one call gives a running simulator
// and the `credentials` field of an ERP card pointing at it.
import type { ErpCredentials } from '../../nodes/shared/erp/credentials';
import type { ErpSystem } from '../../nodes/shared/erp/types';
import { CONTROLLR_TEST_CREDENTIALS, startControllrSimulator } from '../simulators/controllr';
import { startHubsoftSimulator, HUBSOFT_TEST_CREDENTIALS } from '../simulators/hubsoft';
import { ISPFY_TEST_TOKEN, startIspfySimulator } from '../simulators/ispfy';
import { startIxcSimulator, IXC_TEST_TOKEN } from '../simulators/ixc';
import { RBX_TEST_CREDENTIALS, startRbxSimulator } from '../simulators/rbx';
import { MKAUTH_TEST_CREDENTIALS, startMkAuthSimulator } from '../simulators/mkauth';
import { MKSOLUTIONS_TEST_CREDENTIALS, startMkSolutionsSimulator } from '../simulators/mksolutions';
import { SGP_TEST_CREDENTIALS, startSgpSimulator } from '../simulators/sgp';
import { startVoalleSimulator, VOALLE_TEST_CREDENTIALS } from '../simulators/voalle';
import type { Simulator } from '../simulators/base';
import { createCredential } from './n8n-client';

export type SimulatedErp = Exclude<ErpSystem, 'receitanet'>;

/** Credential data of the "ERP do Provedor" pointed at a simulator of `system`. */
export function simulatorCredentialData(system: SimulatedErp, url: string): ErpCredentials {
	const base = { system, baseUrl: url, timeoutSeconds: 5 };
	switch (system) {
		case 'ixc':
			return { ...base, ixcToken: IXC_TEST_TOKEN };
		case 'sgp':
			return { ...base, sgpAuthMode: 'tokenApp', sgpToken: SGP_TEST_CREDENTIALS.token, sgpApp: SGP_TEST_CREDENTIALS.app };
		case 'hubsoft':
			return {
				...base,
				hubsoftClientId: HUBSOFT_TEST_CREDENTIALS.client_id,
				hubsoftClientSecret: HUBSOFT_TEST_CREDENTIALS.client_secret,
				hubsoftUser: HUBSOFT_TEST_CREDENTIALS.username,
				hubsoftPassword: HUBSOFT_TEST_CREDENTIALS.password,
			};
		case 'ispfy':
			return { ...base, ispfyToken: ISPFY_TEST_TOKEN };
		case 'mkauth':
			return { ...base, mkauthClientId: MKAUTH_TEST_CREDENTIALS.clientId, mkauthClientSecret: MKAUTH_TEST_CREDENTIALS.clientSecret };
		case 'rbx':
			return { ...base, rbxApiKey: RBX_TEST_CREDENTIALS.key, rbxUser: RBX_TEST_CREDENTIALS.user };
		case 'voalle':
			// One simulator plays both Voalle ports: the token URL is the simulator's too.
			return { ...base, voalleAuthUrl: url, voalleClientId: VOALLE_TEST_CREDENTIALS.clientId, voalleClientSecret: VOALLE_TEST_CREDENTIALS.clientSecret, voalleSyndataToken: VOALLE_TEST_CREDENTIALS.syndata };
		case 'controllr':
			return { ...base, controllrUser: CONTROLLR_TEST_CREDENTIALS.username, controllrPassword: CONTROLLR_TEST_CREDENTIALS.password, controllrObservationDays: 3 };
		case 'mksolutions':
			return {
				...base,
				mksolutionsUserToken: MKSOLUTIONS_TEST_CREDENTIALS.userToken,
				mksolutionsPassword: MKSOLUTIONS_TEST_CREDENTIALS.password,
				mksolutionsProcess: '12',
				mksolutionsClassification: '3',
			};
	}
}

/** Starts the simulator of `system`. */
export async function startErpSimulator(system: SimulatedErp): Promise<Simulator> {
	switch (system) {
		case 'ixc':
			return await startIxcSimulator();
		case 'sgp':
			return await startSgpSimulator();
		case 'hubsoft':
			return await startHubsoftSimulator();
		case 'ispfy':
			return await startIspfySimulator();
		case 'mkauth':
			return await startMkAuthSimulator();
		case 'rbx':
			return await startRbxSimulator();
		case 'voalle':
			return await startVoalleSimulator();
		case 'controllr':
			return await startControllrSimulator();
		case 'mksolutions':
			return await startMkSolutionsSimulator();
	}
}

/** A running simulator and the ERP card `credentials` field that points at it. */
export async function simulatedErp(system: SimulatedErp): Promise<{ simulator: Simulator; credentials: Record<string, unknown> }> {
	const simulator = await startErpSimulator(system);
	const name = `ERP ${system} (simulador ${simulator.url})`;
	const id = await createCredential(name, 'atendimentoErpApi', simulatorCredentialData(system, simulator.url) as unknown as Record<string, unknown>);
	return { simulator, credentials: { atendimentoErpApi: { id, name } } };
}
