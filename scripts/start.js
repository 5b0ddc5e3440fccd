// `npm start`: builds the pack, starts the pinned n8n with it on 127.0.0.1, prepares the instance
// (owner, templates imported, the welcome flow active) and prints where to go.
// It behaves like a server process: SIGINT (Ctrl-C) or SIGTERM sent to this process alone (docker stop,
// systemd) stops n8n (its own process group, SIGTERM then SIGKILL after STOP_TIMEOUT_MS) and the demo
// ERP, then exits 0; a second signal kills them at once and exits 1.
// The ERP cards of the templates run against a demo IXC (scripts/lib/demo-erp.js) started in this
// process, unless ATENDIMENTO_DEMO_ERP=0.
const fs = require('fs');
const path = require('path');
const { root, installPack, startN8n, prepareOwner, importWorkflow, waitForWebhook, log } = require('./lib/n8n-instance');
const { loadTemplatesInOrder, resolveTemplateReferences, missingTemplateCredentials, resolveAvailableTemplateCredentials } = require('./lib/templates');
const { DEMO_CUSTOMERS, startDemoErp, ensureCredential, ensureDemoCredential } = require('./lib/demo-erp');

/** Logins of the demo Painel do Atendente (workflows/painel.json): the agent and the supervisor. */
const DEMO_DESK_LOGINS = [
	{ login: 'ana', password: 'ana-demo-123', role: 'atendente, equipe Atendimento' },
	{ login: 'supervisor', password: 'supervisor-demo-123', role: 'supervisor, todas as equipes' },
];
const DEMO_DESK_CREDENTIAL = {
	name: 'Painel do Atendente (demonstração)',
	type: 'atendimentoPainelApi',
	data: { senhasIniciais: DEMO_DESK_LOGINS.map(({ login, password }) => `${login}: ${password}`).join('\n') },
};
/** Basic Auth of the campaign page (workflows/campanhas.json): the page and its CSV show customers' numbers. */
const DEMO_CAMPAIGNS_LOGIN = { user: 'supervisor', password: 'campanhas-demo-123' };
const DEMO_CAMPAIGNS_CREDENTIAL = { name: 'Campanhas (demonstração)', type: 'httpBasicAuth', data: DEMO_CAMPAIGNS_LOGIN };

const MAIN_TEMPLATE = 'boas-vindas.json';
/** How the import log names a credential a template is waiting for. */
const CREDENTIAL_LABELS = { atendimentoErpApi: 'do ERP', atendimentoWhatsAppApi: 'do WhatsApp' };

/** How long n8n gets for its graceful shutdown before SIGKILL (docker stop waits 10 s by default: `-t 30`). */
const STOP_TIMEOUT_MS = 20_000;

/** The n8n being started or running: { child, stop, kill } from the moment it is spawned. */
let n8n;
let demoErp;
let stopping = false;

async function stop(signal) {
	if (stopping) {
		log(`${signal} de novo: encerrando o n8n à força.`);
		n8n?.kill('SIGKILL');
		process.exit(1);
	}
	stopping = true;
	log(`${signal} recebido: parando o n8n (Ctrl-C de novo para forçar)...`);
	try {
		await n8n?.stop();
		await demoErp?.simulator.close();
	} catch (error) {
		log(`Erro ao parar: ${error.message}`);
		n8n?.kill('SIGKILL');
		process.exit(1);
	}
	log('Parado.');
	process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

async function main() {
	const port = Number(process.env.PORT ?? 5678);
	const dataDir = path.resolve(process.env.ATENDIMENTO_DATA_DIR ?? path.join(root, '.data'));
	fs.mkdirSync(dataDir, { recursive: true });
	if (process.env.ATENDIMENTO_DEMO_ERP !== '0') {
		// PORT + 100 is n8n's task-runner broker (n8n-instance.js); the demo ERP takes PORT + 2.
		demoErp = await startDemoErp(Number(process.env.ATENDIMENTO_DEMO_ERP_PORT ?? port + 2));
		log(`ERP de demonstração (IXC simulado) em ${demoErp.simulator.url}`);
	}
	log('Instalando o pacote no n8n...');
	installPack(dataDir);
	log(`Iniciando o n8n em http://127.0.0.1:${port} (dados em ${dataDir})...`);
	const started = await startN8n({
		dataDir,
		port,
		logFile: path.join(dataDir, 'n8n.log'),
		ownProcessGroup: true,
		stopTimeoutMs: STOP_TIMEOUT_MS,
		onSpawn: (spawned) => (n8n = spawned), // so that a signal during n8n's start-up stops it too
	});
	n8n = { ...n8n, ...started };
	n8n.child.on('exit', (code) => {
		if (!stopping) {
			log(`O n8n terminou (código ${code}); veja ${path.join(dataDir, 'n8n.log')}`);
			process.exit(1);
		}
	});
	if (stopping) return;

	const { apiKey, owner } = await prepareOwner(n8n.baseUrl, dataDir);
	const erpCredential = demoErp ? await ensureDemoCredential(n8n.baseUrl, apiKey, demoErp.credentialData) : undefined;
	if (erpCredential) log(`Credencial "${erpCredential.name}" ${erpCredential.created ? 'criada' : 'reaproveitada'}`);
	// Submenus first (the welcome menu refers to them); all active: n8n 2.x runs sub-workflows only when published.
	// n8n refuses to publish a workflow whose nodes lack a required credential: a template whose `template:`
	// credential the installation lacks (the ERP without the demo, always the WhatsApp account of the
	// broadcast template) is imported unpublished, for the user to pick a credential and publish.
	const deskCredential = await ensureCredential(n8n.baseUrl, apiKey, DEMO_DESK_CREDENTIAL);
	log(`Credencial "${deskCredential.name}" ${deskCredential.created ? 'criada' : 'reaproveitada'}`);
	const campaignsCredential = await ensureCredential(n8n.baseUrl, apiKey, DEMO_CAMPAIGNS_CREDENTIAL);
	log(`Credencial "${campaignsCredential.name}" ${campaignsCredential.created ? 'criada' : 'reaproveitada'}`);
	const installationCredentials = {
		atendimentoPainelApi: { id: deskCredential.id, name: deskCredential.name },
		httpBasicAuth: { id: campaignsCredential.id, name: campaignsCredential.name },
		...(erpCredential ? { atendimentoErpApi: { id: erpCredential.id, name: erpCredential.name } } : {}),
	};
	const idByFile = {};
	const awaitingCredential = [];
	for (const { file, workflow } of loadTemplatesInOrder(path.join(root, 'workflows'))) {
		const missing = missingTemplateCredentials(workflow, installationCredentials);
		const installed = resolveAvailableTemplateCredentials(resolveTemplateReferences(workflow, idByFile), installationCredentials);
		const { id, created } = await importWorkflow(n8n.baseUrl, apiKey, installed, { activate: missing.length === 0 });
		idByFile[file] = id;
		if (missing.length > 0) awaitingCredential.push({ name: workflow.name, missing });
		const state = missing.length > 0 ? `sem publicar (falta a credencial ${missing.map((type) => CREDENTIAL_LABELS[type] ?? type).join(' e ')})` : 'e ativo';
		// An existing workflow of the same name is kept as the user left it (never overwritten).
		log(`Modelo ${created ? 'importado' : 'reaproveitado (já estava no n8n)'} ${state}: ${workflow.name}${file === MAIN_TEMPLATE ? ' (principal)' : ''}`);
	}
	const chatUrl = `${n8n.baseUrl}/webhook/atendimento`;
	await waitForWebhook(chatUrl);
	process.stdout.write(
		[
			'',
			'n8n com o pacote de atendimento está no ar.',
			`  Editor:    ${n8n.baseUrl}/   (login: ${owner.email} / ${owner.password})`,
			`  Web chat:  ${chatUrl}`,
			`  Gatilhos:  ${n8n.baseUrl}/webhook/acelerato   (palavras-chave como no Acelerato: "oi", "comercial", "atendimento" → equipe Comercial do Painel)`,
			`  Relatório: ${n8n.baseUrl}/webhook/relatorio`,
			`  Campanhas: ${n8n.baseUrl}/webhook/campanhas   (login ${DEMO_CAMPAIGNS_LOGIN.user} / senha ${DEMO_CAMPAIGNS_LOGIN.password}${campaignsCredential.created ? '' : ', se a credencial reaproveitada não foi trocada'})`,
			`  Painel do Atendente: ${n8n.baseUrl}/webhook/painel`,
			...DEMO_DESK_LOGINS.map(({ login, password, role }) => `             login ${login} / senha ${password} (${role})`),
			`             ${deskCredential.created ? '' : '(credencial reaproveitada: uma senha trocada no Painel continua valendo) '}"Falar com atendente" no web chat chega à fila da equipe Atendimento.`,
			`  Log do n8n: ${path.join(dataDir, 'n8n.log')}`,
			...erpBannerLines(erpCredential, waitingFor(awaitingCredential, 'atendimentoErpApi')),
			...whatsAppBannerLines(waitingFor(awaitingCredential, 'atendimentoWhatsAppApi')),
			`Ctrl-C para parar (os dados ficam em ${dataDir} e são reaproveitados).`,
			'',
		].join('\n'),
	);
}

/** Names of the imported templates still waiting for a credential of `type`. */
function waitingFor(awaitingCredential, type) {
	return awaitingCredential.filter(({ missing }) => missing.includes(type)).map(({ name }) => name);
}

/** The broadcast templates need the provider's own WhatsApp account: there is no demo of it. */
function whatsAppBannerLines(names) {
	if (names.length === 0) return [];
	const imported = names.length === 1 ? 'foi importado' : 'foram importados';
	return [
		`  Disparos:  ${names.join(', ')} ${imported} sem publicar: crie a credencial "Atendimento: WhatsApp Cloud API"`,
		'             da sua conta, escolha-a nos cards Mensagem Omnichannel e Processar Fila e publique (veja workflows/README.md).',
	];
}

function erpBannerLines(erpCredential, awaitingCredential) {
	if (!erpCredential) {
		return [
			'  ERP:       sem demonstração (ATENDIMENTO_DEMO_ERP=0). Se ainda não fez: abra no editor os fluxos que usam o ERP',
			`             (${awaitingCredential.join(', ')}), escolha ou crie a credencial "ERP do Provedor"`,
			'             em cada card de ERP (Segunda Via, Desbloqueio de Confiança, Nota Fiscal…) e publique o fluxo.',
		];
	}
	return [
		`  ERP:       o Financeiro usa um IXC de demonstração (${demoErp.simulator.url}) pela credencial "${erpCredential.name}"`,
		`             ${erpCredential.created ? '(criada agora).' : '(reaproveitada: se você já a apontou para o seu ERP, é ele que vale).'}`,
		'             CPFs de teste:',
		...DEMO_CUSTOMERS.map(({ cpf, name, situation }) => `               ${cpf}  ${name}: ${situation}`),
		'             Para usar o seu ERP: no editor, Overview > Credentials > edite essa credencial (Sistema, URL, token).',
	];
}

main().catch(async (error) => {
	// Stopping on a signal makes the requests in flight fail: stop() exits, that is no error.
	if (stopping) return;
	stopping = true;
	log(`Erro: ${error.message}`);
	await n8n?.stop();
	await demoErp?.simulator.close();
	process.exit(1);
});
