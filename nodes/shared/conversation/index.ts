import type { RedisOptions } from 'ioredis';
import { homedir } from 'os';
import { join } from 'path';

import { DEFAULT_FILES_MAX_BYTES, LocalConversationStore } from './local-store';
import { RedisConversationStore } from './redis-store';
import { DEFAULT_RETENTION_MS, type ConversationStore } from './store';

let store: ConversationStore | undefined;
const createdHooks: Array<(created: ConversationStore) => void> = [];

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

const DAY_MS = 24 * 60 * 60 * 1000;
const MEGABYTE = 1024 * 1024;

/**
 * ATENDIMENTO_RETENCAO_DIAS (default 30): days a conversation with no change, or a web chat session
 * with no new message, is kept (see DEFAULT_RETENTION_MS); the same for both stores.
 */
export function retentionMsFromEnv(env: Environment = process.env): number {
	const days = positiveNumber(env.ATENDIMENTO_RETENCAO_DIAS, 'ATENDIMENTO_RETENCAO_DIAS', 'em dias, ex.: 30');
	return days === undefined ? DEFAULT_RETENTION_MS : days * DAY_MS;
}

/** ATENDIMENTO_ARQUIVOS_MAX_MB (default 500): total size of the web chat files the local store keeps on disk. */
export function webchatFilesMaxBytesFromEnv(env: Environment = process.env): number {
	const megabytes = positiveNumber(env.ATENDIMENTO_ARQUIVOS_MAX_MB, 'ATENDIMENTO_ARQUIVOS_MAX_MB', 'em MB, ex.: 500');
	return megabytes === undefined ? DEFAULT_FILES_MAX_BYTES : megabytes * MEGABYTE;
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
		const retentionMs = retentionMsFromEnv();
		store =
			conversationStoreKind() === 'redis'
				? new RedisConversationStore(redisConnectionFromEnv(), { retentionMs })
				: new LocalConversationStore(localStoreDirectory(), { retentionMs, filesMaxBytes: webchatFilesMaxBytesFromEnv() });
		for (const hook of createdHooks) hook(store);
	}
	return store;
}

/**
 * Runs `hook` when the process-wide store is created by its first use (at once when it already was):
 * the "Sem resposta" deadline poller starts this way in every process (docs/arquitetura.md §5).
 */
export function onConversationStoreCreated(hook: (created: ConversationStore) => void): void {
	createdHooks.push(hook);
	if (store) hook(store);
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

/** A positive number setting, undefined when unset; a pt-BR error naming the variable otherwise. */
function positiveNumber(value: string | undefined, name: string, hint: string): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const parsed = Number(value.replace(',', '.'));
	if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name}=${value} não é válido: use um número maior que zero (${hint}).`);
	return parsed;
}

function integerOr(value: string | undefined, fallback: number): number {
	const parsed = Number.parseInt(value ?? '', 10);
	return Number.isFinite(parsed) ? parsed : fallback;
}

export * from './deadline-schedule';
export * from './store';
export * from './types';
