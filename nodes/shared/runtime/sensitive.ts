/**
 * Secret answers (a subscriber-portal password, a new Wi-Fi password). A waiting card that asks for
 * one puts `[SENSITIVE_ANSWER_FLAG]: true` in its dialog state (`Waiter.dialog`) and marks the
 * question with `secretAnswer` (the web chat then hides what is typed and keeps "••••••" in its
 * history). The answer reaches the card only in the resume call; nothing else records its text.
 */
import type { InboundMessage, OutboundMessage } from '../channels/types';

/** Key of a waiting card's dialog state that marks the awaited answer as secret. */
export const SENSITIVE_ANSWER_FLAG = 'sensitive';

/** What is shown or recorded instead of a secret answer. */
export const MASKED_ANSWER = '••••••';

/** Whether a waiting card's dialog state awaits a secret answer. */
export function expectsSecretAnswer(dialog: Record<string, unknown> | undefined): boolean {
	return dialog?.[SENSITIVE_ANSWER_FLAG] === true;
}

/** The message with whatever the customer typed replaced by {@link MASKED_ANSWER} (ids, channel and contact kept). */
export function maskedMessage(message: InboundMessage): InboundMessage {
	return { ...message, content: { kind: 'text', text: MASKED_ANSWER } };
}

/** The question marked so that the channel hides the answer: its last text message gets `secretAnswer`. */
export function withSecretAnswer(messages: OutboundMessage[]): OutboundMessage[] {
	const last = messages.map((message) => message.kind).lastIndexOf('text');
	return messages.map((message, index) => (index === last && message.kind === 'text' ? { ...message, secretAnswer: true } : message));
}
