// How `npm start` imports the shipped templates (scripts/lib/templates.js): the ones a template calls
// through Executar Fluxo come first, and the references become the imported ids.
import { join } from 'path';

interface WorkflowJson {
	id?: string;
	name: string;
	nodes: Array<{ name: string; type: string; parameters?: { workflowId?: { value?: string; mode?: string; cachedResultName?: string } }; credentials?: Record<string, { id: string }> }>;
}

const templates = require('../../../scripts/lib/templates.js') as {
	loadTemplatesInOrder: (dir: string) => Array<{ file: string; workflow: WorkflowJson }>;
	resolveTemplateReferences: (workflow: WorkflowJson, idByFile: Record<string, string>) => WorkflowJson;
	referencedTemplates: (workflow: WorkflowJson) => string[];
	missingTemplateCredentials: (workflow: WorkflowJson, credentialsByType: Record<string, { id: string; name: string }>) => string[];
};

const ordered = templates.loadTemplatesInOrder(join(__dirname, '..', '..', '..', 'workflows'));
const files = ordered.map((entry) => entry.file);

describe('shipped templates in import order', () => {
	it('imports the Acelerato template after the Suporte flow its "Chamado" rule runs', () => {
		expect(files).toContain('acelerato.json');
		expect(files.indexOf('suporte.json')).toBeLessThan(files.indexOf('acelerato.json'));
	});

	it("resolves the Acelerato template's flow reference to the imported id, and it needs no credential (so npm start activates it)", () => {
		const acelerato = ordered.find((entry) => entry.file === 'acelerato.json')!.workflow;
		const resolved = templates.resolveTemplateReferences(acelerato, { 'suporte.json': 'wf-42' });
		expect(resolved.nodes.find((node) => node.name === 'Vai para Suporte')?.parameters?.workflowId).toEqual({
			__rl: true,
			mode: 'list',
			value: 'wf-42',
			cachedResultName: 'Atendimento - Suporte',
			cachedResultUrl: '/workflow/wf-42',
		});
		expect(() => templates.resolveTemplateReferences(acelerato, {})).toThrow('usa suporte.json, que não foi importado');
		expect(templates.missingTemplateCredentials(acelerato, {})).toEqual([]);
	});

	it('the Acelerato web chat has its own path and the demo Painel has the Comercial team it hands conversations to', () => {
		const acelerato = ordered.find((entry) => entry.file === 'acelerato.json')!.workflow;
		const trigger = acelerato.nodes.find((node) => node.type === 'n8n-nodes-atendimento.atendimentoTrigger') as unknown as { parameters: { path: string } };
		const paths = ordered.flatMap(({ workflow }) => workflow.nodes.map((node) => (node.parameters as { path?: string } | undefined)?.path).filter(Boolean));
		expect(trigger.parameters.path).toBe('acelerato');
		expect(paths.filter((path) => path === 'acelerato')).toHaveLength(1);
		const painel = ordered.find((entry) => entry.file === 'painel.json')!.workflow.nodes[0] as unknown as { parameters: { teams: { values: Array<{ name: string }> } } };
		const rules = (acelerato.nodes.find((node) => node.type === 'n8n-nodes-atendimento.gatilhosPalavraChave') as unknown as { parameters: { rules: { values: Array<{ ruleAction: string; actionTeam?: string }> } } }).parameters.rules.values;
		const deskTeams = painel.parameters.teams.values.map((team) => team.name);
		for (const rule of rules.filter((candidate) => candidate.ruleAction === 'team')) expect(deskTeams).toContain(rule.actionTeam);
	});

	it('gives every template a stable id of its own, in the form n8n gives workflow ids (16 letters and digits)', () => {
		const ids = ordered.map(({ workflow }) => workflow.id);
		expect(ids.filter((id) => !/^[A-Za-z0-9]{16}$/.test(id ?? ''))).toEqual([]);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it("refers to each submenu by its template id, in list mode with the submenu's name (what n8n import:workflow keeps)", () => {
		const byId = new Map(ordered.map(({ workflow }) => [workflow.id, workflow]));
		const references = ordered.flatMap(({ workflow }) =>
			workflow.nodes.filter((node) => node.type === 'n8n-nodes-atendimento.executarFluxo').map((node) => ({ from: workflow.name, card: node.name, locator: node.parameters?.workflowId })),
		);
		expect(references.length).toBeGreaterThanOrEqual(4);
		for (const { locator } of references) {
			expect(locator).toMatchObject({ mode: 'list', cachedResultName: byId.get(locator?.value)?.name });
		}
		expect(templates.referencedTemplates(ordered.find((entry) => entry.file === 'boas-vindas.json')!.workflow)).toEqual(['comercial.json', 'suporte.json', 'financeiro.json']);
	});
});
