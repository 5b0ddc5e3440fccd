import type { IDataObject } from 'n8n-workflow';

import type { InboundMessage, OutboundMessage } from '../../channels/types';
import type { Conversation } from '../../conversation/types';
import type { Cliente, Contrato, ErpAction, ErpAdapter } from '../types';

/**
 * Key of an `ask` turn's `state` that marks the awaited answer as secret (a password):
 * `{ kind: 'ask', messages, state: { ..., [SENSITIVE_ANSWER_FLAG]: true } }`. The engine puts it on the
 * waiter's dialog and marks the question for the web chat; the customer's answer is then never recorded
 * as typed (runtime/sensitive.ts).
 */
export { SENSITIVE_ANSWER_FLAG } from '../../runtime/sensitive';

/** What one step of an ERP card decides. */
export type ErpTurn =
	/** Done: send `messages`, leave on the card's output `output` (index into `ErpCardAction.outputs`). */
	| { kind: 'finish'; output: number; result: IDataObject; messages?: OutboundMessage[] }
	/**
	 * Send `messages` (a question) and wait for the customer; `state` comes back to `answer`. Attempts start
	 * over at each new question, unless `sameAttempt` (the second question of a pair: login then password).
	 */
	| { kind: 'ask'; messages: OutboundMessage[]; state: Record<string, unknown>; sameAttempt?: boolean }
	/**
	 * The answer does not fit: send `messages`, count an attempt, keep waiting at the same question, or at
	 * the question of `state` when given (e.g. back to the login after a wrong login/password pair).
	 */
	| { kind: 'invalid'; messages: OutboundMessage[]; state?: Record<string, unknown> };

/** What a card's own step works with. */
export interface ErpStep {
	adapter: ErpAdapter;
	conversation: Conversation;
	/** The linked customer (always set unless the card `requires: 'none'`). */
	cliente: Cliente;
	/** The chosen contract (set when the card `requires: 'contract'`). */
	contrato?: Contrato;
	/** Stores conversation variables (e.g. the Diagnóstico result for the Condicional). */
	setVariables(variables: Record<string, unknown>): Promise<void>;
	/** Renders a message parameter with the conversation's placeholders. */
	render(text: string, extra?: Record<string, string>): string;
}

/**
 * One ERP card's own behaviour. The engine (engine.ts) asks for the CPF/CNPJ when the conversation
 * has no linked customer, shows a contract menu when there are several, counts attempts, and turns
 * every ERP failure into the "Erro" output with a clear message; the card only does its action.
 */
export interface ErpCardAction {
	/** Names of the card's own outputs; the engine appends "Máximo de tentativas", "Erro", "Sem resposta". */
	outputs: string[];
	/** What must be known before `run`. */
	requires: 'customer' | 'contract';
	/** ERP actions the card needs (besides identification): an ERP without them goes to "Erro" at once. */
	uses: ErpAction[];
	run(step: ErpStep): Promise<ErpTurn>;
	/**
	 * Runs before identification (Auto Vincular Contato looks the customer up by phone): a turn ends
	 * or continues the card without asking the CPF/CNPJ; `undefined` goes on to identification.
	 */
	beforeIdentification?(step: Omit<ErpStep, 'cliente' | 'contrato'>): Promise<ErpTurn | undefined>;
	/** Next customer message while the card waits in its own dialog (after `run` returned `ask`). */
	answer?(step: ErpStep, message: InboundMessage, state: Record<string, unknown>): Promise<ErpTurn>;
}

/** The text an inbound message carries (typed text or the title of a tapped option). */
export function textOf(message: InboundMessage): string {
	const content = message.content;
	if (content.kind === 'text') return content.text.trim();
	if (content.kind === 'choice') return content.title.trim();
	return '';
}
