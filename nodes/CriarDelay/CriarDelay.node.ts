import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getConversationStore } from '../shared/conversation';
import { outputItem } from '../shared/runtime/atendimento';
import { enterCard, requireOneItem } from '../shared/runtime/card';
import { parkWithOutputs } from '../shared/runtime/n8n-engine';

/** Pauses up to this long run inside the execution; longer ones park it (n8n's Wait node does the same). */
const IN_PROCESS_LIMIT_MS = 65_000;

/** n8n checks waiting executions once a minute, so a parked delay can end up to this late. */
const N8N_RESUME_LATENESS_MS = 70_000;

const UNIT_MS = { seconds: 1_000, minutes: 60_000, hours: 3_600_000 } as const;

/**
 * "Criar Delay": a pause in the conversation before the next card. Messages the customer sends
 * meanwhile wait in the conversation's inbox; the next card that asks something takes them as context
 * (they were written before its question), not as answers.
 */
export class CriarDelay implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Criar Delay',
		name: 'criarDelay',
		icon: 'file:criarDelay.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["amount"] + " " + {"seconds":"s","minutes":"min","hours":"h"}[$parameter["unit"]] }}',
		description: 'Pausa o atendimento por um tempo antes do próximo card',
		defaults: { name: 'Criar Delay' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Tempo',
				name: 'amount',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 3,
				hint: 'Números inteiros ou frações (1,5).',
			},
			{
				displayName: 'Unidade',
				name: 'unit',
				type: 'options',
				options: [
					{ name: 'Segundos', value: 'seconds' },
					{ name: 'Minutos', value: 'minutes' },
					{ name: 'Horas', value: 'hours' },
				],
				default: 'seconds',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		requireOneItem(this, items, 'Criar Delay');
		const amount = this.getNodeParameter('amount', 0) as number;
		const unit = this.getNodeParameter('unit', 0) as keyof typeof UNIT_MS;
		const delayMs = Math.max(0, amount) * UNIT_MS[unit];
		const conversation = await enterCard(this, 0);
		const until = Date.now() + delayMs;
		const inProcess = delayMs <= IN_PROCESS_LIMIT_MS;
		// The conversation is paused, not abandoned: the running lease starts counting after the pause
		// (plus n8n's minute tick when n8n resumes it).
		const paused = (await getConversationStore().update(conversation.id, (record) => {
			record.busyUntil = inProcess ? until : until + N8N_RESUME_LATENESS_MS;
		}))!;
		const output = [[outputItem(items[0], paused, 0, { delaySegundos: delayMs / 1000 })]];
		if (inProcess) {
			await new Promise((resolve) => setTimeout(resolve, delayMs));
			return output;
		}
		// Longer pauses park the execution; n8n resumes it (passing this output through) when the time comes.
		return await parkWithOutputs(this, output, new Date(until));
	}
}
