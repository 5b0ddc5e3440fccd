import type { INodeProperties } from 'n8n-workflow';

import { erpCommonProperties } from '../shared/erp/card/properties';
import { variablesHint } from '../shared/ui/variables-hint';
import { AUTHENTICATED_VARIABLE } from './action';

export const twoFactorProperties: INodeProperties[] = [
	{
		displayName: `Depois do CPF/CNPJ (pedido só se o atendimento ainda não tem cliente), pede o login e a senha da Central do Assinante e confere no ERP. A senha nunca é guardada: no histórico do atendimento e no web chat ela aparece como ••••••. Ao autenticar, a variável ${AUTHENTICATED_VARIABLE} recebe "sim".`,
		name: 'twoFactorNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Primeira fase (pedido do login)',
		name: 'firstPhasePrompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Para a sua segurança, precisamos confirmar a sua identidade. Digite o login da Central do Assinante.',
	},
	{
		displayName: 'Segunda fase (pedido da senha)',
		name: 'secondPhasePrompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Agora digite a senha da Central do Assinante. Ela serve apenas para confirmar a sua identidade e não fica guardada no atendimento.',
	},
	{
		displayName: 'Mensagem de login ou senha incorretos',
		name: 'wrongCredentialsMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Login ou senha incorretos. Vamos tentar de novo.',
		description: 'Enviada antes de pedir o login outra vez; cada par errado conta uma tentativa',
	},
	{
		displayName: 'Mensagem de autenticado',
		name: 'successMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Pronto, {{nome_cliente}}! Sua identidade foi confirmada.',
		description: variablesHint,
		hint: 'Em branco, nada é enviado.',
	},
	...erpCommonProperties,
];
