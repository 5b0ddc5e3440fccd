// An admin's import of the shipped templates by n8n's own paths, in the real pinned n8n, following the
// README's blocks as written: `n8n import:workflow` + `n8n publish:workflow` (the pinned n8n's CLI on the
// run's data folder) and a restart, then the public API script (curl + jq). After each, a web chat
// customer who picks Suporte and Financeiro gets the submenus' replies (Financeiro against the IXC
// simulator through the "ERP do Provedor" credential the import linked by name). Then the setup
// mistakes: publishing a flow whose Executar Fluxo has no flow of this installation is refused naming
// the card; a sub-flow id that does not exist tells the customer and ends the atendimento.
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { Simulator } from '../simulators/base';
import { simulatorCredentialData, startErpSimulator } from './erp-client';
import { api, createCredential, e2eState, restartN8n, templateWithTrigger, waitFor, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(600_000);

const root = join(__dirname, '..', '..');
const instance = require('../../scripts/lib/n8n-instance.js');
const textOf = (message: unknown) => (message as { text?: string }).text ?? '';

interface ApiWorkflow {
	id: string;
	name: string;
	active: boolean;
	nodes: Array<{ name: string; parameters?: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }> }>;
}

/** The bash block right after `<!-- <marker>` in the README. */
function readmeBlock(marker: string): string {
	const readme = readFileSync(join(root, 'README.md'), 'utf8');
	const match = new RegExp(`<!-- ${marker}[^\\n]*-->\\n\`\`\`bash\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
	if (!match) throw new Error(`README sem o bloco <!-- ${marker} --> seguido de \`\`\`bash`);
	return match[1];
}

/**
 * Runs a README block as the admin would on the n8n machine: `~` is the folder holding `.n8n` (the
 * run's data folder, where global-setup installed the pack as a community package) and `n8n` is the
 * pinned n8n with the instance's environment.
 */
function runAsAdmin(script: string): string {
	const { dataDir, port } = e2eState();
	const { nodeBin, n8nBin } = instance.ensureN8n();
	const bin = mkdtempSync(join(tmpdir(), 'atendimento-n8n-bin-'));
	try {
		writeFileSync(join(bin, 'n8n'), `#!/bin/sh\nexec "${nodeBin}" "${n8nBin}" "$@"\n`, { mode: 0o755 });
		const env = { ...instance.n8nEnvironment({ dataDir, port }), HOME: dataDir, PATH: `${bin}:${process.env.PATH}` };
		delete env.NODE_ENV;
		delete env.JEST_WORKER_ID;
		return execFileSync('bash', ['-euo', 'pipefail', '-c', script], { env, cwd: join(root, 'workflows'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	} finally {
		rmSync(bin, { recursive: true, force: true });
	}
}

async function until(customer: WebchatCustomer, pattern: RegExp, timeoutMs = 30_000): Promise<string[]> {
	return await waitFor(async () => {
		const texts = (await customer.history()).map((entry) => textOf(entry.message));
		return texts.some((text) => pattern.test(text)) ? texts : undefined;
	}, timeoutMs, `uma mensagem ${pattern}`);
}

/** A customer picks Suporte (CPF → ticket), then another picks Financeiro > Segunda via (the ERP's invoice). */
async function suporteAndFinanceiro(chatUrl: string): Promise<void> {
	const suporte = new WebchatCustomer(chatUrl);
	await suporte.say('oi');
	await until(suporte, /^Como podemos ajudar\?$/);
	await suporte.say('suporte');
	await until(suporte, /informe o CPF do titular/);
	await suporte.say('529.982.247-25');
	await until(suporte, /^Chamado registrado\. Protocolo \S+\. Obrigado!$/);

	const financeiro = new WebchatCustomer(chatUrl);
	await financeiro.say('oi');
	await until(financeiro, /^Como podemos ajudar\?$/);
	await financeiro.say('financeiro');
	await until(financeiro, /^Financeiro: o que você precisa\?$/);
	await financeiro.say('segunda via');
	await until(financeiro, /CPF ou CNPJ/);
	await financeiro.say('52998224725');
	const texts = await until(financeiro, /^Protocolo .* Obrigado pelo contato!$/);
	expect(texts.some((text) => text.startsWith('Fatura de R$'))).toBe(true);
	expect(texts.some((text) => text.startsWith('000201'))).toBe(true);
}

/** The "Vai para …" cards' Fluxo field, as the editor shows it. */
function submenuLocators(workflow: ApiWorkflow): Record<string, unknown> {
	return Object.fromEntries(workflow.nodes.filter((node) => node.name.startsWith('Vai para ')).map((node) => [node.name, node.parameters?.workflowId]));
}

let simulator: Simulator;
let erpCredentialId: string;
let chatUrl: string;

beforeAll(async () => {
	simulator = await startErpSimulator('ixc');
	// Created before the import, with the name the README asks for: the CLI import links the ERP cards to it by name.
	erpCredentialId = await createCredential('ERP do Provedor', 'atendimentoErpApi', { ...simulatorCredentialData('ixc', simulator.url) });
	chatUrl = `${e2eState().baseUrl}/webhook/atendimento`;
});
afterAll(async () => await simulator?.close());

test('n8n import:workflow + publish:workflow as the README says, then a restart: the welcome flow answers Suporte and Financeiro', async () => {
	runAsAdmin(readmeBlock('importar-pela-cli'));
	await restartN8n();
	await waitFor(async () => ((await fetch(chatUrl)).ok ? true : undefined), 60_000, 'o web chat do Boas-vindas');

	const welcome = await api<ApiWorkflow>('GET', '/workflows/AtdBoasVindas001');
	expect(welcome).toMatchObject({ name: 'Atendimento - Boas-vindas', active: true });
	expect(submenuLocators(welcome)).toEqual({
		'Vai para Comercial': { __rl: true, mode: 'list', value: 'AtdComercial0001', cachedResultName: 'Atendimento - Comercial', cachedResultUrl: '/workflow/AtdComercial0001' },
		'Vai para Suporte': { __rl: true, mode: 'list', value: 'AtdSuporte000001', cachedResultName: 'Atendimento - Suporte', cachedResultUrl: '/workflow/AtdSuporte000001' },
		'Vai para Financeiro': { __rl: true, mode: 'list', value: 'AtdFinanceiro001', cachedResultName: 'Atendimento - Financeiro', cachedResultUrl: '/workflow/AtdFinanceiro001' },
	});
	const financeiro = await api<ApiWorkflow>('GET', '/workflows/AtdFinanceiro001');
	const erpCards = financeiro.nodes.filter((node) => node.credentials?.atendimentoErpApi);
	expect(erpCards.map((node) => node.credentials!.atendimentoErpApi)).toEqual(erpCards.map(() => ({ id: erpCredentialId, name: 'ERP do Provedor' })));

	await suporteAndFinanceiro(chatUrl);
});

test("the README's public API script imports and publishes with new ids, Executar Fluxo in list mode on them: Suporte and Financeiro answer", async () => {
	// The CLI-imported welcome flow holds the same web chat path: unpublish it first.
	await api('POST', '/workflows/AtdBoasVindas001/deactivate');
	const { baseUrl, apiKey } = e2eState();
	const script = readmeBlock('importar-pela-api').replace(/^N8N_URL=.*$/m, `N8N_URL=${baseUrl}`).replace(/^N8N_API_KEY=.*$/m, `N8N_API_KEY=${apiKey}`);
	const output = runAsAdmin(script);
	const ids = Object.fromEntries([...output.matchAll(/^(\S+)\.json importado e publicado: (\S+)$/gm)].map(([, file, id]) => [file, id]));
	expect(Object.keys(ids)).toEqual(['comercial', 'suporte', 'financeiro', 'boas-vindas']);
	expect(Object.values(ids).filter((id) => id.startsWith('Atd'))).toEqual([]);

	const welcome = await api<ApiWorkflow>('GET', `/workflows/${ids['boas-vindas']}`);
	expect(welcome.active).toBe(true);
	expect(submenuLocators(welcome)).toEqual({
		'Vai para Comercial': { __rl: true, mode: 'list', value: ids.comercial, cachedResultName: 'Atendimento - Comercial', cachedResultUrl: `/workflow/${ids.comercial}` },
		'Vai para Suporte': { __rl: true, mode: 'list', value: ids.suporte, cachedResultName: 'Atendimento - Suporte', cachedResultUrl: `/workflow/${ids.suporte}` },
		'Vai para Financeiro': { __rl: true, mode: 'list', value: ids.financeiro, cachedResultName: 'Atendimento - Financeiro', cachedResultUrl: `/workflow/${ids.financeiro}` },
	});
	await waitFor(async () => ((await fetch(chatUrl)).ok ? true : undefined), 60_000, 'o web chat do Boas-vindas');
	await suporteAndFinanceiro(chatUrl);
	const before = (await api<{ data: Array<{ workflowId: string }> }>('GET', `/executions?workflowId=${ids.suporte}`)).data;
	expect(before.length).toBeGreaterThan(0);
	await api('POST', `/workflows/${ids['boas-vindas']}/deactivate`);
});

test('publishing a flow whose Executar Fluxo still points at a template placeholder: the trigger is refused, naming the card, where the editor shows it', async () => {
	const workflow = templateWithTrigger('boas-vindas.json', 'E2E importar: placeholder', { path: 'e2e-importar-placeholder' });
	for (const node of workflow.nodes) {
		if (node.name === 'Vai para Suporte') node.parameters = { workflowId: { __rl: true, mode: 'list', value: 'template:suporte.json', cachedResultName: 'Atendimento - Suporte' } };
	}
	const created = await api<{ id: string }>('POST', '/workflows', { name: workflow.name, nodes: workflow.nodes, connections: workflow.connections, settings: workflow.settings });
	// n8n 2.40 publishes through an outbox: the API call returns at once and each trigger's failure is
	// recorded in the publication status the editor reads (and pushes to the open editor).
	await api('POST', `/workflows/${created.id}/activate`);
	const { baseUrl } = e2eState();
	const login = await instance.request(baseUrl, 'POST', '/rest/login', { body: { emailOrLdapLoginId: instance.OWNER.email, password: instance.OWNER.password } });
	const cookie = (login.setCookie as string[]).map((entry) => entry.split(';')[0]).join('; ');
	const status = await waitFor(async () => {
		const response = await instance.request(baseUrl, 'GET', `/rest/workflows/${created.id}/publication-status`, { cookie });
		return JSON.stringify(response.json ?? {}).includes('não pode ser publicado') ? (response.json as Record<string, unknown>) : undefined;
	}, 30_000, 'o erro de ativação do gatilho');
	expect(JSON.stringify(status)).toContain(
		'O fluxo não pode ser publicado: o card \\"Vai para Suporte\\" (Executar Fluxo) ainda aponta para o modelo suporte.json, não para um fluxo desta instalação',
	);
	// The trigger is not listening: no customer is taken into a flow that would leave them without a reply.
	expect((await fetch(`${baseUrl}/webhook/e2e-importar-placeholder`)).status).toBe(404);
	await api('POST', `/workflows/${created.id}/deactivate`);
});

test('publishing the Financeiro submenu with an ERP card without a credential is refused by n8n, naming the card', async () => {
	const financeiro = JSON.parse(readFileSync(join(root, 'workflows', 'financeiro.json'), 'utf8')) as ApiWorkflow & WorkflowJson;
	for (const node of financeiro.nodes) delete node.credentials;
	const created = await api<{ id: string }>('POST', '/workflows', { name: 'E2E importar: financeiro sem credencial', nodes: financeiro.nodes, connections: financeiro.connections, settings: financeiro.settings });
	const refused = api('POST', `/workflows/${created.id}/activate`);
	await expect(refused).rejects.toThrow(/Segunda Via/);
	await expect(api<ApiWorkflow>('GET', `/workflows/${created.id}`)).resolves.toMatchObject({ active: false });
});

test('a sub-flow that does not exist here: the customer who picks it is told, and the execution names the card', async () => {
	const workflow: WorkflowJson = templateWithTrigger('boas-vindas.json', 'E2E importar: subfluxo ausente', { path: 'e2e-importar-ausente' });
	for (const node of workflow.nodes) {
		if (node.name === 'Vai para Comercial') node.parameters = { workflowId: { __rl: true, mode: 'list', value: 'NaoExiste0000001', cachedResultName: 'Atendimento - Comercial' } };
	}
	const created = await api<{ id: string }>('POST', '/workflows', { name: workflow.name, nodes: workflow.nodes, connections: workflow.connections, settings: workflow.settings });
	await api('POST', `/workflows/${created.id}/activate`);
	const url = `${e2eState().baseUrl}/webhook/e2e-importar-ausente`;
	await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook');

	const customer = new WebchatCustomer(url);
	await customer.say('oi');
	await until(customer, /^Como podemos ajudar\?$/);
	await customer.say('comercial');
	await until(customer, /^Desculpe, não consegui continuar o seu atendimento agora\./);
	const failed = await waitFor(async () => {
		const { data } = await api<{ data: Array<{ id: string; status: string }> }>('GET', `/executions?workflowId=${created.id}&status=error`);
		return data[0];
	}, 30_000, 'a execução com erro');
	const execution = await api<{ data: { resultData: { error: { message: string } } } }>('GET', `/executions/${failed.id}?includeData=true`);
	expect(execution.data.resultData.error.message).toBe('O card "Vai para Comercial" não conseguiu iniciar o fluxo "Atendimento - Comercial" (id NaoExiste0000001)');
	// Ended: the next message starts over at the welcome.
	await customer.say('oi');
	await until(customer, /Bem-vindo/);
	await api('POST', `/workflows/${created.id}/deactivate`);
});
