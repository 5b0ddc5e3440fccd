import { subFlowLabel, subFlowReference, subFlowUnavailable } from './sub-flow';

describe('subFlowReference', () => {
	it('reads the id and the name of a sub-flow picked from the list', () => {
		expect(subFlowReference({ __rl: true, mode: 'list', value: ' AtdComercial0001 ', cachedResultName: 'Atendimento - Comercial' })).toEqual({
			id: 'AtdComercial0001',
			name: 'Atendimento - Comercial',
		});
	});

	it('reads an id typed by hand (By ID) or a plain string, without a name', () => {
		expect(subFlowReference({ __rl: true, mode: 'id', value: '3Rk4' })).toEqual({ id: '3Rk4', name: undefined });
		expect(subFlowReference(' 3Rk4 ')).toEqual({ id: '3Rk4' });
	});

	it('gives an empty id for nothing chosen', () => {
		expect(subFlowReference('')).toEqual({ id: '' });
		expect(subFlowReference(undefined)).toEqual({ id: '' });
		expect(subFlowReference({ __rl: true, mode: 'list', value: '', cachedResultName: ' ' })).toEqual({ id: '', name: undefined });
	});
});

describe('subFlowUnavailable', () => {
	it('names the card and the sub-flow, and says how to fix it', () => {
		const failure = subFlowUnavailable('Vai para Suporte', { id: 'X1', name: 'Atendimento - Suporte' });
		expect(failure.message).toBe('O card "Vai para Suporte" não conseguiu iniciar o fluxo "Atendimento - Suporte" (id X1)');
		expect(failure.description).toMatch(/não existe nesta instalação ou não está publicado/);
		expect(subFlowLabel({ id: 'X1' })).toBe('de id X1');
	});
});
