import type { INodeProperties } from 'n8n-workflow';

import { erpCommonProperties } from '../shared/erp/card/properties';
import { variablesHint } from '../shared/ui/variables-hint';

/** A field description made of whole sentences. */
const sentences = (...parts: string[]): string => parts.join(' ');

/** "Configurações de Rede Wi-Fi": the card's texts, with the defaults a legal review would start from. */
const messageOptions: INodeProperties[] = [
	{
		displayName: 'Pedido da nova senha',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default:
			'Digite a nova senha do Wi-Fi, com mais de 8 caracteres (letras sem acento, números e símbolos). Confira antes de enviar: ao trocar a senha, todos os aparelhos conectados precisarão da nova senha. Não compartilhe sua senha com ninguém.',
		description: sentences('A resposta do cliente é tratada como senha: não aparece no histórico, nos eventos nem nos dados da execução.', variablesHint),
	},
	{
		displayName: 'Mensagem de sucesso',
		name: 'successMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default:
			'Pronto, {{nome_cliente}}! A senha do Wi-Fi foi alterada. Em alguns instantes o roteador aplica a mudança: conecte novamente seus aparelhos usando a nova senha.',
		description: variablesHint,
	},
	{
		displayName: 'Mensagem quando o ERP recusa',
		name: 'refusedMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default: 'Não consegui alterar a senha do Wi-Fi agora ({{motivo}}). Fale com um atendente para concluir a alteração.',
		description: sentences('O card segue pela saída "Não alterada". Também aceita {{motivo}} (motivo informado pelo ERP).', variablesHint),
	},
];

/** Default of each message, used when the field is left empty. */
export const WIFI_PASSWORD_DEFAULTS: Record<string, string> = Object.fromEntries(messageOptions.map((property) => [property.name, String(property.default)]));

export const wifiPasswordProperties: INodeProperties[] = [
	{
		displayName: 'Precisa do ACS do ERP (IXC: opção "Alterar login e senha do roteador"; SGP: CPE Manager). Só senhas com mais de 8 caracteres são aceitas.',
		name: 'acsNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Configurações de Rede Wi-Fi',
		name: 'wifiMessages',
		type: 'collection',
		placeholder: 'Alterar mensagem',
		default: {},
		description: 'Mensagens preenchidas com base em validação jurídica: não recomendamos alterar',
		options: messageOptions,
	},
	...erpCommonProperties,
];
