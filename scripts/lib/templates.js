// Each shipped template has a stable workflow `id` (so `n8n import:workflow` keeps it), and an Executar
// Fluxo refers to its submenu by that id, in the editor's list mode:
// `{ "__rl": true, "mode": "list", "value": "AtdComercial0001", "cachedResultName": "Atendimento - Comercial" }`.
// An import that cannot keep the ids (n8n's public API gives new ones) swaps the references for the new
// ids, keeping the list mode and the name. These helpers order the templates so that referenced ones
// come first and do that swap.
const fs = require('fs');
const path = require('path');

const PREFIX = 'template:';
const SHIPPED_DIR = path.join(__dirname, '..', '..', 'workflows');

let shippedFileById;
/** File name of each shipped template by its stable id (`AtdComercial0001` → `comercial.json`). */
function templateFileById() {
	if (!shippedFileById) {
		shippedFileById = new Map();
		for (const file of fs.readdirSync(SHIPPED_DIR).filter((name) => name.endsWith('.json')).sort()) {
			const { id } = JSON.parse(fs.readFileSync(path.join(SHIPPED_DIR, file), 'utf8'));
			if (id) shippedFileById.set(id, file);
		}
	}
	return shippedFileById;
}

/** The shipped template file an Executar Fluxo locator refers to, or undefined. */
function referencedFile(locator) {
	const value = locator?.value;
	if (typeof value !== 'string') return undefined;
	if (value.startsWith(PREFIX)) return value.slice(PREFIX.length);
	return templateFileById().get(value);
}

/** File names a workflow refers to through Executar Fluxo. */
function referencedTemplates(workflow) {
	const files = [];
	for (const node of workflow.nodes) {
		const file = referencedFile(node.parameters?.workflowId);
		if (file) files.push(file);
	}
	return files;
}

/**
 * A copy of `workflow` whose template references point at the imported ids (`idByFile`), still in list
 * mode with the sub-flow's name, as if picked in the editor's list.
 */
function resolveTemplateReferences(workflow, idByFile) {
	const copy = JSON.parse(JSON.stringify(workflow));
	for (const node of copy.nodes) {
		const locator = node.parameters?.workflowId;
		const file = referencedFile(locator);
		if (!file) continue;
		if (!idByFile[file]) throw new Error(`O modelo "${workflow.name}" usa ${file}, que não foi importado`);
		node.parameters.workflowId = { ...locator, mode: 'list', value: idByFile[file], cachedResultUrl: `/workflow/${idByFile[file]}` };
	}
	return copy;
}

/** The templates of `dir` as [{ file, workflow }], each after the ones it refers to. */
function loadTemplatesInOrder(dir) {
	const byFile = new Map(
		fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort().map((file) => [file, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))]),
	);
	const ordered = [];
	const visit = (file, trail) => {
		if (ordered.some((entry) => entry.file === file)) return;
		if (trail.includes(file)) throw new Error(`Modelos com referência circular: ${[...trail, file].join(' → ')}`);
		const workflow = byFile.get(file);
		if (!workflow) throw new Error(`Modelo ${file} não existe em ${dir}`);
		for (const referenced of referencedTemplates(workflow)) visit(referenced, [...trail, file]);
		ordered.push({ file, workflow });
	};
	for (const file of byFile.keys()) visit(file, []);
	return ordered;
}

/**
 * Credential types a template leaves to the installation: nodes whose credential id is
 * `template:<something>` (e.g. the ERP cards of the Financeiro submenu, `template:erp`).
 */
function templateCredentialTypes(workflow) {
	const types = new Set();
	for (const node of workflow.nodes) {
		for (const [type, credential] of Object.entries(node.credentials ?? {})) {
			if (typeof credential?.id === 'string' && credential.id.startsWith(PREFIX)) types.add(type);
		}
	}
	return [...types];
}

/**
 * A copy of `workflow` whose `template:` credentials point at the installation's own
 * (`credentialsByType`: `{ atendimentoErpApi: { id, name } }`). Switching a flow to another ERP is
 * exactly this: the same workflow with another credential.
 */
function resolveTemplateCredentials(workflow, credentialsByType) {
	const copy = JSON.parse(JSON.stringify(workflow));
	for (const node of copy.nodes) {
		for (const [type, credential] of Object.entries(node.credentials ?? {})) {
			if (typeof credential?.id !== 'string' || !credential.id.startsWith(PREFIX)) continue;
			const chosen = credentialsByType[type];
			if (!chosen) throw new Error(`O modelo "${workflow.name}" precisa de uma credencial ${type} (nó "${node.name}")`);
			node.credentials[type] = { id: chosen.id, name: chosen.name };
		}
	}
	return copy;
}

/**
 * A copy of `workflow` without its `template:` credentials, for an installation that has none yet:
 * n8n then shows those nodes with "select credential" for the user to pick or create one.
 */
function withoutTemplateCredentials(workflow) {
	const copy = JSON.parse(JSON.stringify(workflow));
	for (const node of copy.nodes) {
		for (const [type, credential] of Object.entries(node.credentials ?? {})) {
			if (typeof credential?.id === 'string' && credential.id.startsWith(PREFIX)) delete node.credentials[type];
		}
		if (node.credentials && Object.keys(node.credentials).length === 0) delete node.credentials;
	}
	return copy;
}

/**
 * Credential types among `workflow`'s `template:` credentials that `credentialsByType` does not
 * provide (e.g. the WhatsApp account of the broadcast template, which `npm start` cannot create).
 */
function missingTemplateCredentials(workflow, credentialsByType) {
	return templateCredentialTypes(workflow).filter((type) => !credentialsByType[type]);
}

/**
 * A copy of `workflow` whose `template:` credentials point at the installation's when it has one of
 * that type, and are removed otherwise (n8n then asks the user to pick one in those nodes).
 */
function resolveAvailableTemplateCredentials(workflow, credentialsByType) {
	const missing = new Set(missingTemplateCredentials(workflow, credentialsByType));
	const copy = JSON.parse(JSON.stringify(workflow));
	for (const node of copy.nodes) {
		for (const [type, credential] of Object.entries(node.credentials ?? {})) {
			if (typeof credential?.id !== 'string' || !credential.id.startsWith(PREFIX)) continue;
			if (missing.has(type)) delete node.credentials[type];
			else node.credentials[type] = { id: credentialsByType[type].id, name: credentialsByType[type].name };
		}
		if (node.credentials && Object.keys(node.credentials).length === 0) delete node.credentials;
	}
	return copy;
}

module.exports = {
	referencedTemplates,
	resolveTemplateReferences,
	loadTemplatesInOrder,
	templateCredentialTypes,
	resolveTemplateCredentials,
	withoutTemplateCredentials,
	missingTemplateCredentials,
	resolveAvailableTemplateCredentials,
};
