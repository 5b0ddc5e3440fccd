import { ERP_NAMES, createErpAdapter } from './adapters';
import { LISTAGEM_NAO_SUPORTADA, applyFilter, listarClientesFiltrados } from './listing';
import type { ClienteFiltrado, ErpAdapter, ErpSystem, FiltroClientes, PaginaClientes } from './types';

function entry(id: string, vencimento: string, extra: Partial<ClienteFiltrado> = {}): ClienteFiltrado {
	return {
		cliente: { id, nome: `Cliente ${id}`, documento: '', tipoPessoa: 'fisica', telefones: ['11987654321'] },
		contrato: { id: `c${id}`, clienteId: id, plano: 'Fibra 300', status: 'ativo' },
		faturas: [{ id: `f${id}-${vencimento}`, valor: 10, vencimento, vencida: false }],
		cidade: 'São Paulo',
		...extra,
	};
}

/** An adapter whose listing is `pages` (what `listarClientes` answers for page 1, 2…). */
function fakeAdapter(pages: PaginaClientes[]): ErpAdapter & { asked: number[] } {
	const asked: number[] = [];
	return {
		system: 'sgp',
		supports: (action: string) => action === 'listarClientes',
		asked,
		async listarClientes(_filtro: FiltroClientes, pagina: number) {
			asked.push(pagina);
			return pages[pagina - 1] ?? { itens: [], lidos: 0, fim: true };
		},
	} as unknown as ErpAdapter & { asked: number[] };
}

const range: FiltroClientes = { tipo: 'faturasAbertas', vencimentoDe: '2026-01-10', vencimentoAte: '2026-01-12' };

describe('Clientes por Filtro: leitura paginada (listing.ts)', () => {
	it('reads pages until the last, merges a customer met on two pages and keeps only invoices in the range', async () => {
		const adapter = fakeAdapter([
			{ itens: [entry('1', '2026-01-10'), entry('2', '2026-01-20')], lidos: 2, total: 4, fim: false },
			{ itens: [entry('1', '2026-01-11'), entry('3', '2026-01-12')], lidos: 2, total: 4, fim: true },
		]);
		const progress: number[] = [];
		const result = await listarClientesFiltrados(adapter, range, { maxClientes: 100, maxPaginas: 10, aoLerPagina: ({ pagina }) => progress.push(pagina) });
		expect(adapter.asked).toEqual([1, 2]);
		expect(progress).toEqual([1, 2]);
		expect(result.interrompida).toBeUndefined();
		expect(result.clientes.map((each) => [each.cliente.id, each.faturas.map((fatura) => fatura.vencimento)])).toEqual([
			['1', ['2026-01-10', '2026-01-11']],
			['3', ['2026-01-12']],
		]);
	});

	it('stops at the page limit and at the customer limit, saying so', async () => {
		const endless = Array.from({ length: 50 }, (_, index) => ({ itens: [entry(String(index), '2026-01-10')], lidos: 1, fim: false }));
		const byPages = await listarClientesFiltrados(fakeAdapter(endless), range, { maxClientes: 100, maxPaginas: 3 });
		expect(byPages.clientes).toHaveLength(3);
		expect(byPages.interrompida).toMatch(/3 páginas/);
		const byCustomers = await listarClientesFiltrados(fakeAdapter(endless), range, { maxClientes: 2, maxPaginas: 100 });
		expect(byCustomers.clientes.map((each) => each.cliente.id)).toEqual(['0', '1']);
		expect(byCustomers.interrompida).toMatch(/2 clientes/);
	});

	it('never reads more than the hard limit of pages, whatever the node asks', async () => {
		const endless = Array.from({ length: 600 }, () => ({ itens: [], lidos: 1, fim: false }));
		const adapter = fakeAdapter(endless);
		const result = await listarClientesFiltrados(adapter, range, { maxClientes: 10, maxPaginas: 100_000 });
		expect(adapter.asked).toHaveLength(500);
		expect(result.interrompida).toBeDefined();
	});

	it('filters by city and plan ignoring accents and case; blocked contracts only for contratosBloqueados', () => {
		const blocked = entry('9', '2026-01-10', { contrato: { id: 'c9', clienteId: '9', plano: 'Empresarial', status: 'bloqueado' } });
		expect(applyFilter(entry('1', '2026-01-10'), { ...range, cidade: 'sao paulo', plano: 'fibra' })).toBeDefined();
		expect(applyFilter(entry('1', '2026-01-10'), { ...range, cidade: 'Chapecó' })).toBeUndefined();
		expect(applyFilter(entry('1', '2026-01-10'), { tipo: 'contratosBloqueados' })).toBeUndefined();
		expect(applyFilter(blocked, { tipo: 'contratosBloqueados' })).toMatchObject({ faturas: [] });
		expect(applyFilter(blocked, { tipo: 'contratosBloqueados', plano: 'fibra' })).toBeUndefined();
	});

	it('every ERP either lists customers or says why not', () => {
		const credentials = { baseUrl: 'http://erp.invalid', timeoutSeconds: 1 };
		for (const system of Object.keys(ERP_NAMES) as ErpSystem[]) {
			const adapter = createErpAdapter({ ...credentials, system } as Parameters<typeof createErpAdapter>[0], async () => ({}));
			const lists = adapter.supports('listarClientes') && typeof adapter.listarClientes === 'function';
			expect([system, lists || Boolean(LISTAGEM_NAO_SUPORTADA[system])]).toEqual([system, true]);
			if (lists) expect(LISTAGEM_NAO_SUPORTADA[system]).toBeUndefined();
		}
	});
});
