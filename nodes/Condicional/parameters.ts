import { DEFAULT_WEEKLY_HOURS } from './description/business-hours';
import type { ChannelRule } from './evaluate/channel';
import type { BusinessHoursInput } from './evaluate/business-hours';
import { DEFAULT_TIME_ZONE } from './evaluate/clock';
import type { ShiftInput } from './evaluate/shift';
import { DIAGNOSTIC_VARIABLE } from '../shared/erp/diagnostic';
import { ConditionConfigError } from './evaluate/errors';

export type ConditionType =
	| 'channel'
	| 'branch'
	| 'businessHours'
	| 'shift'
	| 'tag'
	| 'variable'
	| 'personType'
	| 'origin'
	| 'diagnostic'
	| 'team'
	| 'idleTime';

/** Variable a new Variável rule compares: the one Enviar Pergunta saves answers in by default. */
export const DEFAULT_RULE_VARIABLE = 'resposta';

/** One Variável rule as configured; its value is resolved per conversation. */
export interface VariableRuleParameters {
	outputName?: string;
	valueSource?: 'variable' | 'expression';
	variableName?: string;
	value?: unknown;
	comparison?: string;
	compareTo?: unknown;
	ignoreCase?: boolean;
}

/** The parameters of the selected kind (the others are not read). */
export type ConditionParameters =
	| { conditionType: 'channel'; channels: Array<ChannelRule & { outputName?: string }> }
	| { conditionType: 'branch'; branches: string[] }
	| { conditionType: 'businessHours'; businessHours: BusinessHoursInput }
	| { conditionType: 'shift'; shift: ShiftInput }
	| { conditionType: 'tag'; tags: string[] }
	| { conditionType: 'variable'; rules: VariableRuleParameters[] }
	| { conditionType: 'personType' }
	| { conditionType: 'origin' }
	| { conditionType: 'diagnostic'; diagnosticVariable: string }
	| { conditionType: 'team'; teams: string[] }
	| { conditionType: 'idleTime'; idleHours: number };

/** Reads one parameter of the current item, `fallback` when it is not set or not shown. */
export type ParameterReader = (name: string, fallback: unknown) => unknown;

function stringList(value: unknown): string[] {
	return (Array.isArray(value) ? value : []).map((entry) => (typeof entry === 'string' ? entry : String(entry ?? '')));
}

function valuesOf<T>(collection: unknown): T[] {
	const values = (collection as { values?: unknown } | undefined)?.values;
	return Array.isArray(values) ? (values as T[]) : [];
}

const blank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Refuses a "Variável" rule left without its output name or the value it compares, naming the rule: the
 * editor marks these fields as required, and a flow imported or saved with one empty stops here instead of
 * routing to an output called "Regra 1". Reads the rules as saved (`node.parameters.rules`), before n8n
 * resolves expressions, so an expression that yields an empty text is still a value.
 */
export function checkVariableRulesFilledIn(rules: unknown): void {
	valuesOf<VariableRuleParameters>(rules).forEach((rule, index) => {
		const position = index + 1;
		if (blank(rule.outputName)) {
			throw new ConditionConfigError(
				`Regra ${position} do Condicional sem "Nome da saída"`,
				`Cada regra vira uma saída do card. Abra a regra ${position} em "Regras" e preencha "Nome da saída" (ex.: "Plano alto"); é o nome que aparece na saída e no histórico do atendimento.`,
			);
		}
		const name = `Regra ${position} ("${String(rule.outputName).trim()}")`;
		if ((rule.valueSource ?? 'variable') === 'expression' && blank(rule.value)) {
			throw new ConditionConfigError(
				`${name} sem "Valor"`,
				'Com "Comparar: Valor ou expressão", preencha "Valor" com o que a regra compara, normalmente uma expressão (ex.: {{ $json.plano }}). Para comparar uma variável da conversa, escolha "Variável do atendimento".',
			);
		}
		if ((rule.valueSource ?? 'variable') === 'variable' && rule.variableName !== undefined && blank(rule.variableName)) {
			throw new ConditionConfigError(`${name} sem "Variável"`, 'Preencha "Variável" com o nome da variável da conversa a comparar (ex.: resposta, ou fatura.valor).');
		}
	});
}

/** The parameters of one item (every parameter is read per item index). */
export function readConditionParameters(read: ParameterReader): ConditionParameters {
	const conditionType = read('conditionType', 'businessHours') as ConditionType;
	switch (conditionType) {
		case 'channel':
			return { conditionType, channels: valuesOf(read('channels', {})) };
		case 'branch':
			return { conditionType, branches: stringList(read('branches', [])) };
		case 'businessHours':
			return {
				conditionType,
				businessHours: {
					intervals: valuesOf(read('weeklyHours', DEFAULT_WEEKLY_HOURS)),
					holidays: String(read('holidays', '') ?? ''),
					timeZone: String(read('timeZone', DEFAULT_TIME_ZONE) ?? ''),
				},
			};
		case 'shift':
			return {
				conditionType,
				shift: {
					starts: {
						manha: String(read('morningStart', '06:00')),
						tarde: String(read('afternoonStart', '12:00')),
						noite: String(read('eveningStart', '18:00')),
						madrugada: String(read('overnightStart', '00:00')),
					},
					timeZone: String(read('timeZone', DEFAULT_TIME_ZONE) ?? ''),
				},
			};
		case 'tag':
			return { conditionType, tags: stringList(read('tags', [])) };
		case 'variable':
			return { conditionType, rules: valuesOf(read('rules', {})) };
		case 'team':
			return { conditionType, teams: stringList(read('teams', [])) };
		case 'idleTime':
			return { conditionType, idleHours: Math.max(0, Number(read('idleHours', 1)) || 0) };
		case 'diagnostic':
			return { conditionType, diagnosticVariable: String(read('diagnosticVariable', DIAGNOSTIC_VARIABLE) ?? '') };
		default:
			return { conditionType };
	}
}
