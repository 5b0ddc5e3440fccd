/**
 * Every card's description as n8n's editor shows it: a subtitle under the node on the canvas (evaluated by
 * n8n-workflow's own expression engine, the way the editor's getNodeSubtitle does), whole numbers without
 * decimals, required fields that start empty, placeholders that cannot pass for a value.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
	NodeHelpers,
	Workflow,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
} from 'n8n-workflow';

import { parseHolidays } from '../../nodes/Condicional/evaluate/business-hours';

const root = join(__dirname, '..', '..');
const registered = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } }).n8n.nodes;

/** The node classes package.json registers, loaded from their sources (dist/nodes/X/X.node.js → nodes/X/X.node.ts). */
function loadNodeTypes(): INodeType[] {
	return registered.map((path) => {
		const source = join(root, path.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const exported = Object.values(require(source) as Record<string, unknown>);
		const nodeClass = exported.find((value): value is new () => INodeType => typeof value === 'function' && /^[A-Z]/.test(value.name) && 'prototype' in value && 'description' in (new (value as new () => INodeType)()));
		if (!nodeClass) throw new Error(`nenhuma classe de nó em ${source}`);
		return new nodeClass();
	});
}

const nodeTypes = loadNodeTypes();
const descriptions = nodeTypes.map((nodeType) => nodeType.description);

/** Every property, with the properties nested in collections and fixedCollections. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		const nested = (property.options ?? []).flatMap((option) => {
			if ('values' in option && Array.isArray(option.values)) return allProperties(option.values as INodeProperties[]);
			if ('type' in option && 'name' in option && 'displayName' in option) return allProperties([option as INodeProperties]);
			return [];
		});
		return [property, ...nested];
	});
}

function latestVersion(description: INodeTypeDescription): number {
	const versions = Array.isArray(description.version) ? description.version : [description.version];
	return description.defaultVersion ?? Math.max(...versions);
}

/** The node as the editor holds it: its parameters with the defaults of the displayed ones filled in. */
function editorNode(description: INodeTypeDescription, values: INodeParameters): INode {
	const node: INode = { id: 'n1', name: description.defaults.name ?? description.displayName, type: `n8n-nodes-atendimento.${description.name}`, typeVersion: latestVersion(description), position: [0, 0], parameters: {} };
	node.parameters = NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description) ?? {};
	return node;
}

const allTypes: INodeTypes = {
	getByName: (type) => nodeTypes.find((nodeType) => `n8n-nodes-atendimento.${nodeType.description.name}` === type)!,
	getByNameAndVersion: (type) => nodeTypes.find((nodeType) => `n8n-nodes-atendimento.${nodeType.description.name}` === type)!,
	getKnownTypes: () => ({}),
};

/** What n8n 2.40's editor shows under the node: `workflow.expression.getSimpleParameterValue(node, subtitle, 'internal', {})`, nothing when it throws. */
function canvasSubtitle(description: INodeTypeDescription, values: INodeParameters): unknown {
	const node = editorNode(description, values);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: allTypes });
	return workflow.expression.getSimpleParameterValue(node, description.subtitle, 'internal', {}, undefined, '[preenchido na execução]');
}

/** Number parameters that count something or are whole seconds: whole numbers only (numberPrecision 0). */
const COUNT = /attempts|turns|^max|^min|rows|notes|concurrency|ratePerSecond|Seconds$|Days$|Logins$|Length$/i;

/** Durations that take fractions on purpose ("0,5 = 30 segundos", "1,5 h"): no numberPrecision, so 30 shows as 30 and 0,5 can be typed. */
const FRACTIONAL = new Set(['atendimentoTrigger.groupMessagesSeconds', 'criarDelay.amount']);

/**
 * Required text fields whose default works as it is (a path, a message, a field name): the editor counts them
 * as filled in, and they are. Every other required text field starts empty, so the editor flags it until set.
 */
const WORKING_DEFAULTS = new Set([
	'atendimentoTrigger.path',
	'painelAtendimento.path',
	'solicitarDescricao.question',
	'notificarGrupo.message',
	'registrarEvento.eventType',
	'enfileirarEnvio.campaign',
	'controlarCampanha.campaign',
	'migrarWhatsApp.phone',
	'enviarArquivo.binaryPropertyName',
	'condicional.variableName',
]);

const LONG = 'Olá! Para falarmos sobre a sua internet, escolha uma das opções abaixo, por favor';

/** A filled-in card per node (the fields a user sets first), and what its subtitle must say. */
const filledExamples: Record<string, { values: INodeParameters; subtitle: string | RegExp }> = {
	enviarPergunta: { values: { question: 'Escolha uma opção para continuar o seu atendimento', options: { values: [{ label: 'A' }, { label: 'B' }, { label: 'C' }] } }, subtitle: 'Escolha uma opção para… · 3 opções' },
	enviarMensagem: { values: { text: LONG }, subtitle: 'Olá! Para falarmos sobre a sua…' },
	transferirAtendimento: { values: { destination: 'painel', department: 'Suporte' }, subtitle: 'Equipe: Suporte' },
	condicional: { values: { conditionType: 'variable' }, subtitle: /^Variável/ },
	executarFluxo: { values: { workflowId: { __rl: true, mode: 'list', value: 'AbC123', cachedResultName: 'Submenu financeiro' } }, subtitle: 'continua no subfluxo' },
	segundaVia: { values: { invoiceSelection: 'all', sendPix: false }, subtitle: 'Segunda via: todas as faturas · PDF' },
	abrirAtendimentoErp: { values: { departmentSelection: 'fixed', departmentId: '4' }, subtitle: 'Abrir atendimento: departamento 4' },
	solicitarDescricao: { values: { question: LONG }, subtitle: 'Olá! Para falarmos sobre a sua…' },
	clientesPorFiltro: { values: { situacao: 'faturaVencida', dias: 5, contagem: 'upTo' }, subtitle: 'Vencida há 5 dia(s) ou mais' },
};

describe('cards in the n8n editor', () => {
	it('loads every node package.json registers', () => {
		expect(descriptions.length).toBe(registered.length);
		expect(descriptions.length).toBeGreaterThan(35);
	});

	it.each(descriptions.map((description) => [description.displayName, description] as const))('%s has a subtitle that n8n evaluates to a short text, with its defaults and filled in', (_name, description) => {
		expect(typeof description.subtitle).toBe('string');
		const withDefaults = canvasSubtitle(description, {});
		expect(typeof withDefaults).toBe('string');
		expect(String(withDefaults).trim()).not.toBe('');
		expect(String(withDefaults)).not.toMatch(/undefined|null|NaN|\[object/);
		// Every plain text field filled with a long text: still one short line.
		const longTexts: INodeParameters = {};
		for (const property of description.properties) if (property.type === 'string' && !property.typeOptions?.password && !property.options) longTexts[property.name] = LONG;
		const filled = canvasSubtitle(description, longTexts);
		expect(String(filled).trim()).not.toBe('');
		expect(String(filled)).not.toMatch(/undefined|null|NaN|\[object/);
		expect(String(filled).length).toBeLessThanOrEqual(80);
		const example = filledExamples[description.name];
		if (example) expect(canvasSubtitle(description, example.values)).toEqual(typeof example.subtitle === 'string' ? example.subtitle : expect.stringMatching(example.subtitle));
	});

	it('shows whole numbers without decimals: counts, attempts and seconds take only whole numbers; durations that take fractions show none', () => {
		const shown: string[] = [];
		const fractionalCounts: string[] = [];
		for (const description of descriptions) {
			for (const property of allProperties(description.properties).filter((candidate) => candidate.type === 'number')) {
				const precision = property.typeOptions?.numberPrecision;
				const where = `${description.name}.${property.name}`;
				if (precision !== undefined && precision !== 0) shown.push(`${where} (${precision} casas)`);
				if (COUNT.test(property.name) && !FRACTIONAL.has(where) && precision !== 0) fractionalCounts.push(where);
			}
		}
		expect(shown).toEqual([]);
		expect(fractionalCounts).toEqual([]);
	});

	it('says under each duration that takes fractions how to type one (nothing in the field shows it any more)', () => {
		const silent: string[] = [];
		for (const description of descriptions) {
			for (const property of allProperties(description.properties)) {
				if (property.type !== 'number' || property.typeOptions?.numberPrecision === 0) continue;
				if (!/fraç/.test(property.hint ?? '')) silent.push(`${description.name}.${property.name}`);
			}
		}
		expect(silent).toEqual([]);
	});

	it('starts required text fields empty, except the ones whose default is a working value', () => {
		const prefilled: string[] = [];
		for (const description of descriptions) {
			for (const property of allProperties(description.properties)) {
				if (property.type !== 'string' || !property.required || property.default === '') continue;
				if (!WORKING_DEFAULTS.has(`${description.name}.${property.name}`)) prefilled.push(`${description.name}.${property.name} = ${JSON.stringify(property.default)}`);
			}
		}
		expect(prefilled).toEqual([]);
	});

	it('has placeholders that cannot be taken for a typed value (dates, times, numbers, phones start with "ex.:")', () => {
		const lookLikeValues: string[] = [];
		for (const description of descriptions) {
			for (const property of allProperties(description.properties)) {
				if (typeof property.placeholder !== 'string' || property.type === 'collection' || property.type === 'fixedCollection') continue;
				if (/^[-+\d\s()/:.,]+$/.test(property.placeholder)) lookLikeValues.push(`${description.name}.${property.name}: ${property.placeholder}`);
			}
		}
		expect(lookLikeValues).toEqual([]);
		const holidays = allProperties(descriptions.find((description) => description.name === 'condicional')!.properties).find((property) => property.name === 'holidays')!;
		expect(() => parseHolidays(String(holidays.placeholder))).toThrow(/Feriado "ex\.:" inválido/);
	});

	it('has a filled example for each card the issue names', () => {
		expect(Object.keys(filledExamples).filter((name) => !descriptions.some((description) => description.name === name))).toEqual([]);
	});
});
