import { formatDuration, renderReportHtml } from './html';
import type { AttendanceReport } from './report';

const report: AttendanceReport = {
	periodo: { inicio: '2025-05-01T12:00:00.000Z', fim: '2025-05-31T12:00:00.000Z' },
	atendimentos: 10,
	resolvidosPeloBot: 6,
	transferidos: 3,
	naoResolvidos: 1,
	emAndamento: 0,
	tempoMedioSegundos: 125,
	visitasPorEtapa: [
		{ etapa: 'Menu <script>alert(1)</script>', visitas: 12 },
		{ etapa: 'Boas-vindas', visitas: 10 },
	],
	demandas: [
		{ demanda: '"><img src=x onerror=alert(2)>', atendimentos: 4, tempoMedioSegundos: 90 },
		{ demanda: 'financeiro & cobrança', atendimentos: 2, tempoMedioSegundos: null },
	],
	motivosDeEncerramento: [
		{ motivo: "concluido'", rotulo: "Concluído'", total: 7 },
		{ motivo: 'financeiro_resolvido', rotulo: 'Resolvido no financeiro', total: 2 },
	],
	satisfacao: {
		empresa: { respostas: 3, csat: 66.7, media: 3.33, distribuicao: [1, 0, 0, 1, 1].map((total, index) => ({ nota: index + 1, total })) },
		porAtendente: [{ atendente: 'ana <i>', respostas: 2, csat: 100, media: 4.5, distribuicao: [0, 0, 0, 1, 1].map((total, index) => ({ nota: index + 1, total })) }],
		porEquipe: [{ equipe: 'Suporte', respostas: 2, csat: 100, media: 4.5, distribuicao: [0, 0, 0, 1, 1].map((total, index) => ({ nota: index + 1, total })) }],
		questionarios: [{ questionario: 'Motivo do cancelamento', respostas: 3, opcoes: [{ resposta: 'Preço', total: 2 }, { resposta: 'Mudança', total: 1 }] }],
	},
};

describe('renderReportHtml', () => {
	const html = renderReportHtml(report, 'Relatório <b>ISP</b>');

	it('escapes every name that comes from the flows or the conversations', () => {
		expect(html).not.toContain('<script>');
		expect(html).not.toContain('<img');
		expect(html).not.toContain('<b>ISP');
		expect(html).toContain('Menu &#60;script&#62;alert(1)&#60;/script&#62;');
		expect(html).toContain('&#34;&#62;&#60;img src=x onerror=alert(2)&#62;');
		expect(html).toContain('financeiro &#38; cobrança');
		expect(html).toContain('Concluído&#39;');
		expect(html).toContain('<title>Relatório &#60;b&#62;ISP&#60;/b&#62;</title>');
	});

	it('is a self-contained pt-BR page: no script, no external resource', () => {
		expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="pt-BR">/);
		expect(html).toContain('<meta charset="utf-8">');
		expect(html).not.toMatch(/<script|<link|src=["']?http|url\(/i);
	});

	it('shows the summary numbers, the period and the average time', () => {
		const summary = (label: string) => new RegExp(`<div class="valor">([^<]*)</div><div class="rotulo">${label}</div>`).exec(html)?.[1];
		expect(summary('Atendimentos')).toBe('10');
		expect(summary('Resolvidos pelo bot')).toBe('6');
		expect(summary('Transferidos')).toBe('3');
		expect(summary('Não resolvidos')).toBe('1');
		expect(summary('Em andamento')).toBe('0');
		expect(summary('Tempo médio de atendimento')).toBe('2 min 05 s');
		expect(html).toContain('Período: 01/05/2025, 09:00 a 31/05/2025, 09:00 (horário de Brasília)');
	});

	it('draws bars relative to the largest value, and the bot × transferred split in percent', () => {
		expect(html).toContain('<th scope="row">Menu &#60;script&#62;alert(1)&#60;/script&#62;</th><td class="trilho"><div class="barra" style="width:100%"></div></td><td class="numero">12</td>');
		expect(html).toContain('<th scope="row">Boas-vindas</th><td class="trilho"><div class="barra" style="width:83.3%"></div></td><td class="numero">10</td>');
		expect(html).toContain('4 · tempo médio 1 min 30 s');
		expect(html).toContain('2 · tempo médio —');
		expect(html).toMatch(/class="segmento" style="width:60%;background:#2e7d32"/);
		expect(html).toMatch(/class="segmento" style="width:30%;background:#1565c0"/);
		expect(html).toContain('Transferidos: <strong>3</strong> (30%)');
	});

	it('shows the end reasons by their label, not by the slug', () => {
		expect(html).toContain('<th scope="row">Resolvido no financeiro</th>');
		expect(html).not.toContain('financeiro_resolvido');
	});

	it('shows CSAT with its formula: the company, its count per score, per agent and team, and the questionnaires', () => {
		expect(html).toContain('CSAT = respostas com nota 4 ou 5 ÷ total de respostas × 100 (escala de 1 a 5).');
		const summary = (label: string) => new RegExp(`<div class="valor">([^<]*)</div><div class="rotulo">${label}</div>`).exec(html)?.[1];
		expect(summary('CSAT da empresa')).toBe('66,7%');
		expect(summary('Média da empresa')).toBe('3,33');
		expect(summary('Respostas \\(empresa\\)')).toBe('3');
		expect(html).toContain('<th scope="row">Nota 5</th><td class="trilho"><div class="barra" style="width:100%"></div></td><td class="numero">1</td>');
		expect(html).toContain('<th scope="row">Nota 2</th><td class="trilho"><div class="barra" style="width:0%"></div></td><td class="numero">0</td>');
		expect(html).toContain('<tr><th scope="row">ana &#60;i&#62;</th><td>2</td><td>100%</td><td>4,50</td><td>1</td><td>1</td><td>0</td><td>0</td><td>0</td></tr>');
		expect(html).toContain('<tr><th scope="row">Suporte</th><td>2</td><td>100%</td><td>4,50</td>');
		expect(html).toContain('<h3>Motivo do cancelamento (3)</h3>');
		expect(html).toContain('<th scope="row">Preço</th>');
	});

	it('says so when the period is empty', () => {
		const empty = renderReportHtml(
			{ ...report, atendimentos: 0, resolvidosPeloBot: 0, transferidos: 0, naoResolvidos: 0, tempoMedioSegundos: null, visitasPorEtapa: [], demandas: [], motivosDeEncerramento: [], satisfacao: { empresa: { respostas: 0, csat: null, media: null, distribuicao: [] }, porAtendente: [], porEquipe: [], questionarios: [] } },
			'Relatório',
		);
		expect(empty).toContain('Nenhum atendimento no período.');
		expect(empty).toContain('Nenhuma demanda registrada no período.');
		expect(empty).toContain('Nenhuma etapa visitada no período.');
		expect(empty).not.toContain('class="barra"');
		expect(empty).toContain('Nenhuma avaliação da empresa no período.');
		expect(empty).toContain('Nenhuma avaliação de atendente no período.');
		expect(empty).toContain('Nenhuma resposta de questionário no período.');
	});
});

describe('formatDuration', () => {
	it('formats seconds, minutes and hours', () => {
		expect(formatDuration(null)).toBe('—');
		expect(formatDuration(0)).toBe('0 s');
		expect(formatDuration(59)).toBe('59 s');
		expect(formatDuration(60)).toBe('1 min 00 s');
		expect(formatDuration(3_599)).toBe('59 min 59 s');
		expect(formatDuration(7_380)).toBe('2 h 03 min');
	});
});
