import { addDays, todayInBrazil } from '../shared/erp/calendar';
import { LIMITE_CLIENTES, LIMITE_PAGINAS } from '../shared/erp/listing';
import type { FiltroClientes } from '../shared/erp/types';

/** Which customers the node lists. */
export type Situacao = 'faturaAVencer' | 'faturaVencida' | 'contratoBloqueado';

/** The node's parameters as n8n hands them over (collections hold only the fields the user added). */
export interface ClientesPorFiltroParameters {
	situacao: Situacao;
	dias: number;
	/** `exact`: due exactly N days ahead (or N days ago); `upTo`: in the next N days (or N days ago and before). */
	contagem: 'exact' | 'upTo';
	filtros: { cidade?: string; plano?: string };
	options: { maxClientes?: number; maxPaginas?: number; dataReferencia?: string };
}

/** A parameter problem, reported by the node as a NodeOperationError. */
export class ClientesPorFiltroParameterError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'ClientesPorFiltroParameterError';
	}
}

/** How far back "vencidas há N dias ou mais" looks (ten years). */
const OLDEST_DAYS = 3650;

export interface ListingRequest {
	filtro: FiltroClientes;
	/** `YYYY-MM-DD` the days are counted from. */
	hoje: string;
	maxClientes: number;
	maxPaginas: number;
}

/** The canonical filter and limits of the parameters; throws {@link ClientesPorFiltroParameterError} on bad values. */
export function listingRequest(parameters: ClientesPorFiltroParameters, now: Date = new Date()): ListingRequest {
	const options = parameters.options ?? {};
	const reference = String(options.dataReferencia ?? '').trim();
	if (reference !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(reference.slice(0, 10))) {
		throw new ClientesPorFiltroParameterError(`Data de referência inválida: "${reference}"`, 'Use o formato AAAA-MM-DD (ex.: 2026-01-10) ou deixe vazio para hoje.');
	}
	const hoje = reference !== '' ? reference.slice(0, 10) : todayInBrazil(now);
	const maxClientes = Math.floor(Number(options.maxClientes ?? 1000));
	const maxPaginas = Math.floor(Number(options.maxPaginas ?? 50));
	if (!(maxClientes >= 1 && maxClientes <= LIMITE_CLIENTES) || !(maxPaginas >= 1 && maxPaginas <= LIMITE_PAGINAS)) {
		throw new ClientesPorFiltroParameterError('Limites inválidos', `"Máximo De Clientes" vai de 1 a ${LIMITE_CLIENTES} e "Máximo De Páginas" de 1 a ${LIMITE_PAGINAS}.`);
	}
	const cidade = parameters.filtros?.cidade?.trim() || undefined;
	const plano = parameters.filtros?.plano?.trim() || undefined;
	const narrow = { ...(cidade ? { cidade } : {}), ...(plano ? { plano } : {}) };
	if (parameters.situacao === 'contratoBloqueado') return { filtro: { tipo: 'contratosBloqueados', ...narrow }, hoje, maxClientes, maxPaginas };
	const dias = Number(parameters.dias);
	if (!Number.isInteger(dias) || dias < 0 || dias > OLDEST_DAYS) {
		throw new ClientesPorFiltroParameterError(`Número de dias inválido: ${String(parameters.dias)}`, `Informe um número inteiro de dias entre 0 e ${OLDEST_DAYS}.`);
	}
	const exact = parameters.contagem !== 'upTo';
	if (parameters.situacao === 'faturaAVencer') {
		const due = addDays(hoje, dias);
		return { filtro: { tipo: 'faturasAbertas', vencimentoDe: exact ? due : hoje, vencimentoAte: due, ...narrow }, hoje, maxClientes, maxPaginas };
	}
	if (parameters.situacao === 'faturaVencida') {
		const due = addDays(hoje, -Math.max(dias, 1));
		return { filtro: { tipo: 'faturasAbertas', vencimentoDe: exact ? due : addDays(hoje, -OLDEST_DAYS), vencimentoAte: due, ...narrow }, hoje, maxClientes, maxPaginas };
	}
	throw new ClientesPorFiltroParameterError(`Situação desconhecida: ${String(parameters.situacao)}`, 'Escolha uma opção em "Situação".');
}
