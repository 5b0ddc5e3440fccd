import { escapeHtml } from '../shared/text/html';
import type { CsatSummary } from '../shared/satisfaction/ratings';
import type { AttendanceReport, SatisfactionReport } from './report';

/** One bar of a chart: a label, its value and the text shown next to the bar. */
interface Bar {
	label: string;
	value: number;
	text?: string;
}

const COLORS = { bot: '#2e7d32', transferred: '#1565c0', unresolved: '#c62828', ongoing: '#9e9e9e', bar: '#00897b' };

/**
 * The report as one self-contained pt-BR HTML page: inline CSS, bar charts as CSS bars, no script
 * and no external resource. Every text from the conversations is escaped.
 */
export function renderReportHtml(report: AttendanceReport, title: string): string {
	const outcomes: Array<Bar & { color: string }> = [
		{ label: 'Resolvidos pelo bot', value: report.resolvidosPeloBot, color: COLORS.bot },
		{ label: 'Transferidos', value: report.transferidos, color: COLORS.transferred },
		{ label: 'Não resolvidos', value: report.naoResolvidos, color: COLORS.unresolved },
		{ label: 'Em andamento', value: report.emAndamento, color: COLORS.ongoing },
	];
	return `<!DOCTYPE html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="periodo">${escapeHtml(periodText(report))}</p>
<section class="resumo">
${summaryCard('Atendimentos', formatInteger(report.atendimentos))}
${outcomes.map((outcome) => summaryCard(outcome.label, formatInteger(outcome.value), outcome.color)).join('\n')}
${summaryCard('Tempo médio de atendimento', formatDuration(report.tempoMedioSegundos))}
</section>
<section>
<h2>Resolvidos pelo bot × transferidos</h2>
${stackedBar(outcomes, report.atendimentos)}
</section>
<section>
<h2>Demandas mais solicitadas</h2>
${barChart(
	report.demandas.map((entry) => ({
		label: entry.demanda,
		value: entry.atendimentos,
		text: `${formatInteger(entry.atendimentos)} · tempo médio ${formatDuration(entry.tempoMedioSegundos)}`,
	})),
	'Nenhuma demanda registrada no período.',
)}
</section>
<section>
<h2>Visitas por etapa</h2>
${barChart(report.visitasPorEtapa.map((entry) => ({ label: entry.etapa, value: entry.visitas })), 'Nenhuma etapa visitada no período.')}
</section>
<section>
<h2>Motivos de encerramento</h2>
${barChart(report.motivosDeEncerramento.map((entry) => ({ label: entry.rotulo, value: entry.total })), 'Nenhum atendimento encerrado no período.')}
</section>
${satisfactionSections(report.satisfacao)}
</main>
</body>
</html>
`;
}

/** The formula, as the page states it. */
export const CSAT_FORMULA = 'CSAT = respostas com nota 4 ou 5 ÷ total de respostas × 100 (escala de 1 a 5). Média = soma das notas ÷ total de respostas.';

/** CSAT as "66,7%", or "—" without answers. */
export function formatCsat(csat: number | null): string {
	return csat === null ? '—' : `${csat.toLocaleString('pt-BR', { maximumFractionDigits: 1 })}%`;
}

function formatAverage(media: number | null): string {
	return media === null ? '—' : media.toLocaleString('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Satisfaction: the company's CSAT with its distribution, a table per agent and per team, the free questionnaires. */
function satisfactionSections(satisfaction: SatisfactionReport): string {
	const company = satisfaction.empresa;
	const table = (title: string, rows: Array<{ name: string } & CsatSummary>) =>
		rows.length === 0
			? ''
			: `<table class="csat"><thead><tr><th scope="col">${escapeHtml(title)}</th><th scope="col">Respostas</th><th scope="col">CSAT</th><th scope="col">Média</th>${[5, 4, 3, 2, 1].map((nota) => `<th scope="col">Nota ${nota}</th>`).join('')}</tr></thead><tbody>\n${rows
					.map(
						(row) =>
							`<tr><th scope="row">${escapeHtml(row.name)}</th><td>${formatInteger(row.respostas)}</td><td>${formatCsat(row.csat)}</td><td>${formatAverage(row.media)}</td>${[...row.distribuicao]
								.reverse()
								.map((entry) => `<td>${formatInteger(entry.total)}</td>`)
								.join('')}</tr>`,
					)
					.join('\n')}\n</tbody></table>`;
	const agents = table('Atendente', satisfaction.porAtendente.map((row) => ({ name: row.atendente, ...row })));
	const teams = table('Equipe', satisfaction.porEquipe.map((row) => ({ name: row.equipe, ...row })));
	const questionnaires = satisfaction.questionarios
		.map(
			(questionnaire) =>
				`<h3>${escapeHtml(questionnaire.questionario)} (${formatInteger(questionnaire.respostas)})</h3>\n${barChart(questionnaire.opcoes.map((option) => ({ label: option.resposta, value: option.total })), '')}`,
		)
		.join('\n');
	return `<section>
<h2>Satisfação (CSAT)</h2>
<p class="formula">${escapeHtml(CSAT_FORMULA)}</p>
<div class="resumo">
${summaryCard('CSAT da empresa', formatCsat(company.csat))}
${summaryCard('Média da empresa', formatAverage(company.media))}
${summaryCard('Respostas (empresa)', formatInteger(company.respostas))}
</div>
<h3>Notas da empresa</h3>
${company.respostas === 0 ? '<p class="vazio">Nenhuma avaliação da empresa no período.</p>' : barChart([...company.distribuicao].reverse().map((entry) => ({ label: `Nota ${entry.nota}`, value: entry.total })), '')}
<h3>Por atendente</h3>
${agents || '<p class="vazio">Nenhuma avaliação de atendente no período.</p>'}
<h3>Por equipe</h3>
${teams || '<p class="vazio">Nenhuma avaliação de atendente com equipe no período.</p>'}
</section>
<section>
<h2>Questionários</h2>
${questionnaires || '<p class="vazio">Nenhuma resposta de questionário no período.</p>'}
</section>`;
}

/** "Tempo médio" as "1 min 05 s", "2 h 03 min", or "—" when nothing ended. */
export function formatDuration(seconds: number | null): string {
	if (seconds === null) return '—';
	const total = Math.round(seconds);
	if (total < 60) return `${total} s`;
	if (total < 3600) return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
	return `${Math.floor(total / 3600)} h ${String(Math.floor((total % 3600) / 60)).padStart(2, '0')} min`;
}

function formatInteger(value: number): string {
	return value.toLocaleString('pt-BR');
}

function formatDate(iso: string): string {
	return new Date(iso).toLocaleString('pt-BR', { timeZone: 'America/Sao_Paulo', dateStyle: 'short', timeStyle: 'short' });
}

function periodText(report: AttendanceReport): string {
	const end = formatDate(report.periodo.fim);
	return report.periodo.inicio ? `Período: ${formatDate(report.periodo.inicio)} a ${end} (horário de Brasília)` : `Até ${end} (horário de Brasília)`;
}

function summaryCard(label: string, value: string, color?: string): string {
	const style = color ? ` style="border-top-color:${color}"` : '';
	return `<div class="card"${style}><div class="valor">${escapeHtml(value)}</div><div class="rotulo">${escapeHtml(label)}</div></div>`;
}

function percent(value: number, total: number): number {
	return total > 0 ? Math.round((value / total) * 1000) / 10 : 0;
}

/** One horizontal bar split by outcome, with its legend. */
function stackedBar(parts: Array<Bar & { color: string }>, total: number): string {
	if (total === 0) return '<p class="vazio">Nenhum atendimento no período.</p>';
	const segments = parts
		.filter((part) => part.value > 0)
		.map((part) => `<div class="segmento" style="width:${percent(part.value, total)}%;background:${part.color}" title="${escapeHtml(part.label)}"></div>`)
		.join('');
	const legend = parts
		.map(
			(part) =>
				`<li><span class="cor" style="background:${part.color}"></span>${escapeHtml(part.label)}: <strong>${formatInteger(part.value)}</strong> (${percent(part.value, total).toLocaleString('pt-BR')}%)</li>`,
		)
		.join('');
	return `<div class="empilhada" role="img" aria-label="Resultado dos atendimentos">${segments}</div><ul class="legenda">${legend}</ul>`;
}

/** Horizontal bars, widths relative to the largest value. */
function barChart(bars: Bar[], emptyText: string): string {
	if (bars.length === 0) return `<p class="vazio">${escapeHtml(emptyText)}</p>`;
	const largest = Math.max(...bars.map((bar) => bar.value), 1);
	const rows = bars
		.map(
			(bar) =>
				`<tr><th scope="row">${escapeHtml(bar.label)}</th><td class="trilho"><div class="barra" style="width:${percent(bar.value, largest)}%"></div></td><td class="numero">${escapeHtml(bar.text ?? formatInteger(bar.value))}</td></tr>`,
		)
		.join('\n');
	return `<table class="grafico">\n${rows}\n</table>`;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f4f6f8;color:#263238;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:960px;margin:0 auto;padding:24px 16px 48px}
h1{margin:0 0 4px;font-size:1.6em}
h2{margin:0 0 12px;font-size:1.15em}
.periodo{margin:0 0 20px;color:#607d8b}
section{background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.resumo{display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:12px;background:none;box-shadow:none;padding:0}
.card{background:#fff;border-radius:8px;padding:14px 16px;border-top:4px solid ${COLORS.bar};box-shadow:0 1px 2px rgba(0,0,0,.08)}
.valor{font-size:1.6em;font-weight:600;white-space:nowrap}
.rotulo{color:#607d8b;font-size:.9em}
.empilhada{display:flex;height:28px;border-radius:6px;overflow:hidden;background:#eceff1}
.legenda{list-style:none;padding:0;margin:12px 0 0;display:flex;flex-wrap:wrap;gap:8px 20px}
.cor{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:6px;vertical-align:-1px}
.grafico{width:100%;border-collapse:collapse}
.grafico th{text-align:left;font-weight:normal;padding:4px 12px 4px 0;width:30%;word-break:break-word;vertical-align:middle}
.grafico td{padding:4px 0;vertical-align:middle}
.grafico .trilho{width:100%}
.barra{height:18px;min-width:2px;border-radius:3px;background:${COLORS.bar}}
.grafico .numero{padding-left:10px;color:#455a64;font-size:.9em;white-space:nowrap;text-align:right}
.vazio{color:#90a4ae;margin:0}
h3{margin:16px 0 8px;font-size:1em}
.formula{margin:0 0 12px;color:#455a64;font-size:.9em}
section .resumo{margin-bottom:8px}
.csat{width:100%;border-collapse:collapse;font-size:.9em}
.csat th,.csat td{padding:4px 8px;border-bottom:1px solid #eceff1;text-align:right;white-space:nowrap}
.csat th[scope=row],.csat thead th:first-child{text-align:left;white-space:normal;word-break:break-word}
`;
