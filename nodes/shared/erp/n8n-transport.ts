import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { ErpCredentials } from './credentials';
import type { ErpTransport } from './types';

/** Name of the "ERP do Provedor" credential type. */
export const ERP_CREDENTIAL_TYPE = 'atendimentoErpApi';

/**
 * The card's transport: n8n's `httpRequestWithAuthentication` with the ERP credential, so n8n
 * applies the credential's authentication and renews session tokens (Hubsoft, MK-Auth) on 401.
 */
export function n8nErpTransport(context: IExecuteFunctions | IWebhookFunctions): ErpTransport {
	return async (options) => await context.helpers.httpRequestWithAuthentication.call(context, ERP_CREDENTIAL_TYPE, options);
}

/** The decrypted "ERP do Provedor" credential of the card. */
export async function erpCredentialsOf(context: IExecuteFunctions | IWebhookFunctions): Promise<ErpCredentials> {
	return (await context.getCredentials(ERP_CREDENTIAL_TYPE)) as unknown as ErpCredentials;
}
