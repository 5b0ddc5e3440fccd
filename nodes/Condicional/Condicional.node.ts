import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { outputItem } from '../shared/runtime/atendimento';
import { endIfLastCard, enterCard } from '../shared/runtime/card';
import { conditionProperties } from './description';
import { ConditionConfigError } from './evaluate/errors';
import { conditionOutputsExpression } from './outputs';
import { checkVariableRulesFilledIn, readConditionParameters } from './parameters';
import { routeCondition } from './route';

/** Tags an item carries in `atendimento.etiquetas` (strings only). */
function itemTagsOf(item: INodeExecutionData): string[] {
	const tags = (item.json.atendimento as IDataObject | undefined)?.etiquetas;
	return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

/**
 * "Condicional": routes each atendimento to the output its condition picks (Canal, Filial, Período
 * de atendimento, Turno, Etiqueta, Variável, Tipo de cadastro, Origem, Diagnóstico, Equipe atual, Tempo
 * sem interação). The outputs are
 * computed from the parameters; the decision lives in `route.ts` and `evaluate/`.
 */
export class Condicional implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Condicional',
		name: 'condicional',
		icon: 'file:condicional.svg',
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"channel":"Canal","branch":"Filial","businessHours":"Período de atendimento","shift":"Turno","tag":"Etiqueta","variable":"Variável","personType":"Tipo de cadastro","origin":"Origem do atendimento","diagnostic":"Diagnóstico","team":"Equipe atual","idleTime":"Tempo sem interação"}[$parameter["conditionType"]] }}',
		description: 'Direciona o atendimento por canal, filial, horário, turno, etiqueta, variável, tipo de cadastro, origem, diagnóstico, equipe atual ou tempo sem interação',
		defaults: { name: 'Condicional' },
		inputs: [NodeConnectionTypes.Main],
		outputs: conditionOutputsExpression,
		properties: conditionProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outputs: INodeExecutionData[][] = this.getNodeOutputs().map(() => []);
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const conversation = await enterCard(this, itemIndex);
				const parameters = readConditionParameters((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
				if (parameters.conditionType === 'variable') checkVariableRulesFilledIn(this.getNode().parameters.rules);
				const routing = routeCondition(parameters, { conversation, itemTags: itemTagsOf(items[itemIndex]), now: Date.now() });
				await endIfLastCard(this, conversation.id);
				outputs[routing.output].push(outputItem(items[itemIndex], conversation, itemIndex, { condicional: routing.detail as IDataObject }));
			} catch (error) {
				const failure =
					error instanceof ConditionConfigError
						? new NodeOperationError(this.getNode(), error.message, { itemIndex, description: error.description })
						: error;
				if (!this.continueOnFail()) throw failure;
				outputs[0].push({ json: { error: (failure as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return outputs;
	}
}
