type Environment = Record<string, string | undefined>;

/** Default of ATENDIMENTO_WEBCHAT_SESSOES_POR_MINUTO. */
export const DEFAULT_SESSIONS_PER_MINUTE = 20;
const WINDOW_MS = 60_000;

/**
 * ATENDIMENTO_WEBCHAT_SESSOES_POR_MINUTO: new web chat sessions one IP address may open per minute
 * (default 20; 0 = no limit).
 */
export function sessionsPerMinuteFromEnv(env: Environment = process.env): number {
	const value = env.ATENDIMENTO_WEBCHAT_SESSOES_POR_MINUTO;
	if (value === undefined || value.trim() === '') return DEFAULT_SESSIONS_PER_MINUTE;
	const parsed = Number(value);
	if (!Number.isInteger(parsed) || parsed < 0) {
		throw new Error(`ATENDIMENTO_WEBCHAT_SESSOES_POR_MINUTO=${value} não é válido: use um número inteiro (0 = sem limite).`);
	}
	return parsed;
}

/**
 * Counts the new sessions of each client (address) in fixed one-minute windows. Memory holds only
 * the current window's clients. Per n8n process: in queue mode each webhook process counts its own.
 */
export class SessionRateLimiter {
	private window = -1;
	private readonly counts = new Map<string, number>();

	constructor(
		readonly perMinute: number,
		private readonly now: () => number = Date.now,
	) {}

	/** Counts one new session of `client` and says whether it is within the limit. */
	allow(client: string): boolean {
		if (this.perMinute <= 0) return true;
		const window = Math.floor(this.now() / WINDOW_MS);
		if (window !== this.window) {
			this.window = window;
			this.counts.clear();
		}
		const used = this.counts.get(client) ?? 0;
		if (used >= this.perMinute) return false;
		this.counts.set(client, used + 1);
		return true;
	}

	/** Seconds until the current window ends. */
	retryAfterSeconds(): number {
		return Math.max(1, Math.ceil((WINDOW_MS - (this.now() % WINDOW_MS)) / 1000));
	}
}
