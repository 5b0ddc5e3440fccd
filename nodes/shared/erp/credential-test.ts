import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { createErpAdapter, ERP_NAMES } from './adapters';
import type { ErpCredentials } from './credentials';
import { fetchErpTransport } from './fetch-transport';
import { ErpError } from './types';

/** A valid CPF nobody is registered under: looking it up proves URL, credentials and permissions. */
const PROBE_DOCUMENT = '11144477735';

/**
 * "Testar" of the "ERP do Provedor" credential (the `testedBy` of every ERP card): logs in when the
 * ERP needs it and looks a customer up, the call every ERP card makes first.
 */
export async function testErpCredential(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const credentials = credential.data as unknown as ErpCredentials;
	try {
		const adapter = createErpAdapter(credentials, fetchErpTransport(credentials));
		await adapter.buscarClientePorDocumento(PROBE_DOCUMENT);
		return { status: 'OK', message: `Conectado ao ${ERP_NAMES[credentials.system] ?? credentials.system}.` };
	} catch (error) {
		const message = error instanceof ErpError ? error.message : `Falha ao conectar: ${(error as Error).message}`;
		return { status: 'Error', message };
	}
}
