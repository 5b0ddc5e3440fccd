import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { createErpAdapter, ERP_NAMES } from '../shared/erp/adapters';
import { testErpCredential } from '../shared/erp/credential-test';
import { listarClientesFiltrados } from '../shared/erp/listing';
import { ERP_CREDENTIAL_TYPE, erpCredentialsOf, n8nErpTransport } from '../shared/erp/n8n-transport';
import { erpSourceNodeError, type ErpErrorHints } from '../shared/erp/source-errors';
import { logLine } from '../shared/log';
import { clientesPorFiltroProperties } from './description';
import { customerItem } from './item';
import { ClientesPorFiltroParameterError, listingRequest, type ClientesPorFiltroParameters } from './parameters';

const ERROR_HINTS: ErpErrorHints = {
	timeout: 'O ERP demorou a responder. Tente de novo, ou aumente o tempo limite na credencial "ERP do Provedor".',
	indisponivel: 'O ERP está fora do ar ou respondeu com erro. Tente de novo em alguns minutos.',
	autenticacao: 'Confira a URL e o token/usuário da credencial "ERP do Provedor" e se o IP do n8n está liberado no ERP.',
	erro_erp: 'O ERP recusou a consulta. Confira os filtros e as permissões do usuário da API.',
	nao_suportado: 'Veja no README ("Disparos por filtro de clientes") o que cada ERP oferece; para o IXC, há também o card Status Logins.',
};

/**
 * "Clientes por Filtro": a source of the omnichannel broadcast (docs/arquitetura.md §8) on any ERP
 * whose API lists customers: customers with an invoice due in N days, overdue for N days, or a
 * blocked contract, optionally of a city or plan; one output item per customer.
 */
export class ClientesPorFiltro implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Clientes por Filtro',
		name: 'clientesPorFiltro',
		icon: 'file:clientesPorFiltro.svg',
		group: ['input'],
		version: 1,
		subtitle:
			'={{ $parameter["situacao"] === "contratoBloqueado" ? "Contrato bloqueado" : ($parameter["situacao"] === "faturaVencida" ? "Vencida há " : "Vence em ") + ($parameter["contagem"] === "upTo" ? ($parameter["situacao"] === "faturaVencida" ? "" : "até ") : "") + $parameter["dias"] + " dia(s)" + ($parameter["contagem"] === "upTo" && $parameter["situacao"] === "faturaVencida" ? " ou mais" : "") }}',
		description: 'Lista clientes do ERP por fatura vencendo, fatura vencida ou contrato bloqueado (cidade, plano), para disparos',
		defaults: { name: 'Clientes por Filtro' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: ERP_CREDENTIAL_TYPE, required: true, testedBy: 'testErpCredential' }],
		properties: clientesPorFiltroProperties,
	};

	methods = { credentialTest: { testErpCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await erpCredentialsOf(this);
		const adapter = createErpAdapter(credentials, n8nErpTransport(this));
		const node = this.getNode().name;
		const output: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const parameters: ClientesPorFiltroParameters = {
					situacao: this.getNodeParameter('situacao', itemIndex) as ClientesPorFiltroParameters['situacao'],
					dias: this.getNodeParameter('dias', itemIndex, 0) as number,
					contagem: this.getNodeParameter('contagem', itemIndex, 'exact') as ClientesPorFiltroParameters['contagem'],
					filtros: this.getNodeParameter('filtros', itemIndex, {}) as ClientesPorFiltroParameters['filtros'],
					options: this.getNodeParameter('options', itemIndex, {}) as ClientesPorFiltroParameters['options'],
				};
				const request = listingRequest(parameters);
				const result = await listarClientesFiltrados(adapter, request.filtro, {
					maxClientes: request.maxClientes,
					maxPaginas: request.maxPaginas,
					aoLerPagina: ({ pagina, lidos, total, clientes }) =>
						logLine(this.logger, 'info', `${ERP_NAMES[credentials.system]}: página ${pagina} lida (${lidos}${total !== undefined ? ` de ${total}` : ''} registros), ${clientes} cliente(s) no filtro`, { node }),
				});
				if (result.interrompida) {
					logLine(this.logger, 'warn', `listagem interrompida: ${result.interrompida}; ${result.clientes.length} cliente(s) devolvidos`, { node });
				}
				for (const entry of result.clientes) output.push({ json: customerItem(entry, request.hoje), pairedItem: { item: itemIndex } });
			} catch (error) {
				const failure = erpSourceNodeError(this, error, itemIndex, ERROR_HINTS, (candidate): candidate is ClientesPorFiltroParameterError => candidate instanceof ClientesPorFiltroParameterError);
				if (!this.continueOnFail()) throw failure;
				output.push({ json: { error: failure.message }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}
