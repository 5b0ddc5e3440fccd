import { formatPhone, parsePhone, samePhone, validatePhone, whatsappVariants } from './phone';

describe('parsePhone', () => {
	it.each([
		// Free text as customers type it.
		['(11) 98765-4321', '5511987654321', 'mobile'],
		['11 98765-4321', '5511987654321', 'mobile'],
		['11987654321', '5511987654321', 'mobile'],
		['+55 (11) 98765-4321', '5511987654321', 'mobile'],
		['+55 11 98765 4321', '5511987654321', 'mobile'],
		['meu celular é (11) 98765-4321', '5511987654321', 'mobile'],
		// Trunk prefix 0, and 0 + carrier code (here 21).
		['011987654321', '5511987654321', 'mobile'],
		['0 21 11 98765-4321', '5511987654321', 'mobile'],
		['00 55 11 98765-4321', '5511987654321', 'mobile'],
		// WhatsApp IDs, with and without the 9th digit.
		['5511987654321', '5511987654321', 'mobile'],
		['554987654321', '5549987654321', 'mobile'],
		// Mobile written before the 9th digit (8 digits starting with 6–9): the 9 is added.
		['+55 11 8765-4321', '5511987654321', 'mobile'],
		['(49) 8765-4321', '5549987654321', 'mobile'],
		['(49) 6123-4567', '5549961234567', 'mobile'],
		// Landlines: 8 digits starting with 2–5.
		['(11) 3456-7890', '551134567890', 'landline'],
		['+55 21 2345-6789', '552123456789', 'landline'],
		['0 41 3333-4444', '554133334444', 'landline'],
		['551134567890', '551134567890', 'landline'],
		['(49) 5123-4567', '554951234567', 'landline'],
		// DDD 55 (RS) is not confused with the country code.
		['(55) 99876-5432', '5555998765432', 'mobile'],
		['55 3222-1234', '555532221234', 'landline'],
		['5555998765432', '5555998765432', 'mobile'],
		// ERP formats (reference F.3).
		['(98) 98512-0338', '5598985120338', 'mobile'],
		['37988242968', '5537988242968', 'mobile'],
	])('%p → %p (%s)', (input, e164, lineType) => {
		const phone = parsePhone(input);
		expect(phone).toEqual({ e164, ddd: e164.slice(2, 4), subscriber: e164.slice(4), lineType });
	});

	it.each([
		'',
		'sem telefone',
		'98765-4321',
		'1198765432100',
		'(11) 8765-432',
		'(20) 98765-4321',
		'(10) 3456-7890',
		'(11) 88765-4321',
		'(11) 1234-5678',
		'(11) 0234-5678',
		'+1 415 555 0100',
		'+44 20 7946 0958',
	])('rejects %p', (input) => {
		expect(parsePhone(input)).toBeUndefined();
	});
});

describe('validatePhone', () => {
	it('returns E.164 digits and the display form', () => {
		expect(validatePhone('(11) 98765-4321')).toEqual({ valid: true, value: '5511987654321', formatted: '+55 (11) 98765-4321' });
		expect(validatePhone('+55 11 8765-4321')).toEqual({ valid: true, value: '5511987654321', formatted: '+55 (11) 98765-4321' });
		expect(validatePhone('1134567890')).toEqual({ valid: true, value: '551134567890', formatted: '+55 (11) 3456-7890' });
	});

	it.each([
		['', 'Telefone inválido: informe o DDD e o número (ex.: (11) 98765-4321).'],
		['98765-4321', 'Telefone inválido: informe o DDD e o número (ex.: (11) 98765-4321).'],
		['(20) 98765-4321', 'Telefone inválido: o DDD 20 não existe.'],
		['(11) 88765-4321', 'Telefone inválido: verifique os dígitos do número.'],
		['(11) 1234-5678', 'Telefone inválido: verifique os dígitos do número.'],
		['+1 415 555 0100', 'Telefone inválido: informe um número do Brasil (+55) com DDD.'],
	])('explains why %p is rejected', (input, reason) => {
		expect(validatePhone(input)).toEqual({ valid: false, reason });
	});
});

describe('formatPhone', () => {
	it('formats mobiles and landlines', () => {
		expect(formatPhone({ e164: '5549987654321', ddd: '49', subscriber: '987654321', lineType: 'mobile' })).toBe('+55 (49) 98765-4321');
		expect(formatPhone({ e164: '554933334444', ddd: '49', subscriber: '33334444', lineType: 'landline' })).toBe('+55 (49) 3333-4444');
	});
});

describe('whatsappVariants', () => {
	it('gives a mobile with and without the 9th digit, whatever form was typed', () => {
		expect(whatsappVariants('(49) 98765-4321')).toEqual(['5549987654321', '554987654321']);
		expect(whatsappVariants('554987654321')).toEqual(['5549987654321', '554987654321']);
		expect(whatsappVariants('+55 11 98765-4321')).toEqual(['5511987654321', '551187654321']);
	});

	it('gives a landline only once', () => {
		expect(whatsappVariants('(11) 3456-7890')).toEqual(['551134567890']);
	});

	it('gives nothing for text that is not a Brazilian phone', () => {
		expect(whatsappVariants('(20) 98765-4321')).toEqual([]);
		expect(whatsappVariants('')).toEqual([]);
	});
});

describe('samePhone', () => {
	it.each([
		['5549987654321', '(49) 98765-4321'],
		['554987654321', '(49) 98765-4321'],
		['554987654321', '49 8765-4321'],
		['+55 11 98765-4321', '011 98765 4321'],
		['(11) 3456-7890', '551134567890'],
	])('%p and %p are the same phone', (a, b) => {
		expect(samePhone(a, b)).toBe(true);
		expect(samePhone(b, a)).toBe(true);
	});

	it.each([
		['(49) 98765-4321', '(48) 98765-4321'],
		['(49) 98765-4321', '(49) 98765-4322'],
		['(49) 98765-4321', '(20) 98765-4321'],
		['', ''],
		['(49) 98765-4321', 'não informado'],
	])('%p and %p are different', (a, b) => {
		expect(samePhone(a, b)).toBe(false);
	});
});
