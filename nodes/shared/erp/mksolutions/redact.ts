/**
 * MK Solutions takes its secrets in the query string (session token, contra-senha, the subscriber's
 * portal password) and some clients leaked them through error texts: every text the adapter passes
 * on (the ERP's own `Mensagem`) goes through {@link redactMk}.
 */
import { redactSensitive } from '../sgp/redact';

const QUERY_SECRET = /\b(token|password|pass_sac|user_sac|senha|contra[-_]?senha)=([^&\s"']+)/gi;

/** `text` without query-string secrets, documents or long numbers. */
export function redactMk(text: string): string {
	return redactSensitive(text.replace(QUERY_SECRET, '$1=***'));
}
