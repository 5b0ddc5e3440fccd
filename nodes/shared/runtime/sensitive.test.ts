import type { InboundMessage, OutboundMessage } from '../channels/types';
import { expectsSecretAnswer, MASKED_ANSWER, maskedMessage, SENSITIVE_ANSWER_FLAG, withSecretAnswer } from './sensitive';

describe('expectsSecretAnswer', () => {
	it('is true only when the dialog carries the flag set to true', () => {
		expect(expectsSecretAnswer({ stage: 'action', [SENSITIVE_ANSWER_FLAG]: true })).toBe(true);
		expect(expectsSecretAnswer({ stage: 'action', [SENSITIVE_ANSWER_FLAG]: 'true' })).toBe(false);
		expect(expectsSecretAnswer({ stage: 'action', state: { [SENSITIVE_ANSWER_FLAG]: true } })).toBe(false);
		expect(expectsSecretAnswer(undefined)).toBe(false);
	});
});

describe('maskedMessage', () => {
	const message: InboundMessage = {
		channel: 'whatsapp',
		accountId: '123',
		contactId: '5549999991234',
		contactPhone: '5549999991234',
		messageId: 'wamid.1',
		timestamp: 1,
		content: { kind: 'text', text: 'minha-senha-secreta' },
	};

	it('replaces the typed text and keeps who sent it and when', () => {
		const masked = maskedMessage(message);
		expect(masked).toEqual({ ...message, content: { kind: 'text', text: MASKED_ANSWER } });
		expect(JSON.stringify(masked)).not.toContain('minha-senha-secreta');
	});

	it('masks a tapped option or a caption too: whatever the content was, only the mask remains', () => {
		const caption = maskedMessage({ ...message, content: { kind: 'media', mediaType: 'image', caption: 'senha 123' } });
		expect(caption.content).toEqual({ kind: 'text', text: MASKED_ANSWER });
	});
});

describe('withSecretAnswer', () => {
	it('marks the last text message (the question) and leaves the others alone', () => {
		const messages: OutboundMessage[] = [
			{ kind: 'text', text: 'Login conferido.' },
			{ kind: 'text', text: 'Digite a senha.' },
			{ kind: 'media', mediaType: 'image', url: 'https://example.com/dica.png' },
		];
		expect(withSecretAnswer(messages)).toEqual([
			{ kind: 'text', text: 'Login conferido.' },
			{ kind: 'text', text: 'Digite a senha.', secretAnswer: true },
			{ kind: 'media', mediaType: 'image', url: 'https://example.com/dica.png' },
		]);
		expect(messages[1]).not.toHaveProperty('secretAnswer');
	});

	it('changes nothing when there is no text message', () => {
		const menu: OutboundMessage[] = [{ kind: 'choices', text: 'Qual?', choices: [{ id: 'a', label: 'A' }] }];
		expect(withSecretAnswer(menu)).toEqual(menu);
	});
});
