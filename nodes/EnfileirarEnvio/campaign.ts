import { broadcastRecipient, isBroadcastPhone, type BroadcastStore, type NewJob, type QueuedTemplateMessage, type TemplateCategory } from '../shared/broadcast';
import { estimateCost, type CostEstimate } from './cost';
import type { Consent } from '../shared/conversation';
import { recipientKey, type Recipient } from './recipient';

/** One input item, read: which campaign, for whom, with which message. */
export interface CampaignItem {
	itemIndex: number;
	campaign: string;
	recipient: Recipient;
	message: QueuedTemplateMessage;
	/** The template's category and the price of one delivered message (BRL). */
	pricing: { category: TemplateCategory; unitPriceBRL: number };
}

export type SkipKind = 'optOut' | 'semTelefone' | 'telefoneFixo' | 'telefoneInvalido';

export const REASON_OPT_OUT = 'O contato pediu para não receber mensagens (opt-out).';

/** What "Enfileirar Envio" outputs per campaign (pt-BR, the user reads it). */
export interface CampaignSummary {
	campanha: string;
	/** Input items of the campaign. */
	recebidos: number;
	/** New messages in the queue. */
	adicionados: number;
	/** Recipients already queued in this campaign (by an earlier run or twice in this one): not queued again. */
	duplicados: number;
	/** New recipients not queued because the campaign was cancelled (Controlar Campanha); only then. */
	naoAdicionadosCampanhaCancelada?: number;
	ignorados: Record<SkipKind, number> & { total: number };
	/** The campaign's queue after this run. */
	fila: { aguardando: number; enviando: number; enviados: number; falhas: number };
	/** What the messages added now cost if all are delivered (BRL). */
	custoEstimado: CostEstimate;
}

export interface EnqueueDependencies {
	broadcasts: BroadcastStore;
	/** The WhatsApp consent recorded for a contact id (wa_id digits or BSUID), through the contact's linked ids. */
	consentOf(waId: string): Promise<Consent | undefined>;
	now: number;
}

/** Opt-out lookups run this many at a time (one store round trip each in Redis). */
const CONSENT_CONCURRENCY = 50;

/**
 * Queues the items' messages per campaign: numbers normalised to +55 E.164 (a WhatsApp BSUID kept as
 * it is); opted-out contacts and
 * invalid, missing or landline numbers skipped and written to the send log with the reason; a
 * recipient already queued in the campaign is a duplicate (idempotent). One summary per campaign, in
 * the order campaigns first appear, with the item indexes it covers.
 */
export async function enqueueCampaigns(
	items: CampaignItem[],
	dependencies: EnqueueDependencies,
): Promise<Array<{ summary: CampaignSummary; itemIndexes: number[] }>> {
	const campaigns = new Map<string, CampaignItem[]>();
	for (const item of items) {
		const campaignItems = campaigns.get(item.campaign);
		if (campaignItems) campaignItems.push(item);
		else campaigns.set(item.campaign, [item]);
	}
	const results: Array<{ summary: CampaignSummary; itemIndexes: number[] }> = [];
	for (const [campaign, campaignItems] of campaigns) {
		results.push({ summary: await enqueueCampaign(campaign, campaignItems, dependencies), itemIndexes: campaignItems.map((item) => item.itemIndex) });
	}
	return results;
}

async function enqueueCampaign(campaign: string, items: CampaignItem[], { broadcasts, consentOf, now }: EnqueueDependencies): Promise<CampaignSummary> {
	const ignorados = { total: 0, optOut: 0, semTelefone: 0, telefoneFixo: 0, telefoneInvalido: 0 };
	const skip = async (item: CampaignItem, kind: SkipKind, contato: string, reason: string) => {
		ignorados[kind]++;
		ignorados.total++;
		await broadcasts.logSkipped({ campaign, clienteId: item.recipient.clienteId, contato, dataEnvio: now, mensagem: reason });
	};

	const jobs: NewJob[] = [];
	for (let start = 0; start < items.length; start += CONSENT_CONCURRENCY) {
		const chunk = items.slice(start, start + CONSENT_CONCURRENCY);
		const decisions = await Promise.all(
			chunk.map(async (item) => {
				const phone = broadcastRecipient(item.recipient.telefone);
				if (!isBroadcastPhone(phone)) return { item, phone };
				const consents = await Promise.all(phone.waIds.map(async (waId) => await consentOf(waId)));
				return { item, phone, optedOut: consents.includes('out') };
			}),
		);
		for (const { item, phone, optedOut } of decisions) {
			if (!isBroadcastPhone(phone)) await skip(item, phone.kind, phone.contato, phone.reason);
			else if (optedOut) await skip(item, 'optOut', phone.contato, REASON_OPT_OUT);
			else jobs.push(newJob(campaign, item, phone.e164));
		}
	}
	const { added, duplicates, cancelled } = await broadcasts.enqueue(jobs, now);
	const counts = await broadcasts.counts(campaign);
	return {
		campanha: campaign,
		recebidos: items.length,
		adicionados: added,
		duplicados: duplicates,
		// a cancelled campaign (Controlar Campanha) takes no new recipient
		...(cancelled !== undefined ? { naoAdicionadosCampanhaCancelada: cancelled } : {}),
		ignorados,
		fila: { aguardando: counts.queued, enviando: counts.sending, enviados: counts.sent, falhas: counts.failed },
		custoEstimado: estimateCost(
			jobs.map((job) => ({ category: job.category ?? 'marketing', unitPriceBRL: job.unitPriceBRL ?? 0 })),
			added,
		),
	};
}

function newJob(campaign: string, item: CampaignItem, phone: string): NewJob {
	const { clienteId, login } = item.recipient;
	return {
		campaign,
		recipientKey: recipientKey(item.recipient),
		clienteId,
		...(login !== undefined ? { login } : {}),
		phone,
		message: item.message,
		category: item.pricing.category,
		unitPriceBRL: item.pricing.unitPriceBRL,
	};
}
