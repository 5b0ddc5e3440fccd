// WhatsApp templates of the broadcast tests (Status Logins → Mensagem Omnichannel → fila), on top of
// the simulator's defaults: a network notice with three body variables and two quick replies.
import { DEFAULT_TEMPLATES, type MessageTemplate } from '../simulators/whatsapp';

/** "Your login is offline" notice, as a provider would register it (UTILITY, positional variables). */
export const OFFLINE_NOTICE_TEMPLATE: MessageTemplate = {
	id: '1000000000000101',
	name: 'aviso_conexao_offline',
	language: 'pt_BR',
	status: 'APPROVED',
	category: 'UTILITY',
	parameter_format: 'POSITIONAL',
	components: [
		{ type: 'HEADER', format: 'TEXT', text: 'Aviso de conexão' },
		{
			type: 'BODY',
			text: 'Olá {{1}}! Notamos que o seu acesso {{2}} está sem conexão desde {{3}}. Nossa equipe já está verificando.',
			example: { body_text: [['Maria', 'maria.silva', '10/03/2026 08:30']] },
		},
		{ type: 'FOOTER', text: 'Provedor XYZ' },
		{
			type: 'BUTTONS',
			buttons: [
				{ type: 'QUICK_REPLY', text: 'Já voltou' },
				{ type: 'QUICK_REPLY', text: 'Continua sem internet' },
			],
		},
	],
};

/** A template that uses named variables (not fillable by the pack's cards). */
export const NAMED_VARIABLES_TEMPLATE: MessageTemplate = {
	id: '1000000000000102',
	name: 'boas_vindas_nomeado',
	language: 'pt_BR',
	status: 'APPROVED',
	category: 'UTILITY',
	parameter_format: 'NAMED',
	components: [{ type: 'BODY', text: 'Olá {{nome}}!' }],
};

/** The simulator's default templates plus the broadcast ones. */
export const BROADCAST_TEMPLATES: MessageTemplate[] = [...DEFAULT_TEMPLATES, OFFLINE_NOTICE_TEMPLATE, NAMED_VARIABLES_TEMPLATE];
