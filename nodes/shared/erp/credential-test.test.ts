import type { ICredentialTestFunctions, ICredentialsDecrypted } from 'n8n-workflow';

import { AtendimentoErpApi } from '../../../credentials/AtendimentoErpApi.credentials';
import { RBX_TEST_CREDENTIALS, startRbxSimulator, type RbxSimulator } from '../../../test/simulators/rbx';
import { startVoalleSimulator, VOALLE_TEST_CREDENTIALS, type VoalleSimulator } from '../../../test/simulators/voalle';
import { testErpCredential } from './credential-test';
import type { ErpCredentials } from './credentials';

const run = async (data: ErpCredentials) => await testErpCredential.call({} as ICredentialTestFunctions, { id: '1', name: 'ERP', type: 'atendimentoErpApi', data } as unknown as ICredentialsDecrypted);

describe('"Testar" of the ERP do Provedor credential, on Voalle and RBX', () => {
	let voalle: VoalleSimulator;
	let rbx: RbxSimulator;
	beforeAll(async () => {
		voalle = await startVoalleSimulator();
		rbx = await startRbxSimulator();
	});
	afterAll(async () => {
		await voalle.close();
		await rbx.close();
	});

	const voalleData = (syndata: string): ErpCredentials => ({
		system: 'voalle',
		baseUrl: voalle.url,
		voalleAuthUrl: voalle.url,
		voalleClientId: VOALLE_TEST_CREDENTIALS.clientId,
		voalleClientSecret: VOALLE_TEST_CREDENTIALS.clientSecret,
		voalleSyndataToken: syndata,
	});

	it('Voalle: logs in and looks a customer up; a wrong syndata says what to check', async () => {
		expect(await run(voalleData(VOALLE_TEST_CREDENTIALS.syndata))).toEqual({ status: 'OK', message: 'Conectado ao Voalle.' });
		const refused = await run(voalleData('errado'));
		expect(refused.status).toBe('Error');
		expect(refused.message).toMatch(/Usuário integrador.*syndata/);
	});

	it('RBX: the key goes to the v1 body; an invalid key is told without the key', async () => {
		expect(await run({ system: 'rbx', baseUrl: rbx.url, rbxApiKey: RBX_TEST_CREDENTIALS.key })).toEqual({ status: 'OK', message: 'Conectado ao RBX ISP (RouterBox).' });
		const refused = await run({ system: 'rbx', baseUrl: rbx.url, rbxApiKey: 'CHAVE-ERRADA' });
		expect(refused).toMatchObject({ status: 'Error', message: expect.stringContaining('chave de integração') });
		expect(refused.message).not.toContain('CHAVE-ERRADA');
	});
});

describe('ERP do Provedor credential fields of Voalle and RBX', () => {
	const properties = new AtendimentoErpApi().properties;
	const shownFor = (system: string) => properties.filter((property) => property.displayOptions?.show?.system?.includes(system)).map((property) => property.name);

	it('each system shows only its own fields; secrets are password fields', () => {
		expect(shownFor('voalle')).toEqual([
			'voalleAuthUrl',
			'voalleClientId',
			'voalleClientSecret',
			'voalleSyndataToken',
			'voallePortalUrl',
			'voallePortalVerifyToken',
			'voallePortalClientId',
			'voallePortalClientSecret',
		]);
		expect(shownFor('rbx')).toEqual(['rbxApiKey', 'rbxUser']);
		for (const name of ['voalleClientSecret', 'voalleSyndataToken', 'voallePortalVerifyToken', 'voallePortalClientSecret', 'rbxApiKey']) expect(properties.find((property) => property.name === name)?.typeOptions?.password).toBe(true);
		const systems = properties.find((property) => property.name === 'system')?.options as Array<{ value: string }>;
		expect(systems.map((option) => option.value)).toEqual(expect.arrayContaining(['rbx', 'voalle']));
	});

	it('RBX: authenticate puts the key in the header, and in Autenticacao of a v1 service only', async () => {
		const credential = new AtendimentoErpApi();
		const data = { system: 'rbx', baseUrl: 'https://rbx.example', rbxApiKey: 'K1' };
		const v1 = await credential.authenticate(data, { url: '/routerbox/ws/rbx_server_json.php', body: { ConsultaClientes: { Filtro: "Codigo = '1'" } } });
		expect(v1.headers).toMatchObject({ authentication_key: 'K1' });
		expect(v1.body).toEqual({ ConsultaClientes: { Autenticacao: { ChaveIntegracao: 'K1' }, Filtro: "Codigo = '1'" } });
		const v2 = await credential.authenticate(data, { url: '/routerbox/ws_json/ws_json.php', body: { get_unpaid_document: { customer_id: 1 } } });
		expect(v2.body).toEqual({ get_unpaid_document: { customer_id: 1 } });
	});
});
