// ERP cards in a real n8n, on the web chat, for the ERPs that are not in erp-b / erp-c (one
// describe per system, E2E_ERPS filters them): Desbloqueio de Confiança, Diagnóstico → Condicional
// "Diagnóstico" and Abrir Atendimento no ERP. What differs between ERPs is in EXPECTED: RBX's unlock is
// a full unblock (the customer is not told "em confiança"), Voalle refuses with its own reason and
// gives no subscriber session (only the access point: `redeEmManutencao`), RBX lists departments.
import type { OutboundMessage } from '../../nodes/shared/channels/types';
import { ERP_COMMON_DEFAULTS } from '../../nodes/shared/erp/card/properties';
import type { RecordedRequest, Simulator } from '../simulators/base';
import type { RbxSimulator } from '../simulators/rbx';
import type { VoalleSimulator } from '../simulators/voalle';
import { simulatedErp, type SimulatedErp } from './erp-client';
import { activateWorkflow, e2eState, testNode, waitFor, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(180_000);

const COMMON_OUTPUTS = ['Máximo de tentativas', 'Erro', 'Sem resposta'];
const DOCUMENT = { maria: '529.982.247-25', joao: '62710524520', ana: '175.181.720-20' };
const DESCRIPTION = 'Internet caindo toda noite desde segunda-feira';
const DIAGNOSTIC_ROUTES = ['Inativo', 'Bloqueado', 'Desbloqueio de confiança ativo', 'Financeiro em atraso', 'Offline', 'Online', 'Ativo', 'Sem diagnóstico'];
const texts = (messages: OutboundMessage[]) => WebchatCustomer.texts(messages);

interface Expected {
	/** The request that unlocks, whatever the ERP calls it. */
	isUnlock: (request: RecordedRequest) => boolean;
	joaoUnlocked: RegExp;
	/** Ana already used her trust unlock this month: the ERP's answer and the card's output. */
	ana: [string, string];
	diagnosis: { joao: string; maria: string };
	/** An outage in the access point (ERPs that report it), and maria's route then. */
	outage?: { set: (simulator: Simulator) => void; maria: string };
	/** Whether the card shows a department menu before the description. */
	departments: boolean;
	/** The ticket the ERP recorded: its protocol and the text it carries. */
	ticket: (simulator: Simulator) => { protocol: string; text: string; department?: string } | undefined;
}

const rbxService = (name: string) => (request: RecordedRequest) => typeof request.json === 'object' && request.json !== null && name in request.json;

const EXPECTED: Partial<Record<SimulatedErp, Expected>> = {
	rbx: {
		isUnlock: rbxService('contract_unblock'),
		joaoUnlocked: /^Pronto, JOAO PEREIRA! Seu contrato foi desbloqueado\. Pague a fatura em aberto/,
		// RBX has no trust window nor quota: ana's blocked contract is unblocked too, told as a full unblock.
		ana: ['Pronto, ANA COSTA! Seu contrato foi desbloqueado. Pague a fatura em aberto para não ser bloqueado de novo. Se a internet não voltar em alguns minutos, desligue o roteador da tomada, aguarde 30 segundos e ligue de novo.', 'Saída: Desbloqueado'],
		// A placeholder with no value is left as written: RBX gives no access-point state.
		diagnosis: { joao: 'Rota: Bloqueado (bloqueado, atraso: true, online: false, rede: {{var.diagnostico.redeEmManutencao}})', maria: 'Rota: Online (ativo, atraso: false, online: true, rede: {{var.diagnostico.redeEmManutencao}})' },
		departments: true,
		ticket: (simulator) => {
			const ticket = (simulator as RbxSimulator).tickets[0];
			return ticket && { protocol: ticket.number, text: String(ticket.fields.Ocorrencia), department: String(ticket.fields.Topico) };
		},
	},
	voalle: {
		isUnlock: (request) => request.path.includes('/contracts/unlock/'),
		joaoUnlocked: /^Pronto, JOAO PEREIRA! Seu acesso foi desbloqueado em confiança\. Pague a fatura em aberto/,
		ana: ['Não foi possível fazer o desbloqueio de confiança: Limite de desbloqueios em confiança do mês atingido.', 'Saída: Recusado'],
		// No subscriber session in Voalle's API: `online` stays unknown, the access point goes to `redeEmManutencao`.
		diagnosis: {
			joao: 'Rota: Bloqueado (bloqueado, atraso: true, online: {{var.diagnostico.online}}, rede: false)',
			maria: 'Rota: Ativo (ativo, atraso: false, online: {{var.diagnostico.online}}, rede: false)',
		},
		outage: {
			set: (simulator) => {
				(simulator as VoalleSimulator).accessPoint = { title: 'POP CENTRO', inMaintenance: true, maintenance: 'Rompimento de fibra', active: false };
			},
			maria: 'Rota: Ativo (ativo, atraso: false, online: {{var.diagnostico.online}}, rede: true)',
		},
		departments: false,
		ticket: (simulator) => {
			const solicitation = (simulator as VoalleSimulator).solicitations[0];
			return solicitation && { protocol: solicitation.protocol, text: solicitation.description };
		},
	},
};

const SYSTEMS = (process.env.E2E_ERPS ?? 'rbx,voalle').split(',').filter((system): system is SimulatedErp => system in EXPECTED);

type Connection = Array<{ node: string; type: string; index: number }>;
const to = (node: string): Connection => [{ node, type: 'main', index: 0 }];

type Card = 'desbloqueio' | 'diagnostico' | 'atendimento';
const CARDS: Record<Card, { type: string; name: string; outputs: string[]; parameters?: Record<string, unknown> }> = {
	desbloqueio: { type: 'desbloqueioConfianca', name: 'Desbloqueio de Confiança', outputs: ['Desbloqueado', 'Recusado', 'Já ativo'] },
	diagnostico: { type: 'diagnostico', name: 'Diagnóstico', outputs: ['Concluído'] },
	atendimento: { type: 'abrirAtendimentoErp', name: 'Abrir Atendimento no ERP', outputs: ['Aberto'], parameters: { subject: 'Sem conexão' } },
};

/** Início (web chat) → the card → "Saída: <output>"; the Diagnóstico goes to a Condicional whose routes print the result. */
function cardFlow(path: string, card: Card, credentials: Record<string, unknown>): WorkflowJson {
	const { type, name, outputs, parameters } = CARDS[card];
	const all = [...outputs, ...COMMON_OUTPUTS];
	const diagnosis = card === 'diagnostico';
	const targetOf = (output: string) => (diagnosis && output === 'Concluído' ? 'Por diagnóstico' : `Saída ${output}`);
	const nodes = [
		testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path, companyName: 'Provedor Exemplo' }, { webhookId: `${path}-hook` }),
		testNode(2, name, type, { maxAttempts: 2, maxAttemptsMessage: 'Vou te passar para um atendente.', ...parameters }, { credentials }),
		...all.filter((output) => targetOf(output) === `Saída ${output}`).map((output, index) => testNode(10 + index, `Saída ${output}`, 'enviarMensagem', { text: `Saída: ${output}` })),
	];
	const connections: Record<string, unknown> = { 'Início do Atendimento': { main: [to(name)] }, [name]: { main: all.map((output) => to(targetOf(output))) } };
	if (diagnosis) {
		const result = '{{var.diagnostico.status}}, atraso: {{var.diagnostico.financeiroEmAtraso}}, online: {{var.diagnostico.online}}, rede: {{var.diagnostico.redeEmManutencao}}';
		nodes.push(testNode(3, 'Por diagnóstico', 'condicional', { conditionType: 'diagnostic' }));
		nodes.push(...DIAGNOSTIC_ROUTES.map((route, index) => testNode(30 + index, `Rota ${route}`, 'enviarMensagem', { text: `Rota: ${route} (${result})` })));
		connections['Por diagnóstico'] = { main: DIAGNOSTIC_ROUTES.map((route) => to(`Rota ${route}`)) };
	}
	return { name: `E2E ERP ${name} ${path}`, nodes, connections, settings: { executionOrder: 'v1' } };
}

describe.each(SYSTEMS)('cards de ERP no %s', (system) => {
	const expected = EXPECTED[system]!;
	let simulator: Simulator;
	const urls = new Map<Card, string>();

	beforeAll(async () => {
		const erp = await simulatedErp(system);
		simulator = erp.simulator;
		for (const card of Object.keys(CARDS) as Card[]) {
			const path = `e2e-erp-${card}-${system}`;
			await activateWorkflow(cardFlow(path, card, erp.credentials));
			const url = `${e2eState().baseUrl}/webhook/${path}`;
			await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook');
			urls.set(card, url);
		}
	});
	afterAll(async () => await simulator.close());
	beforeEach(() => simulator.reset());

	async function identifyAs(card: Card, document: string, count: number): Promise<{ customer: WebchatCustomer; messages: OutboundMessage[] }> {
		const customer = new WebchatCustomer(urls.get(card)!);
		await customer.say('oi');
		expect(texts(await customer.next())).toEqual([ERP_COMMON_DEFAULTS.documentPrompt]);
		await customer.say(document);
		return { customer, messages: await customer.next(count, 30_000) };
	}

	test('Desbloqueio de Confiança: joao (blocked) is unlocked and told what really happened, "Desbloqueado"', async () => {
		const [message, output] = texts((await identifyAs('desbloqueio', DOCUMENT.joao, 2)).messages);
		expect(message).toMatch(expected.joaoUnlocked);
		expect(output).toBe('Saída: Desbloqueado');
		expect(simulator.requests.some(expected.isUnlock)).toBe(true);
	});

	test('Desbloqueio de Confiança: ana (already used this month)', async () => {
		expect(texts((await identifyAs('desbloqueio', DOCUMENT.ana, 2)).messages)).toEqual(expected.ana);
	});

	test('Desbloqueio de Confiança: maria (active) is "Já ativo" without asking the ERP', async () => {
		const [, output] = texts((await identifyAs('desbloqueio', DOCUMENT.maria, 2)).messages);
		expect(output).toBe('Saída: Já ativo');
		expect(simulator.requests.some(expected.isUnlock)).toBe(false);
	});

	test('Diagnóstico → Condicional: joao (blocked, overdue) and maria (active)', async () => {
		expect(texts((await identifyAs('diagnostico', DOCUMENT.joao, 1)).messages)).toEqual([expected.diagnosis.joao]);
		expect(texts((await identifyAs('diagnostico', DOCUMENT.maria, 1)).messages)).toEqual([expected.diagnosis.maria]);
	});

	const outage = expected.outage;
	(outage ? test : test.skip)('Diagnóstico: an outage of the access point reaches the variable, not the customer\'s online state', async () => {
		outage!.set(simulator);
		expect(texts((await identifyAs('diagnostico', DOCUMENT.maria, 1)).messages)).toEqual([outage!.maria]);
	});

	test('Abrir Atendimento: the description (after the department when the ERP lists them), the protocol, "Aberto"', async () => {
		const { customer, messages } = await identifyAs('atendimento', DOCUMENT.maria, 1);
		if (expected.departments) {
			expect(messages[0]).toMatchObject({ kind: 'choices', choices: expect.arrayContaining([expect.objectContaining({ id: 'departamento_2' })]) });
			await customer.click('departamento_2', 'Pendências Financeiras');
			await customer.next();
		} else {
			expect(texts(messages)).toEqual(['Descreva o problema ou a sua solicitação em uma única mensagem, com o máximo de detalhes.']);
		}
		await customer.say(DESCRIPTION);
		const [opened, output] = texts(await customer.next(2, 30_000));
		expect(output).toBe('Saída: Aberto');
		const ticket = expected.ticket(simulator);
		expect(ticket?.text).toContain(DESCRIPTION);
		if (expected.departments) expect(ticket?.department).toBe('2');
		expect(opened).toBe(`Seu atendimento foi aberto com o protocolo ${ticket?.protocol}. Nossa equipe vai analisar e retornar em breve.`);
	});

	test('an ERP failure on the unlock: the error message, then "Erro"', async () => {
		simulator.failNext(1, { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }, expected.isUnlock);
		expect(texts((await identifyAs('desbloqueio', DOCUMENT.joao, 2)).messages)).toEqual([ERP_COMMON_DEFAULTS.errorMessage, 'Saída: Erro']);
	});
});

if (SYSTEMS.length === 0) test.skip('nenhum ERP deste arquivo em E2E_ERPS', () => undefined);
