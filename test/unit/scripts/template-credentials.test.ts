// The shipped templates' `template:` credentials, as `npm start` installs them (scripts/lib/templates.js).
import { readFileSync } from 'fs';
import { join } from 'path';

interface WorkflowJson {
	name: string;
	nodes: Array<{ name: string; credentials?: Record<string, { id: string; name: string }> }>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const templates = require('../../../scripts/lib/templates.js') as {
	templateCredentialTypes: (workflow: WorkflowJson) => string[];
	resolveTemplateCredentials: (workflow: WorkflowJson, credentialsByType: Record<string, { id: string; name: string }>) => WorkflowJson;
	withoutTemplateCredentials: (workflow: WorkflowJson) => WorkflowJson;
};

const financeiro = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'workflows', 'financeiro.json'), 'utf8')) as WorkflowJson;
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
});
