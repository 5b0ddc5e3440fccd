import type { HistoryEntry } from '../shared/conversation/types';
import { asksForPerson, chosenExit, exitsOf, memoryOf, readAnswer, systemMessage, truncateAtSentence, type AgentParameters } from './dialog';

const parameters: AgentParameters = {
	greeting: '',
	companyInfo: '',
	instructions: 'Você é o assistente da Provedor Exemplo.',
	exits: { values: [{ name: 'Menu', words: 'menu, voltar ao menu' }, { name: 'Sem palavras', words: ' ' }, { name: '', words: 'x' }] },
	handoffWords: 'atendente, falar com uma pessoa',
	maxTurns: 5,
	maxTurnsMessage: '',
	maxAnswerLength: 300,
	allowPersonalData: false,
	modelTimeoutSeconds: 10,
	fallbackMessage: '',
	timeoutMinutes: 0,
};

describe('exits and handoff words', () => {
	test('an exit needs a name and a word; a short message picks it by a whole word, without accents or case', () => {
		const exits = exitsOf(parameters);
		expect(exits).toEqual([{ name: 'Menu', words: ['menu', 'voltar ao menu'] }]);
		expect(chosenExit('MENU', exits)?.name).toBe('Menu');
		expect(chosenExit('quero voltar ao menu!', exits)?.name).toBe('Menu');
		expect(chosenExit('menu por favor', exits)?.name).toBe('Menu');
		expect(chosenExit('vocês têm um menu de canais de TV no plano?', exits)).toBeUndefined();
		expect(chosenExit('menuzinho', exits)).toBeUndefined();
	});

	test('asking for a person', () => {
		expect(asksForPerson('quero falar com um atendente', ['atendente'])).toBe(true);
		expect(asksForPerson('Quero FALAR com uma pessoa.', ['falar com uma pessoa'])).toBe(true);
		expect(asksForPerson('qual o atendimento de sábado?', ['atendente'])).toBe(false);
	});
});

describe('readAnswer', () => {
	test('finds and removes the handoff marker, in any case and spacing', () => {
		expect(readAnswer('[TRANSFERIR]')).toEqual({ text: '', handoff: true });
		expect(readAnswer('Vou chamar alguém. [ transferir ]')).toEqual({ text: 'Vou chamar alguém.', handoff: true });
		expect(readAnswer('O plano custa R$ 99.')).toEqual({ text: 'O plano custa R$ 99.', handoff: false });
	});
});

describe('truncateAtSentence', () => {
	test('keeps a short answer and cuts a long one at the end of a sentence', () => {
		expect(truncateAtSentence('  Curta.  ', 100)).toBe('Curta.');
		const long = 'Primeira frase aqui. Segunda frase um pouco maior! Terceira frase que não cabe inteira no limite.';
		expect(truncateAtSentence(long, 60)).toBe('Primeira frase aqui. Segunda frase um pouco maior!');
		expect(truncateAtSentence(long, 60).length).toBeLessThanOrEqual(60);
	});

	test('without a sentence end in the first half, cuts at a space with an ellipsis', () => {
		const result = truncateAtSentence('uma frase muito longa sem ponto nenhum que segue e segue e segue', 30);
		expect(result).toBe('uma frase muito longa sem…');
		expect(result.length).toBeLessThanOrEqual(30);
	});
});

describe('systemMessage', () => {
	test('carries the instructions, the company information, the limits, the handoff marker and the exits', () => {
		const text = systemMessage(parameters, 'Plano 300 Mega: R$ 99,90.', exitsOf(parameters), true);
		expect(text.startsWith('Você é o assistente da Provedor Exemplo.')).toBe(true);
		expect(text).toContain('Plano 300 Mega: R$ 99,90.');
		expect(text).toContain('no máximo 300 caracteres');
		expect(text).toContain('e o que as ferramentas retornarem');
		expect(text).toContain('responda apenas [TRANSFERIR]');
		expect(text).toContain('para "Menu", o cliente digita: menu, voltar ao menu');
		expect(text).toContain('chegam mascarados');
		expect(systemMessage({ ...parameters, allowPersonalData: true }, '', [], false)).not.toContain('mascarados');
	});
});

describe('memoryOf', () => {
	const entry = (at: number, from: HistoryEntry['from'], text: string, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
		at,
		from,
		kind: 'text',
		text,
		status: from === 'cliente' ? 'resposta' : 'enviada',
		...extra,
	});
	const history: HistoryEntry[] = [
		entry(1, 'cliente', 'oi (antes do card)'),
		entry(10, 'bot', 'Olá! Sou o assistente.'),
		entry(11, 'cliente', 'meu cpf é 529.982.247-25, quanto custa?', { messageId: 'm1' }),
		entry(12, 'bot', 'O plano custa R$ 99.'),
		entry(13, 'bot', 'falhou', { status: 'falhou' }),
		entry(14, 'cliente', 'e a instalação?', { messageId: 'm2' }),
	];

	test('the dialog since the card started, oldest first, without the message being answered, personal data masked', () => {
		expect(memoryOf(history, 10, 'm2', false)).toEqual([
			{ role: 'assistant', content: 'Olá! Sou o assistente.' },
			{ role: 'user', content: 'meu cpf é 529.***.***-25, quanto custa?' },
			{ role: 'assistant', content: 'O plano custa R$ 99.' },
		]);
		expect(memoryOf(history, 10, 'm2', true)[1].content).toBe('meu cpf é 529.982.247-25, quanto custa?');
	});

	test('keeps only the newest messages', () => {
		const many = Array.from({ length: 50 }, (_, index) => entry(index, 'cliente', `pergunta ${index}`));
		const memory = memoryOf(many, 0, undefined, true);
		expect(memory).toHaveLength(20);
		expect(memory[19].content).toBe('pergunta 49');
	});
});
