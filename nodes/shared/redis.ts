import type { Redis, RedisOptions } from 'ioredis';

/**
 * A Lua script that the Redis stores run as a client command (ioredis `defineCommand`: EVALSHA, and
 * EVAL when the server does not know the script yet). Without `numberOfKeys`, the call passes the
 * number of keys first.
 */
export interface LuaCommand {
	name: string;
	source: string;
	numberOfKeys?: number;
}

type CommandFunction = (...args: Array<string | number | Buffer>) => Promise<unknown>;

/**
 * ioredis, loaded on first use: only the Redis stores call this, so an installation on the local
 * stores (and every card that imports the store modules) never loads the Redis client.
 */
function ioredis(): typeof import('ioredis') {
	return require('ioredis') as typeof import('ioredis');
}

/**
 * The client of a Redis store, with `commands` defined on it: the client given (`owned: false`, the
 * caller closes it), or a new one for a URL or options (`owned: true`).
 */
export function redisClient(connection: Redis | RedisOptions | string, commands: LuaCommand[]): { client: Redis; owned: boolean } {
	const { Redis: RedisClient } = ioredis();
	const owned = !(connection instanceof RedisClient);
	const client = connection instanceof RedisClient ? connection : typeof connection === 'string' ? new RedisClient(connection) : new RedisClient(connection);
	for (const command of commands) {
		client.defineCommand(command.name, { lua: command.source, ...(command.numberOfKeys !== undefined ? { numberOfKeys: command.numberOfKeys } : {}) });
	}
	return { client, owned };
}

/** Runs a command defined by `redisClient` on `client`. */
export async function runCommand(client: Redis, command: LuaCommand, ...args: Array<string | number | Buffer>): Promise<unknown> {
	const run = (client as unknown as Record<string, CommandFunction | undefined>)[command.name];
	if (typeof run !== 'function') throw new Error(`O comando ${command.name} não foi definido neste cliente Redis.`);
	return await run.apply(client, args);
}
