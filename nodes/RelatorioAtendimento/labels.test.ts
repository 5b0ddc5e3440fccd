import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { END_REASON_LABELS, endReasonLabel, slugToWords } from './labels';

describe('endReasonLabel', () => {
	it('reads the shipped templates\' reasons as words', () => {
		expect(endReasonLabel('financeiro_resolvido')).toBe('Resolvido no financeiro');
		expect(endReasonLabel('segunda_via_enviada')).toBe('Segunda via enviada');
		expect(endReasonLabel('transferido_atendente')).toBe('Transferido ao atendente');
		expect(endReasonLabel('sem_resposta')).toBe('Sem resposta do cliente');
		expect(endReasonLabel('maximo_tentativas')).toBe('Máximo de tentativas (sem entendimento)');
		expect(endReasonLabel(' suporte_registrado ')).toBe('Chamado de suporte registrado');
	});

	it('has a label for every reason an Encerrar Atendimento of the shipped workflows records', () => {
		const directory = join(__dirname, '../../workflows');
		const reasons = readdirSync(directory)
			.filter((file) => file.endsWith('.json'))
			.flatMap((file) => (JSON.parse(readFileSync(join(directory, file), 'utf8')) as { nodes: Array<{ type: string; parameters: { reason?: string } }> }).nodes)
			.filter((node) => node.type === 'n8n-nodes-atendimento.encerrarAtendimento')
			.map((node) => node.parameters.reason ?? 'concluido');
		expect(reasons.length).toBeGreaterThan(5);
		for (const reason of reasons) expect([reason, END_REASON_LABELS[reason]]).toEqual([reason, expect.any(String)]);
	});

	it('falls back to the slug\'s words for an unknown reason', () => {
		expect(endReasonLabel('cancelamento_por_mudanca')).toBe('Cancelamento por mudanca');
		expect(endReasonLabel('ligar-depois')).toBe('Ligar depois');
		expect(endReasonLabel('Visita_Tecnica')).toBe('Visita tecnica');
		expect(endReasonLabel('reagendado')).toBe('Reagendado');
	});
});

describe('slugToWords', () => {
	it('keeps a text that is not a slug as written', () => {
		expect(slugToWords('Cliente pediu um atendente no menu')).toBe('Cliente pediu um atendente no menu');
		expect(slugToWords('PIX')).toBe('PIX');
		expect(slugToWords('_oculto')).toBe('_oculto');
		expect(slugToWords('  ')).toBe('');
	});
});
