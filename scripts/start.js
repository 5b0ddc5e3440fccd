// `npm start`: builds the pack, starts the pinned n8n with it on 127.0.0.1, prepares the instance
// (owner, templates imported, the welcome flow active) and prints where to go. Ctrl-C stops it.
const fs = require('fs');
const path = require('path');
const { root, installPack, startN8n, prepareOwner, importWorkflow, waitForWebhook, log } = require('./lib/n8n-instance');
const { loadTemplatesInOrder, resolveTemplateReferences } = require('./lib/templates');

const MAIN_TEMPLATE = 'boas-vindas.json';

let n8n;

async function main() {
	const port = Number(process.env.PORT ?? 5678);
	const dataDir = path.resolve(process.env.ATENDIMENTO_DATA_DIR ?? path.join(root, '.data'));
	fs.mkdirSync(dataDir, { recursive: true });
	log('Instalando o pacote no n8n...');
	installPack(dataDir);
	log(`Iniciando o n8n em http://127.0.0.1:${port} (dados em ${dataDir})...`);
	n8n = await startN8n({ dataDir, port, logFile: path.join(dataDir, 'n8n.log') });
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		log('Parando o n8n...');
		await n8n.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	n8n.child.on('exit', (code) => {
		if (!stopping) {
			log(`O n8n terminou (código ${code}); veja ${path.join(dataDir, 'n8n.log')}`);
			process.exit(1);
		}
	});

	const { apiKey, owner } = await prepareOwner(n8n.baseUrl, dataDir);
	// Submenus first (the welcome menu refers to them); all active: n8n 2.x runs sub-workflows only when published.
	const idByFile = {};
	for (const { file, workflow } of loadTemplatesInOrder(path.join(root, 'workflows'))) {
		idByFile[file] = await importWorkflow(n8n.baseUrl, apiKey, resolveTemplateReferences(workflow, idByFile), { activate: true });
		log(`Modelo importado e ativo: ${workflow.name}${file === MAIN_TEMPLATE ? ' (principal)' : ''}`);
	}
	const chatUrl = `${n8n.baseUrl}/webhook/atendimento`;
	await waitForWebhook(chatUrl);
	process.stdout.write(
		[
			'',
			'n8n com o pacote de atendimento está no ar.',
			`  Editor:    ${n8n.baseUrl}/   (login: ${owner.email} / ${owner.password})`,
			`  Web chat:  ${chatUrl}`,
			`  Relatório: ${n8n.baseUrl}/webhook/relatorio`,
			`  Log do n8n: ${path.join(dataDir, 'n8n.log')}`,
			'Ctrl-C para parar (os dados ficam em .data e são reaproveitados).',
			'',
		].join('\n'),
	);
}

main().catch(async (error) => {
	log(`Erro: ${error.message}`);
	if (n8n) await n8n.stop();
	process.exit(1);
});
