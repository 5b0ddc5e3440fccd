import { validateText } from './text';

describe('validateText', () => {
	it('accepts any non-blank answer, trimmed', () => {
		expect(validateText('  Rua das Flores, 12  ')).toEqual({ valid: true, value: 'Rua das Flores, 12' });
	});

	it.each(['', '   ', '\n\t'])('rejects a blank answer %p', (input) => {
		expect(validateText(input)).toEqual({ valid: false, reason: 'Resposta vazia: digite sua resposta.' });
	});
});
