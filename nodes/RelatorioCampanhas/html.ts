import { DateTime } from 'luxon';

import { escapeHtml } from '../shared/text/html';
import type { CampaignReport, RatePoint } from './campaigns';

/** The query parameter of the page's CSV links (`?csv=<campanha>`): the template passes it to "Exportar CSV da Campanha". */
export const CSV_QUERY_PARAMETER = 'csv';

/** Text colours with at least 4.5:1 contrast on white (and on the #f4f6f8 page background). */
const COLORS = { text: '#263238', muted: '#455a64', delivery: '#1565c0', read: '#2e7d32', failure: '#b71c1c', link: '#0d47a1', grid: '#cfd8dc' };

/**
 * The campaigns as one self-contained pt-BR HTML page: inline CSS, the rates chart as inline SVG drawn
 * here, no script, no external resource (works offline). Campaign names and reasons are escaped.
 */
export function renderCampaignsHtml(campaigns: CampaignReport[], options: { title: string; timeZone: string; now: number }): string {
	const date = (epochMs: number) => DateTime.fromMillis(epochMs, { zone: options.timeZone }).toFormat('dd/MM/yyyy HH:mm');
	const body =
		campaigns.length === 0
			? '<section><p>Nenhuma campanha de disparo nos últimos 90 dias.</p></section>'
			: `<nav aria-label="Campanhas"><ul class="indice">${campaigns.map((campaign, index) => `<li><a href="#campanha-${index + 1}">${escapeHtml(campaign.campanha)}</a></li>`).join('')}</ul></nav>\n${campaigns
					.map((campaign, index) => campaignSection(campaign, index + 1, date, options.timeZone))
					.join('\n')}`;
	return `<!DOCTYPE html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(options.title)}</h1>
<p class="sub">Atualizado em ${escapeHtml(date(options.now))} (fuso ${escapeHtml(options.timeZone)}). Taxas sobre as mensagens aceitas pelo WhatsApp.</p>
${body}
</main>
</body>
</html>
`;
}

function formatInteger(value: number): string {
	return value.toLocaleString('pt-BR');
}

function formatRate(value: number | null): string {
	return value === null ? '—' : `${value.toLocaleString('pt-BR', { maximumFractionDigits: 1 })}%`;
}

function formatBRL(value: number): string {
	return value.toLocaleString('pt-BR', { style: 'currency', currency: 'BRL', minimumFractionDigits: 2, maximumFractionDigits: 4 });
}

function figure(label: string, value: string, kind = ''): string {
	return `<div class="numero${kind ? ` ${kind}` : ''}"><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`;
}

function campaignSection(campaign: CampaignReport, number: number, date: (epochMs: number) => string, timeZone: string): string {
	const id = `campanha-${number}`;
	const csvHref = `?${CSV_QUERY_PARAMETER}=${encodeURIComponent(campaign.campanha)}`;
	const fileName = `log-${campaign.campanha.replace(/[^\w.-]+/g, '_')}.csv`;
	const incomplete = campaign.logIncompleto ? '<p class="aviso">O log desta campanha é maior que o limite lido: envios, entregas, custo real e motivos contam só os registros mais recentes.</p>' : '';
	return `<section aria-labelledby="${id}-titulo" id="${id}">
<h2 id="${id}-titulo">${escapeHtml(campaign.campanha)}</h2>
<p class="sub">Início ${escapeHtml(date(campaign.inicio))} · última atualização ${escapeHtml(date(campaign.ultimaAtualizacao))}</p>
${incomplete}
<dl class="numeros">
${figure('Enfileiradas', formatInteger(campaign.enfileiradas))}
${figure('Enviadas', formatInteger(campaign.enviadas))}
${figure('Entregues', formatInteger(campaign.entregues))}
${figure('Lidas', formatInteger(campaign.lidas))}
${figure('Falhas', formatInteger(campaign.falhas), 'falha')}
${figure('Pendentes', formatInteger(campaign.pendentes))}
${figure('Ignoradas', formatInteger(campaign.ignoradas))}
${figure('Taxa de entrega', formatRate(campaign.taxaEntrega))}
${figure('Taxa de leitura', formatRate(campaign.taxaLeitura))}
${figure('Custo estimado', formatBRL(campaign.custoEstimado))}
${figure('Custo real', formatBRL(campaign.custoReal))}
</dl>
<h3>Entrega e leitura ao longo do tempo</h3>
${rateChart(campaign.evolucao, `${id}-grafico`, campaign.campanha, timeZone)}
<h3>Falhas por motivo</h3>
${failureTable(campaign)}
<p><a class="csv" href="${escapeHtml(csvHref)}" download="${escapeHtml(fileName)}">Baixar o log da campanha (CSV)<span class="visualmente-oculto"> — ${escapeHtml(campaign.campanha)}</span></a></p>
</section>`;
}

function failureTable(campaign: CampaignReport): string {
	if (campaign.falhasPorMotivo.length === 0) return '<p class="vazio">Nenhuma falha nem destinatário ignorado.</p>';
	const rows = campaign.falhasPorMotivo
		.map((entry) => `<tr><th scope="row">${escapeHtml(entry.motivo)}</th><td>${entry.situacao === 'falha' ? 'Falha' : 'Ignorada'}</td><td class="qtd">${formatInteger(entry.total)}</td></tr>`)
		.join('\n');
	return `<table class="motivos"><caption class="visualmente-oculto">Falhas e destinatários ignorados por motivo: ${escapeHtml(campaign.campanha)}</caption>
<thead><tr><th scope="col">Motivo</th><th scope="col">Situação</th><th scope="col">Mensagens</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

const CHART = { width: 400, height: 220, left: 44, right: 12, top: 12, bottom: 34 };

/** "14:05", or "05/01 14:05" when the points span more than one day. */
function pointLabel(points: RatePoint[], timeZone: string): (epochMs: number) => string {
	const spansDays = points.length > 1 && points[points.length - 1].em - points[0].em > 24 * 60 * 60 * 1000;
	return (epochMs) => DateTime.fromMillis(epochMs, { zone: timeZone }).toFormat(spansDays ? 'dd/MM HH:mm' : 'HH:mm');
}

/**
 * The cumulative delivery and read rates as an SVG line chart (delivery solid blue, read dashed green,
 * each point a circle carrying its value in data-*), followed by the same numbers as a table.
 */
function rateChart(points: RatePoint[], id: string, campaign: string, timeZone: string): string {
	if (points.length === 0) return '<p class="vazio">Nenhuma mensagem aceita pelo WhatsApp ainda.</p>';
	const label = pointLabel(points, timeZone);
	const plotWidth = CHART.width - CHART.left - CHART.right;
	const plotHeight = CHART.height - CHART.top - CHART.bottom;
	const x = (index: number) => CHART.left + (points.length === 1 ? plotWidth / 2 : (index / (points.length - 1)) * plotWidth);
	const y = (percent: number) => CHART.top + plotHeight - (percent / 100) * plotHeight;
	const grid = [0, 25, 50, 75, 100]
		.map((percent) => `<line x1="${CHART.left}" x2="${CHART.width - CHART.right}" y1="${y(percent)}" y2="${y(percent)}" stroke="${COLORS.grid}"/><text x="${CHART.left - 6}" y="${y(percent) + 4}" text-anchor="end">${percent}%</text>`)
		.join('');
	const labelIndexes = [...new Set([0, Math.floor((points.length - 1) / 2), points.length - 1])];
	// the first label starts at its point and the last ends at its point, so neither leaves the drawing
	const anchor = (index: number) => (index === 0 ? 'start' : index === points.length - 1 ? 'end' : 'middle');
	const xLabels = labelIndexes
		.map((index) => `<text x="${x(index)}" y="${CHART.height - 12}" text-anchor="${points.length === 1 ? 'middle' : anchor(index)}">${escapeHtml(label(points[index].em))}</text>`)
		.join('');
	const series = (name: 'entrega' | 'leitura', field: 'taxaEntrega' | 'taxaLeitura', color: string, dash: string) => {
		const drawn = points.map((point, index) => ({ point, index })).filter(({ point }) => point[field] !== null);
		const line = drawn.map(({ point, index }) => `${x(index).toFixed(1)},${y(point[field]!).toFixed(1)}`).join(' ');
		const dots = drawn
			.map(({ point, index }) => `<circle cx="${x(index).toFixed(1)}" cy="${y(point[field]!).toFixed(1)}" r="3.5" fill="${color}" data-serie="${name}" data-em="${escapeHtml(label(point.em))}" data-taxa="${point[field]}"/>`)
			.join('');
		return `<polyline points="${line}" fill="none" stroke="${color}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>${dots}`;
	};
	const last = points[points.length - 1];
	const description = `Até ${label(last.em)}: ${formatRate(last.taxaEntrega)} entregues e ${formatRate(last.taxaLeitura)} lidas de ${formatInteger(last.aceitas)} mensagens aceitas.`;
	const rows = points
		.map((point) => `<tr><th scope="row">${escapeHtml(label(point.em))}</th><td>${formatInteger(point.aceitas)}</td><td>${formatRate(point.taxaEntrega)}</td><td>${formatRate(point.taxaLeitura)}</td></tr>`)
		.join('\n');
	return `<figure class="grafico">
<svg viewBox="0 0 ${CHART.width} ${CHART.height}" role="img" aria-labelledby="${id}-t ${id}-d" id="${id}"><title id="${id}-t">Taxas de entrega e de leitura acumuladas: ${escapeHtml(campaign)}</title><desc id="${id}-d">${escapeHtml(description)}</desc>
${grid}${xLabels}
${series('entrega', 'taxaEntrega', COLORS.delivery, '')}
${series('leitura', 'taxaLeitura', COLORS.read, '6 4')}
</svg>
<figcaption><ul class="legenda"><li><span class="traco entrega"></span>Entregues (linha contínua)</li><li><span class="traco leitura"></span>Lidas (linha tracejada)</li></ul></figcaption>
</figure>
<details><summary>Dados do gráfico</summary>
<table class="dados"><thead><tr><th scope="col">Até</th><th scope="col">Aceitas</th><th scope="col">Entregues</th><th scope="col">Lidas</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</details>`;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f4f6f8;color:${COLORS.text};font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:960px;margin:0 auto;padding:20px 12px 48px}
h1{margin:0 0 4px;font-size:1.5em}
h2{margin:0 0 2px;font-size:1.2em;word-break:break-word}
h3{margin:18px 0 8px;font-size:1em}
.sub{margin:0 0 14px;color:${COLORS.muted};font-size:.9em}
a{color:${COLORS.link}}
a:focus-visible,summary:focus-visible{outline:3px solid ${COLORS.link};outline-offset:2px}
.indice{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;padding:0;margin:0 0 16px}
section{background:#fff;border-radius:8px;padding:16px;margin-bottom:16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.numeros{display:grid;grid-template-columns:repeat(auto-fill,minmax(120px,1fr));gap:8px;margin:0}
.numero{border:1px solid #dfe5e8;border-top:4px solid ${COLORS.delivery};border-radius:6px;padding:8px 10px}
.numero.falha{border-top-color:${COLORS.failure}}
.numero dt{color:${COLORS.muted};font-size:.85em}
.numero dd{margin:0;font-size:1.3em;font-weight:600;white-space:nowrap}
.grafico{margin:0}
.grafico svg{width:100%;max-width:640px;height:auto;display:block;font-size:13px;fill:${COLORS.muted}}
.legenda{list-style:none;padding:0;margin:6px 0 0;display:flex;flex-wrap:wrap;gap:4px 18px;font-size:.9em}
.traco{display:inline-block;width:26px;height:0;border-top:3px solid;margin-right:6px;vertical-align:middle}
.traco.entrega{border-color:${COLORS.delivery}}
.traco.leitura{border-color:${COLORS.read};border-top-style:dashed}
details{margin-top:8px}
summary{cursor:pointer;color:${COLORS.link}}
table{width:100%;border-collapse:collapse;font-size:.9em}
th,td{padding:5px 6px;border-bottom:1px solid #e3e8eb;text-align:left;vertical-align:top}
thead th{color:${COLORS.muted};font-weight:600}
tbody th{font-weight:normal;word-break:break-word}
.qtd,.dados td{text-align:right;white-space:nowrap}
.vazio{color:${COLORS.muted};margin:0}
.aviso{background:#fff8e1;border-left:4px solid #8d6e00;padding:6px 10px;margin:0 0 12px}
.csv{display:inline-block;margin-top:12px;padding:8px 12px;border:2px solid ${COLORS.link};border-radius:6px;text-decoration:none;font-weight:600}
.visualmente-oculto{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
