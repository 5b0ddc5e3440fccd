import { validateEmail } from './email';

const REASON = 'E-mail inválido: verifique o endereço (ex.: nome@provedor.com.br).';

describe('validateEmail', () => {
	it.each([
		['joao.silva@provedor.com.br', 'joao.silva@provedor.com.br'],
		['  Maria+Boletos@Gmail.COM ', 'maria+boletos@gmail.com'],
		['mailto:suporte@isp-net.com.br', 'suporte@isp-net.com.br'],
		['a_b-c@sub.dominio.net', 'a_b-c@sub.dominio.net'],
	])('accepts %p as %p', (input, value) => {
		expect(validateEmail(input)).toEqual({ valid: true, value });
	});

	it.each([
		'',
		'joao',
		'joao@',
		'@provedor.com.br',
		'joao@provedor',
		'joao silva@provedor.com.br',
		'joao..silva@provedor.com.br',
		'.joao@provedor.com.br',
		'joao.@provedor.com.br',
		'joao@provedor..com.br',
		'joao@-provedor.com.br',
		'joao@provedor.com.b',
		'joao@provedor.c0m',
		'joão@provedor.com.br',
		'joao@@provedor.com.br',
		'a@b@provedor.com.br',
		`${'a'.repeat(65)}@provedor.com.br`,
		`a@${'b'.repeat(250)}.com`,
	])('rejects %p', (input) => {
		expect(validateEmail(input)).toEqual({ valid: false, reason: REASON });
	});
});
