import { checkWifiPassword, withoutSecret } from './password';

describe('checkWifiPassword', () => {
	it('aceita senhas com mais de 8 caracteres, até 63, com espaços e símbolos', () => {
		expect(checkWifiPassword('casa-nova')).toEqual({ valid: true, value: 'casa-nova' });
		expect(checkWifiPassword('minha senha 2026!')).toEqual({ valid: true, value: 'minha senha 2026!' });
		expect(checkWifiPassword('x'.repeat(63)).valid).toBe(true);
	});

	it('recusa 8 caracteres ou menos, dizendo o tamanho sem repetir a senha', () => {
		const check = checkWifiPassword('12345678');
		expect(check).toEqual({ valid: false, reason: 'A senha precisa ter mais de 8 caracteres (a enviada tem 8). Digite outra senha.' });
		expect(checkWifiPassword('').valid).toBe(false);
	});

	it('recusa mais de 63 caracteres', () => {
		expect(checkWifiPassword('x'.repeat(64))).toEqual({ valid: false, reason: expect.stringContaining('no máximo 63') });
	});

	it('recusa acentos, ç e emojis, que os roteadores não aceitam', () => {
		for (const password of ['coração123', 'senha-forte-é', 'wifi🔒wifi🔒wifi']) {
			expect(checkWifiPassword(password)).toEqual({ valid: false, reason: expect.stringContaining('sem ç, acentos ou emojis') });
		}
	});
});

describe('withoutSecret', () => {
	it('mascara toda ocorrência da senha', () => {
		expect(withoutSecret('senha casa-nova aplicada; casa-nova ok', 'casa-nova')).toBe('senha •••••• aplicada; •••••• ok');
		expect(withoutSecret('nada a mascarar', 'casa-nova')).toBe('nada a mascarar');
	});
});
