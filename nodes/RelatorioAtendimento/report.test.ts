import type { Conversation, ConversationEvent } from '../shared/conversation/types';
import { buildReport, demandOf, NO_DEMAND } from './report';

const T0 = Date.UTC(2025, 4, 1, 12, 0, 0);
let sequence = 0;

function conversation(fields: Partial<Conversation> & { events?: ConversationEvent[] }): Conversation {
	const id = `c-${++sequence}`;
	return {
		version: 2,
		id,
		protocolo: `P-${sequence}`,
		channel: { type: 'webchat', accountId: 'atendimento', triggerUrl: 'http://127.0.0.1/webhook/atendimento' },
		contact: { id: `contato-${sequence}` },
		tags: [],
		variables: {},
		state: 'running',
		inbox: [],
		history: [],
		context: [],
		createdAt: T0,
		updatedAt: T0,
		...fields,
		events: [{ at: T0, type: 'atendimento_iniciado', data: { canal: 'webchat' } }, ...(fields.events ?? [])],
	};
}

const step = (node: string): ConversationEvent => ({ at: T0, type: 'etapa', node });
const demand = (value: unknown, type = 'demanda'): ConversationEvent => ({ at: T0, type, node: 'Registrar Evento', data: { setor: value } });
const transfer: ConversationEvent = { at: T0, type: 'transferido', node: 'Transferir', data: { departamento: 'Suporte', atendente: null } };

function ended(seconds: number, resolved: boolean | undefined, endReason: string, events: ConversationEvent[]): Conversation {
	return conversation({ state: 'ended', endedAt: T0 + seconds * 1000, resolved, endReason, events });
}

describe('buildReport', () => {
	const now = T0 + 3_600_000;

	it('is empty for no conversations', () => {
		expect(buildReport([], { now, since: T0 })).toEqual({
			periodo: { inicio: new Date(T0).toISOString(), fim: new Date(now).toISOString() },
			atendimentos: 0,
			resolvidosPeloBot: 0,
			transferidos: 0,
			naoResolvidos: 0,
			emAndamento: 0,
			tempoMedioSegundos: null,
			visitasPorEtapa: [],
			demandas: [],
			motivosDeEncerramento: [],
		});
	});

	it('classifies each conversation once: transferred wins over resolved, ended without resolution, ongoing', () => {
		const report = buildReport(
			[
				ended(60, true, 'concluido', [demand('financeiro')]), // resolved by the bot
				ended(120, true, 'concluido', [transfer]), // closed as resolved by the attendant: transferred
				conversation({ state: 'human', events: [transfer] }), // still with the attendant: transferred
				ended(30, false, 'sem_cobertura', []),
				ended(90, undefined, 'fluxo_concluido', []), // a flow that ended without Encerrar
				conversation({ state: 'waiting' }),
				conversation({ state: 'running' }),
			],
			{ now },
		);
		expect(report).toMatchObject({ atendimentos: 7, resolvidosPeloBot: 1, transferidos: 2, naoResolvidos: 2, emAndamento: 2 });
		expect(report.periodo.inicio).toBeNull();
	});

	it('averages the handling time of ended conversations only, overall and per demand', () => {
		const report = buildReport(
			[
				ended(60, true, 'concluido', [demand('financeiro')]),
				ended(120, true, 'concluido', [demand('financeiro')]),
				ended(31, false, 'concluido', [demand('suporte')]),
				conversation({ state: 'waiting', events: [demand('suporte')] }),
				conversation({ state: 'running', events: [demand('comercial')] }),
			],
			{ now },
		);
		expect(report.tempoMedioSegundos).toBe(70); // (60 + 120 + 31) / 3 = 70.3
		expect(report.demandas).toEqual([
			{ demanda: 'financeiro', atendimentos: 2, tempoMedioSegundos: 90 },
			{ demanda: 'suporte', atendimentos: 2, tempoMedioSegundos: 31 },
			{ demanda: 'comercial', atendimentos: 1, tempoMedioSegundos: null },
		]);
	});

	it('ignores an end time before the start (clock skew between processes)', () => {
		const report = buildReport([conversation({ state: 'ended', endedAt: T0 - 5_000, resolved: true, endReason: 'concluido' })], { now });
		expect(report.tempoMedioSegundos).toBeNull();
		expect(report.resolvidosPeloBot).toBe(1);
	});

	it('counts visits per step over every entry, most visited first, ties by name', () => {
		const report = buildReport(
			[
				conversation({ events: [step('Boas-vindas'), step('Menu'), step('Menu'), step('Menu'), { at: T0, type: 'resposta', node: 'Menu' }] }),
				conversation({ events: [step('Boas-vindas'), step('Menu'), step('Fim'), step('Avaliação')] }),
				conversation({ events: [{ at: T0, type: 'etapa' }] }), // no node name: not counted
			],
			{ now },
		);
		expect(report.visitasPorEtapa).toEqual([
			{ etapa: 'Menu', visitas: 4 },
			{ etapa: 'Boas-vindas', visitas: 2 },
			{ etapa: 'Avaliação', visitas: 1 },
			{ etapa: 'Fim', visitas: 1 },
		]);
	});

	it('ranks demands by number of conversations; conversations without one are grouped', () => {
		const report = buildReport(
			[
				conversation({ events: [demand('suporte')] }),
				conversation({ events: [demand('suporte')] }),
				conversation({ events: [demand('suporte')] }),
				conversation({ events: [demand('comercial')] }),
				conversation({ events: [] }),
				conversation({ events: [] }),
			],
			{ now },
		);
		expect(report.demandas.map((entry) => [entry.demanda, entry.atendimentos])).toEqual([
			['suporte', 3],
			[NO_DEMAND, 2],
			['comercial', 1],
		]);
	});

	it('uses the configured demand event name', () => {
		const report = buildReport([conversation({ events: [demand('suporte'), demand('cancelamento', 'motivo')] })], { now, demandEvent: 'motivo' });
		expect(report.demandas).toEqual([{ demanda: 'cancelamento', atendimentos: 1, tempoMedioSegundos: null }]);
	});

	it('counts end reasons of ended conversations, with a label for a missing one', () => {
		const report = buildReport(
			[
				ended(10, true, 'concluido', []),
				ended(10, true, 'concluido', []),
				ended(10, undefined, 'inatividade_atendente', [transfer]),
				conversation({ state: 'ended', endedAt: T0 + 1_000 }),
				conversation({ state: 'running', endReason: 'ignorado' }),
			],
			{ now },
		);
		expect(report.motivosDeEncerramento).toEqual([
			{ motivo: 'concluido', total: 2 },
			{ motivo: 'inatividade_atendente', total: 1 },
			{ motivo: 'nao_informado', total: 1 },
		]);
	});

	it('keeps only the conversations of one channel account when asked', () => {
		const other = conversation({ channel: { type: 'whatsapp', accountId: '1234567890', triggerUrl: 'http://127.0.0.1/webhook/wa' } });
		const report = buildReport([conversation({}), other, conversation({})], { now, accountId: '1234567890' });
		expect(report.atendimentos).toBe(1);
		expect(buildReport([conversation({}), other], { now }).atendimentos).toBe(2);
	});
});

describe('demandOf', () => {
	it('takes the last demand event (a later Registrar Evento corrects an earlier one)', () => {
		expect(demandOf(conversation({ events: [demand('comercial'), step('Menu'), demand('financeiro')] }), 'demanda')).toBe('financeiro');
	});

	it("takes the first non-empty string value of the event's data, trimmed", () => {
		const event: ConversationEvent = { at: T0, type: 'demanda', data: { prioridade: 2, vazio: '  ', setor: ' suporte ', outro: 'x' } };
		expect(demandOf(conversation({ events: [event] }), 'demanda')).toBe('suporte');
	});

	it('is "sem demanda" without the event, or when its last one carries no text', () => {
		expect(demandOf(conversation({ events: [step('Menu')] }), 'demanda')).toBe(NO_DEMAND);
		expect(demandOf(conversation({ events: [demand('suporte'), { at: T0, type: 'demanda', data: { n: 1 } }] }), 'demanda')).toBe(NO_DEMAND);
		expect(demandOf(conversation({ events: [{ at: T0, type: 'demanda' }] }), 'demanda')).toBe(NO_DEMAND);
	});
});
