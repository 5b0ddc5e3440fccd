// Lint with n8n's own node rules (eslint-plugin-n8n-nodes-base) in ESLint's flat config.
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tsParser from '@typescript-eslint/parser';
import jsoncParser from 'jsonc-eslint-parser';

/**
 * The only rules turned off: they assume English UI text, and this pack's UI is pt-BR by design
 * (DESIGN.md §4). Each one with the English convention it enforces.
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
};

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', '.test-data/**'] },
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.credentials.rules, ...englishOnlyRules },
	},
	{
		files: ['nodes/**/*.ts'],
		ignores: ['nodes/**/*.test.ts'],
		languageOptions: { parser: tsParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.nodes.rules, ...englishOnlyRules },
	},
];
