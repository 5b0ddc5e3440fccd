import { createRunExecutionData, type IExecuteFunctions, type INode, type IRunExecutionData } from 'n8n-workflow';

import { useTemporaryStore } from '../../../test/support/temporary-store';
import { storedConversation } from '../../../test/support/stored-conversation';
import { getConversationStore } from '../conversation';
import { enterCard, executionCustomDataOf } from './card';

// n8n-core's own custom data object (the one `this.customData` returns in a running node): its key
// check and its 10-key limit are n8n's, not a copy.
const { createExecutionCustomData } = require('n8n-core/dist/execution-engine/node-execution-context/utils/custom-data') as {
	createExecutionCustomData: (options: { runExecutionData: IRunExecutionData; mode: string }) => IExecuteFunctions['customData'];
};

useTemporaryStore('card-custom-data', () => undefined);

const node = { name: 'Menu', type: 'n8n-nodes-atendimento.enviarPergunta', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

function cardContext(conversationId: string, runExecutionData: IRunExecutionData): IExecuteFunctions {
	return {
		getNode: () => node,
		getExecutionId: () => 'exec-1',
		getInputData: () => [{ json: { atendimento: { conversationId } } }],
		customData: createExecutionCustomData({ runExecutionData, mode: 'manual' }),
	} as unknown as IExecuteFunctions;
}

describe('enterCard: the conversation in n8n’s execution custom data', () => {
	it('sets protocolo, canal and contato on the execution (manual mode, where n8n throws on a bad key)', async () => {
		const conversation = await storedConversation({ phone: '5511999990000' });
		const runExecutionData = createRunExecutionData();
		await enterCard(cardContext(conversation.id, runExecutionData), 0);
		expect(runExecutionData.resultData.metadata).toEqual({ protocolo: '20260101-000001', canal: 'whatsapp', contato: '5511999990000' });
	});

	it('keeps what the flow set itself and updates its own keys on every card', async () => {
		const conversation = await storedConversation();
		const runExecutionData = createRunExecutionData();
		runExecutionData.resultData.metadata = { pedido: '42' };
		const context = cardContext(conversation.id, runExecutionData);
		await enterCard(context, 0);
		await getConversationStore().update(conversation.id, (record) => {
			record.contact.name = 'Maria';
		});
		await enterCard(context, 0);
		expect(runExecutionData.resultData.metadata).toEqual({
			pedido: '42',
			protocolo: '20260101-000001',
			canal: 'webchat',
			contato: conversation.contact.id,
			contato_nome: 'Maria',
		});
	});
});

describe('executionCustomDataOf', () => {
	it('names the contact by phone, then username, then id, and cuts a long name to n8n’s 255 characters', async () => {
		const conversation = await storedConversation();
		const username = { ...conversation, contact: { id: 'BR.123', username: 'maria.s', name: 'x'.repeat(300) } };
		const data = executionCustomDataOf(username);
		expect(data.contato).toBe('maria.s');
		expect(data.contato_nome).toHaveLength(255);
		expect(data.contato_nome.endsWith('…')).toBe(true);
		expect(executionCustomDataOf({ ...conversation, contact: { id: 'sessao-1' } })).toEqual({ protocolo: '20260101-000001', canal: 'webchat', contato: 'sessao-1' });
	});
});
