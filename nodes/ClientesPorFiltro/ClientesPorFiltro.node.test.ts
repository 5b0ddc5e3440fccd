import { NodeOperationError, type IExecuteFunctions, type IHttpRequestOptions, type INode } from 'n8n-workflow';

import { jsonReply } from '../../test/simulators/base';
import { isoDate } from '../../test/simulators/brazil-formats';
import { ERP_CUSTOMER } from '../../test/simulators/erp-dataset';
import { SGP_TEST_CREDENTIALS, startSgpSimulator, type SgpSimulator } from '../../test/simulators/sgp';
import { readRecipient } from '../EnfileirarEnvio/recipient';
import { broadcastRecipient } from '../shared/broadcast/phone';
import type { ErpCredentials } from '../shared/erp/credentials';
import { fetchErpTransport } from '../shared/erp/fetch-transport';
import { ClientesPorFiltro } from './ClientesPorFiltro.node';
import { customerItem } from './item';
import { listingRequest } from './parameters';

const node = { name: 'Clientes por Filtro', type: 'n8n-nodes-atendimento.clientesPorFiltro', typeVersion: 1, parameters: {} } as unknown as INode;

let sgp: SgpSimulator;

beforeAll(async () => {
	sgp = await startSgpSimulator();
});
afterEach(() => sgp.reset());
afterAll(async () => await sgp.close());

/** A mock context whose HTTP goes to the SGP simulator with the credential's authentication, like n8n's helper. */
function context(parameters: Record<string, unknown>, options: { credentials?: Partial<ErpCredentials>; continueOnFail?: boolean } = {}) {
	const credentials = { system: 'sgp', baseUrl: sgp.url, sgpAuthMode: 'tokenApp', sgpToken: SGP_TEST_CREDENTIALS.token, sgpApp: SGP_TEST_CREDENTIALS.app, ...options.credentials } as ErpCredentials;
	const transport = fetchErpTransport(credentials);
	const logs: string[] = [];
	const ctx = {
		getNode: () => node,
		getInputData: () => [{ json: {} }],
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) => (name in parameters ? parameters[name] : fallback),
		continueOnFail: () => options.continueOnFail ?? false,
		getCredentials: async () => credentials,
		logger: { info: (line: string) => logs.push(line), warn: (line: string) => logs.push(line), debug: () => undefined, error: () => undefined },
		helpers: { httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => await transport(request) },
	} as unknown as IExecuteFunctions;
	return { ctx, logs };
}

describe('Clientes por Filtro node (SGP simulator)', () => {
	it('"vence em 3 dias": one item per customer, recipient the queue reads, invoice fields for the template', async () => {
		const { ctx, logs } = context({ situacao: 'faturaAVencer', dias: 3, contagem: 'exact', options: { dataReferencia: isoDate(0) } });
		const [items] = await new ClientesPorFiltro().execute.call(ctx);
		expect(items).toHaveLength(1);
		const [souza] = items;
		expect(souza.pairedItem).toEqual({ item: 0 });
		expect(souza.json).toMatchObject({
			destinatario: { clienteId: '104', telefone: '+5521998765432' },
			contato: '+55 (21) 99876-5432',
			cliente: { nome: ERP_CUSTOMER.comercialSouza.name, primeiroNome: 'COMERCIAL', celulares: ['+5521998765432'] },
			contrato: { id: '2004', plano: 'EMPRESARIAL 500 MEGA', status: 'ativo' },
			fatura: { id: '30006', valor: 299.9, valorFormatado: 'R$ 299,90', vencimento: isoDate(3), vencimentoFormatado: isoDate(3).split('-').reverse().join('/'), diasParaVencer: 3, vencida: false },
		});
		const fatura = souza.json.fatura as { linhaDigitavel?: string; pixCopiaECola?: string };
		expect(fatura.linhaDigitavel).toMatch(/^\d{47}$/);
		expect(fatura.pixCopiaECola).toMatch(/^000201/);
		// What "Enfileirar Envio" reads from the item, and the phone it would message.
		const recipient = readRecipient(souza.json, 'destinatario');
		expect(recipient).toEqual({ clienteId: '104', telefone: '+5521998765432' });
		expect(broadcastRecipient(recipient.telefone)).toMatchObject({ e164: '+5521998765432' });
		expect(logs.some((line) => /página 1 lida \(5 de 5 registros\), 1 cliente/.test(line))).toBe(true);
	});

	it('"vencidas há 1 dia ou mais" and "contrato bloqueado"', async () => {
		const overdue = context({ situacao: 'faturaVencida', dias: 1, contagem: 'upTo', options: { dataReferencia: isoDate(0) } });
		const [late] = await new ClientesPorFiltro().execute.call(overdue.ctx);
		expect(late.map((item) => (item.json.destinatario as { clienteId: string }).clienteId).sort()).toEqual(['102', '103', '104']);
		const joao = late.find((item) => (item.json.cliente as { id: string }).id === '102')!;
		expect(joao.json.fatura).toMatchObject({ id: '30003', diasParaVencer: -20, vencida: true });
		const blocked = context({ situacao: 'contratoBloqueado' });
		const [items] = await new ClientesPorFiltro().execute.call(blocked.ctx);
		expect(items.map((item) => (item.json.cliente as { nome: string }).nome).sort()).toEqual([ERP_CUSTOMER.ana.name, ERP_CUSTOMER.joao.name].sort());
		expect(items.every((item) => item.json.fatura === undefined)).toBe(true);
	});

	it('an ERP whose API cannot list customers stops with the reason, before any request', async () => {
		const { ctx } = context({ situacao: 'contratoBloqueado' }, { credentials: { system: 'receitanet', receitanetToken: 'x' } });
		const error = await new ClientesPorFiltro().execute.call(ctx).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(/não está disponível neste ERP: a API URA do ReceitaNet/);
		expect(sgp.requests).toHaveLength(0);
	});

	it('an SGP failure is an error item with "continue on fail"', async () => {
		sgp.failNext(5, jsonReply(502, { detail: 'Bad Gateway' }));
		const { ctx } = context({ situacao: 'contratoBloqueado' }, { continueOnFail: true });
		const [items] = await new ClientesPorFiltro().execute.call(ctx);
		expect(items).toEqual([{ json: { error: expect.any(String) }, pairedItem: { item: 0 } }]);
	});
});

describe('Clientes por Filtro parameters', () => {
	const base = { filtros: {}, options: { dataReferencia: '2026-01-10' } };
	it('turns days into the due-date range, counted from the reference day', () => {
		expect(listingRequest({ ...base, situacao: 'faturaAVencer', dias: 3, contagem: 'exact' }).filtro).toEqual({ tipo: 'faturasAbertas', vencimentoDe: '2026-01-13', vencimentoAte: '2026-01-13' });
		expect(listingRequest({ ...base, situacao: 'faturaAVencer', dias: 3, contagem: 'upTo' }).filtro).toEqual({ tipo: 'faturasAbertas', vencimentoDe: '2026-01-10', vencimentoAte: '2026-01-13' });
		expect(listingRequest({ ...base, situacao: 'faturaVencida', dias: 5, contagem: 'exact' }).filtro).toEqual({ tipo: 'faturasAbertas', vencimentoDe: '2026-01-05', vencimentoAte: '2026-01-05' });
		expect(listingRequest({ ...base, situacao: 'faturaVencida', dias: 5, contagem: 'upTo' }).filtro).toMatchObject({ vencimentoAte: '2026-01-05' });
		expect(listingRequest({ ...base, situacao: 'contratoBloqueado', dias: 0, contagem: 'exact', filtros: { cidade: ' Chapecó ', plano: '' } }).filtro).toEqual({ tipo: 'contratosBloqueados', cidade: 'Chapecó' });
	});

	it('counts "today" in Brasília when no reference day is given', () => {
		// 01:00 UTC on the 11th is still the 10th in Brasília.
		const request = listingRequest({ situacao: 'faturaAVencer', dias: 0, contagem: 'exact', filtros: {}, options: {} }, new Date('2026-01-11T01:00:00Z'));
		expect(request.hoje).toBe('2026-01-10');
	});

	it('refuses bad days, limits and dates', () => {
		expect(() => listingRequest({ ...base, situacao: 'faturaAVencer', dias: -1, contagem: 'exact' })).toThrow(/dias inválido/);
		expect(() => listingRequest({ ...base, situacao: 'faturaAVencer', dias: 2.5, contagem: 'exact' })).toThrow(/dias inválido/);
		expect(() => listingRequest({ ...base, situacao: 'faturaAVencer', dias: 3, contagem: 'exact', options: { maxPaginas: 0 } })).toThrow(/Limites/);
		expect(() => listingRequest({ ...base, situacao: 'faturaAVencer', dias: 3, contagem: 'exact', options: { dataReferencia: 'amanhã' } })).toThrow(/referência inválida/);
	});
});

describe('Clientes por Filtro item', () => {
	it('a customer with landlines only keeps them as the recipient, so the queue logs why he is skipped', () => {
		const item = customerItem(
			{ cliente: { id: '7', nome: 'Padaria  Central', documento: '11222333000181', tipoPessoa: 'juridica', telefones: ['2133334444'] }, faturas: [] },
			'2026-01-10',
		);
		expect(item).toMatchObject({ destinatario: { clienteId: '7', telefone: ['2133334444'] }, contato: '', cliente: { primeiroNome: 'Padaria', celulares: [] }, faturas: [], totalEmAberto: 0 });
		expect(item).not.toHaveProperty('fatura');
		expect(JSON.stringify(item)).not.toContain('11222333000181');
		expect(broadcastRecipient((item.destinatario as { telefone: unknown }).telefone)).toMatchObject({ kind: 'telefoneFixo' });
	});
});
