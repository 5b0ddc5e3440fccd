import { DEFAULT_PARAMETERS, InvalidSettingError, LEASE_MS, senderSettings } from './settings';
import { processarFilaProperties } from './description';

test('the defaults: 80 messages/s, 20 at once, 50 s per run, 5 attempts, 120 s of grace, 24 h after a 131049', () => {
	expect(senderSettings(DEFAULT_PARAMETERS)).toEqual({
		ratePerSecond: 80,
		concurrency: 20,
		maxDurationMs: 50_000,
		maxAttempts: 5,
		leaseMs: LEASE_MS,
		inFlightGraceMs: 120_000,
		progressIntervalMs: 5_000,
		marketingLimitDelayMs: 24 * 60 * 60 * 1000,
		requestTimeoutMs: 20_000,
	});
});

test("the node's parameter defaults are the same", () => {
	const defaults = Object.fromEntries(
		processarFilaProperties.flatMap((property) => (property.type === 'collection' ? (property.options as typeof processarFilaProperties) : [property])).map((property) => [property.name, property.default]),
	);
	expect(defaults).toMatchObject(DEFAULT_PARAMETERS);
});

test.each([
	[{ ratePerSecond: 0 }, 'Mensagens por Segundo inválido: 0'],
	[{ ratePerSecond: 1001 }, 'Mensagens por Segundo inválido: 1001'],
	[{ concurrency: 2.5 }, 'Envios Simultâneos inválido: 2.5'],
	[{ maxDurationSeconds: 0 }, 'Duração Máxima (Segundos) inválido: 0'],
	[{ maxAttempts: 0 }, 'Máximo de Tentativas inválido: 0'],
	[{ requestTimeoutSeconds: 121 }, 'Tempo Limite da Requisição (Segundos) inválido: 121'],
	[{ inFlightGraceSeconds: 29 }, 'Espera por confirmação curta demais: 29 s'],
])('%j is refused', (change, message) => {
	expect(() => senderSettings({ ...DEFAULT_PARAMETERS, ...change })).toThrow(new InvalidSettingError(message, ''));
});

test('a fractional rate of at least 1 is allowed', () => {
	expect(senderSettings({ ...DEFAULT_PARAMETERS, ratePerSecond: 2.5 }).ratePerSecond).toBe(2.5);
});

test('the grace period must outlast the request time limit by 10 s', () => {
	expect(() => senderSettings({ ...DEFAULT_PARAMETERS, requestTimeoutSeconds: 60, inFlightGraceSeconds: 69 })).toThrow(
		expect.objectContaining({ description: expect.stringContaining('Use pelo menos 70 s') }),
	);
	expect(senderSettings({ ...DEFAULT_PARAMETERS, requestTimeoutSeconds: 60, inFlightGraceSeconds: 70 }).inFlightGraceMs).toBe(70_000);
});

test('the delay after a 131049 is 0 (failed for good) to 720 hours', () => {
	expect(senderSettings({ ...DEFAULT_PARAMETERS, marketingLimitDelayHours: 0 }).marketingLimitDelayMs).toBe(0);
	expect(senderSettings({ ...DEFAULT_PARAMETERS, marketingLimitDelayHours: 1.5 }).marketingLimitDelayMs).toBe(5_400_000);
	expect(() => senderSettings({ ...DEFAULT_PARAMETERS, marketingLimitDelayHours: -1 })).toThrow(InvalidSettingError);
	expect(() => senderSettings({ ...DEFAULT_PARAMETERS, marketingLimitDelayHours: 721 })).toThrow(InvalidSettingError);
});
