#!/usr/bin/env bash
# `npm start`: install dependencies when needed, build, then run n8n with the pack (scripts/start.js).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run --silent build >/dev/null
exec node scripts/start.js
