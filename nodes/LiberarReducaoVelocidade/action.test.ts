import { ErpError, type ResultadoAcao, type StatusContrato } from '../shared/erp/types';
import { fakeAdapter, fakeContrato, fakeStep } from '../../test/support/fake-erp';
import { speedReleaseAction, type SpeedReleaseParameters } from './action';

const parameters: SpeedReleaseParameters = {
	successMessage: 'Liberado, {{nome_cliente}}.',
	refusedMessage: 'Recusado: {{motivo}}',
	notReducedMessage: '{{nome_cliente}}, seu plano não está reduzido.',
};

async function releaseWith(answer: ResultadoAcao, status: StatusContrato = 'reduzido') {
	const calls: string[] = [];
	const adapter = fakeAdapter({
		liberarReducaoVelocidade: async (_cliente, contract) => {
			calls.push(contract.id);
			return answer;
		},
	});
	const turn = await speedReleaseAction(parameters).run(fakeStep(adapter, fakeContrato({ id: '2005', status })));
	return { turn, calls };
}

describe('Liberar Redução de Velocidade action', () => {
	it('released by the ERP: success message, "Liberado"', async () => {
		const { turn, calls } = await releaseWith({ sucesso: true, mensagem: 'Redução liberada', ate: '2026-03-10' });
		expect(calls).toEqual(['2005']);
		expect(turn).toMatchObject({
			kind: 'finish',
			output: 0,
			messages: [{ kind: 'text', text: 'Liberado, MARIA SILVA.' }],
			result: { liberacao: { sucesso: true, ate: '2026-03-10', mensagem: 'Redução liberada' }, contrato: { id: '2005', status: 'reduzido' } },
		});
	});

	it('refused by the ERP: its reason, "Recusado"', async () => {
		const { turn } = await releaseWith({ sucesso: false, motivo: 'O contrato não possui redução de velocidade ativa.' }, 'bloqueado');
		expect(turn).toMatchObject({
			output: 1,
			messages: [{ text: 'Recusado: O contrato não possui redução de velocidade ativa.' }],
			result: { liberacao: { sucesso: false, semReducao: false, motivo: 'O contrato não possui redução de velocidade ativa.' } },
		});
	});

	it('a contract at full speed is not sent to the ERP: its own message, "Recusado" with semReducao', async () => {
		const { turn, calls } = await releaseWith({ sucesso: true }, 'ativo');
		expect(calls).toEqual([]);
		expect(turn).toMatchObject({ output: 1, messages: [{ text: 'MARIA SILVA, seu plano não está reduzido.' }], result: { liberacao: { semReducao: true } } });
	});

	it('masks the customer document in the item', async () => {
		const { turn } = await releaseWith({ sucesso: true });
		expect(JSON.stringify(turn)).not.toContain('52998224725');
	});

	it('needs "liberarReducaoVelocidade"; an ERP failure goes to the engine ("Erro")', async () => {
		expect(speedReleaseAction(parameters).uses).toEqual(['liberarReducaoVelocidade']);
		const adapter = fakeAdapter({
			liberarReducaoVelocidade: async () => {
				throw new ErpError('indisponivel', 'O ERP respondeu com erro.', { system: 'ixc' });
			},
		});
		await expect(speedReleaseAction(parameters).run(fakeStep(adapter, fakeContrato({ status: 'reduzido' })))).rejects.toMatchObject({ kind: 'indisponivel' });
	});
});
