import type { Conversation } from '../shared/conversation/types';
import { DIAGNOSTIC_VARIABLE } from '../shared/erp/diagnostic';
import { allTags } from '../shared/runtime/atendimento';
import { matchBranch } from './evaluate/branch';
import { checkBusinessHours, parseBusinessHours } from './evaluate/business-hours';
import { matchChannel } from './evaluate/channel';
import { DIAGNOSTIC_OUTPUTS, diagnosticOutput } from './evaluate/diagnostic';
import { ConditionConfigError } from './evaluate/errors';
import { isAdReferral } from './evaluate/origin';
import { personTypeOf } from './evaluate/person-type';
import { parseShiftSchedule, shiftAt } from './evaluate/shift';
import { matchedTags } from './evaluate/tag';
import { firstMatchingRule, readVariable, type VariableRule } from './evaluate/variable';
import { conditionOutputNames, type OutputParameters } from './outputs';
import { currentTeamOf, idleMsBefore } from '../shared/keyword-triggers/interaction';
import { idleMatches } from '../shared/keyword-triggers/rules';
import { normalizeForMatch } from '../shared/text/normalize';
import { DEFAULT_RULE_VARIABLE, type ConditionParameters, type VariableRuleParameters } from './parameters';

/** What the card knows about one item when it decides. */
export interface ConditionFacts {
	conversation: Conversation;
	/**
	 * Tags the item carries (`json.atendimento.etiquetas`), matched together with the stored
	 * conversation and contact tags (`allTags`).
	 */
	itemTags: string[];
	/** Epoch ms of the decision. */
	now: number;
}

/** The output an item leaves by, and what led there (the item's `condicional` field). */
export interface Routing {
	output: number;
	detail: Record<string, unknown>;
}

/** Index of a list match, or the fallback output right after the list. */
function listOutput(index: number, listLength: number): number {
	return index >= 0 ? index : listLength;
}

function resolveRule(rule: VariableRuleParameters, conversation: Conversation): VariableRule {
	return {
		value: rule.valueSource === 'expression' ? rule.value : readVariable(conversation.variables, rule.variableName ?? DEFAULT_RULE_VARIABLE),
		comparison: rule.comparison ?? 'equals',
		compareTo: typeof rule.compareTo === 'string' ? rule.compareTo : String(rule.compareTo ?? ''),
		ignoreCase: rule.ignoreCase ?? true,
	};
}

function decide(parameters: ConditionParameters, facts: ConditionFacts): Routing {
	const { conversation } = facts;
	switch (parameters.conditionType) {
		case 'channel': {
			const index = matchChannel(parameters.channels, conversation.channel);
			return {
				output: listOutput(index, parameters.channels.length),
				detail: { canal: conversation.channel.type, conta: conversation.channel.accountId },
			};
		}
		case 'branch': {
			const index = matchBranch(parameters.branches, conversation.channel.branch);
			return { output: listOutput(index, parameters.branches.length), detail: { filial: conversation.channel.branch ?? null } };
		}
		case 'businessHours': {
			const hours = parseBusinessHours(parameters.businessHours);
			const verdict = checkBusinessHours(hours, facts.now);
			return {
				output: verdict.inside ? 0 : 1,
				detail: { horarioLocal: verdict.localTime, fusoHorario: hours.timeZone, feriado: verdict.holiday ?? null },
			};
		}
		case 'shift': {
			const schedule = parseShiftSchedule(parameters.shift);
			const current = shiftAt(schedule, facts.now);
			return { output: current.output, detail: { turno: current.shift, horarioLocal: current.localTime, fusoHorario: schedule.timeZone } };
		}
		case 'tag': {
			const found = matchedTags(parameters.tags, [...allTags(conversation), ...facts.itemTags]);
			return { output: found.length > 0 ? 0 : 1, detail: { etiquetasEncontradas: found } };
		}
		case 'variable': {
			const rules = parameters.rules.map((rule) => resolveRule(rule, conversation));
			const index = firstMatchingRule(rules);
			return {
				output: listOutput(index, rules.length),
				detail: { regra: index >= 0 ? index + 1 : null, valor: index >= 0 ? (rules[index].value ?? null) : null },
			};
		}
		case 'personType': {
			const personType = personTypeOf(conversation.customer);
			return { output: personType === 'fisica' ? 0 : personType === 'juridica' ? 1 : 2, detail: { tipoCadastro: personType ?? null } };
		}
		case 'origin': {
			const fromAd = isAdReferral(conversation.referral);
			return { output: fromAd ? 0 : 1, detail: { anuncio: fromAd ? conversation.referral : null } };
		}
		case 'team': {
			const team = currentTeamOf(conversation);
			const index = team === undefined ? -1 : parameters.teams.findIndex((listed) => normalizeForMatch(listed) !== '' && normalizeForMatch(listed) === normalizeForMatch(team));
			const output = team === undefined ? parameters.teams.length + 1 : listOutput(index, parameters.teams.length);
			return { output, detail: { equipe: team ?? null } };
		}
		case 'idleTime': {
			const idleMs = idleMsBefore(conversation);
			const more = idleMatches({ operator: 'moreThan', hours: parameters.idleHours }, idleMs);
			return { output: more ? 0 : 1, detail: { horasSemInteracao: idleMs === undefined ? null : Math.round((idleMs / 3_600_000) * 100) / 100 } };
		}
		case 'diagnostic': {
			const name = parameters.diagnosticVariable.trim() || DIAGNOSTIC_VARIABLE;
			const { output, result } = diagnosticOutput(readVariable(conversation.variables, name));
			return { output: listOutput(output, DIAGNOSTIC_OUTPUTS.length), detail: { diagnostico: result ?? null } };
		}
		default:
			throw new ConditionConfigError(
				`Tipo de condição "${(parameters as { conditionType: string }).conditionType}" desconhecido`,
				'Escolha um tipo em "Tipo de condição".',
			);
	}
}

function outputParametersOf(parameters: ConditionParameters): OutputParameters {
	switch (parameters.conditionType) {
		case 'channel':
			return { conditionType: 'channel', channels: { values: parameters.channels } };
		case 'branch':
			return { conditionType: 'branch', branches: parameters.branches };
		case 'variable':
			return { conditionType: 'variable', rules: { values: parameters.rules } };
		case 'team':
			return { conditionType: 'team', teams: parameters.teams };
		case 'idleTime':
			return { conditionType: 'idleTime', idleHours: parameters.idleHours };
		default:
			return { conditionType: parameters.conditionType };
	}
}

/**
 * Decides which output an item leaves by. Pure but for the clock, given in `facts.now`. Throws a
 * {@link ConditionConfigError} for a parameter it cannot work with.
 */
export function routeCondition(parameters: ConditionParameters, facts: ConditionFacts): Routing {
	const routing = decide(parameters, facts);
	const names = conditionOutputNames(outputParametersOf(parameters));
	return { output: routing.output, detail: { tipo: parameters.conditionType, saida: names[routing.output], ...routing.detail } };
}
