import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Choice, InboundContent } from '../shared/channels/types';
import { outputItem } from '../shared/runtime/atendimento';
import { enterCard } from '../shared/runtime/card';
import { answerOf, chosenButton } from './config';

const TRIGGER_TYPE_SUFFIX = '.atendimentoTrigger';

function contentOf(value: unknown): InboundContent | undefined {
	const content = (value as { content?: { kind?: unknown } } | undefined)?.content;
	return typeof content?.kind === 'string' ? (content as InboundContent) : undefined;
}

/**
 * The message that started the execution: the trigger's `mensagem` on the item, or, when a node in
 * between replaced the item, the trigger's item reached through n8n's paired items.
 */
function startingContent(context: IExecuteFunctions, itemIndex: number): InboundContent | undefined {
	const own = contentOf(context.getInputData()[itemIndex].json.mensagem);
	if (own) return own;
	const trigger = context.getParentNodes(context.getNode().name).find((parent) => parent.type.endsWith(TRIGGER_TYPE_SUFFIX));
	if (!trigger) return undefined;
	try {
		return contentOf(context.evaluateExpression(`{{ $(${JSON.stringify(trigger.name)}).item.json.mensagem }}`, itemIndex));
	} catch {
		return undefined;
	}
}

/**
 * "Rotear resposta de disparo": the customer answered a broadcast template by tapping one of its
 * buttons; WhatsApp delivers that as a new message, which starts a new atendimento. Each item goes
 * out of the output of the button its first message chose, or out of "Outra mensagem".
 */
export async function routeBroadcastReplies(context: IExecuteFunctions, choices: Choice[]): Promise<INodeExecutionData[][]> {
	const otherMessage = choices.length;
	const outputs: INodeExecutionData[][] = Array.from({ length: choices.length + 1 }, () => []);
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const conversation = await enterCard(context, itemIndex);
			const content = startingContent(context, itemIndex);
			const choice = content && chosenButton(content, choices);
			const answer: IDataObject = choice ? answerOf(choice) : { resposta: null, opcao: null };
			outputs[choice ? choices.indexOf(choice) : otherMessage].push(outputItem(items[itemIndex], conversation, itemIndex, answer));
		} catch (error) {
			if (!context.continueOnFail()) throw error;
			outputs[otherMessage].push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
		}
	}
	return outputs;
}
