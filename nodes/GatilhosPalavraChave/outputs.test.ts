import { triggerOutputIndexes, triggerOutputNames, triggerOutputsExpression } from './outputs';
import { readTriggerRules } from './parameters';

const rules = [
	{ description: 'Boas-vindas', ruleAction: 'message' },
	{ description: 'Comercial', ruleAction: 'team', handToDesk: false },
	{ description: ' Atendimento comercial ', ruleAction: 'team' },
	{ description: '', ruleAction: 'flow' },
];

describe('outputs of Gatilhos por Palavra-chave', () => {
	it('one output per rule that ends the card (flow, team to the Painel), then "Nenhum gatilho"', () => {
		expect(triggerOutputNames({ rules: { values: rules } })).toEqual(['Atendimento comercial', 'Regra 4', 'Nenhum gatilho']);
		expect(triggerOutputNames({})).toEqual(['Nenhum gatilho']);
	});

	it('"Sem resposta" only with a waiting time', () => {
		expect(triggerOutputNames({ rules: { values: rules }, timeoutMinutes: 5 })).toEqual(['Atendimento comercial', 'Regra 4', 'Nenhum gatilho', 'Sem resposta']);
	});

	it('indexes of the rules as the card reads them agree with the names', () => {
		expect(triggerOutputIndexes(readTriggerRules({ values: rules }))).toEqual({ rules: [undefined, undefined, 0, 1], none: 2, noAnswer: 3 });
	});

	it('the expression is self-contained: it runs on its own', () => {
		const body = triggerOutputsExpression.slice(3, -2);
		const evaluate = new Function('$parameter', `return ${body};`) as (parameter: unknown) => Array<{ displayName: string }>;
		expect(evaluate({ rules: { values: rules } }).map((output) => output.displayName)).toEqual(['Atendimento comercial', 'Regra 4', 'Nenhum gatilho']);
	});
});

describe('readTriggerRules', () => {
	it('fills what n8n leaves out with the defaults and refuses unknown options', () => {
		expect(readTriggerRules({ values: [{ keywords: 'a, b', teamOperator: 'weird', ruleAction: 'team', actionTeam: ' Comercial ' }] })).toEqual([
			{
				description: '',
				team: { operator: 'any', team: '' },
				idle: { operator: 'any', hours: 1 },
				keywords: 'a, b',
				action: 'team',
				actionTeam: 'Comercial',
				handToDesk: true,
				message: '',
			},
		]);
		expect(readTriggerRules(undefined)).toEqual([]);
	});
});
