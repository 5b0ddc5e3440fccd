import { conversationStoreKind, redisConnectionFromEnv, retentionMsFromEnv, webchatFilesMaxBytesFromEnv } from './index';

describe('conversationStoreKind', () => {
	it('is local by default and redis by default in n8n queue mode', () => {
		expect(conversationStoreKind({})).toBe('local');
		expect(conversationStoreKind({ EXECUTIONS_MODE: 'regular' })).toBe('local');
		expect(conversationStoreKind({ EXECUTIONS_MODE: 'queue' })).toBe('redis');
	});

	it('follows ATENDIMENTO_STORE when set', () => {
		expect(conversationStoreKind({ ATENDIMENTO_STORE: 'redis' })).toBe('redis');
		expect(conversationStoreKind({ ATENDIMENTO_STORE: 'local', EXECUTIONS_MODE: 'queue' })).toBe('local');
	});

	it('names both choices when the value is unknown', () => {
		expect(() => conversationStoreKind({ ATENDIMENTO_STORE: 'postgres' })).toThrow(/"local".*"redis"/);
	});
});

describe('redisConnectionFromEnv', () => {
	it("uses n8n's queue-mode Redis with n8n's defaults when nothing is set", () => {
		expect(redisConnectionFromEnv({})).toEqual({ host: 'localhost', port: 6379, db: 0, username: undefined, password: undefined });
	});

	it("reads n8n's QUEUE_BULL_REDIS_* settings, TLS included", () => {
		expect(
			redisConnectionFromEnv({
				QUEUE_BULL_REDIS_HOST: 'redis.interno',
				QUEUE_BULL_REDIS_PORT: '6380',
				QUEUE_BULL_REDIS_DB: '2',
				QUEUE_BULL_REDIS_USERNAME: 'n8n',
				QUEUE_BULL_REDIS_PASSWORD: 'segredo',
				QUEUE_BULL_REDIS_TLS: 'true',
				QUEUE_BULL_REDIS_TLS_VALIDATE_CERTIFICATE: 'false',
			}),
		).toEqual({
			host: 'redis.interno',
			port: 6380,
			db: 2,
			username: 'n8n',
			password: 'segredo',
			tls: { servername: undefined, rejectUnauthorized: false },
		});
	});

	it('prefers ATENDIMENTO_REDIS_URL', () => {
		expect(redisConnectionFromEnv({ ATENDIMENTO_REDIS_URL: 'rediss://:s@r:6379/1', QUEUE_BULL_REDIS_HOST: 'outro' })).toBe(
			'rediss://:s@r:6379/1',
		);
	});

	it('refuses a Redis Cluster with a fix-it message', () => {
		expect(() => redisConnectionFromEnv({ QUEUE_BULL_REDIS_CLUSTER_NODES: 'a:6379,b:6379' })).toThrow(/ATENDIMENTO_REDIS_URL/);
	});
});

describe('retention and file settings', () => {
	it('reads ATENDIMENTO_RETENCAO_DIAS (default 30 days) and refuses nonsense in pt-BR', () => {
		expect(retentionMsFromEnv({})).toBe(30 * 24 * 60 * 60 * 1000);
		expect(retentionMsFromEnv({ ATENDIMENTO_RETENCAO_DIAS: '7' })).toBe(7 * 24 * 60 * 60 * 1000);
		expect(retentionMsFromEnv({ ATENDIMENTO_RETENCAO_DIAS: '0,5' })).toBe(12 * 60 * 60 * 1000);
		expect(() => retentionMsFromEnv({ ATENDIMENTO_RETENCAO_DIAS: '0' })).toThrow(/ATENDIMENTO_RETENCAO_DIAS=0 não é válido/);
		expect(() => retentionMsFromEnv({ ATENDIMENTO_RETENCAO_DIAS: 'trinta' })).toThrow(/maior que zero/);
	});

	it('reads ATENDIMENTO_ARQUIVOS_MAX_MB (default 500 MB)', () => {
		expect(webchatFilesMaxBytesFromEnv({})).toBe(500 * 1024 * 1024);
		expect(webchatFilesMaxBytesFromEnv({ ATENDIMENTO_ARQUIVOS_MAX_MB: '50' })).toBe(50 * 1024 * 1024);
		expect(() => webchatFilesMaxBytesFromEnv({ ATENDIMENTO_ARQUIVOS_MAX_MB: '-5' })).toThrow(/ATENDIMENTO_ARQUIVOS_MAX_MB/);
	});
});
