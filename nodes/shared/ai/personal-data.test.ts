import { maskPersonalData } from './personal-data';

describe('maskPersonalData', () => {
	test('masks a valid CPF and CNPJ as the logs do, with or without punctuation', () => {
		expect(maskPersonalData('meu cpf é 529.982.247-25')).toBe('meu cpf é 529.***.***-25');
		expect(maskPersonalData('cpf 52998224725 ok')).toBe('cpf 529.***.***-25 ok');
		expect(maskPersonalData('cnpj 11.222.333/0001-81')).toBe('cnpj 11.2**.***/****-81');
	});

	test('leaves a number that is not a document (wrong check digits) alone', () => {
		expect(maskPersonalData('protocolo 12345678900')).toBe('protocolo 12345678900');
	});

	test('replaces e-mail addresses, Brazilian phones, card numbers and CEPs', () => {
		expect(maskPersonalData('escreva para Joao.Silva@exemplo.com.br por favor')).toBe('escreva para [e-mail] por favor');
		expect(maskPersonalData('liga no (11) 98765-4321 ou +55 11 3456-7890')).toBe('liga no [telefone] ou [telefone]');
		expect(maskPersonalData('whatsapp 5549987654321')).toBe('whatsapp [telefone]');
		expect(maskPersonalData('cartão 4111 1111 1111 1111')).toBe('cartão [cartão]');
		expect(maskPersonalData('moro no CEP 01310-100')).toBe('moro no CEP [CEP]');
	});

	test('keeps ordinary text, prices, dates and plan speeds', () => {
		const text = 'O plano de 500 Mega custa R$ 99,90 e vence dia 10/12/2026.';
		expect(maskPersonalData(text)).toBe(text);
	});
});
