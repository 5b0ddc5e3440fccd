// The shipped Financeiro submenu (workflows/financeiro.json), reached from the shipped welcome menu in
// a real n8n, against the IXC simulator; then the very same templates with only the "ERP do Provedor"
// credential changed, against Hubsoft.
import { readFileSync } from 'fs';
import { join } from 'path';

import type { Simulator } from '../simulators/base';
import { ERP_CUSTOMER } from '../simulators/erp-dataset';
import { simulatedErp, type SimulatedErp } from './erp-client';
import { activateWorkflow, e2eState, templateWithTrigger, waitFor, type TemplateCredentials } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(120_000);

const textOf = (message: unknown) => (message as { text?: string }).text ?? '';

/** Talks until a bot message matches `pattern`; returns every bot message so far. */
async function until(customer: WebchatCustomer, pattern: RegExp, timeoutMs = 20_000): Promise<string[]> {
	return await waitFor(async () => {
		const texts = (await customer.history()).map((entry) => textOf(entry.message));
		return texts.some((text) => pattern.test(text)) ? texts : undefined;
	}, timeoutMs, `uma mensagem ${pattern}`);
}

async function toFinanceiro(chatUrl: string): Promise<WebchatCustomer> {
	const customer = new WebchatCustomer(chatUrl);
	await customer.say('oi');
	await until(customer, /^Como podemos ajudar\?$/);
	await customer.say('financeiro');
	await until(customer, /^Financeiro: o que você precisa\?$/);
	return customer;
}

test('the shipped financeiro.json differs between ERPs only by the credential the install gives it', () => {
	const template = readFileSync(join(__dirname, '..', '..', 'workflows', 'financeiro.json'), 'utf8');
	const erpNodes = (JSON.parse(template) as { nodes: Array<{ type: string; credentials?: Record<string, { id: string }> }> }).nodes.filter(
		(node) => node.credentials?.atendimentoErpApi,
	);
	expect(erpNodes.map((node) => node.type.split('.')[1])).toEqual(['segundaVia', 'desbloqueioConfianca', 'notaFiscal']);
	expect(new Set(erpNodes.map((node) => node.credentials!.atendimentoErpApi.id))).toEqual(new Set(['template:erp']));
});

describe.each<SimulatedErp>(['ixc', 'hubsoft'])('Financeiro (modelo) no ERP %s', (system) => {
	let simulator: Simulator;
	let chatUrl: string;

	beforeAll(async () => {
		const erp = await simulatedErp(system);
		simulator = erp.simulator;
		const path = `e2e-financeiro-${system}`;
		await activateWorkflow(templateWithTrigger('boas-vindas.json', `E2E financeiro ${system}`, { path }), erp.credentials as TemplateCredentials);
		chatUrl = `${e2eState().baseUrl}/webhook/${path}`;
		await waitFor(async () => ((await fetch(chatUrl)).ok ? true : undefined), 30_000, 'o webhook');
	});
	afterAll(async () => await simulator.close());
	beforeEach(() => simulator.reset());

	test('Segunda via: CPF, then the open invoice with Pix, and the atendimento ends resolved', async () => {
		const customer = await toFinanceiro(chatUrl);
		await customer.say('segunda via');
		await until(customer, /CPF ou CNPJ/);
		await customer.say('52998224725');
		const texts = await until(customer, /^Protocolo .* Obrigado pelo contato!$/);
		const open = ERP_CUSTOMER.maria.invoices.find((invoice) => invoice.status === 'open')!;
		expect(texts.some((text) => text.startsWith('Fatura de R$') && text.includes(open.amount.toFixed(2).replace('.', ',')))).toBe(true);
		expect(texts.some((text) => text.startsWith('000201'))).toBe(true);
	});

	test('Desbloqueio: João (blocked, unlock available) is unlocked; the ERP records it', async () => {
		const customer = await toFinanceiro(chatUrl);
		await customer.say('desbloqueio');
		await until(customer, /CPF ou CNPJ/);
		await customer.say('627.105.245-20');
		await until(customer, /^Protocolo .* Obrigado pelo contato!$/);
		const joao = (simulator as unknown as { customers: typeof ERP_CUSTOMER.joao[] }).customers.find((customer) => customer.id === ERP_CUSTOMER.joao.id)!;
		expect(joao.contracts[0].trustUnlockUsedOn).not.toBeNull();
	});

	test('Desbloqueio: Ana (already used this month) hears when she can use it again and goes to a human', async () => {
		const customer = await toFinanceiro(chatUrl);
		await customer.say('desbloqueio');
		await until(customer, /CPF ou CNPJ/);
		await customer.say('175.181.720-20');
		const texts = await until(customer, /Um atendente do financeiro vai continuar/);
		expect(texts.some((text) => /\d{2}\/\d{2}\/\d{4}/.test(text) && /desbloqueio/i.test(text))).toBe(true);
	});
});
