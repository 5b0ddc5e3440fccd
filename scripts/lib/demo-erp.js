// The demo ERP of `npm start`: the IXC simulator of the tests (compiled from test/simulators into
// .demo/ by scripts/start.sh) on a fixed loopback port, and the "ERP do Provedor (demonstração)"
// credential that points at it, so the Financeiro submenu works without any ERP account.
const path = require('path');
const { root, request } = require('./n8n-instance');

const DEMO_CREDENTIAL = { name: 'ERP do Provedor (demonstração)', type: 'atendimentoErpApi' };

/** Test customers of the demo data set (test/simulators/erp-dataset.ts), as the start banner shows them. */
const DEMO_CUSTOMERS = [
	{ cpf: '529.982.247-25', name: 'Maria', situation: 'fatura em aberto' },
	{ cpf: '627.105.245-20', name: 'João', situation: 'bloqueado, desbloqueio de confiança disponível' },
	{ cpf: '175.181.720-20', name: 'Ana', situation: 'desbloqueio de confiança já usado no mês' },
];

/**
 * Starts the demo IXC on 127.0.0.1:`port`. Returns { simulator, credentialData } where
 * credentialData is the "ERP do Provedor" data that reaches it.
 */
async function startDemoErp(port) {
	const { startIxcSimulator, IXC_TEST_TOKEN } = require(path.join(root, '.demo', 'ixc.js'));
	let simulator;
	try {
		simulator = await startIxcSimulator({ port });
	} catch (error) {
		if (error.code !== 'EADDRINUSE') throw error;
		throw new Error(`a porta ${port} do ERP de demonstração está ocupada: use ATENDIMENTO_DEMO_ERP_PORT=<outra porta> (ou ATENDIMENTO_DEMO_ERP=0 para não usar a demonstração)`);
	}
	return { simulator, credentialData: { system: 'ixc', baseUrl: simulator.url, ixcToken: IXC_TEST_TOKEN, timeoutSeconds: 5 } };
}

/**
 * The credential named `name` of `type`, created with `data` only when none exists, so a user who
 * edited it (e.g. pointed it at the real ERP) keeps the edit across restarts. Returns { id, name, created }.
 */
async function ensureCredential(baseUrl, apiKey, { name, type, data }) {
	let cursor;
	do {
		const query = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
		const page = await request(baseUrl, 'GET', `/api/v1/credentials${query}`, { apiKey });
		if (page.status !== 200) throw new Error(`Falha ao listar as credenciais do n8n: ${page.text}`);
		const existing = page.json.data.find((credential) => credential.name === name && credential.type === type);
		if (existing) return { id: existing.id, name, created: false };
		cursor = page.json.nextCursor;
	} while (cursor);
	const created = await request(baseUrl, 'POST', '/api/v1/credentials', { apiKey, body: { name, type, data } });
	if (created.status !== 200) throw new Error(`Falha ao criar a credencial "${name}": ${created.text}`);
	return { id: created.json.id, name, created: true };
}

/** The demo credential in n8n (created on first run, reused by name afterwards). */
async function ensureDemoCredential(baseUrl, apiKey, credentialData) {
	return await ensureCredential(baseUrl, apiKey, { ...DEMO_CREDENTIAL, data: credentialData });
}

module.exports = { DEMO_CREDENTIAL, DEMO_CUSTOMERS, startDemoErp, ensureCredential, ensureDemoCredential };
