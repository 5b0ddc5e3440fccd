// Workflows of the Painel do Atendente e2e tests (HTTP and browser): a Painel node with two teams and a
// flow Trigger → [Auto Vincular] → Transferir (Painel) → "De volta ao bot" | "Obrigado pelo contato!".
import { activateWorkflow, e2eState, testNode, waitFor, type WorkflowJson } from './n8n-client';

/** A name and a message that would run as code if the desk ever rendered them as HTML. */
export const HOSTILE = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>';

/** A Painel with teams Atendimento (ana) and Financeiro (bruno), plus the agents in `extraAgents`. */
export function painelNode(
	index: number,
	path: string,
	sessionHours: number,
	credentials: Record<string, unknown>,
	extraAgents: Array<{ name: string; login: string; teams: string; role: 'agente' | 'supervisor' }> = [],
): Record<string, unknown> {
	return testNode(
		index,
		`Painel ${path}`,
		'painelAtendimento',
		{
			path,
			company: `Provedor ${HOSTILE}`,
			teams: { values: [{ name: 'Atendimento' }, { name: 'Financeiro' }] },
			agents: { values: [{ name: 'Ana', login: 'ana', teams: 'Atendimento', role: 'agente' }, { name: 'Bruno', login: 'bruno', teams: 'Financeiro', role: 'agente' }, ...extraAgents] },
			settings: { sessionHours, closeMessage: 'Encerrado pela {{nome_atendente}}. Protocolo {{protocolo}}.' },
			erpIntegration: true,
		},
		{ webhookId: `${path}-hook`, credentials },
	);
}

/** Trigger → [Auto Vincular] → Transferir (Painel) → Devolvido: "De volta ao bot." | Encerrado: "Obrigado pelo contato!" | Inatividade: nothing. */
export function transferFlow(name: string, trigger: Record<string, unknown>, link?: Record<string, unknown>): WorkflowJson {
	const transfer = testNode(3, 'Transferir', 'transferirAtendimento', { destination: 'painel', department: 'Atendimento', message: 'Transferindo. Protocolo {{protocolo}}.' }, { typeVersion: 2 });
	const back = testNode(4, 'De volta', 'enviarMensagem', { messageType: 'text', text: 'De volta ao bot.' });
	const thanks = testNode(5, 'Obrigado', 'enviarMensagem', { messageType: 'text', text: 'Obrigado pelo contato!' });
	const toTransfer = [{ node: 'Transferir', type: 'main', index: 0 }];
	return {
		name,
		nodes: [trigger, ...(link ? [link] : []), transfer, back, thanks],
		connections: {
			[String(trigger.name)]: { main: [link ? [{ node: String(link.name), type: 'main', index: 0 }] : toTransfer] },
			...(link ? { [String(link.name)]: { main: [toTransfer, toTransfer, toTransfer] } } : {}),
			Transferir: { main: [[{ node: 'De volta', type: 'main', index: 0 }], [{ node: 'Obrigado', type: 'main', index: 0 }], []] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** The URLs of what `activatePainelSetup` activated. */
export interface PainelSetup {
	deskUrl: string;
	/** A Painel whose sessions last 3.6 s (expired sessions). */
	shortDeskUrl: string;
	chatUrl: string;
	whatsAppUrl: string;
}

/**
 * Activates, under paths starting with `prefix`: a Painel (12 h sessions), the same with 3.6 s sessions, and
 * the transfer flow on the web chat and on WhatsApp (through Auto Vincular on the ERP). Waits until the
 * desk and the web chat answer.
 */
export async function activatePainelSetup(
	prefix: string,
	label: string,
	credentials: { painel: Record<string, unknown>; whatsApp: Record<string, unknown>; erp: Record<string, unknown> },
	extraAgents: Parameters<typeof painelNode>[4] = [],
): Promise<PainelSetup> {
	await activateWorkflow({ name: `E2E ${label}`, nodes: [painelNode(1, prefix, 12, credentials.painel, extraAgents)], connections: {}, settings: { executionOrder: 'v1' } });
	await activateWorkflow({ name: `E2E ${label} curto`, nodes: [painelNode(1, `${prefix}-curto`, 0.001, credentials.painel)], connections: {}, settings: { executionOrder: 'v1' } });
	await activateWorkflow(transferFlow(`E2E ${label} web chat`, testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path: `${prefix}-chat` }, { webhookId: `${prefix}-chat-hook` })));
	await activateWorkflow(
		transferFlow(
			`E2E ${label} WhatsApp`,
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'whatsapp', path: `${prefix}-wa` }, { webhookId: `${prefix}-wa-hook`, credentials: credentials.whatsApp }),
			testNode(2, 'Auto Vincular', 'autoVincularContato', { linkedMessage: '', notLinkedMessage: '' }, { credentials: credentials.erp }),
		),
	);
	const base = e2eState().baseUrl;
	const setup: PainelSetup = {
		deskUrl: `${base}/webhook/${prefix}`,
		shortDeskUrl: `${base}/webhook/${prefix}-curto`,
		chatUrl: `${base}/webhook/${prefix}-chat`,
		whatsAppUrl: `${base}/webhook/${prefix}-wa`,
	};
	await waitFor(async () => ((await fetch(setup.deskUrl)).ok ? true : undefined), 30_000, 'o Painel');
	await waitFor(async () => ((await fetch(setup.chatUrl)).ok ? true : undefined), 30_000, 'o web chat');
	return setup;
}
