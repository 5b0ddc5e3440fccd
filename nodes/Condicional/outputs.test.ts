import { conditionOutputNames, conditionOutputsExpression } from './outputs';

describe('Condicional outputs', () => {
	it('lists one output per channel (named by type, account or the given name), then "Outros"', () => {
		expect(
			conditionOutputNames({
				conditionType: 'channel',
				channels: { values: [{ channel: 'whatsapp' }, { channel: 'whatsapp', accountId: ' 1111 ' }, { channel: 'webchat', outputName: 'Site' }, { channel: 'x' }] },
			}),
		).toEqual(['WhatsApp', 'WhatsApp (1111)', 'Site', 'Canal 4', 'Outros']);
		expect(conditionOutputNames({ conditionType: 'channel' })).toEqual(['Outros']);
	});

	it('lists one output per branch, then "Outras"', () => {
		expect(conditionOutputNames({ conditionType: 'branch', branches: ['Centro', ' '] })).toEqual(['Centro', 'Filial 2', 'Outras']);
		expect(conditionOutputNames({ conditionType: 'branch' })).toEqual(['Outras']);
	});

	it('lists one output per Variável rule, then "Nenhuma regra"', () => {
		expect(conditionOutputNames({ conditionType: 'variable', rules: { values: [{ outputName: 'Plano alto' }, {}] } })).toEqual([
			'Plano alto',
			'Regra 2',
			'Nenhuma regra',
		]);
	});

	it('has fixed outputs for the other kinds, Período de atendimento by default', () => {
		expect(conditionOutputNames({})).toEqual(['Dentro do horário', 'Fora do horário']);
		expect(conditionOutputNames({ conditionType: 'shift' })).toEqual(['Manhã', 'Tarde', 'Noite', 'Madrugada']);
		expect(conditionOutputNames({ conditionType: 'tag' })).toEqual(['Tem etiqueta', 'Não tem etiqueta']);
		expect(conditionOutputNames({ conditionType: 'personType' })).toEqual(['Pessoa física', 'Pessoa jurídica', 'Sem cadastro']);
		expect(conditionOutputNames({ conditionType: 'origin' })).toEqual(['Anúncio (click-to-WhatsApp)', 'Orgânico']);
		expect(conditionOutputNames({ conditionType: 'diagnostic' })).toEqual([
			'Inativo',
			'Bloqueado',
			'Desbloqueio de confiança ativo',
			'Financeiro em atraso',
			'Offline',
			'Online',
			'Ativo',
			'Sem diagnóstico',
		]);
	});

	it('Equipe atual: one output per team, then "Outra equipe" and "Sem equipe"; Tempo sem interação: by the hours', () => {
		expect(conditionOutputNames({ conditionType: 'team', teams: ['Comercial', ' '] })).toEqual(['Comercial', 'Equipe 2', 'Outra equipe', 'Sem equipe']);
		expect(conditionOutputNames({ conditionType: 'team' })).toEqual(['Outra equipe', 'Sem equipe']);
		expect(conditionOutputNames({ conditionType: 'idleTime', idleHours: 1.5 })).toEqual(['Mais de 1,5 h', 'Até 1,5 h']);
		expect(conditionOutputNames({ conditionType: 'idleTime' })).toEqual(['Mais de 1 h', 'Até 1 h']);
	});

	it('serialises into the description expression, which n8n evaluates with the node parameters', () => {
		const body = conditionOutputsExpression.slice('={{'.length, -'}}'.length);
		expect(body).not.toMatch(/\{\{|\}\}/); // n8n would cut the expression at a nested brace pair
		const evaluate = new Function('$parameter', `return ${body};`) as (parameters: object) => Array<{ type: string; displayName: string }>;
		expect(evaluate({ conditionType: 'branch', branches: ['Centro'] })).toEqual([
			{ type: 'main', displayName: 'Centro' },
			{ type: 'main', displayName: 'Outras' },
		]);
	});
});
