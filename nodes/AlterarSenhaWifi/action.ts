import type { OutboundMessage } from '../shared/channels/types';
import { publicContrato } from '../shared/erp/card/engine';
import { SENSITIVE_ANSWER_FLAG, type ErpCardAction, type ErpStep, type ErpTurn } from '../shared/erp/card/types';
import { ErpError, type Contrato, type ResultadoAcao } from '../shared/erp/types';
import { checkWifiPassword, withoutSecret } from './password';

/** Parameters of the card's own step ("Configurações de Rede Wi-Fi"). */
export interface WifiPasswordParameters {
	prompt: string;
	successMessage: string;
	refusedMessage: string;
}

export const WIFI_PASSWORD_OUTPUTS = ['Alterada', 'Não alterada'];
const CHANGED = 0;
const NOT_CHANGED = 1;

const say = (text: string): OutboundMessage => ({ kind: 'text', text });

/** The ERP call, with the password masked in whatever error comes back (errors reach logs and execution data). */
async function changePassword(step: ErpStep, contrato: Contrato, password: string): Promise<ResultadoAcao> {
	try {
		return await step.adapter.alterarSenhaWifi(step.cliente, contrato, password);
	} catch (error) {
		if (error instanceof ErpError) throw new ErpError(error.kind, withoutSecret(error.message, password), error.details);
		throw new Error(withoutSecret(String((error as Error)?.message ?? error), password));
	}
}

async function answerPassword(step: ErpStep, parameters: WifiPasswordParameters, text: string): Promise<ErpTurn> {
	const check = checkWifiPassword(text);
	if (!check.valid) return { kind: 'invalid', messages: [say(check.reason)] };
	const contrato = step.contrato;
	if (!contrato) throw new ErpError('erro_erp', 'O contrato escolhido não foi encontrado no ERP.', { system: step.adapter.system, action: 'listarContratos' });
	const outcome = await changePassword(step, contrato, check.value);
	if (outcome.sucesso) {
		return {
			kind: 'finish',
			output: CHANGED,
			result: { contrato: publicContrato(contrato), wifi: { senhaAlterada: true, mensagem: withoutSecret(outcome.mensagem ?? '', check.value) || null } },
			messages: [say(step.render(parameters.successMessage))],
		};
	}
	const motivo = withoutSecret(outcome.motivo, check.value);
	return {
		kind: 'finish',
		output: NOT_CHANGED,
		result: { contrato: publicContrato(contrato), wifi: { senhaAlterada: false, motivo } },
		messages: [say(step.render(parameters.refusedMessage, { motivo }))],
	};
}

/**
 * "Alterar Senha Wi-Fi": asks the new password of the contract's router (more than 8 characters) and
 * changes it through the ERP (IXC ACS, SGP CPE manager). The answer is marked sensitive, so it is never
 * recorded as typed; the password is not asked twice, because keeping the first entry until the second
 * would store it. Never in item JSON, variables or messages sent back.
 */
export function wifiPasswordAction(parameters: WifiPasswordParameters): ErpCardAction {
	return {
		outputs: WIFI_PASSWORD_OUTPUTS,
		requires: 'contract',
		uses: ['alterarSenhaWifi'],
		async run(step) {
			return { kind: 'ask', messages: [say(step.render(parameters.prompt))], state: { stage: 'password', [SENSITIVE_ANSWER_FLAG]: true } };
		},
		async answer(step, message) {
			if (message.content.kind !== 'text') return { kind: 'invalid', messages: [say('Digite a nova senha em uma mensagem de texto.')] };
			return await answerPassword(step, parameters, message.content.text.trim());
		},
	};
}
