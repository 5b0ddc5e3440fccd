// The shipped templates refer to each other (Executar Fluxo → submenu) by file name, as
// `{ "__rl": true, "value": "template:<file>.json" }`, because workflow ids only exist once imported.
// These helpers order the templates so that referenced ones come first and swap the references for ids.
const fs = require('fs');
const path = require('path');

const PREFIX = 'template:';

/** File names a workflow refers to through Executar Fluxo. */
function referencedTemplates(workflow) {
	const files = [];
	for (const node of workflow.nodes) {
		const value = node.parameters?.workflowId?.value;
		if (typeof value === 'string' && value.startsWith(PREFIX)) files.push(value.slice(PREFIX.length));
	}
	return files;
}

/** A copy of `workflow` whose template references point at the imported ids (`idByFile`). */
function resolveTemplateReferences(workflow, idByFile) {
	const copy = JSON.parse(JSON.stringify(workflow));
	for (const node of copy.nodes) {
		const locator = node.parameters?.workflowId;
		if (typeof locator?.value !== 'string' || !locator.value.startsWith(PREFIX)) continue;
		const file = locator.value.slice(PREFIX.length);
		if (!idByFile[file]) throw new Error(`O modelo "${workflow.name}" usa ${file}, que não foi importado`);
		node.parameters.workflowId = { ...locator, mode: 'id', value: idByFile[file] };
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

module.exports = { referencedTemplates, resolveTemplateReferences, loadTemplatesInOrder };
