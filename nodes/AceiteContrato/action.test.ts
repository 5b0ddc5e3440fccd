import { fakeAdapter, fakeContrato, fakeStep, FAKE_CLIENTE } from '../../test/support/fake-erp';
import type { InboundMessage } from '../shared/channels/types';
import type { ErpTurn } from '../shared/erp/card/types';
import { ErpError, type ArquivoPdf, type Contrato, type ErpAdapter } from '../shared/erp/types';
import { contractAcceptanceAction, CONTRACT_ACCEPTANCE_OUTPUTS, type ContractAcceptanceParameters } from './action';

const parameters: ContractAcceptanceParameters = {
	notLinkedMessage: 'Use o número cadastrado.',
	notPhoneVerifiedMessage: 'Vínculo sem telefone: {{motivo}}.',
	nothingPendingMessage: 'Nada para aceitar, {{nome_cliente}}.',
	contractPrompt: 'Qual contrato?',
	helpText: 'Leia o contrato {{contrato}}.',
	confirmationText1: 'Concorda com o contrato {{contrato}}?',
	confirmationText2: 'Aceita eletronicamente?',
	successMessage: 'Aceite de {{contrato}} registrado em {{data_aceite}}.',
	refusedMessage: 'Contrato {{contrato}} não aceito.',
};
const action = contractAcceptanceAction(parameters);
const output = (name: string) => CONTRACT_ACCEPTANCE_OUTPUTS.indexOf(name);

const PDF: ArquivoPdf = { fileName: 'contrato-2001.pdf', data: 'JVBERi0xLjQ=', mimeType: 'application/pdf' };
const pending = fakeContrato({ status: 'aguardando_assinatura' });

/** The fake ERP; `calls` holds the arguments of each aceitarContrato, `lookups` counts contract listings. */
function adapterWith(contratos: Contrato[], overrides: Partial<Parameters<typeof fakeAdapter>[0]> = {}): ErpAdapter & { calls: unknown[][]; lookups: number } {
	const calls: unknown[][] = [];
	const adapter = fakeAdapter({
		listarContratos: async () => {
			tracked.lookups += 1;
			return contratos;
		},
		documentoAceite: async (_cliente, contrato) => ({ ...PDF, fileName: `contrato-${contrato.id}.pdf` }),
		aceitarContrato: async (...args) => {
			calls.push(args);
			return { sucesso: true };
		},
		...overrides,
	});
	const tracked = Object.assign(adapter, { calls, lookups: 0 });
	return tracked;
}

/** A step whose conversation is linked to the fake ERP's customer, by WhatsApp. */
function linkedStep(adapter: ErpAdapter, activeContractId?: string) {
	const step = fakeStep(adapter, undefined);
	step.conversation.contact.phone = '5511987654321';
	step.conversation.customer = { erp: 'ixc', id: FAKE_CLIENTE.id, name: FAKE_CLIENTE.nome, document: FAKE_CLIENTE.documento, activeContractId, verifiedBy: ['telefone'] };
	return step;
}

function customerText(text: string): InboundMessage {
	return { channel: 'webchat', accountId: 'teste', contactId: 'sessao-teste', messageId: `m-${text}`, timestamp: 0, content: { kind: 'text', text } };
}

function button(id: string, title: string): InboundMessage {
	return { ...customerText(title), content: { kind: 'choice', id, title } };
}

function expectAsk(turn: ErpTurn): Extract<ErpTurn, { kind: 'ask' }> {
	if (turn.kind !== 'ask') throw new Error(`esperava pergunta, veio ${JSON.stringify(turn)}`);
	return turn;
}

function expectFinish(turn: ErpTurn): Extract<ErpTurn, { kind: 'finish' }> {
	if (turn.kind !== 'finish') throw new Error(`esperava fim, veio ${JSON.stringify(turn)}`);
	return turn;
}

describe('Aceite de Contrato', () => {
	describe('antes da identificação', () => {
		it('sem cliente vinculado, sai por "Contato não vinculado" sem pedir CPF/CNPJ nem consultar o ERP', async () => {
			const adapter = adapterWith([pending]);
			const turn = expectFinish((await action.beforeIdentification!(fakeStep(adapter)))!);
			expect(turn.output).toBe(output('Contato não vinculado'));
			expect(turn.messages).toEqual([{ kind: 'text', text: 'Use o número cadastrado.' }]);
			expect(turn.result).toEqual({ vinculado: false });
			expect(adapter.lookups).toBe(0);
		});

		it('vinculado a outro ERP conta como não vinculado', async () => {
			const step = linkedStep(adapterWith([pending]));
			step.conversation.customer!.erp = 'sgp';
			expect(expectFinish((await action.beforeIdentification!(step))!).output).toBe(output('Contato não vinculado'));
		});

		it('com cliente vinculado a este ERP pelo telefone, segue para o card', async () => {
			expect(await action.beforeIdentification!(linkedStep(adapterWith([pending])))).toBeUndefined();
		});

		it.each([
			[['documento'], 'CPF/CNPJ digitado'],
			[['portal'], 'Central do Assinante'],
			[['documento', 'portal'], 'Central do Assinante'],
			[undefined, 'anterior ao registro'],
			[[], 'anterior ao registro'],
		])('vínculo confirmado por %j (sem telefone) sai por "Contato não vinculado" dizendo por quê, sem consultar o ERP', async (verifiedBy, why) => {
			const adapter = adapterWith([pending]);
			const step = linkedStep(adapter);
			step.conversation.customer!.verifiedBy = verifiedBy as ('documento' | 'portal')[] | undefined;
			const turn = expectFinish((await action.beforeIdentification!(step))!);
			expect(turn.output).toBe(output('Contato não vinculado'));
			expect(turn.result).toMatchObject({ vinculado: true, verificadoPorTelefone: false, motivo: expect.stringContaining(why) });
			expect(turn.messages).toEqual([{ kind: 'text', text: expect.stringMatching(/^Vínculo sem telefone: .*\.$/) }]);
			expect(JSON.stringify(turn.messages)).toContain(why);
			expect(adapter.lookups).toBe(0);
		});

		it('telefone e Central do Assinante juntos valem (o telefone foi confirmado)', async () => {
			const step = linkedStep(adapterWith([pending]));
			step.conversation.customer!.verifiedBy = ['portal', 'telefone'];
			expect(await action.beforeIdentification!(step)).toBeUndefined();
		});
	});

	it('sem contrato aguardando assinatura, sai por "Nada pendente"', async () => {
		const turn = expectFinish(await action.run(linkedStep(adapterWith([fakeContrato(), fakeContrato({ id: '2002', status: 'bloqueado' })]))));
		expect(turn.output).toBe(output('Nada pendente'));
		expect(turn.messages).toEqual([{ kind: 'text', text: 'Nada para aceitar, MARIA SILVA.' }]);
		expect(turn.result).toEqual({ contrato: null });
	});

	it('quando o ERP não tem documento para o contrato, sai por "Nada pendente"', async () => {
		const turn = expectFinish(await action.run(linkedStep(adapterWith([pending], { documentoAceite: async () => undefined }))));
		expect(turn.output).toBe(output('Nada pendente'));
		expect(turn.result.contrato).toMatchObject({ id: '2001' });
	});

	it('envia o PDF, o texto de ajuda e a primeira confirmação com Sim/Não', async () => {
		const turn = expectAsk(await action.run(linkedStep(adapterWith([fakeContrato({ id: '1999' }), pending]))));
		expect(turn.messages).toEqual([
			{ kind: 'media', mediaType: 'document', data: PDF.data, mimeType: 'application/pdf', fileName: 'contrato-2001.pdf', caption: 'Contrato FIBRA 300 MEGA' },
			{ kind: 'text', text: 'Leia o contrato FIBRA 300 MEGA.' },
			{ kind: 'choices', text: 'Concorda com o contrato FIBRA 300 MEGA?', choices: [{ id: 'aceite_sim', label: 'Sim' }, { id: 'aceite_nao', label: 'Não' }] },
		]);
		expect(turn.state).toEqual({ stage: 'confirmation1', contractId: '2001' });
	});

	it('Sim nas duas confirmações registra o aceite com telefone e data, e sai por "Aceito"', async () => {
		const adapter = adapterWith([pending]);
		const step = linkedStep(adapter);
		const second = expectAsk(await action.answer!(step, customerText('sim'), { stage: 'confirmation1', contractId: '2001' }));
		expect(second.messages).toEqual([{ kind: 'choices', text: 'Aceita eletronicamente?', choices: expect.any(Array) }]);
		expect(adapter.calls).toHaveLength(0);

		const before = Date.now();
		const done = expectFinish(await action.answer!(step, button('aceite_sim', 'Sim'), second.state));
		expect(done.output).toBe(output('Aceito'));
		expect(adapter.calls).toHaveLength(1);
		const [cliente, contrato, evidencia] = adapter.calls[0] as [unknown, Contrato, { telefone: string; data: string }];
		expect(cliente).toBe(FAKE_CLIENTE);
		expect(contrato.id).toBe('2001');
		expect(evidencia.telefone).toBe('5511987654321');
		expect(Date.parse(evidencia.data)).toBeGreaterThanOrEqual(before - 1000);
		expect(done.result).toMatchObject({ contrato: { id: '2001' }, aceite: { aceito: true, data: evidencia.data, telefone: '5511987654321' } });
		expect(done.messages).toEqual([{ kind: 'text', text: expect.stringMatching(/^Aceite de FIBRA 300 MEGA registrado em \d{2}\/\d{2}\/\d{4} às \d{2}:\d{2}\.$/) }]);
	});

	it.each([
		['confirmation1', customerText('não')],
		['confirmation2', button('aceite_nao', 'Não')],
	])('Não em %s sai por "Recusado" sem registrar nada', async (stage, message) => {
		const adapter = adapterWith([pending]);
		const turn = expectFinish(await action.answer!(linkedStep(adapter), message, { stage, contractId: '2001' }));
		expect(turn.output).toBe(output('Recusado'));
		expect(turn.messages).toEqual([{ kind: 'text', text: 'Contrato FIBRA 300 MEGA não aceito.' }]);
		expect(turn.result).toMatchObject({ aceite: { aceito: false } });
		expect(adapter.calls).toHaveLength(0);
	});

	it('resposta que não é Sim nem Não é inválida e repete a pergunta', async () => {
		const turn = await action.answer!(linkedStep(adapterWith([pending])), customerText('talvez amanhã'), { stage: 'confirmation2', contractId: '2001' });
		expect(turn).toEqual({
			kind: 'invalid',
			messages: [{ kind: 'text', text: 'Responda Sim ou Não, por favor.' }, { kind: 'choices', text: 'Aceita eletronicamente?', choices: expect.any(Array) }],
		});
	});

	it('com vários contratos pendentes pergunta qual e segue com o escolhido', async () => {
		const other = fakeContrato({ id: '2002', plano: 'FIBRA 600 MEGA', status: 'aguardando_assinatura' });
		const adapter = adapterWith([pending, other]);
		const menu = expectAsk(await action.run(linkedStep(adapter)));
		expect(menu.messages[0]).toMatchObject({ kind: 'choices', text: 'Qual contrato?', choices: [{ label: 'FIBRA 300 MEGA' }, { label: 'FIBRA 600 MEGA' }] });

		expect((await action.answer!(linkedStep(adapter), customerText('3'), menu.state)).kind).toBe('invalid');
		const confirmation = expectAsk(await action.answer!(linkedStep(adapter), customerText('2'), menu.state));
		expect(confirmation.state).toEqual({ stage: 'confirmation1', contractId: '2002' });
		expect(confirmation.messages[0]).toMatchObject({ kind: 'media', fileName: 'contrato-2002.pdf' });
	});

	it('usa o contrato ativo do atendimento quando ele está entre os pendentes', async () => {
		const other = fakeContrato({ id: '2002', plano: 'FIBRA 600 MEGA', status: 'aguardando_assinatura' });
		const turn = expectAsk(await action.run(linkedStep(adapterWith([pending, other]), '2002')));
		expect(turn.state).toEqual({ stage: 'confirmation1', contractId: '2002' });
	});

	it('contrato que deixou de estar pendente durante a conversa sai por "Nada pendente"', async () => {
		const turn = expectFinish(await action.answer!(linkedStep(adapterWith([fakeContrato()])), customerText('sim'), { stage: 'confirmation2', contractId: '2001' }));
		expect(turn.output).toBe(output('Nada pendente'));
	});

	it('recusa do ERP ao registrar o aceite vira erro (saída "Erro" do card)', async () => {
		const adapter = adapterWith([pending], { aceitarContrato: async () => ({ sucesso: false, motivo: 'contrato já assinado' }) });
		await expect(action.answer!(linkedStep(adapter), customerText('sim'), { stage: 'confirmation2', contractId: '2001' })).rejects.toMatchObject({
			kind: 'erro_erp',
			message: expect.stringContaining('contrato já assinado'),
		});
	});

	it('falha do ERP ao buscar o documento chega ao engine como ErpError', async () => {
		const adapter = adapterWith([pending], {
			documentoAceite: async () => {
				throw new ErpError('timeout', 'O IXC Provedor não respondeu a tempo.', { system: 'ixc', action: 'documentoAceite' });
			},
		});
		await expect(action.run(linkedStep(adapter))).rejects.toBeInstanceOf(ErpError);
	});

	it('declara as ações do ERP de que precisa', () => {
		expect(action.uses).toEqual(['listarContratos', 'documentoAceite', 'aceitarContrato']);
		expect(action.requires).toBe('customer');
	});
});
