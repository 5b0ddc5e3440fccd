import { fakeAdapter, fakeContrato, fakeStep, FAKE_CLIENTE } from '../../test/support/fake-erp';
import type { InboundMessage } from '../shared/channels/types';
import type { ErpTurn } from '../shared/erp/card/types';
import { ErpError, type AbrirChamadoInput, type Departamento, type ErpAdapter } from '../shared/erp/types';
import { openTicketAction, OPEN_TICKET_OUTPUTS, type OpenTicketParameters } from './action';

const base: OpenTicketParameters = {
	departmentSelection: 'ask',
	departmentId: '',
	departmentPrompt: 'Qual setor?',
	subject: 'Chatbot {{nome_cliente}}',
	subjectId: '',
	description: '',
	descriptionPrompt: 'Descreva o problema.',
	successMessage: 'Protocolo {{protocolo_erp}}.',
};

const DEPARTMENTS: Departamento[] = [
	{ id: '1', nome: 'Suporte Técnico' },
	{ id: '2', nome: 'Financeiro' },
];

function customerText(text: string): InboundMessage {
	return { channel: 'webchat', accountId: 'teste', contactId: 'sessao-teste', messageId: `m-${text}`, timestamp: 0, content: { kind: 'text', text } };
}

/** The fake ERP; `opened` holds every ticket input. `departments: null` = an ERP without departments. */
function erp(departments: Departamento[] | null = DEPARTMENTS): ErpAdapter & { opened: AbrirChamadoInput[] } {
	const opened: AbrirChamadoInput[] = [];
	const adapter = fakeAdapter({
		...(departments ? { listarDepartamentos: async () => departments } : {}),
		abrirChamado: async (input) => {
			opened.push(input);
			return { id: '4100', protocolo: '202604100', assunto: input.assunto };
		},
	});
	return Object.assign(adapter, { opened });
}

function expectAsk(turn: ErpTurn): Extract<ErpTurn, { kind: 'ask' }> {
	if (turn.kind !== 'ask') throw new Error(`esperava pergunta, veio ${JSON.stringify(turn)}`);
	return turn;
}

function expectFinish(turn: ErpTurn): Extract<ErpTurn, { kind: 'finish' }> {
	if (turn.kind !== 'finish') throw new Error(`esperava fim, veio ${JSON.stringify(turn)}`);
	return turn;
}

describe('Abrir Atendimento no ERP', () => {
	it('pergunta o departamento, depois a descrição, e abre o atendimento com o protocolo', async () => {
		const adapter = erp();
		const action = openTicketAction(base);
		const step = fakeStep(adapter, fakeContrato({ id: '2002' }));
		step.conversation.contact = { id: 'sessao-teste', name: 'Maria', phone: '5511987654321' };

		const menu = expectAsk(await action.run(step));
		expect(menu.messages).toEqual([
			{ kind: 'choices', text: 'Qual setor?', buttonLabel: 'Setores', choices: [{ id: 'departamento_1', label: 'Suporte Técnico' }, { id: 'departamento_2', label: 'Financeiro' }] },
		]);
		const description = expectAsk(await action.answer!(step, customerText('financeiro'), menu.state));
		expect(description.messages).toEqual([{ kind: 'text', text: 'Descreva o problema.' }]);
		expect(adapter.opened).toHaveLength(0);

		const done = expectFinish(await action.answer!(step, customerText('  Cobrança em dobro na fatura de março  '), description.state));
		expect(done.output).toBe(OPEN_TICKET_OUTPUTS.indexOf('Aberto'));
		expect(adapter.opened).toEqual([
			{
				cliente: FAKE_CLIENTE,
				contrato: expect.objectContaining({ id: '2002' }),
				departamentoId: '2',
				assunto: 'Chatbot MARIA SILVA',
				descricao: 'Cobrança em dobro na fatura de março',
				contato: { nome: 'Maria', telefone: '5511987654321' },
			},
		]);
		expect(done.messages).toEqual([{ kind: 'text', text: 'Protocolo 202604100.' }]);
		expect(done.result).toMatchObject({ chamado: { id: '4100', protocolo: '202604100' }, departamento: { id: '2', nome: 'Financeiro' }, contrato: { id: '2002' } });
		expect(step.variables).toEqual({ chamadoErp: { id: '4100', protocolo: '202604100' } });
	});

	it('opção de departamento inexistente é inválida e repete o menu', async () => {
		const turn = await openTicketAction(base).answer!(fakeStep(erp()), customerText('7'), { stage: 'department', departmentIds: ['1', '2'] });
		expect(turn).toEqual({ kind: 'invalid', messages: [expect.objectContaining({ kind: 'choices', text: 'Escolha um dos setores da lista.' })] });
	});

	it('com um só departamento, não pergunta', async () => {
		const adapter = erp([{ id: '1', nome: 'Suporte Técnico' }]);
		const turn = expectAsk(await openTicketAction(base).run(fakeStep(adapter)));
		expect(turn.state).toEqual({ stage: 'description', departamento: { id: '1', nome: 'Suporte Técnico' } });
	});

	it('ERP sem departamentos pula o menu e abre sem departamento', async () => {
		const adapter = erp(null);
		const action = openTicketAction({ ...base, description: 'Sem conexão ({{nome_cliente}})' });
		const done = expectFinish(await action.run(fakeStep(adapter)));
		expect(adapter.opened[0]).toMatchObject({ departamentoId: undefined, descricao: 'Sem conexão (MARIA SILVA)' });
		expect(done.result).toMatchObject({ departamento: null });
	});

	it('departamento fixo e descrição do card: abre sem perguntar nada', async () => {
		const adapter = erp();
		const done = expectFinish(await openTicketAction({ ...base, departmentSelection: 'fixed', departmentId: '9', description: 'Pedido de visita' }).run(fakeStep(adapter)));
		expect(adapter.opened[0]).toMatchObject({ departamentoId: '9', descricao: 'Pedido de visita' });
		expect(done.messages).toEqual([{ kind: 'text', text: 'Protocolo 202604100.' }]);
	});

	it('ID do assunto (IXC) segue para o ERP como assuntoId; vazio, não vai (o IXC procura pelo nome do Assunto)', async () => {
		const adapter = erp();
		expectFinish(await openTicketAction({ ...base, departmentSelection: 'fixed', departmentId: '9', description: 'x', subjectId: ' 12 ' }).run(fakeStep(adapter)));
		expect(adapter.opened[0]).toMatchObject({ assuntoId: '12' });
		expectFinish(await openTicketAction({ ...base, departmentSelection: 'fixed', departmentId: '9', description: 'x' }).run(fakeStep(adapter)));
		expect(adapter.opened[1]).not.toHaveProperty('assuntoId');
	});

	it('descrição do card vazia: usa a descrição do atendimento (Solicitar Descrição) sem perguntar; a do card tem prioridade', async () => {
		const adapter = erp();
		const step = fakeStep(adapter);
		step.conversation = { ...step.conversation, description: 'Internet cai toda noite depois das 22h' };
		expectFinish(await openTicketAction({ ...base, departmentSelection: 'fixed', departmentId: '9' }).run(step));
		expect(adapter.opened[0]).toMatchObject({ departamentoId: '9', descricao: 'Internet cai toda noite depois das 22h' });
		expectFinish(await openTicketAction({ ...base, departmentSelection: 'fixed', departmentId: '9', description: 'Pedido de visita' }).run(step));
		expect(adapter.opened[1]).toMatchObject({ descricao: 'Pedido de visita' });
	});

	it('"Padrão do ERP" não consulta departamentos', async () => {
		const adapter = erp();
		const turn = expectAsk(await openTicketAction({ ...base, departmentSelection: 'none' }).run(fakeStep(adapter)));
		expect(turn.state).toEqual({ stage: 'description', departamento: null });
	});

	it.each([
		['curta demais', customerText(' o k ')],
		['não é texto', { ...customerText(''), content: { kind: 'media', mediaType: 'audio', url: 'http://x/a.ogg' } } as InboundMessage],
	])('descrição %s é inválida e não abre atendimento', async (_case, message) => {
		const adapter = erp();
		const turn = await openTicketAction(base).answer!(fakeStep(adapter), message, { stage: 'description', departamento: null });
		expect(turn).toEqual({ kind: 'invalid', messages: [{ kind: 'text', text: 'Escreva em uma mensagem de texto o que aconteceu, por favor.' }] });
		expect(adapter.opened).toHaveLength(0);
	});

	it('erro do ERP ao abrir chega ao engine como ErpError', async () => {
		const adapter = fakeAdapter({
			abrirChamado: async () => {
				throw new ErpError('indisponivel', 'O IXC Provedor respondeu com erro (HTTP 502).', { system: 'ixc', action: 'abrirChamado', httpCode: 502 });
			},
		});
		await expect(openTicketAction({ ...base, description: 'Sem internet' }).run(fakeStep(adapter))).rejects.toMatchObject({ kind: 'indisponivel' });
	});
});
