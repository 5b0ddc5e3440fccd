import type { ErpTurn } from '../shared/erp/card/types';
import { SENSITIVE_ANSWER_FLAG } from '../shared/erp/card/types';
import { ErpError, type Cliente } from '../shared/erp/types';
import { getConversationStore } from '../shared/conversation';
import { customerText, fakeAdapter, fakeStep } from '../../test/support/fake-erp';
import { storedConversation, storedStep } from '../../test/support/stored-conversation';
import { useTemporaryStore } from '../../test/support/temporary-store';
import { AUTHENTICATED_VARIABLE, TWO_FACTOR_OUTPUTS, twoFactorAction, type TwoFactorParameters } from './action';

const parameters: TwoFactorParameters = {
	loginPrompt: 'Digite o login da Central do Assinante.',
	passwordPrompt: 'Agora digite a senha.',
	wrongCredentialsMessage: 'Login ou senha incorretos.',
	successMessage: 'Pronto, {{nome_cliente}}!',
};
const action = twoFactorAction(parameters);

useTemporaryStore('duas-etapas', () => undefined);

/** A portal that accepts `maria.silva` / `s3nh@-forte` and records every check. */
function portal() {
	const checks: Array<{ cliente: Cliente; login: string; senha: string }> = [];
	const adapter = fakeAdapter({
		async autenticarCentral(cliente, login, senha) {
			checks.push({ cliente, login, senha });
			return login === 'maria.silva' && senha === 's3nh@-forte';
		},
	});
	return { adapter, checks };
}

const stateOf = (turn: ErpTurn) => (turn.kind === 'ask' || turn.kind === 'invalid' ? (turn.state ?? {}) : {});

describe('Autenticação em Duas Etapas action', () => {
	it('has the output "Autenticado" and needs the ERP portal check', () => {
		expect(TWO_FACTOR_OUTPUTS).toEqual(['Autenticado']);
		expect(action.requires).toBe('customer');
		expect(action.uses).toEqual(['autenticarCentral']);
	});

	it('asks the login, then the password as a secret answer of the same attempt', async () => {
		const { adapter } = portal();
		const first = await action.run(fakeStep(adapter));
		expect(first).toEqual({ kind: 'ask', messages: [{ kind: 'text', text: 'Digite o login da Central do Assinante.' }], state: { step: 'login' } });
		const second = await action.answer!(fakeStep(adapter), customerText('  maria.silva '), stateOf(first));
		expect(second).toEqual({
			kind: 'ask',
			messages: [{ kind: 'text', text: 'Agora digite a senha.' }],
			state: { step: 'password', login: 'maria.silva', [SENSITIVE_ANSWER_FLAG]: true },
			sameAttempt: true,
		});
	});

	it('the right pair: "Autenticado", the variable set, and nothing of the password in the item or the messages', async () => {
		const { adapter, checks } = portal();
		const step = fakeStep(adapter);
		const turn = await action.answer!(step, customerText('s3nh@-forte'), { step: 'password', login: 'maria.silva', [SENSITIVE_ANSWER_FLAG]: true });
		expect(checks).toEqual([{ cliente: step.cliente, login: 'maria.silva', senha: 's3nh@-forte' }]);
		expect(turn).toEqual({
			kind: 'finish',
			output: 0,
			result: { autenticado: true, cliente: { id: '101', nome: 'MARIA SILVA', documento: '529.***.***-25', tipoPessoa: 'fisica', codigo: null } },
			messages: [{ kind: 'text', text: 'Pronto, MARIA SILVA!' }],
		});
		expect(step.variables).toEqual({ [AUTHENTICATED_VARIABLE]: 'sim' });
		expect(JSON.stringify([turn, step.variables])).not.toContain('s3nh@-forte');
	});

	it('the right pair adds "portal" to how the link was verified (not "telefone": see Aceite de Contrato)', async () => {
		const { adapter } = portal();
		const conversation = await storedConversation({ customer: { erp: 'ixc', id: '101', name: 'MARIA SILVA', document: '52998224725', verifiedBy: ['documento'] } });
		await action.answer!(await storedStep(adapter, conversation.id), customerText('s3nh@-forte'), { step: 'password', login: 'maria.silva', [SENSITIVE_ANSWER_FLAG]: true });
		expect((await getConversationStore().get(conversation.id))?.customer?.verifiedBy).toEqual(['documento', 'portal']);
	});

	it('a wrong pair is one invalid attempt that goes back to the login question (no longer secret)', async () => {
		const { adapter } = portal();
		const step = fakeStep(adapter);
		const turn = await action.answer!(step, customerText('errada'), { step: 'password', login: 'maria.silva', [SENSITIVE_ANSWER_FLAG]: true });
		expect(turn).toEqual({
			kind: 'invalid',
			messages: [
				{ kind: 'text', text: 'Login ou senha incorretos.' },
				{ kind: 'text', text: 'Digite o login da Central do Assinante.' },
			],
			state: { step: 'login' },
		});
		expect(step.variables).toEqual({});
		expect(JSON.stringify(turn)).not.toContain('errada');
	});

	it('an empty or non-text answer is invalid at the same question, without asking the ERP', async () => {
		const { adapter, checks } = portal();
		const tapped = { ...customerText('x'), content: { kind: 'choice' as const, id: 'opt_1', title: 'Sim' } };
		expect(await action.answer!(fakeStep(adapter), tapped, { step: 'login' })).toEqual({ kind: 'invalid', messages: [{ kind: 'text', text: 'Digite o login da Central do Assinante.' }] });
		expect(await action.answer!(fakeStep(adapter), customerText('   '), { step: 'password', login: 'maria.silva', [SENSITIVE_ANSWER_FLAG]: true })).toEqual({
			kind: 'invalid',
			messages: [{ kind: 'text', text: 'Digite a senha da Central do Assinante.' }],
		});
		expect(checks).toEqual([]);
	});

	it('an ERP failure propagates (the engine turns it into "Erro")', async () => {
		const adapter = fakeAdapter({
			async autenticarCentral() {
				throw new ErpError('timeout', 'O SGP não respondeu a tempo.', { system: 'sgp', action: 'autenticarCentral' });
			},
		});
		await expect(action.answer!(fakeStep(adapter), customerText('s3nh@-forte'), { step: 'password', login: 'maria.silva' })).rejects.toMatchObject({ kind: 'timeout' });
	});
});
