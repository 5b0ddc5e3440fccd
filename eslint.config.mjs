// Lint with n8n's community-node rules (@n8n/eslint-plugin-community-nodes, the rules n8n's own
// `@n8n/node-cli` applies), its older node rules (eslint-plugin-n8n-nodes-base), and typed linting for
// the TypeScript rule this asynchronous code base needs most: no-floating-promises.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsPlugin from '@typescript-eslint/eslint-plugin';
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

/**
 * Rules turned off because they assume English UI text, and this pack's UI is pt-BR by design
 * (docs/arquitetura.md). Each one with the English convention it enforces.
 */
const englishOnlyRules = {
	// Title Case ("Send Message") is English style; pt-BR labels use sentence case ("Enviar mensagem").
	'n8n-nodes-base/node-param-display-name-miscased': 'off',
	'n8n-nodes-base/node-param-option-name-miscased': 'off',
	'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 'off', // demands the English word "Trigger"
	'n8n-nodes-base/node-param-description-boolean-without-whether': 'off', // demands descriptions starting with "Whether"
	'n8n-nodes-base/node-param-description-miscased-id': 'off', // English "ID" casing rule
	'n8n-nodes-base/node-param-description-unencoded-angle-brackets': 'off',
	'n8n-nodes-base/cred-class-field-display-name-miscased': 'off',
	// Not about language: by its own description "only applicable to nodes in the main repository"
	// (n8n's camelCase doc slugs); a community package gives a full https URL, which it flags.
	'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
	'n8n-nodes-base/node-param-display-name-wrong-for-dynamic-options': 'off', // demands "Name or ID" in English
	'n8n-nodes-base/node-param-description-wrong-for-dynamic-options': 'off', // demands an English sentence
	'n8n-nodes-base/node-param-display-name-wrong-for-dynamic-multi-options': 'off',
	'n8n-nodes-base/node-param-description-wrong-for-dynamic-multi-options': 'off',
	// Superseded: inputs and outputs use the NodeConnectionTypes enum, as the community rule
	// node-connection-type-literal asks, where these older rules want the string "main" (n8n's
	// node-cli turns them off for the same reason).
	'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
	'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
};

/**
 * n8n's community-node rules without the n8n Cloud ones (no-restricted-globals, no-restricted-imports):
 * the pack is for self-hosted n8n (the flow-control cards cannot be verified for Cloud), and its
 * cards need timers, Redis and the file system.
 */
const communityNodes = n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport;

/** Community rules this pack does not follow, each with the reason. */
const communityRulesNotFollowed = {
	// The cards are steps of a customer conversation (they read and write the conversation the
	// trigger started, and many wait for the customer's reply): an AI agent cannot call them as
	// tools. Declaring usableAsTool (its type only allows `true`) would offer them in the agent's
	// tool picker, a behaviour change.
	'@n8n/community-nodes/node-usable-as-tool': 'off',
	// The icons are coloured, mostly filled shapes with white glyphs (no black or white-only artwork),
	// legible on both the light and the dark canvas, so a dark set would be a copy. The weakest on
	// dark are the two outline icons (Executar Fluxo, Transferir Atendimento).
	'@n8n/community-nodes/icon-prefer-themed-variants': 'off',
	// Asks for a `subtitle` on every node. The cards with one deciding parameter show it; the ERP
	// cards, Opt-in and Executar Fluxo (a workflow id) have several equal options or nothing worth a
	// line, and their name says what they do. Icons stay checked by icon-validation.
	'@n8n/community-nodes/require-node-description-fields': 'off',
};

/** The same, for package.json. */
const packageJsonRulesNotFollowed = {
	// ioredis: the Redis conversation and broadcast stores (n8n queue mode, several instances);
	// luxon: dates in the customer's time zone. n8n installs each community package in its own
	// node_modules tree, so these cannot clash with n8n's or another package's copies.
	'@n8n/community-nodes/no-runtime-dependencies': 'off',
	// The pack has no public maintainer e-mail yet: set author.email before publishing to npm and
	// drop this line.
	'@n8n/community-nodes/valid-author': 'off',
};

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', '.test-data/**', '.demo/**'] },
	{
		// n8n's rules read package.json as a JavaScript object expression, so it is parsed by the
		// TypeScript parser (as n8n's own node-cli config does).
		files: ['package.json', 'nodes/**/*.node.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { ...communityNodes.plugins, 'n8n-nodes-base': n8nNodesBase },
		rules: { ...communityNodes.rules, ...n8nNodesBase.configs.community.rules, ...packageJsonRulesNotFollowed },
	},
	{
		// Typed linting for all TypeScript: each file is checked against the nearest tsconfig.json (the
		// root one, or the web chat client's browser one under nodes/shared/channels/webchat/client/).
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
		plugins: { '@typescript-eslint': tsPlugin },
		rules: { '@typescript-eslint/no-floating-promises': 'error' },
	},
	{
		// The development scripts (plain JavaScript: npm start, the benches, the build): typed through
		// tsconfig.scripts.json, for the same rule.
		files: ['scripts/**/*.{js,cjs,mjs}', 'bench/**/*.{js,cjs,mjs}', '*.js'],
		languageOptions: { parser: tsParser, parserOptions: { project: './tsconfig.scripts.json', tsconfigRootDir: import.meta.dirname } },
		plugins: { '@typescript-eslint': tsPlugin },
		rules: { '@typescript-eslint/no-floating-promises': 'error' },
	},
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts'],
		ignores: ['**/*.test.ts'],
		plugins: { ...communityNodes.plugins },
		rules: { ...communityNodes.rules, ...communityRulesNotFollowed },
	},
	{
		// require-node-api-error wants every throw in a catch block to be a NodeApiError or
		// NodeOperationError built with `this.getNode()`. Only node classes have a node: the modules
		// they call raise domain errors (ErpError, RequestConfigError, …) that the node turns into
		// NodeApiError/NodeOperationError with the item index, rethrow what a catch does not handle,
		// or rethrow after a cleanup. In node classes the rule stays on.
		files: ['nodes/**/*.ts'],
		ignores: ['nodes/*/*.node.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		files: ['credentials/**/*.ts'],
		ignores: ['**/*.test.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.credentials.rules, ...englishOnlyRules },
	},
	{
		files: ['nodes/**/*.ts'],
		ignores: ['**/*.test.ts', 'nodes/shared/channels/webchat/client/**', 'nodes/PainelAtendimento/client/**'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.nodes.rules, ...englishOnlyRules },
	},
];
