/**
 * Which adapter serves which ERP. A card builds its adapter from the "ERP do Provedor" credential
 * (`createErpAdapter`), so the same flow runs on any ERP by changing only the credential.
 */
import type { ErpCredentials } from './credentials';
import { createControllrAdapter } from './controllr/adapter';
import { createHubsoftAdapter } from './hubsoft/adapter';
import { createIspfyAdapter } from './ispfy/adapter';
import { createIxcAdapter } from './ixc/adapter';
import { createMkAuthAdapter } from './mkauth/adapter';
import { createRbxAdapter } from './rbx/adapter';
import { createMkSolutionsAdapter } from './mksolutions/adapter';
import { createReceitaNetAdapter } from './receitanet/adapter';
import { createSgpAdapter } from './sgp/adapter';
import { createVoalleAdapter } from './voalle/adapter';
import { ErpError, type ErpAdapter, type ErpSystem, type ErpTransport } from './types';

type AdapterFactory = (transport: ErpTransport, credentials: ErpCredentials) => ErpAdapter;

const FACTORIES: Partial<Record<ErpSystem, AdapterFactory>> = {
	hubsoft: createHubsoftAdapter,
	ispfy: createIspfyAdapter,
	sgp: createSgpAdapter,
	ixc: createIxcAdapter,
	mkauth: createMkAuthAdapter,
	receitanet: createReceitaNetAdapter,
	rbx: createRbxAdapter,
	voalle: createVoalleAdapter,
	controllr: createControllrAdapter,
	mksolutions: createMkSolutionsAdapter,
};

/** Names shown to users. */
export const ERP_NAMES: Record<ErpSystem, string> = {
	ixc: 'IXC Provedor',
	sgp: 'SGP',
	hubsoft: 'Hubsoft',
	ispfy: 'ISPFY',
	mkauth: 'MK-Auth',
	receitanet: 'ReceitaNet',
	rbx: 'RBX ISP (RouterBox)',
	voalle: 'Voalle',
	controllr: 'Controllr',
	mksolutions: 'MK Solutions',
};

/** The adapter of the credential's ERP. */
export function createErpAdapter(credentials: ErpCredentials, transport: ErpTransport): ErpAdapter {
	const factory = FACTORIES[credentials.system];
	if (!factory) {
		throw new ErpError('nao_suportado', `O ERP "${String(credentials.system)}" não é suportado por este pacote.`, { system: credentials.system });
	}
	return factory(transport, credentials);
}
