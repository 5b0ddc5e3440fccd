import { fakeAdapter, fakeContrato, fakeStep } from '../../test/support/fake-erp';
import type { InboundMessage } from '../shared/channels/types';
import { SENSITIVE_ANSWER_FLAG, type ErpTurn } from '../shared/erp/card/types';
import { ErpError, type Contrato, type ErpAdapter, type ResultadoAcao } from '../shared/erp/types';
import { wifiPasswordAction, WIFI_PASSWORD_OUTPUTS } from './action';

const action = wifiPasswordAction({
	prompt: 'Digite a nova senha, {{nome_cliente}}.',
	successMessage: 'Senha alterada!',
	refusedMessage: 'Não alterei: {{motivo}}.',
});
const output = (name: string) => WIFI_PASSWORD_OUTPUTS.indexOf(name);
const NEW_PASSWORD = 'casa-nova-2026';

function customerText(text: string): InboundMessage {
	return { channel: 'webchat', accountId: 'teste', contactId: 'sessao-teste', messageId: `m-${text}`, timestamp: 0, content: { kind: 'text', text } };
}

function adapterAnswering(answer: () => Promise<ResultadoAcao>): ErpAdapter & { calls: Array<[Contrato, string]> } {
	const calls: Array<[Contrato, string]> = [];
	const adapter = fakeAdapter({
		alterarSenhaWifi: async (_cliente, contrato, novaSenha) => {
			calls.push([contrato, novaSenha]);
			return await answer();
		},
	});
	return Object.assign(adapter, { calls });
}

const PASSWORD_STATE = { stage: 'password', [SENSITIVE_ANSWER_FLAG]: true };

function expectFinish(turn: ErpTurn): Extract<ErpTurn, { kind: 'finish' }> {
	if (turn.kind !== 'finish') throw new Error(`esperava fim, veio ${JSON.stringify(turn)}`);
	return turn;
}

describe('Alterar Senha Wi-Fi', () => {
	it('pede a nova senha marcando a resposta como sensível', async () => {
		const turn = await action.run(fakeStep(adapterAnswering(async () => ({ sucesso: true }))));
		expect(turn).toEqual({ kind: 'ask', messages: [{ kind: 'text', text: 'Digite a nova senha, MARIA SILVA.' }], state: PASSWORD_STATE });
	});

	it('senha válida: altera no contrato escolhido e sai por "Alterada" sem a senha no item nem nas mensagens', async () => {
		const adapter = adapterAnswering(async () => ({ sucesso: true, mensagem: `Wi-Fi atualizado com a senha ${NEW_PASSWORD}` }));
		const turn = expectFinish(await action.answer!(fakeStep(adapter, fakeContrato({ id: '2002' })), customerText(` ${NEW_PASSWORD} `), PASSWORD_STATE));
		expect(turn.output).toBe(output('Alterada'));
		expect(adapter.calls).toEqual([[expect.objectContaining({ id: '2002' }), NEW_PASSWORD]]);
		expect(turn.messages).toEqual([{ kind: 'text', text: 'Senha alterada!' }]);
		expect(turn.result).toMatchObject({ contrato: { id: '2002' }, wifi: { senhaAlterada: true, mensagem: 'Wi-Fi atualizado com a senha ••••••' } });
		expect(JSON.stringify(turn)).not.toContain(NEW_PASSWORD);
	});

	it('senha curta é inválida (conta tentativa) e não chega ao ERP', async () => {
		const adapter = adapterAnswering(async () => ({ sucesso: true }));
		const turn = await action.answer!(fakeStep(adapter), customerText('12345678'), PASSWORD_STATE);
		expect(turn).toEqual({ kind: 'invalid', messages: [{ kind: 'text', text: expect.stringContaining('mais de 8 caracteres') }] });
		expect(JSON.stringify(turn)).not.toContain('12345678');
		expect(adapter.calls).toHaveLength(0);
	});

	it('resposta que não é texto é inválida', async () => {
		const adapter = adapterAnswering(async () => ({ sucesso: true }));
		const image: InboundMessage = { ...customerText(''), content: { kind: 'media', mediaType: 'image', url: 'http://x/foto.jpg' } };
		expect((await action.answer!(fakeStep(adapter), image, PASSWORD_STATE)).kind).toBe('invalid');
		expect(adapter.calls).toHaveLength(0);
	});

	it('recusa do ERP sai por "Não alterada" com o motivo, sem a senha', async () => {
		const adapter = adapterAnswering(async () => ({ sucesso: false, motivo: `equipamento offline, senha ${NEW_PASSWORD} não aplicada` }));
		const turn = expectFinish(await action.answer!(fakeStep(adapter), customerText(NEW_PASSWORD), PASSWORD_STATE));
		expect(turn.output).toBe(output('Não alterada'));
		expect(turn.messages).toEqual([{ kind: 'text', text: 'Não alterei: equipamento offline, senha •••••• não aplicada.' }]);
		expect(turn.result).toMatchObject({ wifi: { senhaAlterada: false, motivo: 'equipamento offline, senha •••••• não aplicada' } });
	});

	it('erro do ERP chega ao engine como ErpError, com a senha mascarada na mensagem', async () => {
		const adapter = adapterAnswering(async () => {
			throw new ErpError('erro_erp', `O ACS rejeitou nova_senha=${NEW_PASSWORD}`, { system: 'ixc', action: 'alterarSenhaWifi' });
		});
		const failure = action.answer!(fakeStep(adapter), customerText(NEW_PASSWORD), PASSWORD_STATE);
		await expect(failure).rejects.toBeInstanceOf(ErpError);
		await expect(failure).rejects.toMatchObject({ kind: 'erro_erp', message: 'O ACS rejeitou nova_senha=••••••', details: { action: 'alterarSenhaWifi' } });
	});

	it('falha inesperada também tem a senha mascarada', async () => {
		const adapter = adapterAnswering(async () => {
			throw new Error(`socket hang up while sending ${NEW_PASSWORD}`);
		});
		await expect(action.answer!(fakeStep(adapter), customerText(NEW_PASSWORD), PASSWORD_STATE)).rejects.toThrow('socket hang up while sending ••••••');
	});

	it('precisa do contrato e da ação alterarSenhaWifi do ERP', () => {
		expect(action.requires).toBe('contract');
		expect(action.uses).toEqual(['alterarSenhaWifi']);
	});
});
