// A small fake ERP adapter and ErpStep for unit tests of ERP card actions (no n8n, no HTTP).
import type { InboundMessage } from '../../nodes/shared/channels/types';
import type { Conversation } from '../../nodes/shared/conversation/types';
import type { ErpStep } from '../../nodes/shared/erp/card/types';
import { ErpError, type Cliente, type Contrato, type ErpAction, type ErpAdapter } from '../../nodes/shared/erp/types';
import { renderTemplate } from '../../nodes/shared/text/template';

type AdapterMethods = Omit<ErpAdapter, 'system' | 'supports'>;

/**
 * An IXC-like adapter that supports exactly the methods given; every other method throws
 * `ErpError` `nao_suportado`, as real adapters do.
 */
export function fakeAdapter(methods: Partial<AdapterMethods>): ErpAdapter {
	const notOffered = (action: ErpAction) => async (): Promise<never> => {
		throw new ErpError('nao_suportado', `ação ${action} não oferecida pelo ERP de teste`, { system: 'ixc', action });
	};
	const actions: Array<ErpAction & keyof AdapterMethods> = [
		'buscarClientePorDocumento',
		'buscarClientesPorTelefone',
		'listarContratos',
		'listarFaturasAbertas',
		'pdfFatura',
		'pixFatura',
		'listarNotasFiscais',
		'pdfNotaFiscal',
		'desbloqueioConfianca',
		'liberarReducaoVelocidade',
		'diagnostico',
		'documentoAceite',
		'aceitarContrato',
		'listarDepartamentos',
		'abrirChamado',
		'autenticarCentral',
		'alterarSenhaWifi',
	];
	const implemented = Object.fromEntries(actions.map((action) => [action, methods[action] ?? notOffered(action)])) as unknown as AdapterMethods;
	return { system: 'ixc', supports: (action) => (methods as Partial<Record<ErpAction, unknown>>)[action] !== undefined, ...implemented };
}

export const FAKE_CLIENTE: Cliente = {
	id: '101',
	nome: 'MARIA SILVA',
	documento: '52998224725',
	tipoPessoa: 'fisica',
	telefones: ['11987654321'],
};

export function fakeContrato(fields: Partial<Contrato> = {}): Contrato {
	return { id: '2001', clienteId: FAKE_CLIENTE.id, plano: 'FIBRA 300 MEGA', status: 'ativo', login: 'maria.silva', ...fields };
}

function fakeConversation(): Conversation {
	return {
		version: 2,
		id: 'conversa-teste',
		protocolo: '20260101-000001',
		channel: { type: 'webchat', accountId: 'teste', triggerUrl: 'http://127.0.0.1/webhook/teste' },
		contact: { id: 'sessao-teste' },
		tags: [],
		variables: {},
		state: 'running',
		inbox: [],
		history: [],
		context: [],
		createdAt: 0,
		updatedAt: 0,
		events: [],
	};
}

/** An ErpStep over `adapter` whose `setVariables` calls land in `variables` and whose `render` works like the engine's. */
export function fakeStep(adapter: ErpAdapter, contrato: Contrato | undefined = fakeContrato()): ErpStep & { variables: Record<string, unknown> } {
	const variables: Record<string, unknown> = {};
	return {
		adapter,
		conversation: fakeConversation(),
		cliente: FAKE_CLIENTE,
		contrato,
		variables,
		async setVariables(values) {
			Object.assign(variables, values);
		},
		render(text, extra = {}) {
			let rendered = renderTemplate(text, { customerName: FAKE_CLIENTE.nome, conversation: variables });
			for (const [name, value] of Object.entries(extra)) rendered = rendered.split(`{{${name}}}`).join(value);
			return rendered.trim();
		},
	};
}


/** A web chat text message from the customer (for cards that ask something). */
export function customerText(text: string): InboundMessage {
	return { channel: 'webchat', accountId: 'teste', contactId: 'sessao-teste', messageId: `m-${text}`, timestamp: 0, content: { kind: 'text', text } };
}
