// ERP cards of group B in a real n8n, on the web chat, against the IXC and Hubsoft simulators (and,
// for Desbloqueio de Confiança and Diagnóstico only, the Controllr and MK Solutions simulators):
// Nota Fiscal (Hubsoft gives the PDF of NFS-e only; its telecom notes go as data), Desbloqueio de
// Confiança, Liberar Redução de Velocidade (IXC only: of the simulated ERPs, only IXC's API releases a
// speed reduction — Hubsoft's card goes to "Erro" at once) and Diagnóstico → Condicional
// "Diagnóstico". Each card's outputs lead to an Enviar Mensagem that names the output, so the
// customer's transcript shows which way the flow went. Last, a support flow chains the cards:
// Diagnóstico → Condicional → Desbloqueio de Confiança, asking the CPF once.
import type { OutboundMessage } from '../../nodes/shared/channels/types';
import { ERP_COMMON_DEFAULTS } from '../../nodes/shared/erp/card/properties';
import { addDays, todayInBrazil } from '../../nodes/shared/erp/calendar';
import { formatDateBr } from '../../nodes/shared/erp/format';
import type { Simulator } from '../simulators/base';
import { ERP_CUSTOMER } from '../simulators/erp-dataset';
import type { HubsoftSimulator } from '../simulators/hubsoft';
import { simulatedErp, type SimulatedErp } from './erp-client';
import { activateWorkflow, e2eState, testNode, waitFor, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(180_000);

const COMMON_OUTPUTS = ['Máximo de tentativas', 'Erro', 'Sem resposta'];
const MAX_ATTEMPTS_MESSAGE = 'Não consegui identificar o cadastro. Vou te passar para um atendente.';
const DOCUMENT = {
	maria: '529.982.247-25',
	joao: '62710524520',
	ana: '175.181.720-20',
	comercialSouza: '11.222.333/0001-81',
};
const texts = (messages: OutboundMessage[]) => WebchatCustomer.texts(messages);

interface CardUnderTest {
	type: string;
	name: string;
	outputs: string[];
}

const NOTA_FISCAL: CardUnderTest = { type: 'notaFiscal', name: 'Nota Fiscal', outputs: ['Enviada', 'Sem notas fiscais'] };
const DESBLOQUEIO: CardUnderTest = { type: 'desbloqueioConfianca', name: 'Desbloqueio de Confiança', outputs: ['Desbloqueado', 'Recusado', 'Já ativo'] };
const REDUCAO: CardUnderTest = { type: 'liberarReducaoVelocidade', name: 'Liberar Redução de Velocidade', outputs: ['Liberado', 'Recusado'] };
const DIAGNOSTICO: CardUnderTest = { type: 'diagnostico', name: 'Diagnóstico', outputs: ['Concluído'] };
const DIAGNOSTIC_ROUTES = ['Inativo', 'Bloqueado', 'Desbloqueio de confiança ativo', 'Financeiro em atraso', 'Offline', 'Online', 'Ativo', 'Sem diagnóstico'];

type Connection = Array<{ node: string; type: string; index: number }>;
const to = (node: string): Connection => [{ node, type: 'main', index: 0 }];

/**
 * Início do Atendimento (web chat) → the card → one "Saída: <output>" message per output. For the
 * Diagnóstico, "Concluído" goes to a Condicional "Diagnóstico" whose routes print the stored result.
 */
function cardFlow(path: string, card: CardUnderTest, credentials: Record<string, unknown>): WorkflowJson {
	const outputs = [...card.outputs, ...COMMON_OUTPUTS];
	const diagnosis = card === DIAGNOSTICO;
	const targetOf = (output: string) => (diagnosis && output === 'Concluído' ? 'Por diagnóstico' : `Saída ${output}`);
	const nodes = [
		testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path, companyName: 'Provedor Exemplo' }, { webhookId: `${path}-hook` }),
		testNode(2, card.name, card.type, { maxAttempts: 2, maxAttemptsMessage: MAX_ATTEMPTS_MESSAGE }, { credentials }),
		...outputs
			.filter((output) => targetOf(output) === `Saída ${output}`)
			.map((output, index) => testNode(10 + index, `Saída ${output}`, 'enviarMensagem', { text: `Saída: ${output}` })),
	];
	const connections: Record<string, unknown> = {
		'Início do Atendimento': { main: [to(card.name)] },
		[card.name]: { main: outputs.map((output) => to(targetOf(output))) },
	};
	if (diagnosis) {
		const result = '{{var.diagnostico.status}}, atraso: {{var.diagnostico.financeiroEmAtraso}}, online: {{var.diagnostico.online}}';
		nodes.push(testNode(3, 'Por diagnóstico', 'condicional', { conditionType: 'diagnostic' }));
		nodes.push(...DIAGNOSTIC_ROUTES.map((route, index) => testNode(30 + index, `Rota ${route}`, 'enviarMensagem', { text: `Rota: ${route} (${result})` })));
		connections['Por diagnóstico'] = { main: DIAGNOSTIC_ROUTES.map((route) => to(`Rota ${route}`)) };
	}
	return { name: `E2E ERP B ${card.name} ${path}`, nodes, connections, settings: { executionOrder: 'v1' } };
}

interface ErpUnderTest {
	simulator: Simulator;
	credentials: Record<string, unknown>;
	urls: Map<CardUnderTest, string>;
}

const erps = new Map<SimulatedErp, ErpUnderTest>();

async function startErp(system: SimulatedErp, cards: CardUnderTest[]): Promise<void> {
	const { simulator, credentials } = await simulatedErp(system);
	const urls = new Map<CardUnderTest, string>();
	for (const card of cards) {
		const path = `e2e-erp-b-${card.type.toLowerCase()}-${system}`;
		await activateWorkflow(cardFlow(path, card, credentials));
		const url = `${e2eState().baseUrl}/webhook/${path}`;
		await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook');
		urls.set(card, url);
	}
	erps.set(system, { simulator, credentials, urls });
}

beforeAll(async () => {
	await startErp('ixc', [NOTA_FISCAL, DESBLOQUEIO, REDUCAO, DIAGNOSTICO]);
	await startErp('hubsoft', [NOTA_FISCAL, DESBLOQUEIO, REDUCAO, DIAGNOSTICO]);
	for (const system of UNLOCK_AND_DIAGNOSIS_ONLY) await startErp(system, [DESBLOQUEIO, DIAGNOSTICO]);
});

afterAll(async () => {
	for (const { simulator } of erps.values()) await simulator.close();
});

beforeEach(() => {
	for (const { simulator } of erps.values()) simulator.reset();
});

function erp(system: SimulatedErp): ErpUnderTest {
	const found = erps.get(system);
	if (!found) throw new Error(`simulador ${system} não iniciado`);
	return found;
}

/** Starts a conversation at the card's flow; the card asks the CPF/CNPJ (no linked customer yet). */
async function startAt(system: SimulatedErp, card: CardUnderTest): Promise<WebchatCustomer> {
	const customer = new WebchatCustomer(erp(system).urls.get(card)!);
	await customer.say('oi');
	expect(texts(await customer.next())).toEqual([ERP_COMMON_DEFAULTS.documentPrompt]);
	return customer;
}

/** Gives the document and returns the next `count` bot messages. */
async function identifyAs(system: SimulatedErp, card: CardUnderTest, document: string, count: number): Promise<{ customer: WebchatCustomer; messages: OutboundMessage[] }> {
	const customer = await startAt(system, card);
	await customer.say(document);
	return { customer, messages: await customer.next(count) };
}

/** `YYYY-MM-DD` of the first day of next month, São Paulo calendar. */
function firstDayOfNextMonth(): string {
	const [year, month] = todayInBrazil().split('-').map(Number);
	return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

const SYSTEMS: SimulatedErp[] = ['ixc', 'hubsoft'];
/** ERPs tested here on Desbloqueio de Confiança and Diagnóstico only (no nota fiscal, no speed release in their APIs; ISPFY shows a reduction but cannot release it). */
const UNLOCK_AND_DIAGNOSIS_ONLY: SimulatedErp[] = ['controllr', 'ispfy', 'mksolutions'];

/** The request that unlocks, per ERP. */
const UNLOCK_PATH: Partial<Record<SimulatedErp, string>> = {
	controllr: '/invoice_ctl/observation/create',
	ispfy: '/api/tool/assinante/liberar',
	mksolutions: '/mk/WSMKAutoDesbloqueio.rule',
};
const isUnlock = (system: SimulatedErp) => (request: { path: string }) => request.path.endsWith(UNLOCK_PATH[system] ?? 'desbloqueio_confianca');

describe('Nota Fiscal', () => {
	const note = ERP_CUSTOMER.maria.fiscalNotes[0];
	const summary = `Nota fiscal nº ${note.number}, emitida em ${formatDateBr(note.issuedOn)}, no valor de R$ 99,90.`;

	async function expectPdfFile(customer: WebchatCustomer, file: OutboundMessage, caption: string): Promise<void> {
		expect(file).toMatchObject({ kind: 'media', mediaType: 'document', mimeType: 'application/pdf', caption });
		await customer.pdf(file);
	}

	test('IXC, maria: the latest note as a PDF file (imprimir_nota), then "Enviada"', async () => {
		const { customer, messages } = await identifyAs('ixc', NOTA_FISCAL, DOCUMENT.maria, 4);
		const [intro, text, file, output] = messages;
		expect(intro).toEqual({ kind: 'text', text: 'Aqui está a sua nota fiscal, MARIA SILVA:' });
		expect(text).toEqual({ kind: 'text', text: summary });
		await expectPdfFile(customer, file, `Nota fiscal nº ${note.number}`);
		expect(output).toEqual({ kind: 'text', text: 'Saída: Enviada' });
	});

	test('Hubsoft, maria: the telecom note (model 21) as a PDF file (notas_fiscais[].link), then "Enviada"', async () => {
		const { customer, messages } = await identifyAs('hubsoft', NOTA_FISCAL, DOCUMENT.maria, 4);
		const [intro, text, file, output] = messages;
		expect(intro).toEqual({ kind: 'text', text: 'Aqui está a sua nota fiscal, MARIA SILVA:' });
		expect(text).toEqual({ kind: 'text', text: summary });
		await expectPdfFile(customer, file, `Nota fiscal nº ${note.number}`);
		expect(output).toEqual({ kind: 'text', text: 'Saída: Enviada' });
	});

	test('Hubsoft, maria with a newer NFS-e without link_pdf: its data and the "no PDF" message, then "Enviada"', async () => {
		const simulator = erp('hubsoft').simulator as HubsoftSimulator;
		simulator.serviceInvoices[ERP_CUSTOMER.maria.id] = [{ id: 78, number: '2078', amount: 99.9, issuedOn: todayInBrazil(), withPdf: false }];
		const { messages } = await identifyAs('hubsoft', NOTA_FISCAL, DOCUMENT.maria, 3);
		expect(texts(messages)).toEqual([
			'Aqui está a sua nota fiscal, MARIA SILVA:',
			`Nota fiscal nº 2078, emitida em ${formatDateBr(todayInBrazil())}, no valor de R$ 99,90.\nO PDF desta nota não está disponível por aqui. Se precisar do documento, fale com um atendente.`,
			'Saída: Enviada',
		]);
	});

	test('Hubsoft, maria with a newer NFS-e: its PDF file (link_pdf), then "Enviada"', async () => {
		const simulator = erp('hubsoft').simulator as HubsoftSimulator;
		simulator.serviceInvoices[ERP_CUSTOMER.maria.id] = [{ id: 77, number: '2077', amount: 99.9, issuedOn: todayInBrazil(), withPdf: true }];
		const { customer, messages } = await identifyAs('hubsoft', NOTA_FISCAL, DOCUMENT.maria, 4);
		const [, text, file, output] = messages;
		expect(text).toEqual({ kind: 'text', text: `Nota fiscal nº 2077, emitida em ${formatDateBr(todayInBrazil())}, no valor de R$ 99,90.` });
		await expectPdfFile(customer, file, 'Nota fiscal nº 2077');
		expect(output).toEqual({ kind: 'text', text: 'Saída: Enviada' });
	});

	test.each(SYSTEMS)('%s, joao has no notes: "Sem notas fiscais"', async (system) => {
		const { messages } = await identifyAs(system, NOTA_FISCAL, DOCUMENT.joao, 2);
		expect(texts(messages)).toEqual(['Não encontrei notas fiscais emitidas para este contrato. Se precisar, fale com um atendente.', 'Saída: Sem notas fiscais']);
	});
});

describe.each([...SYSTEMS, ...UNLOCK_AND_DIAGNOSIS_ONLY])('Desbloqueio de Confiança on %s', (system) => {
	test('joao (blocked): unlocked, and told until when when the ERP says it, then "Desbloqueado"', async () => {
		const { messages } = await identifyAs(system, DESBLOQUEIO, DOCUMENT.joao, 2);
		const [message, output] = texts(messages);
		const overdue = ERP_CUSTOMER.joao.invoices[0];
		// IXC's and MK Solutions' answers carry no date; Hubsoft's says "até a data DD/MM/AAAA" (one day, the documented default);
		// ISPFY always releases for 3 days; Controllr puts the payment of the overdue invoice "em observação" until a date,
		// and the message names the invoice.
		if (system === 'ispfy') {
			const until = formatDateBr(addDays(todayInBrazil(), 3));
			expect(message).toMatch(new RegExp(`^Pronto, JOAO PEREIRA! Seu acesso foi desbloqueado em confiança até ${until}\\.`));
		} else if (system === 'hubsoft') expect(message).toMatch(/^Pronto, JOAO PEREIRA! Seu acesso foi desbloqueado em confiança até \d{2}\/\d{2}\/\d{4}\./);
		else if (system === 'controllr') {
			expect(message).toMatch(/^Pronto, JOAO PEREIRA! Colocamos em observação até \d{2}\/\d{2}\/\d{4} o pagamento da\(s\) fatura\(s\) vencida\(s\): /);
			expect(message).toContain(`R$ 79,90 vencida em ${formatDateBr(overdue.dueDate)}.`);
		} else expect(message).toMatch(/^Pronto, JOAO PEREIRA! Seu acesso foi desbloqueado em confiança\. Pague a fatura/);
		expect(output).toBe('Saída: Desbloqueado');
		expect(erp(system).simulator.requests.some(isUnlock(system))).toBe(true);
	});

	test('ana (already used this month): told the date it can be used again (ISPFY: its reason), then "Recusado"', async () => {
		const { messages } = await identifyAs(system, DESBLOQUEIO, DOCUMENT.ana, 2);
		if (system === 'controllr') {
			// Controllr has no monthly allowance: ana's overdue invoice was already put in observation, which the bot does not repeat.
			const [message, output] = texts(messages);
			expect(message).toMatch(/^Não foi possível fazer o desbloqueio de confiança: O pagamento da fatura de R\$ 89,90 vencida em \d{2}\/\d{2}\/\d{4} já foi colocado em observação/);
			expect(output).toBe('Saída: Recusado');
			return;
		}
		if (system === 'ispfy') {
			// ISPFY refuses in plain text (HTTP 500) and gives no date: the customer hears its reason.
			expect(texts(messages)).toEqual(['Não foi possível fazer o desbloqueio de confiança: A liberação de bloqueio já foi utilizada para este contrato', 'Saída: Recusado']);
			return;
		}
		expect(texts(messages)).toEqual([
			`O desbloqueio de confiança já foi utilizado neste mês e poderá ser usado novamente a partir de ${formatDateBr(firstDayOfNextMonth())}. Para liberar o acesso agora, pague a fatura em aberto ou fale com um atendente.`,
			'Saída: Recusado',
		]);
	});

	test('maria (active): "seu contrato já está ativo" without asking the ERP to unlock, then "Já ativo"', async () => {
		const { messages } = await identifyAs(system, DESBLOQUEIO, DOCUMENT.maria, 2);
		expect(texts(messages)).toEqual([
			'MARIA SILVA, seu contrato já está ativo: não há bloqueio para liberar. Se estiver sem internet, desligue o roteador da tomada, aguarde 30 segundos e ligue de novo.',
			'Saída: Já ativo',
		]);
		expect(erp(system).simulator.requests.some(isUnlock(system))).toBe(false);
	});

	test('the ERP fails on the unlock itself: the error message, then "Erro"', async () => {
		const { simulator } = erp(system);
		simulator.failNext(
			1,
			{ status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
			isUnlock(system),
		);
		const { messages } = await identifyAs(system, DESBLOQUEIO, DOCUMENT.joao, 2);
		expect(texts(messages)).toEqual([ERP_COMMON_DEFAULTS.errorMessage, 'Saída: Erro']);
	});
});

describe('Liberar Redução de Velocidade', () => {
	/** Comercial Souza has two contracts: the card shows the contract menu. */
	async function souzaPicks(contractId: string, plan: string): Promise<string[]> {
		const { customer, messages } = await identifyAs('ixc', REDUCAO, DOCUMENT.comercialSouza, 1);
		expect(messages[0]).toMatchObject({
			kind: 'choices',
			text: ERP_COMMON_DEFAULTS.contractPrompt,
			choices: [expect.objectContaining({ id: 'contrato_2004' }), expect.objectContaining({ id: 'contrato_2005' })],
		});
		await customer.click(`contrato_${contractId}`, plan);
		return texts(await customer.next(2));
	}

	test('IXC: the reduced contract chosen in the menu is released, "Liberado"', async () => {
		expect(await souzaPicks('2005', 'LINK BACKUP 100 MEGA')).toEqual([
			'Pronto, COMERCIAL SOUZA LTDA! A redução de velocidade foi retirada e sua internet volta à velocidade do plano em alguns minutos. Se continuar lenta, desligue o roteador da tomada, aguarde 30 segundos e ligue de novo.',
			'Saída: Liberado',
		]);
		expect(erp('ixc').simulator.requests.filter((request) => request.path.endsWith('liberacao_reducao_contrato_29157'))).toHaveLength(1);
	});

	test('IXC: the contract at full speed is refused without asking the ERP, "Recusado"', async () => {
		expect(await souzaPicks('2004', 'EMPRESARIAL 500 MEGA')).toEqual([
			'COMERCIAL SOUZA LTDA, seu plano não está com a velocidade reduzida: ele já está na velocidade contratada. Se a internet estiver lenta, desligue o roteador da tomada, aguarde 30 segundos e ligue de novo.',
			'Saída: Recusado',
		]);
		expect(erp('ixc').simulator.requests.some((request) => request.path.endsWith('liberacao_reducao_contrato_29157'))).toBe(false);
	});

	test('Hubsoft, whose API has no speed-reduction release: the error message at once (no CPF asked), "Erro"', async () => {
		const customer = new WebchatCustomer(erp('hubsoft').urls.get(REDUCAO)!);
		await customer.say('oi');
		expect(texts(await customer.next(2))).toEqual([ERP_COMMON_DEFAULTS.errorMessage, 'Saída: Erro']);
	});
});

describe.each([...SYSTEMS, ...UNLOCK_AND_DIAGNOSIS_ONLY])('Diagnóstico → Condicional "Diagnóstico" on %s', (system) => {
	test('joao (blocked, offline, overdue) leaves by "Bloqueado"', async () => {
		const { messages } = await identifyAs(system, DIAGNOSTICO, DOCUMENT.joao, 1);
		expect(texts(messages)).toEqual(['Rota: Bloqueado (bloqueado, atraso: true, online: false)']);
	});

	test('maria (active, online, nothing overdue) leaves by "Online"', async () => {
		const { messages } = await identifyAs(system, DIAGNOSTICO, DOCUMENT.maria, 1);
		expect(texts(messages)).toEqual(['Rota: Online (ativo, atraso: false, online: true)']);
	});
});

test('max attempts: an invalid CPF, then one not found, ends by "Máximo de tentativas" (IXC, Diagnóstico)', async () => {
	const customer = await startAt('ixc', DIAGNOSTICO);
	await customer.say('123.456');
	const [invalid] = texts(await customer.next());
	expect(invalid).toMatch(/CPF|CNPJ/);
	await customer.say('111.444.777-35');
	expect(texts(await customer.next(2))).toEqual([MAX_ATTEMPTS_MESSAGE, 'Saída: Máximo de tentativas']);
});

test('Diagnóstico → Condicional "Bloqueado" → Desbloqueio de Confiança: the CPF is asked once, then the unlock (IXC)', async () => {
	const { credentials } = erp('ixc');
	const path = 'e2e-erp-b-suporte';
	const unlockOutputs = [...DESBLOQUEIO.outputs, ...COMMON_OUTPUTS];
	await activateWorkflow({
		name: 'E2E ERP B suporte',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path }, { webhookId: `${path}-hook` }),
			testNode(2, 'Diagnóstico', 'diagnostico', {}, { credentials }),
			testNode(3, 'Por diagnóstico', 'condicional', { conditionType: 'diagnostic' }),
			testNode(4, 'Desbloqueio', 'desbloqueioConfianca', {}, { credentials }),
			testNode(5, 'Outro caso', 'enviarMensagem', { text: 'Outro caso' }),
			...unlockOutputs.map((output, index) => testNode(10 + index, `Saída ${output}`, 'enviarMensagem', { text: `Saída: ${output}` })),
		],
		connections: {
			'Início do Atendimento': { main: [to('Diagnóstico')] },
			Diagnóstico: { main: [to('Por diagnóstico')] },
			'Por diagnóstico': { main: DIAGNOSTIC_ROUTES.map((route) => to(route === 'Bloqueado' ? 'Desbloqueio' : 'Outro caso')) },
			Desbloqueio: { main: unlockOutputs.map((output) => to(`Saída ${output}`)) },
		},
		settings: { executionOrder: 'v1' },
	});
	const url = `${e2eState().baseUrl}/webhook/${path}`;
	await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook');
	const customer = new WebchatCustomer(url);
	await customer.say('oi');
	expect(texts(await customer.next())).toEqual([ERP_COMMON_DEFAULTS.documentPrompt]);
	await customer.say(DOCUMENT.joao);
	const [unlocked, output] = texts(await customer.next(2));
	expect(unlocked).toMatch(/^Pronto, JOAO PEREIRA! Seu acesso foi desbloqueado em confiança\./);
	expect(output).toBe('Saída: Desbloqueado');
	expect((await customer.history()).map((entry) => entry.message).filter((message) => 'text' in message && message.text === ERP_COMMON_DEFAULTS.documentPrompt)).toHaveLength(1);
});
