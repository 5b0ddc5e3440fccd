#!/usr/bin/env bash
# `npm start`: install dependencies when needed, build (the pack, and the demo ERP into .demo/), then run
# n8n with the pack (scripts/start.js).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run --silent build >/dev/null
if [ "${ATENDIMENTO_DEMO_ERP:-1}" != "0" ]; then
  # The demo ERP (IXC simulator of test/simulators) runs inside scripts/start.js from .demo/.
  npx tsc -p tsconfig.demo.json
fi
exec node scripts/start.js
