import type { INodeProperties } from 'n8n-workflow';

import { erpCommonProperties } from '../shared/erp/card/properties';
import { variablesHint } from '../shared/ui/variables-hint';

export const trustUnlockProperties: INodeProperties[] = [
	{
		displayName: 'Mensagem de desbloqueio',
		name: 'successMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default:
			'Pronto, {{nome_cliente}}! Seu acesso foi desbloqueado em confiança até {{desbloqueado_ate}}. Pague a fatura em aberto até essa data para não ser bloqueado de novo. Se a internet não voltar em alguns minutos, desligue o roteador da tomada, aguarde 30 segundos e ligue de novo.',
		description: '{{desbloqueado_ate}} = data até quando o desbloqueio vale (DD/MM/AAAA). ' + variablesHint,
	},
	{
		displayName: 'Mensagem de desbloqueio sem data',
		name: 'successWithoutDateMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default:
			'Pronto, {{nome_cliente}}! Seu acesso foi desbloqueado em confiança. Pague a fatura em aberto para não ser bloqueado de novo. Se a internet não voltar em alguns minutos, desligue o roteador da tomada, aguarde 30 segundos e ligue de novo.',
		description: 'Enviada quando o ERP não informa até quando o desbloqueio vale. ' + variablesHint,
	},
	{
		displayName: 'Mensagem de desbloqueio total',
		name: 'fullUnlockMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default:
			'Pronto, {{nome_cliente}}! Seu contrato foi desbloqueado. Pague a fatura em aberto para não ser bloqueado de novo. Se a internet não voltar em alguns minutos, desligue o roteador da tomada, aguarde 30 segundos e ligue de novo.',
		description:
			'Enviada quando o ERP retira o bloqueio por completo, sem prazo de confiança (RBX ISP: o RBX não tem desbloqueio em confiança, só o desbloqueio do contrato); o item traz desbloqueio.tipo = "total". ' +
			variablesHint,
	},
	{
		displayName: 'Mensagem de pagamento em observação',
		name: 'successInvoicesOnHoldMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default:
			'Pronto, {{nome_cliente}}! Colocamos em observação até {{desbloqueado_ate}} o pagamento da(s) fatura(s) vencida(s): {{faturas_em_observacao}}. Até essa data o bloqueio por atraso fica suspenso e o acesso volta em alguns minutos. Pague até essa data para não ser bloqueado de novo. Se a internet não voltar, desligue o roteador da tomada, aguarde 30 segundos e ligue de novo.',
		description:
			'Enviada quando o ERP libera faturas específicas em vez do contrato (Controllr: "pagamento em observação"). {{faturas_em_observacao}} = valor e vencimento de cada fatura; {{desbloqueado_ate}} = até quando (DD/MM/AAAA). ' +
			variablesHint,
	},
	{
		displayName: 'Mensagem de desbloqueio já utilizado',
		name: 'alreadyUsedMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default:
			'O desbloqueio de confiança já foi utilizado neste mês e poderá ser usado novamente a partir de {{disponivel_em}}. Para liberar o acesso agora, pague a fatura em aberto ou fale com um atendente.',
		description: 'Segue pela saída "Recusado". {{disponivel_em}} = data em que o desbloqueio pode ser usado de novo (DD/MM/AAAA); {{motivo}} = motivo informado pelo ERP. ' + variablesHint,
	},
	{
		displayName: 'Mensagem de recusa',
		name: 'refusedMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default: 'Não foi possível fazer o desbloqueio de confiança: {{motivo}}',
		description: 'Outras recusas do ERP (contrato inativo, recurso desativado no contrato…); segue pela saída "Recusado". {{motivo}} = motivo informado pelo ERP. ' + variablesHint,
	},
	{
		displayName: 'Mensagem de contrato já ativo',
		name: 'alreadyActiveMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default:
			'{{nome_cliente}}, seu contrato já está ativo: não há bloqueio para liberar. Se estiver sem internet, desligue o roteador da tomada, aguarde 30 segundos e ligue de novo.',
		description: 'Quando o contrato não está bloqueado (o ERP nem é chamado); segue pela saída "Já ativo". ' + variablesHint,
	},
	...erpCommonProperties,
];
