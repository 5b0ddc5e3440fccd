import type { CampaignReport } from './campaigns';
import { renderCampaignsHtml } from './html';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const MINUTE = 60_000;

const campaign: CampaignReport = {
	campanha: 'promo <script>alert(1)</script> & cia',
	inicio: T0,
	ultimaAtualizacao: T0 + 5 * MINUTE,
	enfileiradas: 1234,
	enviadas: 4,
	entregues: 3,
	lidas: 2,
	falhas: 2,
	pendentes: 1,
	ignoradas: 1,
	taxaEntrega: 75,
	taxaLeitura: 50,
	custoEstimado: 2.025,
	custoReal: 1.0125,
	evolucao: [
		{ em: T0 + MINUTE, aceitas: 3, taxaEntrega: 0, taxaLeitura: 0 },
		{ em: T0 + 2 * MINUTE, aceitas: 4, taxaEntrega: 33.3, taxaLeitura: 12.5 },
		{ em: T0 + 3 * MINUTE, aceitas: 4, taxaEntrega: 75, taxaLeitura: 50 },
	],
	falhasPorMotivo: [
		{ motivo: 'número sem WhatsApp (131026)', situacao: 'falha', total: 1 },
		{ motivo: 'Telefone <fixo>', situacao: 'ignorado', total: 1 },
	],
};

const options = { title: 'Campanhas <b>ISP</b>', timeZone: 'America/Sao_Paulo', now: T0 + 10 * MINUTE };

describe('renderCampaignsHtml', () => {
	const html = renderCampaignsHtml([campaign], options);

	it('is one self-contained page: no script, no external resource, pt-BR', () => {
		expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="pt-BR">/);
		expect(html).not.toMatch(/<script|<link|https?:\/\/|src=/i);
		expect(html).toContain('<title>Campanhas &#60;b&#62;ISP&#60;/b&#62;</title>');
		expect(html).toContain('Atualizado em 05/01/2026 09:10 (fuso America/Sao_Paulo)');
	});

	it('escapes the campaign name and the reasons', () => {
		expect(html).not.toContain('<script>');
		expect(html).not.toContain('<fixo>');
		expect(html).toContain('<h2 id="campanha-1-titulo">promo &#60;script&#62;alert(1)&#60;/script&#62; &#38; cia</h2>');
		expect(html).toContain('<th scope="row">Telefone &#60;fixo&#62;</th><td>Ignorada</td><td class="qtd">1</td>');
	});

	it('shows the counts, rates and costs in pt-BR as labelled figures', () => {
		const figure = (label: string) => new RegExp(`<dt>${label}</dt><dd>([^<]*)</dd>`).exec(html)?.[1];
		expect(figure('Enfileiradas')).toBe('1.234');
		expect(figure('Enviadas')).toBe('4');
		expect(figure('Entregues')).toBe('3');
		expect(figure('Lidas')).toBe('2');
		expect(figure('Falhas')).toBe('2');
		expect(figure('Pendentes')).toBe('1');
		expect(figure('Ignoradas')).toBe('1');
		expect(figure('Taxa de entrega')).toBe('75%');
		expect(figure('Taxa de leitura')).toBe('50%');
		expect(figure('Custo estimado')?.replace(/\s/g, ' ')).toBe('R$ 2,025');
		expect(figure('Custo real')?.replace(/\s/g, ' ')).toBe('R$ 1,0125');
	});

	it('draws both rate series as SVG points with their values, and the same numbers as a table', () => {
		const points = (serie: string) => [...html.matchAll(new RegExp(`data-serie="${serie}" data-em="([^"]+)" data-taxa="([^"]+)"`, 'g'))].map(([, em, taxa]) => [em, Number(taxa)]);
		expect(points('entrega')).toEqual([['09:01', 0], ['09:02', 33.3], ['09:03', 75]]);
		expect(points('leitura')).toEqual([['09:01', 0], ['09:02', 12.5], ['09:03', 50]]);
		expect(html).toMatch(/<svg viewBox="0 0 400 220" role="img" aria-labelledby="campanha-1-grafico-t campanha-1-grafico-d"/);
		expect(html).toContain('Até 09:03: 75% entregues e 50% lidas de 4 mensagens aceitas.');
		// the time labels stay inside the drawing: the first starts at its point, the last ends at its point
		expect(html).toContain('<text x="44" y="208" text-anchor="start">09:01</text><text x="216" y="208" text-anchor="middle">09:02</text><text x="388" y="208" text-anchor="end">09:03</text>');
		expect(html).toContain('<tr><th scope="row">09:02</th><td>4</td><td>33,3%</td><td>12,5%</td></tr>');
		// y: 100% at the top of the plot (12), 0% at its bottom (186)
		expect(html).toContain('cy="55.5" r="3.5" fill="#1565c0" data-serie="entrega" data-em="09:03"');
	});

	it("links the campaign's CSV through the page's own query parameter", () => {
		expect(html).toContain('<a class="csv" href="?csv=promo%20%3Cscript%3Ealert(1)%3C%2Fscript%3E%20%26%20cia" download="log-promo_script_alert_1_script_cia.csv">');
	});

	it('says so when there is nothing to show', () => {
		const empty = renderCampaignsHtml([], options);
		expect(empty).toContain('Nenhuma campanha de disparo nos últimos 90 dias.');
		const waiting = renderCampaignsHtml([{ ...campaign, enviadas: 0, taxaEntrega: null, taxaLeitura: null, evolucao: [], falhasPorMotivo: [] }], options);
		expect(waiting).toContain('Nenhuma mensagem aceita pelo WhatsApp ainda.');
		expect(waiting).toContain('Nenhuma falha nem destinatário ignorado.');
		expect(waiting).toMatch(/<dt>Taxa de entrega<\/dt><dd>—<\/dd>/);
		expect(waiting).not.toContain('<svg');
	});

	it('warns when the log was cut by the row limit', () => {
		expect(html).not.toContain('class="aviso"');
		expect(renderCampaignsHtml([{ ...campaign, logIncompleto: true }], options)).toContain('O log desta campanha é maior que o limite lido');
	});
});
