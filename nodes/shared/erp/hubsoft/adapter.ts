/**
 * The Hubsoft adapter (docs/apis-externas.md §D.2, hubsoftbrasil/api): the integration API under
 * `/api/v1/integracao`, authenticated by the credential's OAuth password-grant token.
 * Not offered by the API: a temporary release of reduced speed (only a permanent, admin-permission
 * "habilitar") and Wi-Fi changes (no ACS/CPE endpoint).
 */
import type { ErpCredentials } from '../credentials';
import { ErpError, type ErpAction, type ErpAdapter, type ErpTransport } from '../types';
import { hubsoftApi } from './api';
import { fiscalNotePdf, invoicePdf, invoicePix, listFaturasAbertas, listNotasFiscais } from './billing';
import { findClienteByDocument, findClientesByPhone, listContratos } from './customers';
import { todayInBrazil } from '../calendar';
import { HUBSOFT_NAME } from './errors';
import { hubsoftCustomersPage } from './listing';
import { acceptanceDocument, acceptContract, diagnose, trustUnlock } from './service-actions';
import { checkCentralLogin, listTicketTypes, openTicket } from './tickets';

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
	'diagnostico',
	'documentoAceite',
	'aceitarContrato',
	'listarDepartamentos',
	'abrirChamado',
	'autenticarCentral',
	'listarClientes',
]);

function notOffered(action: ErpAction): never {
	throw new ErpError('nao_suportado', `A API do ${HUBSOFT_NAME} não oferece esta ação (${action}).`, { system: 'hubsoft', action });
}

export function createHubsoftAdapter(transport: ErpTransport, credentials: ErpCredentials): ErpAdapter {
	const api = hubsoftApi(transport, credentials);
	return {
		system: 'hubsoft',
		supports: (action) => SUPPORTED.has(action),
		buscarClientePorDocumento: async (documento) => await findClienteByDocument(api, documento),
		buscarClientesPorTelefone: async (telefone) => await findClientesByPhone(api, telefone),
		listarContratos: async (cliente) => await listContratos(api, cliente),
		listarFaturasAbertas: async (cliente, contrato) => await listFaturasAbertas(api, cliente, contrato),
		pdfFatura: async (fatura) => await invoicePdf(api, fatura),
		pixFatura: async (fatura, cliente, contrato) => fatura.pixCopiaECola ?? (await invoicePix(api, fatura, cliente, contrato)),
		listarNotasFiscais: async (cliente) => await listNotasFiscais(api, cliente),
		pdfNotaFiscal: async (nota) => await fiscalNotePdf(api, nota),
		desbloqueioConfianca: async (_cliente, contrato) => await trustUnlock(api, contrato),
		liberarReducaoVelocidade: async () => notOffered('liberarReducaoVelocidade'),
		diagnostico: async (cliente, contrato) => await diagnose(api, cliente, contrato),
		documentoAceite: async (cliente, contrato) => await acceptanceDocument(api, cliente, contrato),
		aceitarContrato: async (cliente, contrato, evidencia) => await acceptContract(api, cliente, contrato, evidencia),
		listarDepartamentos: async () => await listTicketTypes(api),
		abrirChamado: async (input) => await openTicket(api, input),
		autenticarCentral: async (cliente, login, senha) => await checkCentralLogin(api, cliente, login, senha),
		alterarSenhaWifi: async () => notOffered('alterarSenhaWifi'),
		listarClientes: async (filtro, pagina) => await hubsoftCustomersPage(api, filtro, pagina, todayInBrazil()),
	};
}
