// The shipped reminder template (workflows/lembrete-vencimento-broadcast.json) in a real n8n against the
// SGP (then Hubsoft) and WhatsApp simulators: Clientes por Filtro ("vence em 3 dias") → Mensagem Omnichannel →
// Enfileirar Envio, then Processar Fila; each recipient once, the template's variables filled from the
// invoice (first name, amount, due date, digitable line), the same campaign again sends nothing.
import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';

import { isoDate } from '../simulators/brazil-formats';
import { ERP_CUSTOMER } from '../simulators/erp-dataset';
import { DEFAULT_TEMPLATES, startWhatsAppSimulator, type MessageTemplate, type SentMessage, type WhatsAppSimulator } from '../simulators/whatsapp';
import type { Simulator } from '../simulators/base';
import { simulatorCredentialData, startErpSimulator, type SimulatedErp } from './erp-client';
import { activateWorkflow, createCredential, e2eState, waitFor, whatsAppSimulatorCredential, type TemplateCredentials, type WorkflowJson } from './n8n-client';

jest.setTimeout(300_000);


/** The reminder a provider would register (UTILITY, positional variables). */
const REMINDER_TEMPLATE: MessageTemplate = {
	id: '1000000000000201',
	name: 'lembrete_vencimento',
	language: 'pt_BR',
	status: 'APPROVED',
	category: 'UTILITY',
	parameter_format: 'POSITIONAL',
	components: [
		{
			type: 'BODY',
			text: 'Olá {{1}}! Sua fatura de {{2}} vence em {{3}}. Linha digitável: {{4}}',
			example: { body_text: [['Maria', 'R$ 99,90', '10/03/2026', '34191090080000000000000000000000000000000000000']] },
		},
	],
};


interface EnqueueSummary {
	campanha: string;
	adicionados: number;
	duplicados: number;
	ignorados: { total: number };
}
interface SendSummary {
	enviadas: number;
	falhas: number;
	restantes: number;
}

function webhookNode(node: Record<string, unknown>, path: string): Record<string, unknown> {
	return {
		...node,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
	};
}

/**
 * The shipped template as the test drives it: the triggers become webhooks (campaign, days and
 * counting come in the query), and the days are counted from the simulator's "today" (its data set
 * is dated in UTC; the node counts in Brasília time, a day behind between 21:00 and 24:00).
 */
function reminderTemplate(system: SimulatedErp, paths: { enqueue: string; send: string }): WorkflowJson {
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', 'lembrete-vencimento-broadcast.json'), 'utf8')) as WorkflowJson;
	workflow.name = `E2E Disparos - Lembrete de vencimento (${system})`;
	const parameters = (name: string) => workflow.nodes.find((node) => node.name === name)!.parameters as Record<string, unknown>;
	workflow.nodes = workflow.nodes.map((node) => {
		if (node.name === 'Disparar agora') return webhookNode(node, paths.enqueue);
		if (node.name === 'Agenda de envio') return webhookNode(node, paths.send);
		return node;
	});
	const source = parameters('Clientes por Filtro');
	expect(source).toMatchObject({ situacao: 'faturaAVencer', dias: 3, contagem: 'exact' });
	Object.assign(source, {
		dias: `={{ Number($('Disparar agora').first().json.query.dias || ${String(source.dias)}) }}`,
		contagem: `={{ $('Disparar agora').first().json.query.contagem || ${JSON.stringify(source.contagem)} }}`,
		options: { dataReferencia: isoDate(0) },
	});
	parameters('Enfileirar Envio').campaign = "={{ $('Disparar agora').first().json.query.campanha }}";
	Object.assign(parameters('Processar Fila'), { maxDurationSeconds: 30, options: { requestTimeoutSeconds: 5 } });
	return workflow;
}

async function call<T>(path: string, query: Record<string, string>): Promise<T> {
	const url = new URL(`${e2eState().baseUrl}/webhook/${path}`);
	for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
	const response = await fetch(url, { method: 'POST' });
	const text = await response.text();
	if (!response.ok) throw new Error(`POST ${path} → ${response.status}: ${text}`);
	return JSON.parse(text) as T;
}

function bodyParameters(message: SentMessage): string[] {
	const template = message.body.template as { components: Array<{ type: string; parameters: Array<{ text: string }> }> };
	return template.components.find((component) => component.type === 'body')!.parameters.map((parameter) => parameter.text);
}

const brDate = (iso: string) => iso.split('-').reverse().join('/');

describe.each<[SimulatedErp]>([['sgp'], ['hubsoft']])('lembrete de vencimento pelo %s', (system) => {
	const paths = { enqueue: `e2e-lembrete-enfileirar-${system}`, send: `e2e-lembrete-fila-${system}` };
	let erp: Simulator;
	let whatsapp: WhatsAppSimulator;

	const enqueue = async (query: Record<string, string>) => await call<EnqueueSummary>(paths.enqueue, query);
	const runSender = async () => await call<SendSummary>(paths.send, {});
	const sentFor = (campaign: string): SentMessage[] => whatsapp.sent.filter((message) => String(message.body.biz_opaque_callback_data ?? '').startsWith(`${campaign}:`));

	beforeAll(async () => {
		erp = await startErpSimulator(system);
		whatsapp = await startWhatsAppSimulator({ templates: [...DEFAULT_TEMPLATES, REMINDER_TEMPLATE] });
		const whatsAppCredentials = await whatsAppSimulatorCredential(whatsapp.url, `WhatsApp simulador (lembrete ${system})`);
		const erpName = `ERP ${system} simulador (lembrete)`;
		const erpId = await createCredential(erpName, 'atendimentoErpApi', simulatorCredentialData(system, erp.url) as unknown as Record<string, unknown>);
		const installation: TemplateCredentials = {
			atendimentoErpApi: { id: erpId, name: erpName },
			atendimentoWhatsAppApi: whatsAppCredentials.atendimentoWhatsAppApi as { id: string; name: string },
		};
		await activateWorkflow(reminderTemplate(system, paths), installation);
		await waitFor(async () => ((await fetch(`${e2eState().baseUrl}/webhook/${paths.send}`, { method: 'POST' })).ok ? true : undefined), 60_000, 'o webhook da fila');
	});

	afterAll(async () => {
		await whatsapp.close();
		await erp.close();
	});

	test('"vence em 3 dias": the one customer due in 3 days gets the reminder with amount, due date and line; again sends nothing', async () => {
		const campaign = `e2e-lembrete-3d-${system}`;
		const queued = await enqueue({ campanha: campaign });
		expect(queued).toEqual(expect.objectContaining({ campanha: campaign, adicionados: 1, duplicados: 0 }));
		expect(queued.ignorados.total).toBe(0);
		expect(await runSender()).toEqual(expect.objectContaining({ enviadas: 1, falhas: 0, restantes: 0 }));
		const [sent] = sentFor(campaign);
		expect(sent.body.to).toBe('+5521998765432');
		expect(sent.body.template).toEqual(expect.objectContaining({ name: 'lembrete_vencimento', language: { code: 'pt_BR' } }));
		const invoice = ERP_CUSTOMER.comercialSouza.invoices.find((each) => each.id === '30006')!;
		const [name, amount, due, line] = bodyParameters(sent);
		expect([name, amount, due, line.replace(/\D/g, '')]).toEqual(['COMERCIAL', 'R$ 299,90', brDate(isoDate(3)), invoice.digitableLine.replace(/\D/g, '')]);
		if (system === 'sgp') {
			// The listing went through SGP's paginated customer list, never one lookup per customer.
			expect(erp.requests.filter((request) => request.path.replace(/\/+$/, '') === '/api/ura/clientes').length).toBeGreaterThan(0);
			expect(erp.requests.some((request) => request.path.startsWith('/api/ura/consultacliente'))).toBe(false);
		} else {
			// Hubsoft: the receivables of every customer, filtered by due date on the server.
			const listing = erp.requests.filter((request) => request.path === '/api/v1/integracao/financeiro');
			expect(listing.map((request) => [request.query.tipo_data, request.query.data_inicio, request.query.data_fim])).toEqual([['data_vencimento', isoDate(3), isoDate(3)]]);
		}

		expect(await enqueue({ campanha: campaign })).toEqual(expect.objectContaining({ adicionados: 0, duplicados: 1 }));
		expect(await runSender()).toEqual(expect.objectContaining({ enviadas: 0, restantes: 0 }));
		expect(sentFor(campaign)).toHaveLength(1);
	});

	test('"vence em até 10 dias": every customer with an invoice due in the range, each once, each with his own invoice', async () => {
		const campaign = `e2e-lembrete-10d-${system}`;
		const queued = await enqueue({ campanha: campaign, dias: '10', contagem: 'upTo' });
		expect(queued).toEqual(expect.objectContaining({ adicionados: 3, duplicados: 0 }));
		expect(await runSender()).toEqual(expect.objectContaining({ enviadas: 3, falhas: 0, restantes: 0 }));
		const sent = sentFor(campaign);
		expect(sent.map((message) => message.body.to).sort()).toEqual(['+5511987654321', '+5521998765432', '+5549999991234']);
		const byPhone = Object.fromEntries(sent.map((message) => [String(message.body.to), bodyParameters(message).slice(0, 3)]));
		expect(byPhone).toEqual({
			'+5511987654321': ['MARIA', 'R$ 99,90', brDate(isoDate(5))],
			'+5521998765432': ['COMERCIAL', 'R$ 299,90', brDate(isoDate(3))],
			'+5549999991234': ['JOAO', 'R$ 79,90', brDate(isoDate(10))],
		});
	});
});
