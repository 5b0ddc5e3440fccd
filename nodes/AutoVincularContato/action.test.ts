import { getConversationStore } from '../shared/conversation';
import { ErpError, type Cliente } from '../shared/erp/types';
import { fakeAdapter } from '../../test/support/fake-erp';
import { storedConversation, storedStep } from '../../test/support/stored-conversation';
import { useTemporaryStore } from '../../test/support/temporary-store';
import { AUTO_LINK_OUTPUTS, autoLinkAction } from './action';

useTemporaryStore('auto-vincular', () => undefined);

const joao: Cliente = { id: '102', nome: 'JOAO PEREIRA', documento: '62710524520', tipoPessoa: 'fisica', telefones: ['(49) 99999-1234'] };
const empresaDoJoao: Cliente = { id: '110', nome: 'JOAO PEREIRA ME', documento: '11222333000181', tipoPessoa: 'juridica', telefones: ['49999991234'] };
const vizinho: Cliente = { id: '111', nome: 'OUTRO DDD', documento: '17518172020', tipoPessoa: 'fisica', telefones: ['(48) 99999-1234'] };

const silent = autoLinkAction({ linkedMessage: '', notLinkedMessage: '' }, 'Auto Vincular');

/** An adapter whose phone search returns `candidates` and records the searched terms. */
function phoneBook(candidates: Cliente[]) {
	const searched: string[] = [];
	const adapter = fakeAdapter({
		async buscarClientesPorTelefone(telefone) {
			searched.push(telefone);
			return candidates;
		},
	});
	return { adapter, searched };
}

/** What the engine does: beforeIdentification, then (nothing returned) run with the linked customer. */
async function runCard(action: typeof silent, adapter: ReturnType<typeof phoneBook>['adapter'], conversationId: string) {
	const early = await action.beforeIdentification!(await storedStep(adapter, conversationId));
	return early ?? (await action.run(await storedStep(adapter, conversationId)));
}

describe('Auto Vincular Contato action', () => {
	it('has the outputs "Vinculado" and "Não vinculado" and needs the ERP phone search', () => {
		expect(AUTO_LINK_OUTPUTS).toEqual(['Vinculado', 'Não vinculado']);
		expect(silent.uses).toEqual(['buscarClientesPorTelefone']);
	});

	it('web chat (no phone): "Não vinculado" at once, without asking anything nor calling the ERP', async () => {
		const { adapter, searched } = phoneBook([joao]);
		const conversation = await storedConversation();
		const turn = await silent.beforeIdentification!(await storedStep(adapter, conversation.id));
		expect(turn).toEqual({ kind: 'finish', output: 1, result: { vinculado: false, motivo: 'sem_telefone' }, messages: [] });
		expect(searched).toEqual([]);
	});

	it('links the customer of an old WhatsApp ID without the 9th digit (DDD + last 8) and leaves by "Vinculado"', async () => {
		const { adapter, searched } = phoneBook([vizinho, joao]);
		const conversation = await storedConversation({ phone: '554999991234' });
		const turn = await runCard(silent, adapter, conversation.id);
		expect(searched).toEqual(['49999991234']);
		expect(turn).toEqual({
			kind: 'finish',
			output: 0,
			result: { vinculado: true, cliente: { id: '102', nome: 'JOAO PEREIRA', documento: '627.***.***-20', tipoPessoa: 'fisica', codigo: null }, outrasContas: [] },
			messages: [],
		});
		const stored = await getConversationStore().get(conversation.id);
		expect(stored?.customer).toMatchObject({ erp: 'ixc', id: '102', document: '62710524520', additionalAccounts: [], verifiedBy: ['telefone'] });
		expect(stored?.events.find((event) => event.type === 'cliente_vinculado')?.data).toMatchObject({ clienteId: '102', como: 'telefone' });
	});

	it('no customer with the phone (same last digits under another DDD): "Não vinculado", nothing linked', async () => {
		const { adapter } = phoneBook([vizinho]);
		const conversation = await storedConversation({ phone: '5549999991234' });
		const action = autoLinkAction({ linkedMessage: '', notLinkedMessage: 'Não encontrei cadastro com o seu número.' }, 'Auto Vincular');
		const turn = await action.beforeIdentification!(await storedStep(adapter, conversation.id));
		expect(turn).toEqual({
			kind: 'finish',
			output: 1,
			result: { vinculado: false, motivo: 'telefone_nao_cadastrado' },
			messages: [{ kind: 'text', text: 'Não encontrei cadastro com o seu número.' }],
		});
		expect((await getConversationStore().get(conversation.id))?.customer).toBeUndefined();
	});

	it('a customer without CPF/CNPJ on file is not linked', async () => {
		const { adapter } = phoneBook([{ ...joao, documento: '' }]);
		const conversation = await storedConversation({ phone: '5549999991234' });
		expect(await silent.beforeIdentification!(await storedStep(adapter, conversation.id))).toMatchObject({ output: 1, result: { motivo: 'telefone_nao_cadastrado' } });
	});

	it('several customers with the phone: the first is linked, the others become additional accounts (masked in the item)', async () => {
		const { adapter } = phoneBook([joao, empresaDoJoao]);
		const conversation = await storedConversation({ phone: '5549999991234' });
		const action = autoLinkAction({ linkedMessage: 'Olá, {{nome_cliente}}!', notLinkedMessage: '' }, 'Auto Vincular');
		const turn = await runCard(action, adapter, conversation.id);
		expect(turn).toMatchObject({
			output: 0,
			result: { cliente: { id: '102' }, outrasContas: [{ id: '110', nome: 'JOAO PEREIRA ME', documento: '11.2**.***/****-81' }] },
			messages: [{ kind: 'text', text: 'Olá, MARIA SILVA!' }],
		});
		expect(JSON.stringify(turn)).not.toContain('11222333000181');
		expect((await getConversationStore().get(conversation.id))?.customer?.additionalAccounts).toEqual([{ id: '110', name: 'JOAO PEREIRA ME', document: '11222333000181', verifiedBy: ['telefone'] }]);
	});

	it('keeps the customer already linked when it is one of those with the phone', async () => {
		const { adapter } = phoneBook([joao, empresaDoJoao]);
		const conversation = await storedConversation({
			phone: '5549999991234',
			customer: { erp: 'ixc', id: '110', name: 'JOAO PEREIRA ME', document: '11222333000181', activeContractId: '2010' },
		});
		const turn = await runCard(silent, adapter, conversation.id);
		expect(turn).toMatchObject({ output: 0, result: { cliente: { id: '110' }, outrasContas: [{ id: '102' }] } });
		expect((await getConversationStore().get(conversation.id))?.customer).toMatchObject({ id: '110', activeContractId: '2010' });
	});

	it('an ERP failure propagates (the engine turns it into the "Erro" output)', async () => {
		const adapter = fakeAdapter({
			async buscarClientesPorTelefone() {
				throw new ErpError('timeout', 'O IXC Provedor não respondeu a tempo.', { system: 'ixc', action: 'buscarClientesPorTelefone' });
			},
		});
		const conversation = await storedConversation({ phone: '5549999991234' });
		await expect(silent.beforeIdentification!(await storedStep(adapter, conversation.id))).rejects.toMatchObject({ kind: 'timeout' });
	});
});
