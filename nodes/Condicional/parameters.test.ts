import { NodeHelpers, type INode, type INodeParameters } from 'n8n-workflow';

import { Condicional } from './Condicional.node';
import { checkVariableRulesFilledIn } from './parameters';

const rule = { outputName: 'Plano alto', valueSource: 'variable', variableName: 'plano', comparison: 'greaterThan', compareTo: '500' };

describe('Condicional "Variável": a rule without its output name or value', () => {
	it('is refused at execution with a pt-BR error naming the rule', () => {
		expect(() => checkVariableRulesFilledIn({ values: [rule, { ...rule, outputName: '  ' }] })).toThrow('Regra 2 do Condicional sem "Nome da saída"');
		expect(() => checkVariableRulesFilledIn({ values: [{ ...rule, valueSource: 'expression', value: '' }] })).toThrow('Regra 1 ("Plano alto") sem "Valor"');
		expect(() => checkVariableRulesFilledIn({ values: [{ ...rule, variableName: '' }] })).toThrow('Regra 1 ("Plano alto") sem "Variável"');
	});

	it('lets filled rules through, an expression counting as a value whatever it yields', () => {
		expect(() => checkVariableRulesFilledIn({ values: [rule, { ...rule, outputName: 'Zero', valueSource: 'expression', value: '={{ $json.vazio }}' }] })).not.toThrow();
		expect(() => checkVariableRulesFilledIn({})).not.toThrow();
	});

	it('is flagged by n8n’s editor as missing required fields', () => {
		const description = new Condicional().description;
		const node: INode = { id: '1', name: 'Condicional', type: 'n8n-nodes-atendimento.condicional', typeVersion: 1, position: [0, 0], parameters: {} };
		const withRules = (values: INodeParameters[]) => {
			node.parameters = NodeHelpers.getNodeParameters(description.properties, { conditionType: 'variable', rules: { values } }, true, false, node, description)!;
			return NodeHelpers.getNodeParametersIssues(description.properties, node, description)?.parameters ?? {};
		};
		expect(withRules([rule])).toEqual({});
		expect(Object.keys(withRules([{ ...rule, outputName: '' }]))).toEqual([expect.stringMatching(/outputName$/)]);
		expect(Object.keys(withRules([{ ...rule, valueSource: 'expression', value: '' }]))).toEqual([expect.stringMatching(/(^|\.)value$/)]);
	});
});
