/**
 * Five projects: pure/unit tests, in-process workflow tests (n8n-core), integration tests against real
 * services started by the test (redis-server), end-to-end tests against a real n8n, scale tests against a
 * real n8n queue-mode cluster (Postgres, Redis, main, webhook processor, two workers).
 */
const tsJest = ['ts-jest', { tsconfig: { ...require('./tsconfig.json').compilerOptions, allowJs: true, sourceMap: false, declaration: false } }];
const base = {
	testEnvironment: 'node',
	transform: { '^.+\\.(ts|js)$': tsJest },
	// n8n-core pulls two ESM-only packages.
	transformIgnorePatterns: ['/node_modules/(?!(p-retry|is-network-error)/)'],
	moduleFileExtensions: ['ts', 'js', 'json'],
	modulePathIgnorePatterns: ['<rootDir>/.data/', '<rootDir>/.test-data/', '<rootDir>/dist/'],
	// The web chat and desk pages inline their compiled client scripts, which only the build writes (to dist/):
	// from the sources, the client is compiled in memory with the same options instead.
	moduleNameMapper: {
		'^\\./webchat-client-script$': '<rootDir>/test/support/webchat-client-script.ts',
		'^\\./painel-client-script$': '<rootDir>/test/support/painel-client-script.ts',
	},
};
module.exports = {
	projects: [
		{ ...base, displayName: 'unit', testMatch: ['<rootDir>/nodes/**/*.test.ts', '<rootDir>/credentials/**/*.test.ts', '<rootDir>/test/unit/**/*.test.ts'] },
		{ ...base, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.test.ts'] },
		{ ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
		{
			...base,
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/global-setup.ts',
			globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
		},
		{
			...base,
			displayName: 'scale',
			testMatch: ['<rootDir>/test/scale/**/*.test.ts'],
			globalSetup: '<rootDir>/test/scale/global-setup.ts',
			globalTeardown: '<rootDir>/test/scale/global-teardown.ts',
		},
	],
};
