import { FilterParameterError, logFilterOf, type FilterParameters } from './filter';

const none: FilterParameters = { campaign: '', clienteId: '', status: 'all', contato: '', from: '', to: '', limit: 1000 };

it('sets only the filters that were filled', () => {
	expect(logFilterOf(none, 'America/Sao_Paulo')).toEqual({ limit: 1000 });
	expect(
		logFilterOf(
			{ campaign: ' c1 ', clienteId: '101', status: 'falha', contato: '+55 (11) 98765', from: '2026-01-05T00:00:00', to: '2026-01-05T23:59:59', limit: 10 },
			'America/Sao_Paulo',
		),
	).toEqual({
		campaign: 'c1',
		clienteId: '101',
		status: 'falha',
		contato: '551198765',
		from: Date.UTC(2026, 0, 5, 3, 0, 0),
		to: Date.UTC(2026, 0, 6, 2, 59, 59),
		limit: 10,
	});
	expect(logFilterOf({ ...none, contato: 'sem dígitos' }, 'UTC')).toEqual({ limit: 1000 });
});

it('rejects an invalid date, a period that ends before it starts, and a limit below 1', () => {
	expect(() => logFilterOf({ ...none, from: 'ontem' }, 'UTC')).toThrow(new FilterParameterError('Data inválida em "De": ontem', ''));
	expect(() => logFilterOf({ ...none, from: '2026-01-06T00:00:00', to: '2026-01-05T00:00:00' }, 'UTC')).toThrow('O período termina antes de começar');
	expect(() => logFilterOf({ ...none, limit: 0 }, 'UTC')).toThrow('Máximo de registros inválido: 0');
});
