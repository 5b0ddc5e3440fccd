import { ErpError, type ResultadoAcao } from '../shared/erp/types';
import { fakeAdapter, fakeContrato, fakeStep } from '../../test/support/fake-erp';
import { trustUnlockAction, type TrustUnlockParameters } from './action';

const parameters: TrustUnlockParameters = {
	successMessage: 'Desbloqueado até {{desbloqueado_ate}}, {{nome_cliente}}.',
	successWithoutDateMessage: 'Desbloqueado, {{nome_cliente}}.',
	fullUnlockMessage: 'Contrato desbloqueado (sem prazo), {{nome_cliente}}.',
	successInvoicesOnHoldMessage: 'Em observação até {{desbloqueado_ate}}: {{faturas_em_observacao}}.',
	alreadyUsedMessage: 'Já usado; de novo a partir de {{disponivel_em}}.',
	refusedMessage: 'Recusado: {{motivo}}',
	alreadyActiveMessage: '{{nome_cliente}}, seu contrato já está ativo.',
};

const blocked = fakeContrato({ status: 'bloqueado', financeiroEmAtraso: true });

async function unlockWith(answer: ResultadoAcao, contrato = blocked) {
	const calls: string[] = [];
	const adapter = fakeAdapter({
		desbloqueioConfianca: async (_cliente, contract) => {
			calls.push(contract.id);
			return answer;
		},
	});
	const turn = await trustUnlockAction(parameters).run(fakeStep(adapter, contrato));
	return { turn, calls };
}

describe('Desbloqueio de Confiança action', () => {
	it('passes the conversation\'s contact to the ERP (ReceitaNet needs the caller\'s number)', async () => {
		const received: unknown[] = [];
		const adapter = fakeAdapter({
			desbloqueioConfianca: async (_cliente, _contract, contato) => {
				received.push(contato);
				return { sucesso: true };
			},
		});
		const step = fakeStep(adapter, blocked);
		step.conversation.contact = { id: 'c1', name: 'Maria', phone: '5511987654321' };
		await trustUnlockAction(parameters).run(step);
		expect(received).toEqual([{ nome: 'Maria', telefone: '5511987654321' }]);
	});

	it('success: tells until when the release holds and leaves by "Desbloqueado"', async () => {
		const { turn, calls } = await unlockWith({ sucesso: true, ate: '2026-03-08', protocolo: '9999' });
		expect(calls).toEqual(['2001']);
		expect(turn).toMatchObject({
			kind: 'finish',
			output: 0,
			messages: [{ kind: 'text', text: 'Desbloqueado até 08/03/2026, MARIA SILVA.' }],
			result: { desbloqueio: { sucesso: true, tipo: 'confianca', ate: '2026-03-08', protocolo: '9999' }, contrato: { id: '2001', status: 'bloqueado' } },
		});
	});

	it('invoices put on hold (Controllr): the message names each invoice and the date, the item lists them', async () => {
		const onHold = [
			{ id: '30003', vencimento: '2026-11-17', valor: 79.9 },
			{ id: '30009', vencimento: '2026-10-17', valor: 1234.5 },
		];
		const { turn } = await unlockWith({ sucesso: true, ate: '2026-12-10', faturasEmObservacao: onHold });
		expect(turn).toMatchObject({
			output: 0,
			messages: [{ text: 'Em observação até 10/12/2026: R$ 79,90 vencida em 17/11/2026; R$ 1.234,50 vencida em 17/10/2026.' }],
			result: { desbloqueio: { sucesso: true, ate: '2026-12-10', faturasEmObservacao: onHold } },
		});
	});

	it('success without a date from the ERP: the message without date', async () => {
		const { turn } = await unlockWith({ sucesso: true, mensagem: 'Acesso desbloqueado em confiança.' });
		expect(turn).toMatchObject({ output: 0, messages: [{ text: 'Desbloqueado, MARIA SILVA.' }], result: { desbloqueio: { sucesso: true, ate: null } } });
	});

	it('a full unblock (no trust window, RBX): the full-unlock message, not "em confiança", and tipo "total"', async () => {
		const { turn } = await unlockWith({ sucesso: true, desbloqueioTotal: true, mensagem: 'Contrato desbloqueado no RBX.' });
		expect(turn).toMatchObject({
			output: 0,
			messages: [{ kind: 'text', text: 'Contrato desbloqueado (sem prazo), MARIA SILVA.' }],
			result: { desbloqueio: { sucesso: true, tipo: 'total', ate: null } },
		});
	});

	it('already used this month: tells the date it can be used again (DD/MM/AAAA) and leaves by "Recusado"', async () => {
		const { turn } = await unlockWith({ sucesso: false, motivo: 'O desbloqueio de confiança já foi usado neste mês.', disponivelEm: '2026-04-01' });
		expect(turn).toMatchObject({
			output: 1,
			messages: [{ kind: 'text', text: 'Já usado; de novo a partir de 01/04/2026.' }],
			result: { desbloqueio: { sucesso: false, jaUtilizado: true, disponivelEm: '2026-04-01', motivo: 'O desbloqueio de confiança já foi usado neste mês.' } },
		});
	});

	it('another refusal: tells the ERP reason, "Recusado"', async () => {
		const { turn } = await unlockWith({ sucesso: false, motivo: 'Não é possível utilizar o desbloqueio de confiança, o contrato está inativo.' }, fakeContrato({ status: 'inativo' }));
		expect(turn).toMatchObject({
			output: 1,
			messages: [{ text: 'Recusado: Não é possível utilizar o desbloqueio de confiança, o contrato está inativo.' }],
			result: { desbloqueio: { jaUtilizado: false, disponivelEm: null } },
		});
	});

	it('an active contract is not sent to the ERP: "seu contrato já está ativo", "Já ativo"', async () => {
		const { turn, calls } = await unlockWith({ sucesso: true }, fakeContrato({ status: 'ativo' }));
		expect(calls).toEqual([]);
		expect(turn).toMatchObject({ output: 2, messages: [{ text: 'MARIA SILVA, seu contrato já está ativo.' }], result: { desbloqueio: { sucesso: false } } });
	});

	it('a contract with reduced speed or suspended is left to the ERP to decide', async () => {
		for (const status of ['reduzido', 'suspenso'] as const) {
			const { calls } = await unlockWith({ sucesso: false, motivo: 'x' }, fakeContrato({ status }));
			expect(calls).toEqual(['2001']);
		}
	});

	it('masks the customer document in the item', async () => {
		const { turn } = await unlockWith({ sucesso: true });
		expect(JSON.stringify(turn)).not.toContain('52998224725');
	});

	it('needs "desbloqueioConfianca"; an ERP failure goes to the engine ("Erro")', async () => {
		expect(trustUnlockAction(parameters).uses).toEqual(['desbloqueioConfianca']);
		const adapter = fakeAdapter({
			desbloqueioConfianca: async () => {
				throw new ErpError('timeout', 'O ERP não respondeu a tempo.', { system: 'ixc' });
			},
		});
		await expect(trustUnlockAction(parameters).run(fakeStep(adapter, blocked))).rejects.toMatchObject({ kind: 'timeout' });
	});
});
