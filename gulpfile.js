// Build steps tsc does not do: emptying dist/ first (so a file removed from the sources is not
// packed from an older build), and copying node/credential icons and codex (.node.json) files.
const fs = require('fs');
const { src, dest } = require('gulp');

function clean(done) {
	fs.rmSync('dist', { recursive: true, force: true });
	done();
}

function copyAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

exports.clean = clean;
exports['build:assets'] = copyAssets;
