import { broadcastPhone, formatContato, isBroadcastPhone, phoneCandidates, REASON_LANDLINE, REASON_NO_PHONE } from './phone';

describe('phoneCandidates', () => {
	it('splits the numbers an ERP keeps in one field and takes lists and numbers', () => {
		expect(phoneCandidates('(11) 98765-4321 / (11) 3456-7890')).toEqual(['(11) 98765-4321', '(11) 3456-7890']);
		expect(phoneCandidates('11987654321;1134567890, 21 99876-5432 ou 21 3333-4444')).toEqual([
			'11987654321',
			'1134567890',
			'21 99876-5432',
			'21 3333-4444',
		]);
		expect(phoneCandidates(['', '(49) 99999-0000', null, 49988887777])).toEqual(['(49) 99999-0000', '49988887777']);
		expect(phoneCandidates(undefined)).toEqual([]);
		expect(phoneCandidates(' - ')).toEqual([]);
	});
});

describe('broadcastPhone', () => {
	it('normalises a mobile to +55 E.164 and formats it for the log', () => {
		expect(broadcastPhone('(11) 98765-4321')).toEqual({
			e164: '+5511987654321',
			contato: '+55 (11) 98765-4321',
			waIds: ['5511987654321', '551187654321'],
		});
		expect(broadcastPhone('049 8765-4321')).toMatchObject({ e164: '+5549987654321', contato: '+55 (49) 98765-4321' });
		expect(broadcastPhone('+55 21 99876-5432')).toMatchObject({ e164: '+5521998765432' });
	});

	it('picks the first mobile among several numbers', () => {
		expect(broadcastPhone(['(11) 3456-7890', 'xx', '(11) 98765-4321'])).toMatchObject({ e164: '+5511987654321' });
		expect(broadcastPhone('(11) 3456-7890 / (21) 99876-5432')).toMatchObject({ e164: '+5521998765432' });
	});

	it('says why a recipient cannot get WhatsApp: no number, a landline, an invalid number', () => {
		expect(broadcastPhone('')).toEqual({ kind: 'semTelefone', reason: REASON_NO_PHONE, contato: '' });
		expect(broadcastPhone(['(11) 3456-7890', '123'])).toEqual({ kind: 'telefoneFixo', reason: REASON_LANDLINE, contato: '+55 (11) 3456-7890' });
		expect(broadcastPhone('(20) 98765-4321')).toEqual({
			kind: 'telefoneInvalido',
			reason: 'Telefone inválido: o DDD 20 não existe.',
			contato: '(20) 98765-4321',
		});
		expect(broadcastPhone('+1 415 555 0100')).toEqual({
			kind: 'telefoneInvalido',
			reason: 'Telefone inválido: informe um número do Brasil (+55) com DDD.',
			contato: '+1 415 555 0100',
		});
		expect(isBroadcastPhone(broadcastPhone('123'))).toBe(false);
		expect(isBroadcastPhone(broadcastPhone('11987654321'))).toBe(true);
	});
});

describe('formatContato', () => {
	it('shows E.164 as +55 (DDD) 99999-9999 and anything else as given', () => {
		expect(formatContato('+5511987654321')).toBe('+55 (11) 98765-4321');
		expect(formatContato('+5511345678901')).toBe('+5511345678901');
	});
});
