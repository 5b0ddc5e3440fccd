/**
 * Contracts in IXC (`cliente_contrato`, docs/apis-externas.md §C.3) and the buttons on them: trust unlock
 * (`desbloqueio_confianca`, Portuguese keys and numeric codes, C.6), release of a speed reduction
 * (`liberacao_reducao_contrato_29157`), the connection behind a contract (`radusuarios`, C.7), the
 * contract document ("Imprimir Contrato", whose resource name differs per installation) and its
 * acceptance.
 */
import { ErpError, type ArquivoPdf, type Cliente, type Conexao, type Contrato, type ErpAction, type ResultadoAcao } from '../types';
import type { IxcClient } from './client';
import { IXC_NAME, cleanIxcMessage, ixcErrorMessage, ixcRefusalError, unexpectedAnswer } from './errors';
import { mapConexao, mapContrato, pickLogin } from './mapping';
import { pdfFromAnswer } from './pdf';

export async function listContracts(client: IxcClient, cliente: Cliente): Promise<Contrato[]> {
	const rows = await client.listAll('cliente_contrato', { qtype: 'cliente_contrato.id_cliente', query: cliente.id }, 'listarContratos');
	return rows.map(mapContrato);
}

/** The contract as IXC has it now (a conversation may hold an old copy). */
export async function currentContract(client: IxcClient, contrato: Contrato, action: ErpAction): Promise<Contrato> {
	const [row] = await client.list('cliente_contrato', { qtype: 'cliente_contrato.id', query: contrato.id, rowsPerPage: 1 }, action);
	if (!row) throw new ErpError('erro_erp', `O ${IXC_NAME} não encontrou o contrato ${contrato.id}.`, { system: 'ixc', action });
	return mapContrato(row);
}

/** What `desbloqueio_confianca` means by its error codes (goixc, wiki "Desbloqueio de Confiança - API"). */
const TRUST_UNLOCK_REFUSALS: Record<string, string> = {
	'107': 'O contrato já está ativo: não é preciso usar o desbloqueio de confiança.',
	'109': 'O contrato está inativo: o desbloqueio de confiança não pode ser usado.',
	'113': 'O desbloqueio de confiança já foi usado neste mês e a fatura ainda não foi paga.',
};

/**
 * Reads the answer of `desbloqueio_confianca`: `tipo` sucesso / erro with a `codigo`. Code 113
 * (already used and not paid) comes back with `disponivelEm`, the first day of next month (IXC does
 * not say when it can be used again); 106 (unknown contract) is an error, not a refusal.
 */
export function trustUnlockResult(answer: Record<string, unknown>, nextMonth: string): ResultadoAcao {
	const tipo = String(answer.tipo ?? '').toLowerCase();
	const codigo = String(answer.codigo ?? '').trim();
	const mensagem = cleanIxcMessage(answer.mensagem);
	if (tipo === 'sucesso') return { sucesso: true, mensagem: mensagem || 'Desbloqueio de confiança realizado.' };
	if (tipo !== 'erro') throw unexpectedAnswer('desbloqueioConfianca', 'desbloqueio_confianca sem "tipo"');
	if (codigo === '106') {
		throw new ErpError('erro_erp', `O ${IXC_NAME} não encontrou o contrato do desbloqueio de confiança (código 106).`, { system: 'ixc', action: 'desbloqueioConfianca', erpCode: codigo });
	}
	const motivo = TRUST_UNLOCK_REFUSALS[codigo] ?? (mensagem || 'O IXC Provedor recusou o desbloqueio de confiança.');
	return codigo === '113' ? { sucesso: false, motivo, disponivelEm: nextMonth } : { sucesso: false, motivo };
}

export async function trustUnlock(client: IxcClient, contrato: Contrato, nextMonth: string): Promise<ResultadoAcao> {
	const answer = await client.call('desbloqueio_confianca', { id: contrato.id }, 'desbloqueioConfianca');
	return trustUnlockResult(answer, nextMonth);
}

/** A button answering `{"type":"success"|"error","message"}`, where an error is the ERP refusing. */
function buttonResult(answer: Record<string, unknown>, action: ErpAction, successMessage: string): ResultadoAcao {
	const refusal = ixcErrorMessage(answer);
	if (refusal !== undefined) return { sucesso: false, motivo: refusal || `O ${IXC_NAME} recusou a operação.` };
	if (answer.type !== 'success') throw unexpectedAnswer(action, 'botão sem "type"');
	return { sucesso: true, mensagem: cleanIxcMessage(answer.message) || successMessage };
}

export async function releaseSpeedReduction(client: IxcClient, contrato: Contrato): Promise<ResultadoAcao> {
	const answer = await client.call('liberacao_reducao_contrato_29157', { get_id: contrato.id }, 'liberarReducaoVelocidade');
	return buttonResult(answer, 'liberarReducaoVelocidade', 'Redução de velocidade liberada.');
}

/** The contract's connection: its online login, else its active one (`undefined` without login). */
export async function contractConnection(client: IxcClient, contrato: Contrato): Promise<Conexao | undefined> {
	const rows = await client.list('radusuarios', { qtype: 'radusuarios.id_contrato', query: contrato.id, rowsPerPage: 50 }, 'diagnostico');
	const row = pickLogin(rows);
	return row ? mapConexao(row) : undefined;
}

/** The "Imprimir Contrato" resource of most installations; the suffix differs on others (credential setting). */
export const DEFAULT_CONTRACT_PRINT_RESOURCE = 'cliente_contrato_imprimir_contrato_17678';

/**
 * The contract document to accept, printed by `printResource` (this installation's "Imprimir
 * Contrato"); `undefined` unless the contract waits for its signature (AA).
 */
export async function acceptanceDocument(client: IxcClient, contrato: Contrato, printResource: string): Promise<ArquivoPdf | undefined> {
	const current = await currentContract(client, contrato, 'documentoAceite');
	if (current.status !== 'aguardando_assinatura') return undefined;
	const answer = await client.file(printResource, { id: contrato.id }, 'documentoAceite').catch((error: unknown) => {
		if (error instanceof ErpError && error.kind === 'nao_suportado') {
			throw new ErpError(
				'nao_suportado',
				`${error.message} O nome do botão "Imprimir Contrato" muda de uma instalação para outra: informe o desta no campo "Recurso de Impressão do Contrato" da credencial ERP do Provedor.`,
				error.details,
			);
		}
		throw error;
	});
	return pdfFromAnswer(answer, `contrato-${contrato.id}.pdf`, 'documentoAceite');
}

/**
 * Releases a contract waiting for its signature once the customer accepted it: "Liberar
 * manualmente (A)" (`cliente_contrato_15464`) sets the internet status to active whatever it was,
 * so the status is checked first and nothing else is ever released this way.
 */
export async function releaseAcceptedContract(client: IxcClient, contrato: Contrato): Promise<ResultadoAcao> {
	const answer = await client.call('cliente_contrato_15464', { id_contrato: contrato.id }, 'aceitarContrato');
	const refusal = ixcErrorMessage(answer);
	if (refusal !== undefined) throw ixcRefusalError(refusal, 'aceitarContrato');
	return { sucesso: true, mensagem: 'Contrato aceito e conexão liberada.' };
}
