/**
 * n8n's generic credential types (the HTTP Request node's "Generic Credential Type": Basic, Header,
 * Bearer, Query, Digest, Custom, OAuth…) for cards that call a URL the flow author chooses.
 *
 * The HTTP Request node may read any credential (n8n-core's FULL_ACCESS_NODE_TYPES); a community
 * node reads only the credential types it declares, so each type is declared with displayOptions
 * and picked from a plain list (not a `credentialsSelect`, which would also offer types this node
 * cannot read).
 */
import {
	getCredentialAllowedDomains,
	isDomainAllowed,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INodeCredentialDescription,
	type INodeProperties,
} from 'n8n-workflow';

/** The generic credential types, as the HTTP Request node lists them (sorted by label). */
export const GENERIC_AUTH_TYPES = [
	{ name: 'Basic Auth', value: 'httpBasicAuth' },
	{ name: 'Bearer Auth', value: 'httpBearerAuth' },
	{ name: 'Custom Auth', value: 'httpCustomAuth' },
	{ name: 'Digest Auth', value: 'httpDigestAuth' },
	{ name: 'Header Auth', value: 'httpHeaderAuth' },
	{ name: 'OAuth1 API', value: 'oAuth1Api' },
	{ name: 'OAuth2 API', value: 'oAuth2Api' },
	{ name: 'Query Auth', value: 'httpQueryAuth' },
	{ name: 'Templated Custom Auth', value: 'httpTemplatedCustomAuth' },
] as const;

/** Conditions on the card's own parameters, e.g. `{ destination: ['http'] }`. */
type Show = Record<string, string[]>;

/** The "Autenticação" and "Tipo de credencial" parameters, shown under `show`. */
export function genericAuthProperties(show: Show = {}): INodeProperties[] {
	const scoped = Object.keys(show).length > 0 ? { displayOptions: { show } } : {};
	return [
		{
			displayName: 'Autenticação',
			name: 'authentication',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Credencial genérica',
					value: 'genericCredentialType',
					description: 'Basic, Header, Bearer, Query, Digest, Custom ou OAuth: as mesmas credenciais do nó HTTP Request',
				},
				{ name: 'Nenhuma', value: 'none' },
			],
			default: 'none',
			...scoped,
		},
		{
			displayName: 'Tipo de credencial',
			name: 'genericAuthType',
			type: 'options',
			noDataExpression: true,
			required: true,
			options: GENERIC_AUTH_TYPES.map((type) => ({ ...type })),
			default: 'httpHeaderAuth',
			description: 'Como o serviço recebe a chave: Header Auth para X-Api-Key, Bearer Auth para "Authorization: Bearer", Basic Auth para usuário e senha…',
			displayOptions: { show: { ...show, authentication: ['genericCredentialType'] } },
		},
	];
}

/** The node's `credentials` entries: one per generic type, shown when it is the chosen one. */
export function genericAuthCredentials(show: Show = {}): INodeCredentialDescription[] {
	return GENERIC_AUTH_TYPES.map(({ value }) => ({
		name: value,
		required: true,
		displayOptions: { show: { ...show, authentication: ['genericCredentialType'], genericAuthType: [value] } },
	}));
}

/** A credential whose content cannot be used (message in pt-BR). */
export class GenericAuthError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'GenericAuthError';
	}
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

function customAuthOf(credentials: ICredentialDataDecryptedObject): { headers?: IDataObject; body?: IDataObject; qs?: IDataObject } {
	const raw = credentials.json;
	if (raw !== undefined && typeof raw === 'object') return raw as IDataObject;
	try {
		return JSON.parse(text(raw) || '{}') as IDataObject;
	} catch {
		throw new GenericAuthError('O JSON da credencial Custom Auth não é válido: corrija-o na credencial.');
	}
}

function withCustomBody(body: IHttpRequestOptions['body'], extra: IDataObject | undefined): IHttpRequestOptions['body'] {
	if (!extra) return body;
	if (body instanceof URLSearchParams) {
		const merged = new URLSearchParams(body);
		for (const [name, value] of Object.entries(extra)) merged.set(name, text(value));
		return merged;
	}
	if (body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body))) {
		return { ...(body as IDataObject | undefined), ...extra };
	}
	return body;
}

/**
 * Adds the credentials n8n's `httpRequestWithAuthentication` does not apply by itself (their types
 * have no `authenticate`): Basic, Digest, Query and Custom Auth, as the HTTP Request node does.
 * Header, Bearer, Templated Custom Auth and OAuth are left to n8n.
 */
export function applyGenericAuth(type: string, credentials: ICredentialDataDecryptedObject, request: IHttpRequestOptions): IHttpRequestOptions {
	switch (type) {
		case 'httpBasicAuth':
			return { ...request, auth: { username: text(credentials.user), password: text(credentials.password) } };
		case 'httpDigestAuth':
			return { ...request, auth: { username: text(credentials.user), password: text(credentials.password), sendImmediately: false } };
		case 'httpQueryAuth':
			if (text(credentials.name) === '') throw new GenericAuthError('A credencial Query Auth está sem o nome do parâmetro.');
			return { ...request, qs: { ...request.qs, [text(credentials.name)]: text(credentials.value) } };
		case 'httpCustomAuth': {
			const custom = customAuthOf(credentials);
			return {
				...request,
				headers: { ...request.headers, ...custom.headers },
				qs: custom.qs ? { ...request.qs, ...custom.qs } : request.qs,
				body: withCustomBody(request.body, custom.body),
			};
		}
		default:
			return request;
	}
}

/** The card's choice: no authentication, or one generic credential type. */
export interface AuthSelection {
	authentication: string;
	genericAuthType?: string;
}

/** Reads "Autenticação" / "Tipo de credencial" of item `itemIndex`. */
export function authSelectionOf(context: IExecuteFunctions, itemIndex: number): AuthSelection {
	const authentication = context.getNodeParameter('authentication', itemIndex, 'none') as string;
	if (authentication !== 'genericCredentialType') return { authentication: 'none' };
	return { authentication, genericAuthType: context.getNodeParameter('genericAuthType', itemIndex) as string };
}

/** A request ready for the transport: with the credential's additions, and the credential type to send it with. */
export interface AuthenticatedRequest {
	request: IHttpRequestOptions;
	credentialType?: string;
	/** Credentials already loaded by the caller: n8n authenticates with them instead of loading them again for each request. */
	credentialsDecrypted?: ICredentialsDecrypted;
}

/**
 * Loads the chosen credential, checks its "Allowed HTTP Request Domains" against the URL and adds
 * what n8n does not add by itself. Throws a NodeOperationError (pt-BR) before any network call when
 * the credential is missing, unusable or not allowed for this URL.
 */
export async function authenticate(
	context: IExecuteFunctions,
	itemIndex: number,
	selection: AuthSelection,
	request: IHttpRequestOptions,
): Promise<AuthenticatedRequest> {
	if (selection.authentication !== 'genericCredentialType' || !selection.genericAuthType) return { request };
	const type = selection.genericAuthType;
	const node = context.getNode();
	const credentials = await context.getCredentials(type, itemIndex);
	let allowedDomains: string | undefined;
	try {
		allowedDomains = getCredentialAllowedDomains({ node, credentialData: credentials, surface: node.name });
	} catch (error) {
		throw new NodeOperationError(node, 'A credencial não pode ser usada neste card', {
			itemIndex,
			description: `${(error as Error).message}. Ajuste "Allowed HTTP Request Domains" na credencial.`,
		});
	}
	if (allowedDomains && !isDomainAllowed({ url: request.url, allowedDomains })) {
		throw new NodeOperationError(node, 'Domínio não permitido pela credencial', {
			itemIndex,
			description: `A credencial só pode ser usada com: ${allowedDomains}. Mude a URL ou a lista de domínios da credencial.`,
		});
	}
	try {
		const authenticated = applyGenericAuth(type, credentials, request);
		return { request: allowedDomains ? { ...authenticated, allowedDomains } : authenticated, credentialType: type };
	} catch (error) {
		if (!(error instanceof GenericAuthError)) throw error;
		throw new NodeOperationError(node, error.message, { itemIndex, description: 'Abra a credencial escolhida no card e corrija-a.' });
	}
}
