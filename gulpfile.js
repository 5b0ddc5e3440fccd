// Copies what tsc does not: node/credential icons and codex (.node.json) files, into dist/.
const { src, dest } = require('gulp');

function copyAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

exports['build:assets'] = copyAssets;
