import type { IHttpRequestOptions } from 'n8n-workflow';

import type { ErpCredentials } from '../credentials';
import type { ErpTransport } from '../types';
import { createIxcClient, MAX_PAGES } from './client';

const CREDENTIALS: ErpCredentials = { system: 'ixc', baseUrl: 'https://erp.provedor.example/', ixcToken: '8:hash', timeoutSeconds: 7 };

/** A transport answering from `answer` and recording every request. */
function recording(answer: (options: IHttpRequestOptions) => unknown): { transport: ErpTransport; sent: IHttpRequestOptions[] } {
	const sent: IHttpRequestOptions[] = [];
	return {
		sent,
		transport: async (options) => {
			sent.push(options);
			return answer(options);
		},
	};
}

describe('IXC client', () => {
	it('lists with POST + ixcsoft: listar under /webservice/v1, the credential timeout and grid_param as a JSON string', async () => {
		const { transport, sent } = recording(() => ({ page: '1', total: '1', registros: [{ id: '7' }] }));
		const rows = await createIxcClient(transport, CREDENTIALS).list(
			'fn_areceber',
			{ qtype: 'fn_areceber.id_cliente', query: '2', filters: [{ TB: 'fn_areceber.liberado', OP: '=', P: 'S' }] },
			'listarFaturasAbertas',
		);
		expect(rows).toEqual([{ id: '7' }]);
		expect(sent[0]).toEqual({
			method: 'POST',
			baseURL: 'https://erp.provedor.example/webservice/v1',
			url: '/fn_areceber',
			headers: { ixcsoft: 'listar' },
			json: true,
			timeout: 7000,
			body: {
				qtype: 'fn_areceber.id_cliente',
				query: '2',
				oper: '=',
				page: '1',
				rp: '100',
				sortname: 'fn_areceber.id',
				sortorder: 'asc',
				grid_param: '[{"TB":"fn_areceber.liberado","OP":"=","P":"S"}]',
			},
		});
		expect(sent[0].headers).not.toHaveProperty('Authorization');
	});

	it('reads every page of a listing until total, with total given as a number', async () => {
		const { transport, sent } = recording((options) => {
			const page = Number((options.body as { page: string }).page);
			return { page: String(page), total: 5, registros: [1, 2].map((index) => ({ id: String((page - 1) * 2 + index) })).filter((row) => Number(row.id) <= 5) };
		});
		const rows = await createIxcClient(transport, CREDENTIALS).listAll('cliente', { qtype: 'cliente.id', query: '0', oper: '>', rowsPerPage: 2 }, 'listarContratos');
		expect(rows.map((row) => row.id)).toEqual(['1', '2', '3', '4', '5']);
		expect(sent.map((options) => (options.body as { page: string }).page)).toEqual(['1', '2', '3']);
	});

	it('stops at MAX_PAGES when the ERP keeps answering full pages', async () => {
		const { transport, sent } = recording(() => ({ page: '1', total: '999999', registros: [{ id: '1' }] }));
		await createIxcClient(transport, CREDENTIALS).listAll('cliente', { qtype: 'cliente.id', query: '0', rowsPerPage: 1 }, 'listarContratos');
		expect(sent).toHaveLength(MAX_PAGES);
	});

	it('calls buttons without the ixcsoft header and reads files as bytes', async () => {
		const { transport, sent } = recording((options) => (options.encoding === 'arraybuffer' ? Buffer.from('%PDF-1.4') : { type: 'success', message: 'ok' }));
		const client = createIxcClient(transport, { ...CREDENTIALS, timeoutSeconds: undefined });
		expect(await client.call('desbloqueio_confianca', { id: '1' }, 'desbloqueioConfianca')).toEqual({ type: 'success', message: 'ok' });
		expect(Buffer.isBuffer(await client.file('get_boleto', { boletos: '1' }, 'pdfFatura'))).toBe(true);
		expect(sent[0]).toEqual({ method: 'POST', baseURL: 'https://erp.provedor.example/webservice/v1', url: '/desbloqueio_confianca', body: { id: '1' }, json: true, timeout: 15000 });
		expect(sent[1]).toMatchObject({ url: '/get_boleto', json: false, encoding: 'arraybuffer' });
		expect(sent[1].headers).toBeUndefined();
	});

	it('turns a file request answered with {"type":"error"} into an ERP error with the cleaned message', async () => {
		const { transport } = recording(() => Buffer.from(JSON.stringify({ type: 'error', message: 'Boleto não encontrado!<br />' })));
		await expect(createIxcClient(transport, CREDENTIALS).file('get_boleto', { boletos: '1' }, 'pdfFatura')).rejects.toMatchObject({
			kind: 'erro_erp',
			message: 'O IXC Provedor recusou a operação: Boleto não encontrado.',
		});
	});

	it('turns a button answer that is not JSON into an ERP error', async () => {
		const { transport } = recording(() => 'ok');
		await expect(createIxcClient(transport, CREDENTIALS).call('get_pix', { id_areceber: '1' }, 'pixFatura')).rejects.toMatchObject({ kind: 'erro_erp' });
	});
});
