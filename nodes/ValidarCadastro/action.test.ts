import { fakeAdapter, fakeStep } from '../../test/support/fake-erp';
import { validateCustomerAction, VALIDATE_CUSTOMER_OUTPUTS } from './action';

describe('Validar Cadastro action', () => {
	it('needs only the identified customer, no other ERP action', () => {
		const action = validateCustomerAction({ successMessage: '' });
		expect(action.requires).toBe('customer');
		expect(action.uses).toEqual([]);
		expect(VALIDATE_CUSTOMER_OUTPUTS).toEqual(['Cliente identificado']);
	});

	it('leaves by "Cliente identificado" with the customer, its CPF masked, and the rendered message', async () => {
		const turn = await validateCustomerAction({ successMessage: 'Obrigado, {{nome_cliente}}! Encontrei o seu cadastro.' }).run(fakeStep(fakeAdapter({})));
		expect(turn).toEqual({
			kind: 'finish',
			output: 0,
			result: { cliente: { id: '101', nome: 'MARIA SILVA', documento: '529.***.***-25', tipoPessoa: 'fisica', codigo: null } },
			messages: [{ kind: 'text', text: 'Obrigado, MARIA SILVA! Encontrei o seu cadastro.' }],
		});
		expect(JSON.stringify(turn)).not.toContain('52998224725');
	});

	it('sends nothing when the message is left blank', async () => {
		const turn = await validateCustomerAction({ successMessage: '  ' }).run(fakeStep(fakeAdapter({})));
		expect(turn).toMatchObject({ kind: 'finish', output: 0, messages: [] });
	});
});
