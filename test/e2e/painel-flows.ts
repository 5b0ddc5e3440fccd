// Workflows of the Painel do Atendente e2e tests (HTTP and browser): a Painel node with two teams and a
// flow Trigger → [Auto Vincular] → Transferir (Painel) → "De volta ao bot" | "Obrigado pelo contato!".
import { testNode, type WorkflowJson } from './n8n-client';

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
