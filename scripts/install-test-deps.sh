#!/usr/bin/env bash
# Debian packages the tests need: Chromium (web chat test in a browser), jq and curl (the README's
# template import through the public API, run by test/e2e/importar-modelos.test.ts), redis-server (the Redis
# conversation store's integration tests start their own) and postgresql (the scale tests' n8n cluster in queue
# mode, scripts/lib/n8n-cluster.js, starts its own Postgres from /usr/lib/postgresql/<versão>/bin). Installed only
# when missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v curl >/dev/null 2>&1 || missing+=(curl)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then echo "Pacotes do sistema já instalados."; exit 0; fi
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
echo "Instalando: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
