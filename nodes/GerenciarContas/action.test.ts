import { getConversationStore } from '../shared/conversation';
import type { LinkedCustomer } from '../shared/conversation/types';
import type { ErpCardAction } from '../shared/erp/card/types';
import { ErpError, type Cliente, type ErpAdapter } from '../shared/erp/types';
import { customerText, fakeAdapter } from '../../test/support/fake-erp';
import { storedConversation, storedStep } from '../../test/support/stored-conversation';
import { useTemporaryStore } from '../../test/support/temporary-store';
import { MANAGE_ACCOUNTS_OUTPUTS, manageAccountsAction, type AccountOperation, type ManageAccountsParameters } from './action';

useTemporaryStore('gerenciar-contas', () => undefined);

const maria: Cliente = { id: '101', nome: 'MARIA SILVA', documento: '52998224725', tipoPessoa: 'fisica', telefones: [] };
const souza: Cliente = { id: '104', nome: 'COMERCIAL SOUZA LTDA', documento: '11222333000181', tipoPessoa: 'juridica', telefones: [], codigo: 'souza' };
const ana: Cliente = { id: '103', nome: 'ANA COSTA', documento: '17518172020', tipoPessoa: 'fisica', telefones: [] };
const MARIA_LINK: LinkedCustomer = { erp: 'ixc', id: '101', name: 'MARIA SILVA', document: '52998224725', personType: 'fisica', activeContractId: '2001' };

function parameters(operation: AccountOperation): ManageAccountsParameters {
	return {
		operation,
		menuPrompt: 'O que você deseja fazer?',
		addPrompt: 'Digite o CPF ou CNPJ da outra conta.',
		notFoundMessage: 'Não encontrei cadastro com esse CPF/CNPJ.',
		addedMessage: 'Conta de {{conta}} adicionada.',
		switchPrompt: 'Para qual conta?',
		switchedMessage: 'Agora na conta de {{conta}}.',
		noAccountsMessage: 'Você ainda não tem outras contas.',
	};
}

/** An ERP that knows maria, souza and ana by document. */
const erp: ErpAdapter = fakeAdapter({
	async buscarClientePorDocumento(documento) {
		return [maria, souza, ana].find((cliente) => cliente.documento === documento);
	},
});

async function linkedTo(link: LinkedCustomer = MARIA_LINK) {
	return await storedConversation({ customer: link });
}

/** Runs the card, then answers each text in turn (state carried as the engine does); the last turn. */
async function converse(action: ErpCardAction, conversationId: string, ...answers: string[]) {
	let turn = await action.run(await storedStep(erp, conversationId));
	let state = turn.kind === 'ask' ? turn.state : {};
	for (const answer of answers) {
		turn = await action.answer!(await storedStep(erp, conversationId), customerText(answer), state);
		if (turn.kind === 'ask' || (turn.kind === 'invalid' && turn.state)) state = turn.state!;
	}
	return turn;
}

describe('Gerenciar Contas action', () => {
	it('outputs "Conta adicionada", "Conta trocada", "Sem outras contas"; needs the customer, nothing more', () => {
		expect(MANAGE_ACCOUNTS_OUTPUTS).toEqual(['Conta adicionada', 'Conta trocada', 'Sem outras contas']);
		const action = manageAccountsAction(parameters('menu'));
		expect(action.requires).toBe('customer');
		expect(action.uses).toEqual([]);
	});

	it('menu: shows "Adicionar conta" and "Trocar conta"', async () => {
		const conversation = await linkedTo();
		const turn = await manageAccountsAction(parameters('menu')).run(await storedStep(erp, conversation.id));
		expect(turn).toMatchObject({ kind: 'ask', messages: [{ kind: 'choices', text: 'O que você deseja fazer?', choices: [{ label: 'Adicionar conta' }, { label: 'Trocar conta' }] }] });
	});

	it('Adicionar conta: the CNPJ of another customer joins the additional accounts; the current one stays', async () => {
		const conversation = await linkedTo();
		const turn = await converse(manageAccountsAction(parameters('menu')), conversation.id, 'adicionar', '11.222.333/0001-81');
		expect(turn).toEqual({
			kind: 'finish',
			output: 0,
			result: {
				conta: { id: '104', nome: 'COMERCIAL SOUZA LTDA', documento: '11.2**.***/****-81', tipoPessoa: 'juridica', codigo: 'souza' },
				contaAtual: { id: '101', nome: 'MARIA SILVA', documento: '529.***.***-25', tipoPessoa: 'fisica', codigo: null },
				contas: [{ id: '104', nome: 'COMERCIAL SOUZA LTDA', documento: '11.2**.***/****-81' }],
			},
			messages: [{ kind: 'text', text: 'Conta de COMERCIAL SOUZA LTDA adicionada.' }],
		});
		const stored = await getConversationStore().get(conversation.id);
		expect(stored?.customer).toMatchObject({ id: '101', activeContractId: '2001', additionalAccounts: [{ id: '104', name: 'COMERCIAL SOUZA LTDA', document: '11222333000181' }] });
		expect(stored?.events.map((event) => event.type)).toContain('conta_adicionada');
	});

	it('adding the same account twice keeps it once', async () => {
		const conversation = await linkedTo({ ...MARIA_LINK, additionalAccounts: [{ id: '104', name: 'COMERCIAL SOUZA LTDA', document: '11222333000181' }] });
		await converse(manageAccountsAction(parameters('addAccount')), conversation.id, '11222333000181');
		expect((await getConversationStore().get(conversation.id))?.customer?.additionalAccounts).toHaveLength(1);
	});

	it.each([
		['111.444.777-35', 'Não encontrei cadastro com esse CPF/CNPJ.'],
		['529.982.247-25', 'Esse CPF/CNPJ é o da conta que você já está usando. Digite o de outra conta.'],
	])('Adicionar conta: %s is an invalid answer (%s)', async (document, reply) => {
		const conversation = await linkedTo();
		const turn = await converse(manageAccountsAction(parameters('addAccount')), conversation.id, document);
		expect(turn).toEqual({ kind: 'invalid', messages: [{ kind: 'text', text: reply }] });
		expect((await getConversationStore().get(conversation.id))?.customer?.additionalAccounts).toBeUndefined();
	});

	it('Adicionar conta: a malformed CPF is invalid with the validator\'s reason', async () => {
		const conversation = await linkedTo();
		const turn = await converse(manageAccountsAction(parameters('addAccount')), conversation.id, '123');
		expect(turn).toMatchObject({ kind: 'invalid', messages: [{ kind: 'text', text: expect.stringMatching(/CPF|CNPJ/) }] });
	});

	it('Trocar conta: the chosen account becomes the customer, the previous one stays in the list, the contract choice is reset', async () => {
		const conversation = await linkedTo({
			...MARIA_LINK,
			additionalAccounts: [
				{ id: '104', name: 'COMERCIAL SOUZA LTDA', document: '11222333000181' },
				{ id: '103', name: 'ANA COSTA', document: '17518172020' },
			],
		});
		const action = manageAccountsAction(parameters('switchAccount'));
		const menu = await action.run(await storedStep(erp, conversation.id));
		expect(menu).toMatchObject({
			kind: 'ask',
			messages: [{ kind: 'choices', text: 'Para qual conta?', choices: [{ id: 'conta_104', label: 'COMERCIAL SOUZA LTDA', description: '11.2**.***/****-81' }, { id: 'conta_103', label: 'ANA COSTA' }] }],
		});
		const turn = await converse(action, conversation.id, '1');
		expect(turn).toEqual({
			kind: 'finish',
			output: 1,
			result: {
				conta: { id: '104', nome: 'COMERCIAL SOUZA LTDA', documento: '11.2**.***/****-81', tipoPessoa: 'juridica', codigo: 'souza' },
				contaAnterior: { id: '101', nome: 'MARIA SILVA', documento: '529.***.***-25', tipoPessoa: 'fisica', codigo: null },
			},
			messages: [{ kind: 'text', text: 'Agora na conta de COMERCIAL SOUZA LTDA.' }],
		});
		const stored = await getConversationStore().get(conversation.id);
		expect(stored?.customer).toEqual({
			erp: 'ixc',
			id: '104',
			name: 'COMERCIAL SOUZA LTDA',
			document: '11222333000181',
			personType: 'juridica',
			code: 'souza',
			phones: [],
			additionalAccounts: [
				{ id: '103', name: 'ANA COSTA', document: '17518172020' },
				{ id: '101', name: 'MARIA SILVA', document: '52998224725' },
			],
		});
		expect(stored?.events.find((event) => event.type === 'conta_trocada')?.data).toEqual({ de: '101', para: '104' });
	});

	it('Trocar conta carries how each account was tied to the contact (phone stays phone, typed CPF stays typed)', async () => {
		const conversation = await linkedTo({
			...MARIA_LINK,
			verifiedBy: ['telefone'],
			additionalAccounts: [{ id: '104', name: 'COMERCIAL SOUZA LTDA', document: '11222333000181', verifiedBy: ['documento'] }],
		});
		await converse(manageAccountsAction(parameters('switchAccount')), conversation.id, '1');
		const stored = (await getConversationStore().get(conversation.id))?.customer;
		expect(stored).toMatchObject({ id: '104', verifiedBy: ['documento'] });
		expect(stored?.additionalAccounts).toEqual([{ id: '101', name: 'MARIA SILVA', document: '52998224725', verifiedBy: ['telefone'] }]);
	});

	it('Trocar conta by tapping the option, then back: the accounts swap again', async () => {
		const conversation = await linkedTo({ ...MARIA_LINK, additionalAccounts: [{ id: '103', name: 'ANA COSTA', document: '17518172020' }] });
		const action = manageAccountsAction(parameters('switchAccount'));
		const menu = await action.run(await storedStep(erp, conversation.id));
		const tap = { ...customerText('ANA COSTA'), content: { kind: 'choice' as const, id: 'conta_103', title: 'ANA COSTA' } };
		await action.answer!(await storedStep(erp, conversation.id), tap, menu.kind === 'ask' ? menu.state : {});
		expect((await getConversationStore().get(conversation.id))?.customer).toMatchObject({ id: '103', additionalAccounts: [{ id: '101' }] });
		await converse(action, conversation.id, 'maria');
		expect((await getConversationStore().get(conversation.id))?.customer).toMatchObject({ id: '101', additionalAccounts: [{ id: '103' }] });
	});

	it('Trocar conta without other accounts: "Sem outras contas" with its message, nothing asked', async () => {
		const conversation = await linkedTo();
		const turn = await converse(manageAccountsAction(parameters('menu')), conversation.id, 'Trocar conta');
		expect(turn).toMatchObject({ kind: 'finish', output: 2, result: { contas: [] }, messages: [{ kind: 'text', text: 'Você ainda não tem outras contas.' }] });
	});

	it('an answer that is no option is invalid and shows the options again', async () => {
		const conversation = await linkedTo({ ...MARIA_LINK, additionalAccounts: [{ id: '103', name: 'ANA COSTA', document: '17518172020' }] });
		expect(await converse(manageAccountsAction(parameters('menu')), conversation.id, 'banana')).toMatchObject({ kind: 'invalid', messages: [{ kind: 'choices', choices: [{ label: 'Adicionar conta' }, { label: 'Trocar conta' }] }] });
		expect(await converse(manageAccountsAction(parameters('switchAccount')), conversation.id, '7')).toMatchObject({ kind: 'invalid', messages: [{ kind: 'choices', choices: [{ label: 'ANA COSTA' }] }] });
	});

	it('an account the ERP no longer knows is invalid and leaves the menu without it', async () => {
		const conversation = await linkedTo({
			...MARIA_LINK,
			additionalAccounts: [
				{ id: '199', name: 'CONTA APAGADA', document: '39053344705' },
				{ id: '103', name: 'ANA COSTA', document: '17518172020' },
			],
		});
		const turn = await converse(manageAccountsAction(parameters('switchAccount')), conversation.id, '1');
		expect(turn).toMatchObject({ kind: 'invalid', messages: [{ kind: 'choices', choices: [{ id: 'conta_103' }] }], state: { step: 'switch', accountIds: ['103'] } });
		expect((await getConversationStore().get(conversation.id))?.customer?.id).toBe('101');
	});

	it('an ERP failure propagates (the engine turns it into "Erro")', async () => {
		const failing = fakeAdapter({
			async buscarClientePorDocumento() {
				throw new ErpError('indisponivel', 'O IXC Provedor está fora do ar.', { system: 'ixc', action: 'buscarClientePorDocumento' });
			},
		});
		const conversation = await linkedTo();
		const action = manageAccountsAction(parameters('addAccount'));
		await expect(action.answer!(await storedStep(failing, conversation.id), customerText('11222333000181'), { step: 'add' })).rejects.toMatchObject({ kind: 'indisponivel' });
	});
});
