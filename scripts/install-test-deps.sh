#!/usr/bin/env bash
# System packages the tests use: a real pcscd with the vsmartcard virtual reader, OpenSC as an
# independent peer, pcsc-tools, tmux, iproute2 (scripts/pcscd-isolated.sh brings up its loopback),
# and what node-gyp needs for the native binding and node-pty. Runs apt-get as root (sudo if needed).
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
pkgs=(pcscd libpcsclite-dev vsmartcard-vpcd opensc pcsc-tools tmux iproute2 python3 make g++ procps
  debootstrap lintian dpkg-dev binutils openssl) # the last five: the Debian package (issue 23)
missing=()
for p in "${pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installation des paquets de test : ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# The system's pcscd (Debian's packaging starts one) is left alone: the tests that start their own
# run in private namespaces (scripts/pcscd-isolated.sh, called by scripts/test.sh).
