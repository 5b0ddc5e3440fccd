import type { ICredentialsDecrypted, IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';

import { AtendimentoWhatsAppApi } from '../../credentials/AtendimentoWhatsAppApi.credentials';
import { whatsAppAuthentication } from '../shared/channels/whatsapp/api';
import { processarFilaDoor } from './whatsapp-transport';

const node = { name: 'Processar Fila' } as INode;
const credentialsDecrypted: ICredentialsDecrypted = {
	id: 'cred-1',
	name: 'WhatsApp',
	type: 'atendimentoWhatsAppApi',
	data: { accessToken: 'token-da-execucao', phoneNumberId: '106540352242922', baseUrl: 'http://127.0.0.1:9', apiVersion: 'v25.0' },
};

function context() {
	const httpRequestWithAuthentication = jest.fn(async (_type: string, _options: IHttpRequestOptions, _extra: unknown) => ({ statusCode: 200, body: {} }));
	return { getNode: () => node, helpers: { httpRequestWithAuthentication } } as unknown as IExecuteFunctions & {
		helpers: { httpRequestWithAuthentication: jest.Mock };
	};
}

test('the headers added to each kept-alive send are what the credential’s authenticate declares', () => {
	const declared = new AtendimentoWhatsAppApi().authenticate.properties.headers as Record<string, string>;
	expect(Object.keys(declared)).toEqual(['Authorization']);
	const expected = declared.Authorization.replace(/^=/, '').replace('{{$credentials.accessToken}}', 'token-da-execucao');
	expect(whatsAppAuthentication({ accessToken: 'token-da-execucao' })).toEqual({ Authorization: expected });
});

test('behind a proxy or with SSRF protection, the run sends through n8n’s helper with the same credential', async () => {
	for (const env of [{ HTTPS_PROXY: 'http://proxy:3128' }, { N8N_SSRF_PROTECTION_ENABLED: 'true' }]) {
		const ctx = context();
		const door = processarFilaDoor(ctx, credentialsDecrypted, env);
		await door.send({ method: 'POST', url: 'https://graph.facebook.com/v25.0/1/messages', body: {}, json: true });
		expect(ctx.helpers.httpRequestWithAuthentication).toHaveBeenCalledWith('atendimentoWhatsAppApi', expect.objectContaining({ method: 'POST' }), { credentialsDecrypted });
	}
});

test('otherwise the run’s door does not go through n8n’s helper (kept-alive connections)', async () => {
	const ctx = context();
	const door = processarFilaDoor(ctx, credentialsDecrypted, {});
	expect(door.node).toBe(node);
	// port 9 (discard) refuses: the failure comes from the door's own connection, not from the helper
	await expect(door.send({ method: 'POST', url: 'http://127.0.0.1:9/v25.0/1/messages', body: {}, json: true })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
	expect(ctx.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
});
