// Segunda Via in a real n8n, on the web chat, against ERP simulators: identification by CPF/CNPJ
// (asked only once per conversation), the contract menu, boleto PDF + linha digitável + Pix, the
// max-attempts path and an ERP failure that ends on "Erro" with a clear message.
import { ERP_CUSTOMER } from '../simulators/erp-dataset';
import type { Simulator } from '../simulators/base';
import { simulatedErp, type SimulatedErp } from './erp-client';
import { activateWorkflow, e2eState, testNode, waitFor, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(120_000);

const ERPS: SimulatedErp[] = (process.env.E2E_ERPS ?? 'ixc,sgp,hubsoft,mkauth,rbx,voalle,controllr,mksolutions,ispfy').split(',') as SimulatedErp[];
/** ERPs whose API gives no Pix / no boleto PDF (the card sends what there is: amount and due date). */
const WITHOUT_PIX: SimulatedErp[] = ['controllr'];
const WITHOUT_PDF: SimulatedErp[] = ['mkauth', 'controllr'];

function secondCopyFlow(path: string, credentials: Record<string, unknown>): WorkflowJson {
	const end = (index: number, name: string, text: string) => testNode(index, name, 'encerrarAtendimento', { finalMessage: text });
	return {
		name: `E2E segunda via ${path}`,
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path }, { webhookId: `${path}-hook` }),
			testNode(2, 'Segunda Via', 'segundaVia', { maxAttempts: 2, maxAttemptsMessage: 'Vou te passar para um atendente.' }, { credentials }),
			end(3, 'Fim enviada', 'FIM: enviada'),
			end(4, 'Fim sem faturas', 'FIM: sem faturas'),
			end(5, 'Fim máximo', 'FIM: máximo'),
			end(6, 'Fim erro', 'FIM: erro'),
		],
		connections: {
			'Início do Atendimento': { main: [[{ node: 'Segunda Via', type: 'main', index: 0 }]] },
			'Segunda Via': {
				main: [
					[{ node: 'Fim enviada', type: 'main', index: 0 }],
					[{ node: 'Fim sem faturas', type: 'main', index: 0 }],
					[{ node: 'Fim máximo', type: 'main', index: 0 }],
					[{ node: 'Fim erro', type: 'main', index: 0 }],
				],
			},
		},
		settings: { executionOrder: 'v1' },
	};
}

const textOf = (message: unknown) => (message as { text?: string }).text ?? '';

describe.each(ERPS)('Segunda Via no ERP %s', (system) => {
	let simulator: Simulator;
	let chatUrl: string;

	beforeAll(async () => {
		const erp = await simulatedErp(system);
		simulator = erp.simulator;
		const path = `e2e-segunda-via-${system}`;
		await activateWorkflow(secondCopyFlow(path, erp.credentials));
		chatUrl = `${e2eState().baseUrl}/webhook/${path}`;
		await waitFor(async () => ((await fetch(chatUrl)).ok ? true : undefined), 30_000, 'o webhook');
	});
	afterAll(async () => await simulator.close());
	beforeEach(() => simulator.reset());

	test('asks the CPF, then sends summary, PDF and Pix of the open invoice', async () => {
		const customer = new WebchatCustomer(chatUrl);
		await customer.say('oi');
		const [ask] = await customer.next();
		expect(textOf(ask)).toMatch(/CPF ou CNPJ/);
		await customer.say('529.982.247-25');
		const messages = await customer.next(2, 20_000);
		const open = ERP_CUSTOMER.maria.invoices.find((invoice) => invoice.status === 'open')!;
		const all = [...messages];
		const history = await waitFor(async () => {
			const entries = await customer.history();
			return entries.some((entry) => textOf(entry.message) === 'FIM: enviada') ? entries : undefined;
		}, 20_000, 'o fim do fluxo');
		const bot = history.map((entry) => entry.message);
		expect(all.length).toBeGreaterThan(0);
		const summary = bot.find((message) => /^Fatura de R\$/.test(textOf(message)));
		expect(textOf(summary)).toContain(open.amount.toFixed(2).replace('.', ','));
		expect(bot.some((message) => textOf(message).startsWith('000201'))).toBe(!WITHOUT_PIX.includes(system));
		if (!WITHOUT_PDF.includes(system)) {
			const pdf = bot.find((message) => message.kind === 'media');
			expect(pdf).toBeDefined();
			// A boleto downloaded from the ERP is served by the trigger at the URL kept in the history.
			if ((pdf as { url: string }).url.startsWith('?')) {
				const served = await customer.file(pdf!);
				expect(served.status).toBe(200);
				expect(served.headers.get('content-type')).toBe('application/pdf');
				expect(served.body.subarray(0, 4).toString()).toBe('%PDF');
			}
		}
	});

	test('a company with two contracts gets a contract menu; the CPF is not asked again in the same conversation', async () => {
		const customer = new WebchatCustomer(chatUrl);
		await customer.say('oi');
		await customer.next();
		await customer.say('11.222.333/0001-81');
		const [menu] = await customer.next();
		expect(menu.kind).toBe('choices');
		const choices = (menu as { choices: Array<{ id: string; label: string }> }).choices;
		expect(choices).toHaveLength(2);
		await customer.say('1');
		await waitFor(async () => ((await customer.history()).some((entry) => textOf(entry.message) === 'FIM: enviada') ? true : undefined), 20_000, 'o fim');
	});

	test('an unknown CPF twice ends on "Máximo de tentativas" with its message', async () => {
		const customer = new WebchatCustomer(chatUrl);
		await customer.say('oi');
		await customer.next();
		await customer.say('111.444.777-35');
		const [notFound] = await customer.next();
		expect(textOf(notFound)).toMatch(/Não encontrei cadastro/);
		await customer.say('123'); // not even a CPF: also an attempt
		const [maxMessage, end] = await customer.next(2);
		expect(textOf(maxMessage)).toBe('Vou te passar para um atendente.');
		expect(textOf(end)).toBe('FIM: máximo');
	});

	test('an ERP failure ends on "Erro" and the customer is told, never left waiting', async () => {
		const customer = new WebchatCustomer(chatUrl);
		await customer.say('oi');
		await customer.next();
		simulator.failNext(20, { status: 503, body: 'Service Unavailable' });
		await customer.say('529.982.247-25');
		const [error, end] = await customer.next(2, 30_000);
		expect(textOf(error)).toMatch(/Não consegui consultar o sistema/);
		expect(textOf(end)).toBe('FIM: erro');
	});
});
