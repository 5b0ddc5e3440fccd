import type { Conversation } from '../shared/conversation/types';
import {
	endpointUrl,
	httpNotificationBody,
	notificationMessage,
	NotificationConfigError,
	telegramChatId,
	whatsAppRecipient,
} from './notification';

describe('telegramChatId', () => {
	it.each(['-1001234567890', '123456789', ' -4242 ', '@equipe_suporte'])('accepts %p', (chatId) => {
		expect(telegramChatId(chatId)).toBe(chatId.trim());
	});

	it.each(['', 'grupo do suporte', '@abc', '-100abc', 'https://t.me/x'])('refuses %p', (chatId) => {
		expect(() => telegramChatId(chatId)).toThrow(NotificationConfigError);
	});
});

describe('whatsAppRecipient', () => {
	it('normalises Brazilian numbers to 55 + DDD + number, adding the 9th digit to mobiles', () => {
		expect(whatsAppRecipient('(11) 98765-4321')).toBe('5511987654321');
		expect(whatsAppRecipient('+55 49 8765-4321')).toBe('5549987654321');
		expect(whatsAppRecipient('5511 3456-7890')).toBe('551134567890');
	});

	it('keeps foreign numbers given with + and the country code', () => {
		expect(whatsAppRecipient('+1 (415) 555-0100')).toBe('14155550100');
	});

	it.each(['', '1234', '(00) 98765-4321', '+55 11 123', 'telefone'])('refuses %p', (text) => {
		expect(() => whatsAppRecipient(text)).toThrow(NotificationConfigError);
	});
});

describe('endpointUrl', () => {
	it('accepts http(s) URLs and does not echo a refused one (it may hold a secret)', () => {
		expect(endpointUrl(' https://alertas.exemplo.com.br/x ')).toBe('https://alertas.exemplo.com.br/x');
		expect(() => endpointUrl('hooks/T000/segredo')).toThrow('URL do endpoint inválida');
		expect(() => endpointUrl('')).toThrow('URL do endpoint vazia');
	});
});

describe('notificationMessage', () => {
	it('a text, or a template whose {{1}} is the text', () => {
		expect(notificationMessage('Oi equipe')).toEqual({ kind: 'text', text: 'Oi equipe' });
		expect(notificationMessage('Oi equipe', { format: 'template', templateName: ' alerta_equipe ', templateLanguage: '' })).toEqual({
			kind: 'template',
			name: 'alerta_equipe',
			language: 'pt_BR',
			bodyParameters: ['Oi equipe'],
			fallbackText: 'Oi equipe',
		});
	});

	it('refuses an empty text or a template without name', () => {
		expect(() => notificationMessage('  ')).toThrow('Mensagem da notificação vazia');
		expect(() => notificationMessage('x', { format: 'template', templateName: '' })).toThrow('Nome do template vazio');
	});
});

describe('httpNotificationBody', () => {
	const conversation: Conversation = {
		version: 2,
		id: 'c-1',
		protocolo: '20260701-0001',
		channel: { type: 'whatsapp', accountId: '106540352242922', triggerUrl: 'http://127.0.0.1/webhook/x' },
		contact: { id: '5511987654321', name: 'Maria', phone: '5511987654321' },
		customer: { erp: 'ixc', id: '42', name: 'Maria Souza' },
		tags: ['financeiro'],
		variables: { motivo: 'cancelamento' },
		state: 'running',
		inbox: [],
		history: [],
		context: [],
		createdAt: 0,
		updatedAt: 0,
		events: [],
	};

	it('carries the text and what the team needs to find the conversation (no channel URLs)', () => {
		const body = httpNotificationBody(conversation, 'Cancelamento pedido', 'Avisar financeiro', Date.UTC(2026, 6, 1, 12));
		expect(body).toEqual({
			texto: 'Cancelamento pedido',
			protocolo: '20260701-0001',
			canal: 'whatsapp',
			contato: { id: '5511987654321', nome: 'Maria', telefone: '5511987654321' },
			cliente: { erp: 'ixc', id: '42', name: 'Maria Souza' },
			etiquetas: ['financeiro'],
			variaveis: { motivo: 'cancelamento' },
			departamento: null,
			atendente: null,
			conversationId: 'c-1',
			card: 'Avisar financeiro',
			enviadoEm: '2026-07-01T12:00:00.000Z',
		});
		expect(JSON.stringify(body)).not.toContain('triggerUrl');
	});
});
