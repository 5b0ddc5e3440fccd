/**
 * The IXC Provedor adapter (docs/apis-externas.md §C): every `ErpAdapter` action the documented
 * webservice allows, fetching through `client.ts` and mapping through `mapping.ts`. Changing the
 * Wi-Fi password is the one action left out: see {@link WIFI_NOT_OFFERED}.
 */
import type { ErpCredentials } from '../credentials';
import { ErpError, type ErpAction, type ErpAdapter, type ErpTransport } from '../types';
import { boletoPdf, fiscalNotePdf, listFiscalNotes, listOpenInvoices, pixCopyPaste } from './billing';
import { firstDayOfNextMonth, todayInBrazil } from '../calendar';
import { createIxcClient } from './client';
import { DEFAULT_CONTRACT_PRINT_RESOURCE, acceptanceDocument, contractConnection, currentContract, listContracts, releaseAcceptedContract, releaseSpeedReduction, trustUnlock } from './contracts';
import { checkPortalLogin, findCustomerByDocument, findCustomersByPhone } from './customers';
import { IXC_NAME } from './errors';
import { ixcCustomersPage } from './listing';
import { acceptanceRecord, listExternalDepartments, openTicket, requestMessage } from './support';

/**
 * Why `alterarSenhaWifi` is not offered: IXC's API documents the ACS device listing
 * (`acs_device_grid`) and the button that pushes the Wi-Fi data already stored in IXC to the ACS
 * (`botaoAjax_30774`), but not the record and field that hold the Wi-Fi password, and its updates
 * rewrite every field of a record: guessing them could damage the customer's equipment record.
 */
const WIFI_NOT_OFFERED = `A API do ${IXC_NAME} não documenta onde gravar a senha do Wi-Fi (o botão "Enviar dados ACS Wi-Fi" só reenvia ao ACS os dados já cadastrados); altere a senha pelo IXC ACS.`;

const SUPPORTED: ReadonlySet<ErpAction> = new Set<ErpAction>([
	'buscarClientePorDocumento',
	'buscarClientesPorTelefone',
	'listarContratos',
	'listarFaturasAbertas',
	'pdfFatura',
	'pixFatura',
	'listarNotasFiscais',
	'pdfNotaFiscal',
	'desbloqueioConfianca',
	'liberarReducaoVelocidade',
	'diagnostico',
	'documentoAceite',
	'aceitarContrato',
	'listarDepartamentos',
	'abrirChamado',
	'autenticarCentral',
	'listarClientes',
]);

export interface IxcAdapterOptions {
	/** The clock (tests); "today" is taken in Brasília time. */
	now?: () => Date;
}

export function createIxcAdapter(transport: ErpTransport, credentials: ErpCredentials, options: IxcAdapterOptions = {}): ErpAdapter {
	const client = createIxcClient(transport, credentials);
	const today = () => todayInBrazil(options.now?.() ?? new Date());
	const contractPrintResource = credentials.ixcContractPrintResource?.trim() || DEFAULT_CONTRACT_PRINT_RESOURCE;

	return {
		system: 'ixc',
		supports: (action) => SUPPORTED.has(action),
		buscarClientePorDocumento: (documento) => findCustomerByDocument(client, documento),
		buscarClientesPorTelefone: (telefone) => findCustomersByPhone(client, telefone),
		listarContratos: (cliente) => listContracts(client, cliente),
		listarFaturasAbertas: (cliente, contrato) => listOpenInvoices(client, cliente, contrato, today()),
		pdfFatura: (fatura) => boletoPdf(client, fatura),
		pixFatura: async (fatura) => fatura.pixCopiaECola ?? (await pixCopyPaste(client, fatura)),
		listarNotasFiscais: (cliente, contrato) => listFiscalNotes(client, cliente, contrato),
		pdfNotaFiscal: (nota) => fiscalNotePdf(client, nota),
		desbloqueioConfianca: (_cliente, contrato) => trustUnlock(client, contrato, firstDayOfNextMonth(today())),
		liberarReducaoVelocidade: (_cliente, contrato) => releaseSpeedReduction(client, contrato),
		async diagnostico(cliente, contrato) {
			const [current, invoices, conexao] = await Promise.all([
				currentContract(client, contrato, 'diagnostico'),
				listOpenInvoices(client, cliente, contrato, today()),
				contractConnection(client, contrato),
			]);
			return {
				contrato: conexao?.login ? { ...current, login: conexao.login } : current,
				faturasVencidas: invoices.filter((invoice) => invoice.vencida).length,
				...(conexao ? { conexao } : {}),
			};
		},
		documentoAceite: (_cliente, contrato) => acceptanceDocument(client, contrato, contractPrintResource),
		async aceitarContrato(cliente, contrato, evidencia) {
			const current = await currentContract(client, contrato, 'aceitarContrato');
			if (current.status !== 'aguardando_assinatura') return { sucesso: false, motivo: 'O contrato não está aguardando assinatura.' };
			// IXC has no field for the evidence: a solved ticket keeps it with the customer and the contract.
			await openTicket(
				client,
				{ clienteId: cliente.id, contratoId: contrato.id, titulo: 'Aceite eletrônico de contrato', mensagem: acceptanceRecord(current, evidencia), status: 'S' },
				'aceitarContrato',
			);
			return await releaseAcceptedContract(client, contrato);
		},
		listarDepartamentos: () => listExternalDepartments(client),
		abrirChamado: (input) =>
			openTicket(
				client,
				{ clienteId: input.cliente.id, contratoId: input.contrato?.id, departamentoId: input.departamentoId, assuntoId: input.assuntoId, titulo: input.assunto, mensagem: requestMessage(input), status: 'N' },
				'abrirChamado',
			),
		autenticarCentral: (cliente, login, senha) => checkPortalLogin(client, cliente, login, senha),
		async alterarSenhaWifi() {
			throw new ErpError('nao_suportado', WIFI_NOT_OFFERED, { system: 'ixc', action: 'alterarSenhaWifi' });
		},
		listarClientes: (filtro, pagina) => ixcCustomersPage(client, filtro, pagina, today()),
	};
}
