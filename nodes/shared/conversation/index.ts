import type { RedisOptions } from 'ioredis';
import { homedir } from 'os';
import { join } from 'path';

import { LocalConversationStore } from './local-store';
import { RedisConversationStore } from './redis-store';
import type { ConversationStore } from './store';

let store: ConversationStore | undefined;

type Environment = Record<string, string | undefined>;

/** Folder of the local store: ATENDIMENTO_STORE_DIR, else `<n8n user folder>/.n8n/atendimento`. */
export function localStoreDirectory(): string {
	if (process.env.ATENDIMENTO_STORE_DIR) return process.env.ATENDIMENTO_STORE_DIR;
	return join(process.env.N8N_USER_FOLDER ?? homedir(), '.n8n', 'atendimento');
}

/** ATENDIMENTO_STORE (local | redis); by default redis in n8n queue mode (EXECUTIONS_MODE=queue), else local. */
export function conversationStoreKind(env: Environment = process.env): 'local' | 'redis' {
	const kind = env.ATENDIMENTO_STORE || (env.EXECUTIONS_MODE === 'queue' ? 'redis' : 'local');
	if (kind !== 'local' && kind !== 'redis') {
		throw new Error(
			`ATENDIMENTO_STORE=${kind} não é suportado; use "local" (um processo do n8n) ou "redis" (modo fila, vários processos).`,
		);
	}
	return kind;
}

/**
 * Where the Redis store connects: ATENDIMENTO_REDIS_URL (redis:// or rediss://), else the Redis of
 * n8n's queue mode (QUEUE_BULL_REDIS_HOST, _PORT, _DB, _USERNAME, _PASSWORD, _TLS, with n8n's defaults),
 * so a queue-mode installation needs no extra setting.
 */
export function redisConnectionFromEnv(env: Environment = process.env): string | RedisOptions {
	if (env.ATENDIMENTO_REDIS_URL) return env.ATENDIMENTO_REDIS_URL;
	if (env.QUEUE_BULL_REDIS_CLUSTER_NODES) {
		throw new Error(
			'O armazenamento Redis do atendimento não funciona em Redis Cluster (QUEUE_BULL_REDIS_CLUSTER_NODES); ' +
				'defina ATENDIMENTO_REDIS_URL com um Redis sem cluster.',
		);
	}
	const options: RedisOptions = {
		host: env.QUEUE_BULL_REDIS_HOST || 'localhost',
		port: integerOr(env.QUEUE_BULL_REDIS_PORT, 6379),
		db: integerOr(env.QUEUE_BULL_REDIS_DB, 0),
		username: env.QUEUE_BULL_REDIS_USERNAME || undefined,
		password: env.QUEUE_BULL_REDIS_PASSWORD || undefined,
	};
	if (isTrue(env.QUEUE_BULL_REDIS_TLS)) {
		options.tls = {
			servername: env.QUEUE_BULL_REDIS_TLS_SERVERNAME || undefined,
			rejectUnauthorized: !isFalse(env.QUEUE_BULL_REDIS_TLS_VALIDATE_CERTIFICATE),
		};
	}
	return options;
}

/**
 * The process-wide conversation store, shared by the trigger and every card of the pack
 * (see `conversationStoreKind` and README, "Escalar").
 */
export function getConversationStore(): ConversationStore {
	if (!store) {
		store =
			conversationStoreKind() === 'redis'
				? new RedisConversationStore(redisConnectionFromEnv())
				: new LocalConversationStore(localStoreDirectory());
	}
	return store;
}

/** Replaces the process-wide store (tests). */
export function setConversationStore(next: ConversationStore | undefined): void {
	store = next;
}

/** n8n's reading of boolean settings. */
function isTrue(value: string | undefined): boolean {
	return value !== undefined && ['true', '1'].includes(value.toLowerCase());
}

function isFalse(value: string | undefined): boolean {
	return value !== undefined && ['false', '0'].includes(value.toLowerCase());
}

function integerOr(value: string | undefined, fallback: number): number {
	const parsed = Number.parseInt(value ?? '', 10);
	return Number.isFinite(parsed) ? parsed : fallback;
}

export * from './store';
export * from './types';
