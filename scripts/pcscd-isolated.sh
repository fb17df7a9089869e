#!/usr/bin/env bash
# Runs a command (typically the 'system' tests) in private mount and network namespaces: its own
# /run/pcscd and its own loopback, so that the pcscd the tests start clashes with no other pcscd on
# the machine (nor with another run of the tests), and vpcd's latency workaround (quickack on the
# loopback routes) stays inside. Needs root (unshare).
#   sudo bash scripts/pcscd-isolated.sh npx vitest run --project system
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "Usage : $0 COMMANDE [ARGUMENTS…]" >&2
  exit 2
fi
if [ "${CPS_AUDIT_ISOLATED:-}" != 1 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Il faut être root pour créer des espaces de noms (sudo $0 …)." >&2
    exit 1
  fi
  exec env CPS_AUDIT_ISOLATED=1 unshare --mount --net --propagation private -- bash "$0" "$@"
fi
ip link set lo up
mkdir -p /run/pcscd
mount -t tmpfs -o mode=0755 tmpfs /run/pcscd
exec "$@"
