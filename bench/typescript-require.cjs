// Lets the bench, plain Node, load the TypeScript simulators of test/: a `.ts` file is transpiled
// to CommonJS when it is required, with the project's own TypeScript and without type-checking
// (tsc and the tests check those files).
const fs = require('fs');
const ts = require('typescript');

if (!require.extensions['.ts']) {
	require.extensions['.ts'] = (module, filename) => {
		const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
			fileName: filename,
			compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
		});
		module._compile(outputText, filename);
	};
}

/** The WhatsApp Cloud API simulator of test/simulators, loaded from its TypeScript source. */
function loadWhatsAppSimulator() {
	return require('../test/simulators/whatsapp.ts');
}

module.exports = { loadWhatsAppSimulator };
