import type { InboundMessage, OutboundMessage } from '../shared/channels/types';
import { addLinkVerification, publicCliente } from '../shared/erp/card/engine';
import { SENSITIVE_ANSWER_FLAG, type ErpCardAction, type ErpStep, type ErpTurn } from '../shared/erp/card/types';

/** Parameters of the card's own step. */
export interface TwoFactorParameters {
	/** First phase: the subscriber-portal login. */
	loginPrompt: string;
	/** Second phase: the subscriber-portal password. */
	passwordPrompt: string;
	wrongCredentialsMessage: string;
	successMessage: string;
}

export const TWO_FACTOR_OUTPUTS = ['Autenticado'];
const AUTHENTICATED = 0;

/** Conversation variable set to "sim" once the customer passed (for Condicional → Variável in later flows). */
export const AUTHENTICATED_VARIABLE = 'central_autenticada';

type Stage = { step: 'login' } | { step: 'password'; login: string };

const say = (text: string): OutboundMessage[] => (text ? [{ kind: 'text', text }] : []);

/** What the customer typed; only text counts (a tapped option or a file is no login or password). */
function typedText(message: InboundMessage): string {
	return message.content.kind === 'text' ? message.content.text.trim() : '';
}

function askLogin(step: ErpStep, parameters: TwoFactorParameters, before: OutboundMessage[] = []): ErpTurn & { kind: 'ask' } {
	return { kind: 'ask', messages: [...before, ...say(step.render(parameters.loginPrompt))], state: { step: 'login' } };
}

/**
 * "Autenticação em Duas Etapas": after the CPF/CNPJ (asked by the engine when the conversation has no
 * customer), the subscriber-portal login and then its password, checked by the ERP. The password is a
 * secret answer: it is never stored, logged or shown back (runtime/sensitive.ts). A wrong pair counts
 * one attempt and starts again at the login; attempts run out on "Máximo de tentativas".
 */
export function twoFactorAction(parameters: TwoFactorParameters): ErpCardAction {
	return {
		outputs: TWO_FACTOR_OUTPUTS,
		requires: 'customer',
		uses: ['autenticarCentral'],
		async run(step) {
			return askLogin(step, parameters);
		},
		async answer(step, message, state) {
			const stage = state as Stage;
			const typed = typedText(message);
			if (stage.step === 'login') {
				if (!typed) return { kind: 'invalid', messages: say('Digite o login da Central do Assinante.') };
				return {
					kind: 'ask',
					messages: say(step.render(parameters.passwordPrompt)),
					state: { step: 'password', login: typed, [SENSITIVE_ANSWER_FLAG]: true },
					sameAttempt: true,
				};
			}
			if (!typed) return { kind: 'invalid', messages: say('Digite a senha da Central do Assinante.') };
			if (!(await step.adapter.autenticarCentral(step.cliente, stage.login, typed))) {
				const retry = askLogin(step, parameters, say(step.render(parameters.wrongCredentialsMessage)));
				return { kind: 'invalid', messages: retry.messages, state: retry.state };
			}
			await step.setVariables({ [AUTHENTICATED_VARIABLE]: 'sim' });
			await addLinkVerification(step.conversation.id, 'portal');
			return {
				kind: 'finish',
				output: AUTHENTICATED,
				result: { autenticado: true, cliente: publicCliente(step.cliente) },
				messages: say(step.render(parameters.successMessage)),
			};
		},
	};
}
