import { NodeOperationError, type ICredentialDataDecryptedObject, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { applyGenericAuth, authenticate, GENERIC_AUTH_TYPES, genericAuthCredentials, genericAuthProperties, GenericAuthError } from './generic-auth';

const REQUEST = { method: 'POST' as const, url: 'https://api.exemplo.com.br/x', qs: { a: '1' }, headers: { 'X-A': '1' }, body: { b: 2 } };

describe('applyGenericAuth', () => {
	it('Basic and Digest Auth become axios auth (digest waits for the challenge)', () => {
		expect(applyGenericAuth('httpBasicAuth', { user: 'ana', password: 's3' }, REQUEST).auth).toEqual({ username: 'ana', password: 's3' });
		expect(applyGenericAuth('httpDigestAuth', { user: 'ana', password: 's3' }, REQUEST).auth).toEqual({ username: 'ana', password: 's3', sendImmediately: false });
	});

	it('Query Auth adds its parameter', () => {
		expect(applyGenericAuth('httpQueryAuth', { name: 'token', value: 'abc' }, REQUEST).qs).toEqual({ a: '1', token: 'abc' });
		expect(() => applyGenericAuth('httpQueryAuth', { name: '', value: 'abc' }, REQUEST)).toThrow(GenericAuthError);
	});

	it('Custom Auth merges headers, query and body, as the HTTP Request node does', () => {
		const json = JSON.stringify({ headers: { 'X-Key': 'k' }, qs: { t: 'q' }, body: { segredo: 's' } });
		expect(applyGenericAuth('httpCustomAuth', { json }, REQUEST)).toEqual({
			...REQUEST,
			headers: { 'X-A': '1', 'X-Key': 'k' },
			qs: { a: '1', t: 'q' },
			body: { b: 2, segredo: 's' },
		});
		const form = applyGenericAuth('httpCustomAuth', { json }, { ...REQUEST, body: new URLSearchParams({ b: '2' }) });
		expect(String(form.body)).toBe('b=2&segredo=s');
		const text = applyGenericAuth('httpCustomAuth', { json }, { ...REQUEST, body: '<xml/>' });
		expect(text.body).toBe('<xml/>');
		expect(() => applyGenericAuth('httpCustomAuth', { json: '{nope' }, REQUEST)).toThrow('O JSON da credencial Custom Auth não é válido');
	});

	it.each(['httpHeaderAuth', 'httpBearerAuth', 'httpTemplatedCustomAuth', 'oAuth2Api', 'oAuth1Api'])('leaves %s to n8n', (type) => {
		expect(applyGenericAuth(type, { name: 'X', value: 'y', token: 't' }, REQUEST)).toBe(REQUEST);
	});
});

describe('description helpers', () => {
	it('declares one credential per generic type, shown for its choice only', () => {
		const credentials = genericAuthCredentials({ destination: ['http'] });
		expect(credentials.map((credential) => credential.name)).toEqual(GENERIC_AUTH_TYPES.map((type) => type.value));
		expect(credentials[0]).toEqual({
			name: 'httpBasicAuth',
			required: true,
			displayOptions: { show: { destination: ['http'], authentication: ['genericCredentialType'], genericAuthType: ['httpBasicAuth'] } },
		});
	});

	it('scopes the parameters with the card’s conditions', () => {
		const [authentication, type] = genericAuthProperties({ destination: ['http'] });
		expect(authentication.displayOptions).toEqual({ show: { destination: ['http'] } });
		expect(type.displayOptions).toEqual({ show: { destination: ['http'], authentication: ['genericCredentialType'] } });
		expect(genericAuthProperties()[0].displayOptions).toBeUndefined();
	});
});

describe('authenticate', () => {
	const node = { name: 'Requisição HTTP', type: 'n8n-nodes-atendimento.requisicaoHttp', typeVersion: 1, parameters: {} } as unknown as INode;
	function context(credentials: ICredentialDataDecryptedObject): IExecuteFunctions {
		return { getNode: () => node, getCredentials: jest.fn(async () => credentials) } as unknown as IExecuteFunctions;
	}

	it('without a credential, the request goes as is', async () => {
		const ctx = context({});
		expect(await authenticate(ctx, 0, { authentication: 'none' }, REQUEST)).toEqual({ request: REQUEST });
		expect(ctx.getCredentials).not.toHaveBeenCalled();
	});

	it('loads the credential of the item and names its type for n8n', async () => {
		const ctx = context({ user: 'ana', password: 'x' });
		const prepared = await authenticate(ctx, 3, { authentication: 'genericCredentialType', genericAuthType: 'httpBasicAuth' }, REQUEST);
		expect(ctx.getCredentials).toHaveBeenCalledWith('httpBasicAuth', 3);
		expect(prepared).toEqual({ request: { ...REQUEST, auth: { username: 'ana', password: 'x' } }, credentialType: 'httpBasicAuth' });
	});

	it('honours the credential’s allowed domains', async () => {
		const restricted = { name: 'X-Key', value: 'k', allowedHttpRequestDomains: 'domains', allowedDomains: 'api.exemplo.com.br' };
		const selection = { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' };
		const prepared = await authenticate(context(restricted), 0, selection, REQUEST);
		expect(prepared.request.allowedDomains).toBe('api.exemplo.com.br');
		await expect(authenticate(context(restricted), 0, selection, { ...REQUEST, url: 'https://outro.com.br/' })).rejects.toThrow(
			'Domínio não permitido pela credencial',
		);
		await expect(authenticate(context({ allowedHttpRequestDomains: 'none' }), 0, selection, REQUEST)).rejects.toBeInstanceOf(NodeOperationError);
	});

	it('a broken Custom Auth JSON is a NodeOperationError with the item index', async () => {
		const error = await authenticate(context({ json: '{' }), 2, { authentication: 'genericCredentialType', genericAuthType: 'httpCustomAuth' }, REQUEST).catch(
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).context.itemIndex).toBe(2);
	});
});
