import { isNo, isYes } from './confirmation';
import * as match from './match';

describe('isYes', () => {
	const yesAnswers = ['sim', 'Sim', 'SIM!', 's', 'S', 'yes', 'ok', 'OK.', 'claro', 'Confirmo', 'confirmado', 'isso', 'certo'];
	const yesWithEmojiOrSeveralWords = ['Sim, confirmo', 'ok sim', '👍', '👍🏽', ' 👍️ ', 'ok 👍', 'sim 😀'];
	it.each([...yesAnswers, ...yesWithEmojiOrSeveralWords])('%p is yes', (answer) => {
		expect(isYes(answer)).toBe(true);
		expect(isNo(answer)).toBe(false);
	});
});

describe('isNo', () => {
	it.each(['não', 'Não', 'NÃO!', 'nao', 'n', 'N', 'no', 'negativo', 'Não, negativo', '👎', '👎🏻'])('%p is no', (answer) => {
		expect(isNo(answer)).toBe(true);
		expect(isYes(answer)).toBe(false);
	});
});

describe('neither yes nor no', () => {
	it.each(['', '   ', 'talvez', 'sim não', 'não sei', 'sim mas depois', 'simples', 'nada', 'sim 👎', '😀', '1', '👍👎'])('%p', (answer) => {
		expect(isYes(answer)).toBe(false);
		expect(isNo(answer)).toBe(false);
	});
});

describe('re-export', () => {
	it('offers isYes/isNo next to matchChoice', () => {
		expect(match.isYes).toBe(isYes);
		expect(match.isNo).toBe(isNo);
	});
});
