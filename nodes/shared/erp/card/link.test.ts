// linkCustomer / addLinkVerification on the conversation store: how a link was made, and the contact's
// other accounts kept when a different customer is identified.
import { storedConversation } from '../../../../test/support/stored-conversation';
import { useTemporaryStore } from '../../../../test/support/temporary-store';
import { getConversationStore } from '../../conversation';
import type { Cliente } from '../types';
import { addLinkVerification, linkCustomer } from './engine';

useTemporaryStore('erp-link', () => undefined);

const maria: Cliente = { id: '101', nome: 'MARIA SILVA', documento: '52998224725', tipoPessoa: 'fisica', telefones: ['11987654321'] };
const joao: Cliente = { id: '102', nome: 'JOAO PEREIRA', documento: '62710524520', tipoPessoa: 'fisica', telefones: [] };
const empresa: Cliente = { id: '104', nome: 'COMERCIAL SOUZA LTDA', documento: '11222333000181', tipoPessoa: 'juridica', telefones: [] };

describe('linkCustomer', () => {
	it('records how the link was made, and adds the ways the same customer is confirmed again', async () => {
		const conversation = await storedConversation({ phone: '5511987654321' });
		await linkCustomer(conversation.id, 'ixc', maria, 'Validar Cadastro', 'documento');
		expect((await getConversationStore().get(conversation.id))?.customer?.verifiedBy).toEqual(['documento']);
		await addLinkVerification(conversation.id, 'portal');
		await linkCustomer(conversation.id, 'ixc', maria, 'Auto Vincular', 'telefone');
		await linkCustomer(conversation.id, 'ixc', maria, 'Validar Cadastro', 'documento');
		expect((await getConversationStore().get(conversation.id))?.customer?.verifiedBy).toEqual(['documento', 'portal', 'telefone']);
	});

	it('identifying a different customer keeps the contact\'s other accounts, the previous one among them (with how it was linked)', async () => {
		const conversation = await storedConversation({
			customer: { erp: 'ixc', id: '101', name: 'MARIA SILVA', document: '52998224725', verifiedBy: ['telefone'], activeContractId: '2001', additionalAccounts: [{ id: '104', name: 'COMERCIAL SOUZA LTDA', document: '11222333000181' }] },
		});
		await linkCustomer(conversation.id, 'ixc', joao, 'Validar Cadastro', 'documento');
		const customer = (await getConversationStore().get(conversation.id))?.customer;
		expect(customer).toMatchObject({ id: '102', verifiedBy: ['documento'] });
		expect(customer?.activeContractId).toBeUndefined();
		expect(customer?.additionalAccounts).toEqual([
			{ id: '104', name: 'COMERCIAL SOUZA LTDA', document: '11222333000181' },
			{ id: '101', name: 'MARIA SILVA', document: '52998224725', verifiedBy: ['telefone'] },
		]);
		// Back to one of the other accounts: it leaves the list, the one it replaces joins it.
		await linkCustomer(conversation.id, 'ixc', empresa, 'Validar Cadastro', 'documento');
		const after = (await getConversationStore().get(conversation.id))?.customer;
		expect(after?.id).toBe('104');
		expect(after?.additionalAccounts?.map((account) => account.id)).toEqual(['101', '102']);
	});

	it('a customer of another ERP starts afresh (accounts of the old ERP mean nothing there)', async () => {
		const conversation = await storedConversation({
			customer: { erp: 'ixc', id: '101', name: 'MARIA SILVA', document: '52998224725', additionalAccounts: [{ id: '104', name: 'X', document: '11222333000181' }] },
		});
		await linkCustomer(conversation.id, 'sgp', joao, 'Validar Cadastro', 'documento');
		const customer = (await getConversationStore().get(conversation.id))?.customer;
		expect(customer).toMatchObject({ erp: 'sgp', id: '102', verifiedBy: ['documento'] });
		expect(customer?.additionalAccounts).toBeUndefined();
	});
});
