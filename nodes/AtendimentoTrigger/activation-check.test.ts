import type { IHookFunctions, INode, NodeTypeAndVersion } from 'n8n-workflow';

import { assertFlowReady, flowSetupProblems } from './activation-check';

const card = (name: string, workflowId: unknown, extra: Partial<NodeTypeAndVersion> = {}): NodeTypeAndVersion => ({
	name,
	type: 'n8n-nodes-atendimento.executarFluxo',
	typeVersion: 1,
	disabled: false,
	parameters: { workflowId: workflowId as string },
	...extra,
});

describe('flowSetupProblems', () => {
	it('accepts sub-flows chosen from the list or by id, expressions, disabled cards and other nodes', () => {
		expect(
			flowSetupProblems([
				card('Vai para Comercial', { __rl: true, mode: 'list', value: 'AtdComercial0001', cachedResultName: 'Atendimento - Comercial' }),
				card('Por id', { __rl: true, mode: 'id', value: '3Rk4abc' }),
				card('Por expressão', '={{ $json.fluxo }}'),
				card('Desligado', '', { disabled: true }),
				{ name: 'Boas-vindas', type: 'n8n-nodes-atendimento.enviarMensagem', typeVersion: 1, disabled: false, parameters: {} },
			]),
		).toEqual([]);
	});

	it('names each Executar Fluxo with no flow or with a template placeholder', () => {
		expect(
			flowSetupProblems([
				card('Vai para Suporte', { __rl: true, mode: 'list', value: '' }),
				card('Vai para Financeiro', { __rl: true, mode: 'list', value: 'template:financeiro.json', cachedResultName: 'Atendimento - Financeiro' }),
			]),
		).toEqual([
			'o card "Vai para Suporte" (Executar Fluxo) não tem fluxo escolhido',
			'o card "Vai para Financeiro" (Executar Fluxo) ainda aponta para o modelo financeiro.json, não para um fluxo desta instalação',
		]);
	});
});

describe('assertFlowReady (trigger activation hook)', () => {
	const trigger = { name: 'Início do Atendimento', type: 'n8n-nodes-atendimento.atendimentoTrigger', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
	const context = (mode: string, children: NodeTypeAndVersion[]) => {
		const getChildNodes = jest.fn(() => children);
		return { hook: { getMode: () => mode, getNode: () => trigger, getChildNodes } as unknown as IHookFunctions, getChildNodes };
	};

	it('refuses to activate with a pt-BR message naming the card, reading the cards after the trigger with their parameters', () => {
		const { hook, getChildNodes } = context('trigger', [card('Vai para Suporte', '')]);
		expect(() => assertFlowReady(hook)).toThrow('O fluxo não pode ser publicado: o card "Vai para Suporte" (Executar Fluxo) não tem fluxo escolhido');
		expect(getChildNodes).toHaveBeenCalledWith('Início do Atendimento', { includeNodeParameters: true });
	});

	it('lets a flow without mistakes activate, and never blocks an editor test run', () => {
		expect(() => assertFlowReady(context('trigger', [card('Ok', 'abc')]).hook)).not.toThrow();
		expect(() => assertFlowReady(context('manual', [card('Vai para Suporte', '')]).hook)).not.toThrow();
	});
});
