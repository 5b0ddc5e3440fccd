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
			satisfacao: {
				empresa: { respostas: 0, csat: null, media: null, distribuicao: [1, 2, 3, 4, 5].map((nota) => ({ nota, total: 0 })) },
				porAtendente: [],
				porEquipe: [],
				questionarios: [],
			},
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
			{ motivo: 'concluido', rotulo: 'Concluído', total: 2 },
			{ motivo: 'inatividade_atendente', rotulo: 'Inatividade no atendimento humano', total: 1 },
			{ motivo: 'nao_informado', rotulo: 'Não informado', total: 1 },
		]);
	});

	it('labels an unknown slug with its words and keeps a free-text reason as written', () => {
		const report = buildReport([ended(10, true, 'cancelamento_agendado', []), ended(10, false, 'Cliente desistiu', [])], { now });
		expect(report.motivosDeEncerramento).toEqual([
			{ motivo: 'cancelamento_agendado', rotulo: 'Cancelamento agendado', total: 1 },
			{ motivo: 'Cliente desistiu', rotulo: 'Cliente desistiu', total: 1 },
		]);
	});

	it('keeps only the conversations of one channel account when asked', () => {
		const other = conversation({ channel: { type: 'whatsapp', accountId: '1234567890', triggerUrl: 'http://127.0.0.1/webhook/wa' } });
		const report = buildReport([conversation({}), other, conversation({})], { now, accountId: '1234567890' });
		expect(report.atendimentos).toBe(1);
		expect(buildReport([conversation({}), other], { now }).atendimentos).toBe(2);
	});
});

describe('buildReport: satisfaction (Pesquisa de Satisfação)', () => {
	const now = T0 + 3_600_000;
	const rating = (alvo: string, nota: number, atendente: string | null, equipe: string | null): ConversationEvent => ({
		at: T0,
		type: 'avaliacao',
		node: 'Pesquisa',
		data: { alvo, nota, escala: 5, atendente, equipe },
	});
	const answer = (questionario: string, resposta: string): ConversationEvent => ({ at: T0, type: 'questionario', node: 'Motivo', data: { questionario, resposta, atendente: null, equipe: null } });

	it('CSAT = answers scored 4 or 5 ÷ answers, the average and the count per score: company, per agent, per team', () => {
		const report = buildReport(
			[
				conversation({ events: [rating('empresa', 5, 'ana', 'Suporte'), rating('atendente', 4, 'ana', 'Suporte')] }),
				conversation({ events: [rating('empresa', 3, 'ana', 'Suporte'), rating('atendente', 5, 'ana', 'Suporte')] }),
				conversation({ events: [rating('empresa', 2, 'bruno', 'Financeiro'), rating('atendente', 1, 'bruno', 'Financeiro')] }),
				conversation({ events: [rating('empresa', 4, null, null)] }), // rated by a flow without an agent
				conversation({ events: [rating('atendente', 4, 'carla', 'Suporte')] }),
				// malformed or off-scale events are not counted
				conversation({ events: [rating('empresa', 6, null, null), rating('outro', 5, null, null), { at: T0, type: 'avaliacao', data: { alvo: 'empresa', nota: '5', escala: 5 } }] }),
			],
			{ now },
		);
		expect(report.satisfacao.empresa).toEqual({
			respostas: 4,
			csat: 50, // 5 and 4 of 5, 3, 2, 4
			media: 3.5, // (5 + 3 + 2 + 4) / 4
			distribuicao: [
				{ nota: 1, total: 0 },
				{ nota: 2, total: 1 },
				{ nota: 3, total: 1 },
				{ nota: 4, total: 1 },
				{ nota: 5, total: 1 },
			],
		});
		expect(report.satisfacao.porAtendente.map(({ atendente, respostas, csat, media }) => ({ atendente, respostas, csat, media }))).toEqual([
			{ atendente: 'ana', respostas: 2, csat: 100, media: 4.5 },
			{ atendente: 'bruno', respostas: 1, csat: 0, media: 1 },
			{ atendente: 'carla', respostas: 1, csat: 100, media: 4 },
		]);
		expect(report.satisfacao.porEquipe.map(({ equipe, respostas, csat, media, distribuicao }) => ({ equipe, respostas, csat, media, cincos: distribuicao[4].total }))).toEqual([
			{ equipe: 'Financeiro', respostas: 1, csat: 0, media: 1, cincos: 0 },
			{ equipe: 'Suporte', respostas: 3, csat: 100, media: 4.33, cincos: 1 }, // (4 + 5 + 4) / 3
		]);
	});

	it('rounds CSAT to one decimal: 2 of 3 is 66.7', () => {
		const report = buildReport([5, 4, 1].map((nota) => conversation({ events: [rating('empresa', nota, null, null)] })), { now });
		expect(report.satisfacao.empresa).toMatchObject({ respostas: 3, csat: 66.7, media: 3.33 });
	});

	it('counts the free questionnaires answer by answer, most given first', () => {
		const report = buildReport(
			[
				conversation({ events: [answer('Motivo do cancelamento', 'Preço')] }),
				conversation({ events: [answer('Motivo do cancelamento', 'Mudança')] }),
				conversation({ events: [answer('Motivo do cancelamento', 'Preço'), answer('Troca de plano', 'Mais velocidade')] }),
			],
			{ now },
		);
		expect(report.satisfacao.questionarios).toEqual([
			{ questionario: 'Motivo do cancelamento', respostas: 3, opcoes: [{ resposta: 'Preço', total: 2 }, { resposta: 'Mudança', total: 1 }] },
			{ questionario: 'Troca de plano', respostas: 1, opcoes: [{ resposta: 'Mais velocidade', total: 1 }] },
		]);
		expect(report.satisfacao.empresa.respostas).toBe(0);
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
