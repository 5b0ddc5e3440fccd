import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { BroadcastReply, Choice, InboundContent } from '../shared/channels/types';
import { outputItem } from '../shared/runtime/atendimento';
import { enterCard } from '../shared/runtime/card';
import { answerOf, chosenButton } from './config';

const TRIGGER_TYPE_SUFFIX = '.atendimentoTrigger';

/** What the card reads of the message that started the execution. */
interface StartingMessage {
	content: InboundContent;
	broadcastReply?: BroadcastReply;
}

function messageOf(value: unknown): StartingMessage | undefined {
	const message = value as { content?: { kind?: unknown }; broadcastReply?: BroadcastReply } | undefined;
	if (typeof message?.content?.kind !== 'string') return undefined;
	return { content: message.content as InboundContent, ...(message.broadcastReply ? { broadcastReply: message.broadcastReply } : {}) };
}

/**
 * The message that started the execution: the trigger's `mensagem` on the item, or, when a node in
 * between replaced the item, the trigger's item reached through n8n's paired items.
 */
function startingMessage(context: IExecuteFunctions, itemIndex: number): StartingMessage | undefined {
	const own = messageOf(context.getInputData()[itemIndex].json.mensagem);
	if (own) return own;
	const trigger = context.getParentNodes(context.getNode().name).find((parent) => parent.type.endsWith(TRIGGER_TYPE_SUFFIX));
	if (!trigger) return undefined;
	try {
		return messageOf(context.evaluateExpression(`{{ $(${JSON.stringify(trigger.name)}).item.json.mensagem }}`, itemIndex));
	} catch {
		return undefined;
	}
}

/**
 * Whether `campaign` is the one the card checks: the same name ignoring case, `*` standing for any
 * run of characters (`lembrete-vencimento-*` takes every day's campaign).
 */
export function campaignMatches(pattern: string, campaign: string): boolean {
	const source = pattern
		.trim()
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return new RegExp(`^${source}$`, 'is').test(campaign);
}

/** The campaign a confirmed tap answers, else `null`. */
function campaignOf(message: StartingMessage | undefined): string | null {
	return message?.broadcastReply?.status === 'confirmada' ? message.broadcastReply.campaign : null;
}

/**
 * The output of one starting message (`buttons` = index of "Outra campanha" when checking a campaign,
 * then "Outra mensagem"). With a campaign to check, only a tap confirmed for that campaign takes a
 * button's output; any other button tap (another campaign, a broadcast sent to someone else, one whose
 * campaign is unknown) goes out of "Outra campanha", and a typed message out of "Outra mensagem".
 */
function routeOf(message: StartingMessage | undefined, choices: Choice[], campaignPattern: string): { output: number; choice?: Choice } {
	const outputs = { otherCampaign: choices.length, otherMessage: choices.length + (campaignPattern ? 1 : 0) };
	if (!message) return { output: outputs.otherMessage };
	const choice = chosenButton(message.content, choices);
	if (campaignPattern) {
		if (message.content.kind !== 'choice') return { output: outputs.otherMessage };
		const campaign = campaignOf(message);
		// The button is still said (resposta, opcao): the flow may answer a tap on an old campaign by it.
		if (campaign === null || !campaignMatches(campaignPattern, campaign)) return { output: outputs.otherCampaign, choice };
	}
	return choice ? { output: choices.indexOf(choice), choice } : { output: outputs.otherMessage };
}

/** The fields the card adds to the item: the answer, the campaign and the tapped button as WhatsApp gave it. */
function answerFields(message: StartingMessage | undefined, choice: Choice | undefined): IDataObject {
	const tapped = message?.content.kind === 'choice' ? { botao: { payload: message.content.id, texto: message.content.title } } : {};
	return { ...(choice ? answerOf(choice) : { resposta: null, opcao: null }), campanha: campaignOf(message), ...tapped };
}

/**
 * "Rotear resposta de disparo": the customer answered a broadcast template by tapping one of its
 * buttons; WhatsApp delivers that as a new message, which starts a new atendimento. Each item goes
 * out of the output of the button its first message chose (checking, when set, the campaign the tap
 * came from: docs/arquitetura.md §8.1), or out of "Outra campanha" / "Outra mensagem".
 */
export async function routeBroadcastReplies(context: IExecuteFunctions, choices: Choice[]): Promise<INodeExecutionData[][]> {
	const checksCampaign = String(context.getNode().parameters.campaign ?? '').trim() !== '';
	const outputs: INodeExecutionData[][] = Array.from({ length: choices.length + (checksCampaign ? 2 : 1) }, () => []);
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const conversation = await enterCard(context, itemIndex);
			const message = startingMessage(context, itemIndex);
			// A campaign expression that comes out empty for an item takes the taps of any campaign (confirmed ones still).
			const pattern = checksCampaign ? String(context.getNodeParameter('campaign', itemIndex, '')).trim() || '*' : '';
			const { output, choice } = routeOf(message, choices, pattern);
			outputs[output].push(outputItem(items[itemIndex], conversation, itemIndex, answerFields(message, choice)));
		} catch (error) {
			if (!context.continueOnFail()) throw error;
			outputs[outputs.length - 1].push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
		}
	}
	return outputs;
}
