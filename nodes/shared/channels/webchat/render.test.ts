import type { Conversation, WebchatEntry } from '../../conversation/types';
import { crc16Ccitt, isNumberedQuestion, pixCodeOf, typedChoiceOf, webchatEntriesView, webchatMessageView, webchatStatusOf } from './render';

/** The BR Code of the Banco Central's "Manual de Padrões para Iniciação do Pix" example (static, CRC 1D3D). */
const BCB_EXAMPLE =
	'00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D';

describe('crc16Ccitt', () => {
	test('CRC-16/CCITT-FALSE check value of "123456789" is 29B1', () => {
		expect(crc16Ccitt('123456789')).toBe('29B1');
	});
});

describe('pixCodeOf', () => {
	test('accepts the BCB example (spaces in the merchant name are part of the code)', () => {
		expect(pixCodeOf(BCB_EXAMPLE)).toBe(BCB_EXAMPLE);
		expect(pixCodeOf(`  ${BCB_EXAMPLE}\n`)).toBe(BCB_EXAMPLE);
	});

	test('refuses a wrong CRC, a text around the code, a boleto line and a code without the Pix domain', () => {
		expect(pixCodeOf(BCB_EXAMPLE.replace(/1D3D$/, '1D3E'))).toBeUndefined();
		expect(pixCodeOf(`Pix: ${BCB_EXAMPLE}`)).toBeUndefined();
		expect(pixCodeOf(`${BCB_EXAMPLE.slice(0, 40)}\n${BCB_EXAMPLE.slice(40)}`)).toBeUndefined();
		expect(pixCodeOf('23793.38128 60000.000003 00000.000400 1 84340000010000')).toBeUndefined();
		const other = '0002010102122658001' + '4br.gov.bcb.xxx' + '0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR6304';
		expect(pixCodeOf(other + crc16Ccitt(other))).toBeUndefined();
	});
});

describe('isNumberedQuestion', () => {
	test('"1 - Financeiro" style lines, in order from 1', () => {
		expect(isNumberedQuestion('Escolha:\n1 - Financeiro\n2 - Suporte\n3 - Comercial')).toBe(true);
		expect(isNumberedQuestion('1) Boleto\n2) Pix')).toBe(true);
		expect(isNumberedQuestion('*1* Boleto\n*2* Pix')).toBe(true);
		expect(isNumberedQuestion('1. Boleto\n2. Pix')).toBe(true);
	});

	test('a hint to type the number', () => {
		expect(isNumberedQuestion('Como podemos ajudar? Digite o número da opção.')).toBe(true);
		expect(isNumberedQuestion('Responda com o número desejado')).toBe(true);
	});

	test('plain questions, a lone number, numbers out of order', () => {
		expect(isNumberedQuestion('Como podemos ajudar?')).toBe(false);
		expect(isNumberedQuestion('Você tem 2 faturas em aberto. Deseja a segunda via?')).toBe(false);
		expect(isNumberedQuestion('2 - Suporte\n1 - Financeiro')).toBe(false);
		expect(isNumberedQuestion('1 - Financeiro')).toBe(false);
	});
});

describe('webchatMessageView', () => {
	const choices = [
		{ id: 'opcao_1', label: 'Financeiro' },
		{ id: 'opcao_2', label: 'Suporte' },
	];

	test('numbered questions get numbered: true; others are unchanged', () => {
		expect(webchatMessageView({ kind: 'choices', text: '1 - Financeiro\n2 - Suporte', choices })).toEqual({ kind: 'choices', text: '1 - Financeiro\n2 - Suporte', choices, numbered: true });
		expect(webchatMessageView({ kind: 'choices', text: 'Como podemos ajudar?', choices })).toEqual({ kind: 'choices', text: 'Como podemos ajudar?', choices });
	});

	test('a text that is a Pix code carries it in pix', () => {
		expect(webchatMessageView({ kind: 'text', text: BCB_EXAMPLE })).toEqual({ kind: 'text', text: BCB_EXAMPLE, pix: BCB_EXAMPLE });
		expect(webchatMessageView({ kind: 'text', text: 'Pix copia e cola (copie a mensagem abaixo):' })).toEqual({ kind: 'text', text: 'Pix copia e cola (copie a mensagem abaixo):' });
	});

	test('webchatEntriesView keeps seq, at and from', () => {
		const entries: WebchatEntry[] = [{ seq: 3, at: 10, from: 'bot', message: { kind: 'text', text: BCB_EXAMPLE } }];
		expect(webchatEntriesView(entries)).toEqual([{ seq: 3, at: 10, from: 'bot', message: { kind: 'text', text: BCB_EXAMPLE, pix: BCB_EXAMPLE } }]);
	});
});

describe('typedChoiceOf', () => {
	const menu: WebchatEntry = {
		seq: 2,
		at: 1,
		from: 'bot',
		message: { kind: 'choices', text: 'Como podemos ajudar?', choices: [{ id: 'opcao_1', label: 'Comercial' }, { id: 'opcao_2', label: 'Suporte Técnico' }] },
	};
	const confirm: WebchatEntry = { seq: 5, at: 2, from: 'bot', message: { kind: 'choices', text: 'Confirma?', choices: [{ id: 'sim', label: 'Sim' }, { id: 'nao', label: 'Não' }] } };

	test('the number, the title (case and accents ignored) or the only title it starts', () => {
		expect(typedChoiceOf([menu], '2')).toEqual({ seq: 2, choice: { id: 'opcao_2', label: 'Suporte Técnico' } });
		expect(typedChoiceOf([menu], 'suporte tecnico')).toEqual({ seq: 2, choice: { id: 'opcao_2', label: 'Suporte Técnico' } });
		expect(typedChoiceOf([menu], 'Comerc')).toEqual({ seq: 2, choice: { id: 'opcao_1', label: 'Comercial' } });
	});

	test('only the newest question counts; no match or no question gives nothing', () => {
		const text: WebchatEntry = { seq: 6, at: 3, from: 'bot', message: { kind: 'text', text: 'Obrigado' } };
		expect(typedChoiceOf([menu, confirm, text], 'não')).toEqual({ seq: 5, choice: { id: 'nao', label: 'Não' } });
		expect(typedChoiceOf([menu, confirm], 'Comercial')).toBeUndefined();
		expect(typedChoiceOf([menu], 'quero cancelar')).toBeUndefined();
		expect(typedChoiceOf([text], '1')).toBeUndefined();
		const password: WebchatEntry = { seq: 7, at: 4, from: 'bot', message: { kind: 'text', text: 'Digite a nova senha', secretAnswer: true } };
		expect(typedChoiceOf([menu, password], 'Comercial')).toBeUndefined();
	});
});

describe('webchatStatusOf', () => {
	function conversation(overrides: Partial<Conversation>): Conversation {
		return {
			version: 2,
			id: 'c1',
			protocolo: 'p',
			channel: { type: 'webchat', accountId: 'a', triggerUrl: 'u' },
			contact: { id: 's' },
			tags: [],
			variables: {},
			state: 'human',
			inbox: [],
			history: [],
			context: [],
			createdAt: 0,
			updatedAt: 0,
			events: [],
			...overrides,
		};
	}

	test('nothing while the bot has the conversation, or after the human part ended', () => {
		expect(webchatStatusOf(undefined)).toBeUndefined();
		expect(webchatStatusOf(conversation({ state: 'waiting' }))).toBeUndefined();
		expect(webchatStatusOf(conversation({ state: 'ended' }))).toBeUndefined();
		expect(webchatStatusOf(conversation({ desk: 'painel', deskEndedAt: 5 }))).toBeUndefined();
	});

	test('waiting on the desk, then "<nome> entrou na conversa" once an agent takes it', () => {
		const waiting = conversation({ desk: 'painel', deskStatus: 'nova', transferredAt: 100 });
		expect(webchatStatusOf(waiting)).toEqual({ state: 'aguardando', text: 'Aguardando um atendente…' });
		const taken = { ...waiting, attendant: 'maria', attendantName: 'Maria Souza', deskStatus: 'aberta' as const, events: [{ at: 150, type: 'painel_atribuida', data: { atendente: 'maria' } }] };
		expect(webchatStatusOf(taken)).toEqual({ state: 'atendente', text: 'Maria Souza entrou na conversa' });
		expect(webchatStatusOf({ ...taken, attendantName: undefined })).toEqual({ state: 'atendente', text: 'maria entrou na conversa' });
	});

	test('a transfer straight to an agent waits until the agent acts; an earlier assignment does not count', () => {
		const direct = conversation({ desk: 'painel', deskStatus: 'aberta', attendant: 'joao', transferredAt: 100, events: [{ at: 50, type: 'painel_atribuida' }] });
		expect(webchatStatusOf(direct)?.state).toBe('aguardando');
		const wrote = { ...direct, history: [{ at: 120, from: 'atendente' as const, kind: 'text', text: 'Olá', agent: 'joao', status: 'enviada' as const }] };
		expect(webchatStatusOf(wrote)).toEqual({ state: 'atendente', text: 'joao entrou na conversa' });
	});

	test('the attendant API: a reply with no login says "Um atendente"', () => {
		const api = conversation({ transferredAt: 100, history: [{ at: 130, from: 'atendente', kind: 'text', text: 'Oi', status: 'enviada' }] });
		expect(webchatStatusOf(api)).toEqual({ state: 'atendente', text: 'Um atendente entrou na conversa' });
	});
});
