// The "ERP do Provedor" credential with Sistema ISPFY: its field, how it authenticates, and "Testar".
import type { ICredentialTestFunctions, ICredentialsDecrypted } from 'n8n-workflow';

import { AtendimentoErpApi } from '../../../../credentials/AtendimentoErpApi.credentials';
import { ISPFY_TEST_TOKEN, startIspfySimulator, type IspfySimulator } from '../../../../test/simulators/ispfy';
import { testErpCredential } from '../credential-test';
import { authenticateErpRequest } from '../credentials';

describe('credencial ERP do Provedor: ISPFY', () => {
	let ispfy: IspfySimulator;
	beforeAll(async () => {
		ispfy = await startIspfySimulator();
	});
	afterAll(() => ispfy.close());

	const test = (data: Record<string, unknown>) =>
		testErpCredential.call({} as ICredentialTestFunctions, { id: '1', name: 'ERP', type: 'atendimentoErpApi', data } as ICredentialsDecrypted);

	it('offers ISPFY in Sistema and a secret Token field shown only for it', () => {
		const properties = new AtendimentoErpApi().properties;
		const system = properties.find((property) => property.name === 'system');
		expect(system?.options).toContainEqual({ name: 'ISPFY', value: 'ispfy' });
		const token = properties.find((property) => property.name === 'ispfyToken');
		expect(token).toMatchObject({ type: 'string', typeOptions: { password: true }, displayOptions: { show: { system: ['ispfy'] } } });
	});

	it('sends the token in the "Token" header and nothing else', () => {
		const options = authenticateErpRequest({ system: 'ispfy', baseUrl: 'http://erp:8020', ispfyToken: 'abc' }, { url: '/api/tool/assinante/info', headers: { Accept: 'application/json' } });
		expect(options.headers).toEqual({ Accept: 'application/json', Token: 'abc' });
		expect(options.qs).toBeUndefined();
	});

	it('"Testar" connects with the right token, and says the token was refused (without showing it) otherwise', async () => {
		expect(await test({ system: 'ispfy', baseUrl: ispfy.url, ispfyToken: ISPFY_TEST_TOKEN })).toEqual({ status: 'OK', message: 'Conectado ao ISPFY.' });
		const refused = await test({ system: 'ispfy', baseUrl: ispfy.url, ispfyToken: 'token-errado-123' });
		expect(refused.status).toBe('Error');
		expect(refused.message).toMatch(/^O ISPFY recusou o token \(HTTP 401\)/);
		expect(refused.message).not.toContain('token-errado-123');
	});
});
