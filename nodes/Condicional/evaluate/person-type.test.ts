import { personTypeOf } from './person-type';

const customer = (fields: object) => ({ erp: 'ixc', id: '1', ...fields });

describe('personTypeOf', () => {
	it('uses the ERP person type when there is one', () => {
		expect(personTypeOf(customer({ personType: 'juridica', document: '529.982.247-25' }))).toBe('juridica');
		expect(personTypeOf(customer({ personType: 'fisica' }))).toBe('fisica');
	});

	it('falls back to the document length: CPF física, CNPJ (numeric or alphanumeric) jurídica', () => {
		expect(personTypeOf(customer({ document: '529.982.247-25' }))).toBe('fisica');
		expect(personTypeOf(customer({ document: '11.222.333/0001-81' }))).toBe('juridica');
		expect(personTypeOf(customer({ document: '12.ABC.345/01DE-35' }))).toBe('juridica');
	});

	it('is undefined ("Sem cadastro") without a customer or anything that tells', () => {
		expect(personTypeOf(undefined)).toBeUndefined();
		expect(personTypeOf(customer({}))).toBeUndefined();
		expect(personTypeOf(customer({ document: '1234' }))).toBeUndefined();
	});
});
