/** What "Controlar Campanha" does to one campaign, and the output item (pt-BR). */
import type { IDataObject } from 'n8n-workflow';

import { campaignProgressItem } from '../shared/broadcast/progress';
import { CANCELLED_MESSAGE } from '../shared/broadcast/rules';
import type { BroadcastStore, CampaignState } from '../shared/broadcast/types';

export type ControlOperation = 'progress' | 'pause' | 'resume' | 'cancel';

const CONTROL_OPERATIONS: readonly string[] = ['progress', 'pause', 'resume', 'cancel'];

const STATE_WORDS: Record<CampaignState, string> = { active: 'ativa', paused: 'pausada', cancelled: 'cancelada' };

/** An operation that cannot be done on the campaign as it is (pt-BR, with the fix). */
export class CampaignControlError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'CampaignControlError';
	}
}

/** The log's text of a cancelled job: the standard one, with the user's reason after it. */
export function cancelReason(reason: string): string {
	const trimmed = reason.trim();
	return trimmed ? `${CANCELLED_MESSAGE.replace(/\.$/, '')}: ${trimmed.replace(/\.$/, '')}.` : CANCELLED_MESSAGE;
}

/**
 * Applies `operation` to `campaign` and returns the output item: the campaign's progress after it
 * (see `campaignProgressItem`), the operation, the state before, and the jobs cancelled now.
 * Throws CampaignControlError for a pause or resume of a cancelled campaign.
 */
export async function controlCampaign(
	store: BroadcastStore,
	operation: ControlOperation,
	campaign: string,
	options: { reason: string; etaRatePerSecond: number; now: number },
): Promise<IDataObject> {
	if (!CONTROL_OPERATIONS.includes(operation)) {
		throw new CampaignControlError(`Operação desconhecida: ${String(operation)}.`, 'Use progress (Ver Progresso), pause (Pausar), resume (Retomar) ou cancel (Cancelar).');
	}
	if (!campaign.trim()) throw new CampaignControlError('Informe a campanha.', 'Use o nome que o "Enfileirar Envio" mostra em "campanha".');
	const { now } = options;
	let previous: CampaignState | undefined;
	let cancelledNow: number | undefined;
	if (operation === 'pause' || operation === 'resume') {
		const result = operation === 'pause' ? await store.pauseCampaign(campaign, now) : await store.resumeCampaign(campaign, now);
		if (result.previous === 'cancelled') {
			throw new CampaignControlError(
				`A campanha "${campaign}" foi cancelada e não pode ser ${operation === 'pause' ? 'pausada' : 'retomada'}.`,
				'Uma campanha cancelada não volta: para enviar de novo, enfileire os destinatários com outro nome de campanha.',
			);
		}
		previous = result.previous;
	} else if (operation === 'cancel') {
		const result = await store.cancelCampaign(campaign, cancelReason(options.reason), now);
		previous = result.previous;
		cancelledNow = result.cancelled;
	}
	const progress = await store.campaignProgress(campaign, now, options.etaRatePerSecond > 0 ? options.etaRatePerSecond : undefined);
	const item: IDataObject = { operacao: operation === 'progress' ? 'progresso' : OPERATION_WORDS[operation], ...campaignProgressItem(progress) };
	if (previous !== undefined) item.estadoAnterior = STATE_WORDS[previous];
	if (cancelledNow !== undefined) item.canceladasAgora = cancelledNow;
	if (progress.total === 0) item.aviso = 'Nenhum envio desta campanha na fila: confira o nome (é o "campanha" da saída do Enfileirar Envio).';
	return item;
}

const OPERATION_WORDS: Record<Exclude<ControlOperation, 'progress'>, string> = { pause: 'pausar', resume: 'retomar', cancel: 'cancelar' };
