// The shipped templates' `template:` credentials, as `npm start` installs them (scripts/lib/templates.js).
import { readFileSync } from 'fs';
import { join } from 'path';

interface WorkflowJson {
	name: string;
	nodes: Array<{ name: string; credentials?: Record<string, { id: string; name: string }> }>;
}

const templates = require('../../../scripts/lib/templates.js') as {
	templateCredentialTypes: (workflow: WorkflowJson) => string[];
	resolveTemplateCredentials: (workflow: WorkflowJson, credentialsByType: Record<string, { id: string; name: string }>) => WorkflowJson;
	withoutTemplateCredentials: (workflow: WorkflowJson) => WorkflowJson;
	missingTemplateCredentials: (workflow: WorkflowJson, credentialsByType: Record<string, { id: string; name: string }>) => string[];
	resolveAvailableTemplateCredentials: (workflow: WorkflowJson, credentialsByType: Record<string, { id: string; name: string }>) => WorkflowJson;
};

const financeiro = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'workflows', 'financeiro.json'), 'utf8')) as WorkflowJson;
const broadcast = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'workflows', 'status-logins-broadcast.json'), 'utf8')) as WorkflowJson;
const campaigns = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'workflows', 'campanhas.json'), 'utf8')) as WorkflowJson;
const erpNodeNames = financeiro.nodes.filter((node) => node.credentials?.atendimentoErpApi).map((node) => node.name);

function workflowWith(nodes: WorkflowJson['nodes']): WorkflowJson {
	return { name: 'Teste', nodes };
}

describe('template credentials', () => {
	it('the Financeiro template leaves its ERP cards to the installation', () => {
		expect(templates.templateCredentialTypes(financeiro)).toEqual(['atendimentoErpApi']);
		expect(erpNodeNames.length).toBeGreaterThan(0);
	});

	it('points every ERP card at the installation credential (the demo ERP of npm start)', () => {
		const demo = { id: 'cred-1', name: 'ERP do Provedor (demonstração)' };
		const resolved = templates.resolveTemplateCredentials(financeiro, { atendimentoErpApi: demo });

		for (const name of erpNodeNames) {
			expect(resolved.nodes.find((node) => node.name === name)?.credentials).toEqual({ atendimentoErpApi: demo });
		}
		expect(templates.templateCredentialTypes(resolved)).toEqual([]);
	});

	it('without a credential, removes the placeholders so n8n asks the user to pick one', () => {
		const stripped = templates.withoutTemplateCredentials(financeiro);

		for (const name of erpNodeNames) {
			expect(stripped.nodes.find((node) => node.name === name)?.credentials).toBeUndefined();
		}
		expect(financeiro.nodes.find((node) => node.name === erpNodeNames[0])?.credentials?.atendimentoErpApi.id).toBe('template:erp');
	});

	it('keeps credentials that are already real, and the other credentials of a node', () => {
		const real = { id: 'abc', name: 'WhatsApp da empresa' };
		const workflow = workflowWith([
			{ name: 'Envio', credentials: { atendimentoWhatsAppApi: real } },
			{ name: 'Misto', credentials: { atendimentoErpApi: { id: 'template:erp', name: 'ERP do Provedor' }, atendimentoWhatsAppApi: real } },
		]);

		const stripped = templates.withoutTemplateCredentials(workflow);

		expect(stripped.nodes.map((node) => node.credentials)).toEqual([{ atendimentoWhatsAppApi: real }, { atendimentoWhatsAppApi: real }]);
	});

	it('the broadcast template leaves the ERP and the WhatsApp account to the installation', () => {
		expect(templates.templateCredentialTypes(broadcast).sort()).toEqual(['atendimentoErpApi', 'atendimentoWhatsAppApi']);
		const whatsAppNodes = broadcast.nodes.filter((node) => node.credentials?.atendimentoWhatsAppApi).map((node) => node.name);
		expect(whatsAppNodes).toEqual(['Mensagem Omnichannel', 'Processar Fila']);
		expect(broadcast.nodes.find((node) => node.name === 'Processar Fila')?.credentials?.atendimentoWhatsAppApi.id).toBe('template:whatsapp');
	});

	it("the campaign page's Webhook leaves its Basic Auth login to the installation (npm start creates a demo one)", () => {
		expect(templates.templateCredentialTypes(campaigns)).toEqual(['httpBasicAuth']);
		expect(campaigns.nodes.find((node) => node.name === 'Abrir campanhas')?.credentials?.httpBasicAuth).toEqual({ id: 'template:campanhas', name: 'Campanhas (demonstração)' });
		const demo = { id: 'cred-7', name: 'Campanhas (demonstração)' };
		const installed = templates.resolveAvailableTemplateCredentials(campaigns, { httpBasicAuth: demo });
		expect(installed.nodes.find((node) => node.name === 'Abrir campanhas')?.credentials).toEqual({ httpBasicAuth: demo });
	});

	it('with only the demo ERP (npm start), resolves the ERP card and leaves the WhatsApp cards for the user to pick', () => {
		const demo = { id: 'cred-1', name: 'ERP do Provedor (demonstração)' };
		expect(templates.missingTemplateCredentials(broadcast, { atendimentoErpApi: demo })).toEqual(['atendimentoWhatsAppApi']);
		expect(templates.missingTemplateCredentials(financeiro, { atendimentoErpApi: demo })).toEqual([]);

		const installed = templates.resolveAvailableTemplateCredentials(broadcast, { atendimentoErpApi: demo });

		expect(installed.nodes.find((node) => node.name === 'Status Logins')?.credentials).toEqual({ atendimentoErpApi: demo });
		expect(installed.nodes.find((node) => node.name === 'Processar Fila')?.credentials).toBeUndefined();
		expect(templates.templateCredentialTypes(installed)).toEqual([]);
		expect(templates.resolveAvailableTemplateCredentials(financeiro, {})).toEqual(templates.withoutTemplateCredentials(financeiro));
	});
});
