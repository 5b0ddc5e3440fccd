#!/usr/bin/env bash
# `npm test`: everything, on a fresh clone of a fresh machine (Node + npm only):
# dependencies, lint, type-check, unit + in-process workflow tests, integration tests against a
# redis-server they start, then end-to-end tests against the pinned real n8n (installed and cached
# by scripts/install-n8n.sh) with Debian's Chromium and Redis, and last the scale tests against a
# queue-mode cluster of that n8n with Debian's Postgres.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { echo; echo "==> $* ($(( $(date +%s) - started )) s)"; }

step "Dependências npm"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
step "Pacotes do sistema para os testes"
bash scripts/install-test-deps.sh
step "Lint"
npx eslint .
step "Verificação de tipos"
npm run --silent typecheck
step "Build"
npm run --silent build
step "n8n fixado"
bash scripts/install-n8n.sh >/dev/null
step "Testes unitários, de workflow, de integração (Redis) e ponta a ponta"
npx jest --ci --runInBand --selectProjects unit workflow integration e2e
step "Testes de escala (cluster do n8n em modo fila: Postgres, Redis, principal, webhook, dois workers)"
npx jest --ci --runInBand --selectProjects scale
step "Tudo certo em $(( $(date +%s) - started )) s"
