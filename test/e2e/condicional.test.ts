// The Condicional card in a real n8n: Canal and Filial, Variável after an Enviar Pergunta, Período de
// atendimento and Turno on the web chat; Origem (click-to-WhatsApp ad vs. organic) on the WhatsApp
// simulator; Etiqueta with tags an n8n Set node puts on the item. Tipo de cadastro and Diagnóstico
// are covered in-process (test/workflow/condicional.test.ts): no card writes their data yet.
import { DateTime } from 'luxon';

import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	adReferral,
	deliver,
	messagesWebhook,
	startWhatsAppSimulator,
	textMessage,
	verifyWebhook,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import { activateWorkflow, e2eState, testNode, waitFor, whatsAppSimulatorCredential, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(120_000);

const SAO_PAULO = 'America/Sao_Paulo';

/** Connections from `from`'s outputs, in order, to the named nodes. */
function outputsTo(...targets: string[]): { main: Array<Array<{ node: string; type: string; index: number }>> } {
	return { main: targets.map((node) => [{ node, type: 'main', index: 0 }]) };
}

function webchatTrigger(path: string, options: Record<string, unknown> = {}): Record<string, unknown> {
	return testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path, companyName: 'Provedor Exemplo', options }, { webhookId: `${path}-hook` });
}

/** Activates a web chat flow and waits until its page answers. */
async function activateWebchat(workflow: WorkflowJson, path: string): Promise<string> {
	await activateWorkflow(workflow);
	const url = `${e2eState().baseUrl}/webhook/${path}`;
	await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook');
	return url;
}

async function firstReply(url: string, text = 'oi'): Promise<string> {
	const customer = new WebchatCustomer(url);
	await customer.say(text);
	return WebchatCustomer.texts(await customer.next())[0];
}

test('Canal then Filial: the web chat leaves by its channel output, then by the trigger\'s branch', async () => {
	const channels = { values: [{ channel: 'whatsapp' }, { channel: 'webchat', outputName: 'Site' }] };
	const flow = (path: string, branch?: string): WorkflowJson => ({
		name: `E2E condicional canal ${path}`,
		nodes: [
			webchatTrigger(path, branch ? { branch } : {}),
			testNode(2, 'Canal', 'condicional', { conditionType: 'channel', channels }),
			testNode(3, 'Filial', 'condicional', { conditionType: 'branch', branches: ['Zona Norte', 'Centro'] }),
			testNode(4, 'Msg WhatsApp', 'enviarMensagem', { text: 'Canal: WhatsApp' }),
			testNode(5, 'Msg outro canal', 'enviarMensagem', { text: 'Canal: outro' }),
			testNode(6, 'Msg Zona Norte', 'enviarMensagem', { text: 'Web chat, filial Zona Norte' }),
			testNode(7, 'Msg Centro', 'enviarMensagem', { text: '=Web chat ({{ $json.condicional.saida }}), filial Centro' }),
			testNode(8, 'Msg outra filial', 'enviarMensagem', { text: 'Web chat, outra filial' }),
		],
		connections: {
			'Início do Atendimento': outputsTo('Canal'),
			Canal: outputsTo('Msg WhatsApp', 'Filial', 'Msg outro canal'),
			Filial: outputsTo('Msg Zona Norte', 'Msg Centro', 'Msg outra filial'),
		},
		settings: { executionOrder: 'v1' },
	});
	const centro = await activateWebchat(flow('e2e-cond-canal', 'centro'), 'e2e-cond-canal');
	const semFilial = await activateWebchat(flow('e2e-cond-canal-sem-filial'), 'e2e-cond-canal-sem-filial');
	expect(await firstReply(centro)).toBe('Web chat (Centro), filial Centro');
	expect(await firstReply(semFilial)).toBe('Web chat, outra filial');
});

test('Variável after Enviar Pergunta: the saved answer (and an expression on the item) picks the rule', async () => {
	const path = 'e2e-cond-variavel';
	const rules = {
		values: [
			{ outputName: 'Plano alto', valueSource: 'variable', variableName: 'plano', comparison: 'greaterThanOrEqual', compareTo: '500' },
			{ outputName: 'Dois dígitos', valueSource: 'variable', variableName: 'plano', comparison: 'regex', compareTo: '^\\d{2}$' },
			{ outputName: 'Zero', valueSource: 'expression', value: '={{ $json.resposta }}', comparison: 'numberEquals', compareTo: '0' },
		],
	};
	const url = await activateWebchat(
		{
			name: 'E2E condicional variável',
			nodes: [
				webchatTrigger(path),
				testNode(2, 'Velocidade', 'enviarPergunta', { answerType: 'input', question: 'Qual a velocidade do seu plano (Mega)?', validation: 'number', saveAs: 'plano' }),
				testNode(3, 'Por plano', 'condicional', { conditionType: 'variable', rules }),
				testNode(4, 'Msg alto', 'enviarMensagem', { text: 'Plano alto: {{var.plano}} Mega' }),
				testNode(5, 'Msg dois', 'enviarMensagem', { text: 'Dois dígitos: {{var.plano}}' }),
				testNode(6, 'Msg zero', 'enviarMensagem', { text: 'Sem plano' }),
				testNode(7, 'Msg nenhuma', 'enviarMensagem', { text: 'Nenhuma regra para {{var.plano}}' }),
			],
			connections: {
				'Início do Atendimento': outputsTo('Velocidade'),
				Velocidade: outputsTo('Por plano'),
				'Por plano': outputsTo('Msg alto', 'Msg dois', 'Msg zero', 'Msg nenhuma'),
			},
			settings: { executionOrder: 'v1' },
		},
		path,
	);
	const answers: Array<[string, string]> = [
		['600', 'Plano alto: 600 Mega'],
		['50', 'Dois dígitos: 50'],
		['0', 'Sem plano'],
		['7', 'Nenhuma regra para 7'],
	];
	for (const [answer, expected] of answers) {
		const customer = new WebchatCustomer(url);
		await customer.say('oi');
		expect(WebchatCustomer.texts(await customer.next())).toEqual(['Qual a velocidade do seu plano (Mega)?']);
		await customer.say(answer);
		expect(WebchatCustomer.texts(await customer.next())).toEqual([expected]);
	}
});

describe('Período de atendimento (and Turno inside business hours)', () => {
	/** Início → Período → Dentro: Turno → one message per shift; Fora: "Fechado". */
	function hoursFlow(path: string, weeklyHours: unknown[], holidays = ''): WorkflowJson {
		return {
			name: `E2E condicional período ${path}`,
			nodes: [
				webchatTrigger(path),
				testNode(2, 'Período', 'condicional', { conditionType: 'businessHours', weeklyHours: { values: weeklyHours }, holidays, timeZone: SAO_PAULO }),
				testNode(3, 'Turno', 'condicional', { conditionType: 'shift' }),
				testNode(4, 'Fechado', 'enviarMensagem', { text: '=Fechado ({{ $json.condicional.feriado ? "feriado" : "fora do horário" }})' }),
				testNode(5, 'Manhã', 'enviarMensagem', { text: 'Aberto: Manhã' }),
				testNode(6, 'Tarde', 'enviarMensagem', { text: 'Aberto: Tarde' }),
				testNode(7, 'Noite', 'enviarMensagem', { text: 'Aberto: Noite' }),
				testNode(8, 'Madrugada', 'enviarMensagem', { text: 'Aberto: Madrugada' }),
			],
			connections: {
				'Início do Atendimento': outputsTo('Período'),
				Período: outputsTo('Turno', 'Fechado'),
				Turno: outputsTo('Manhã', 'Tarde', 'Noite', 'Madrugada'),
			},
			settings: { executionOrder: 'v1' },
		};
	}

	/** The shift of the São Paulo clock, with the defaults 06/12/18/00. */
	function shiftNow(): string {
		const hour = DateTime.now().setZone(SAO_PAULO).hour;
		return hour < 6 ? 'Madrugada' : hour < 12 ? 'Manhã' : hour < 18 ? 'Tarde' : 'Noite';
	}

	const everyDay = [{ day: 'everyDay', start: '00:00', end: '00:00' }];

	test('open every day, all day: "Dentro do horário", then the shift of the São Paulo clock', async () => {
		const url = await activateWebchat(hoursFlow('e2e-cond-aberto', everyDay), 'e2e-cond-aberto');
		const before = shiftNow();
		const reply = await firstReply(url);
		expect([`Aberto: ${before}`, `Aberto: ${shiftNow()}`]).toContain(reply);
	});

	test('hours on another weekday only: "Fora do horário"', async () => {
		const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
		const otherDay = days[(DateTime.now().setZone(SAO_PAULO).weekday - 1 + 3) % 7]; // three days away: no midnight edge
		const url = await activateWebchat(hoursFlow('e2e-cond-outro-dia', [{ day: otherDay, start: '00:00', end: '00:00' }]), 'e2e-cond-outro-dia');
		expect(await firstReply(url)).toBe('Fechado (fora do horário)');
	});

	test('open all day but today is a holiday: "Fora do horário"', async () => {
		const today = DateTime.now().setZone(SAO_PAULO);
		const holidays = [today.minus({ days: 1 }), today, today.plus({ days: 1 })].map((day) => day.toFormat('dd/MM/yyyy')).join(', ');
		const url = await activateWebchat(hoursFlow('e2e-cond-feriado', everyDay, holidays), 'e2e-cond-feriado');
		expect(await firstReply(url)).toBe('Fechado (feriado)');
	});
});

test('Etiqueta: tags the item carries (set here by an n8n Set node) route by "Tem etiqueta" / "Não tem etiqueta"', async () => {
	const path = 'e2e-cond-etiqueta';
	const url = await activateWebchat(
		{
			name: 'E2E condicional etiqueta',
			nodes: [
				webchatTrigger(path),
				testNode(2, 'Marca VIP', 'n8n-nodes-base.set', {
					mode: 'manual',
					assignments: { assignments: [{ id: 'e2e-tags', name: 'atendimento.etiquetas', value: '={{ ["VIP"] }}', type: 'array' }] },
					includeOtherFields: true,
					options: {},
				}, { typeVersion: 3.4 }),
				testNode(3, 'É VIP?', 'condicional', { conditionType: 'tag', tags: ['vip', 'Premium'] }),
				testNode(4, 'Cobrança?', 'condicional', { conditionType: 'tag', tags: ['Cobrança'] }),
				testNode(5, 'Msg cobrança', 'enviarMensagem', { text: 'VIP em cobrança' }),
				testNode(6, 'Msg VIP', 'enviarMensagem', { text: '=VIP ({{ $json.condicional.saida }})' }),
				testNode(7, 'Msg comum', 'enviarMensagem', { text: 'Cliente comum' }),
			],
			connections: {
				'Início do Atendimento': outputsTo('Marca VIP'),
				'Marca VIP': outputsTo('É VIP?'),
				'É VIP?': outputsTo('Cobrança?', 'Msg comum'),
				'Cobrança?': outputsTo('Msg cobrança', 'Msg VIP'),
			},
			settings: { executionOrder: 'v1' },
		},
		path,
	);
	expect(await firstReply(url)).toBe('VIP (Não tem etiqueta)');
});

describe('Origem do atendimento on WhatsApp', () => {
	let simulator: WhatsAppSimulator;
	let url: string;

	beforeAll(async () => {
		simulator = await startWhatsAppSimulator();
		const credentials = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp condicional');
		const path = 'e2e-cond-origem';
		await activateWorkflow({
			name: 'E2E condicional origem',
			nodes: [
				testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'whatsapp', path }, { webhookId: `${path}-hook`, credentials }),
				testNode(2, 'Canal', 'condicional', { conditionType: 'channel', channels: { values: [{ channel: 'whatsapp', accountId: ACCOUNT.phoneNumberId }] } }),
				testNode(3, 'Origem', 'condicional', { conditionType: 'origin' }),
				testNode(4, 'Msg anúncio', 'enviarMensagem', { text: '=Você veio do anúncio "{{ $json.condicional.anuncio.headline }}"' }),
				testNode(5, 'Msg orgânico', 'enviarMensagem', { text: 'Olá! Como podemos ajudar?' }),
				testNode(6, 'Msg outro número', 'enviarMensagem', { text: 'Outro número' }),
			],
			connections: {
				'Início do Atendimento': outputsTo('Canal'),
				Canal: outputsTo('Origem', 'Msg outro número'),
				Origem: outputsTo('Msg anúncio', 'Msg orgânico'),
			},
			settings: { executionOrder: 'v1' },
		});
		url = `${e2eState().baseUrl}/webhook/${path}`;
		await waitFor(async () => ((await verifyWebhook(url, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 30_000, 'o webhook');
	});

	afterAll(async () => {
		await simulator.close();
	});

	async function replyTo(waId: string): Promise<unknown> {
		const [sent] = await waitFor(async () => {
			const messages = simulator.sent.filter((message) => message.to === waId);
			return messages.length > 0 ? messages : undefined;
		}, 20_000, `a resposta para ${waId}`);
		return sent.body;
	}

	test('a click-to-WhatsApp ad referral leaves by "Anúncio", with the ad on the item', async () => {
		const waId = '5511987651001';
		const referral = adReferral({ headline: 'Fibra 500 Mega' });
		expect((await deliver(url, messagesWebhook(textMessage('Quero saber mais', { from: waId, referral })), ACCOUNT.appSecret)).status).toBe(200);
		expect(await replyTo(waId)).toMatchObject({ type: 'text', text: { body: 'Você veio do anúncio "Fibra 500 Mega"' } });
	});

	test('a message without referral is organic', async () => {
		const waId = '5511987651002';
		await deliver(url, messagesWebhook(textMessage('oi', { from: waId })), ACCOUNT.appSecret);
		expect(await replyTo(waId)).toMatchObject({ type: 'text', text: { body: 'Olá! Como podemos ajudar?' } });
	});
});
