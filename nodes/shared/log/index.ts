import { LoggerProxy, type Logger } from 'n8n-workflow';

import { redactMeta, redactText } from './redact';

export { redactText, redactUrl } from './redact';

/**
 * The pack's log lines, through n8n's own logger (so they land where the operator's n8n logs go:
 * console, file, N8N_LOG_LEVEL). Every line starts with `[atendimento]`, names the conversation by its
 * protocolo (never the contact's document) and is redacted (CPF/CNPJ masked, passwords, tokens and URL
 * query strings removed) whatever the caller passes.
 *
 * Cards and the trigger pass their context's `logger`; code that runs without an n8n context (the
 * deadline and debounce timers) uses `processLogger()`, n8n's process-wide logger proxy.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where a line comes from: a conversation (protocolo), a card or node, and any extra facts. */
export interface LogFacts {
	protocolo?: string;
	node?: string;
	[key: string]: unknown;
}

/** Logs one redacted line. A logger that throws (tests, a stopped process) never breaks the caller. */
export function logLine(logger: Logger | undefined, level: LogLevel, message: string, facts: LogFacts = {}): void {
	const target = logger ?? processLogger();
	const origin = [facts.node, facts.protocolo ? `protocolo ${facts.protocolo}` : undefined].filter(Boolean).join(', ');
	const text = `[atendimento] ${origin ? `${origin}: ` : ''}${redactText(message)}`;
	try {
		target[level](text, redactMeta(facts) as Record<string, unknown>);
	} catch {
		// Logging must never change what the pack does.
	}
}

/** n8n's process-wide logger (initialised by n8n at start; a no-op before that). */
export function processLogger(): Logger {
	return LoggerProxy as unknown as Logger;
}

/** The message of an unknown thrown value, redacted. */
export function errorText(error: unknown): string {
	return redactText(error instanceof Error ? error.message : String(error));
}
