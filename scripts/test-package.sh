#!/usr/bin/env bash
# Proves the Debian package on a fresh Debian 12 (docs/packaging.md): builds it (scripts/package.sh),
# takes a Debian 12 root made by `debootstrap --variant=minbase bookworm` (made once, then kept in
# $CPS_AUDIT_BUILD_CACHE, default /var/cache/cps-audit-build; each run works on a fresh overlay
# of it), and in that root, which has no Node at all:
#   apt-get install ./cps-audit_*.deb   (its dependencies from Debian), timed;
#   cps-audit --version                 (its own Node 22, the PC/SC module loaded);
#   cps-audit report --demo --json      (valid against docs/report.schema.json);
#   cps-audit --demo                    in a real pseudo-terminal, to the seed card's screen;
#   cps-audit diagnose                  without pcscd running (it says so);
#   the compile cache                   written in the user's XDG cache folder, 0700;
#   apt-get purge --autoremove          then nothing of the package is left.
# Needs root (chroot, mounts), debootstrap and the network to Debian's archive for the first root
# and for packages not yet in the cache. Runs in its own mount and PID namespaces: every mount
# goes away with it, whatever way the script ends, and the root sees no process of the machine
# (no pcscd).
#   bash scripts/test-package.sh
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "test-package : $*" >&2; exit 1; }
# Root for chroot and the mounts: through sudo when run as a user (as scripts/install-test-deps.sh).
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || fail "il faut être root (chroot, montages) : sudo bash scripts/test-package.sh"
  exec sudo --preserve-env=PATH,CPS_AUDIT_BUILD_CACHE,CPS_AUDIT_DEBIAN_MIRROR,CPS_AUDIT_PACKAGE_QUICK bash "$0" "$@"
fi
if [ "${CPS_AUDIT_PACKAGE_NS:-}" != 1 ]; then
  exec env CPS_AUDIT_PACKAGE_NS=1 unshare --mount --pid --fork --propagation private -- bash "$0" "$@"
fi
command -v debootstrap >/dev/null || fail "debootstrap est absent : apt-get install debootstrap"

cache="${CPS_AUDIT_BUILD_CACHE:-/var/cache/cps-audit-build}"
mirror="${CPS_AUDIT_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
out=.tmp/package
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
t_all="$(now)"

# ——— The package ———
t="$(now)"
CPS_AUDIT_PACKAGE_QUICK="${CPS_AUDIT_PACKAGE_QUICK:-1}" bash scripts/package.sh "$out"
deb="$(ls "$out"/cps-audit_*_amd64.deb)"
echo "paquet construit en $(since "$t")"
# The tarball: unpacked anywhere, started through a link to its bin/cps-audit.
unpacked="$(mktemp -d)"
tar -xzf "$(ls "$out"/cps-audit-*-linux-x64.tar.gz)" -C "$unpacked"
ln -s "$unpacked"/cps-audit-*/bin/cps-audit "$unpacked/cps-audit"
"$unpacked/cps-audit" --lang en --version | grep -q '^PC/SC module (pcsclite): loaded$' ||
  { rm -rf "$unpacked"; fail "l'archive .tar.gz, dépaquetée ailleurs, ne lance pas l'outil avec son module PC/SC"; }
rm -rf "$unpacked"
echo "archive .tar.gz : dépaquetée ailleurs, l'outil démarre (module PC/SC chargé)"

# ——— lintian: clean, or each remaining tag overridden with its reason (scripts/deb/lintian-overrides) ———
if command -v lintian >/dev/null; then
  t="$(now)"
  lintian --fail-on error,warning "$deb" 2> >(grep -v "running with root privileges" >&2) ||
    fail "lintian signale des étiquettes non expliquées (ci-dessus) : corrigez, ou expliquez-les dans scripts/deb/lintian-overrides et docs/packaging.md"
  echo "lintian : propre (étiquettes restantes expliquées) en $(since "$t")"
else
  echo "lintian absent (apt-get install lintian) : étape sautée" >&2
fi

# ——— The Debian 12 root, made once; its package lists refreshed once a day ———
# One run at a time on a machine: the root, its refresh and apt's download cache are shared.
base="$cache/bookworm-minbase"
mkdir -p "$cache"
exec 9>"$cache/test-package.lock"
t="$(now)"
flock 9
[ "$(since "$t")" = "0.0 s" ] || echo "(verrou $cache/test-package.lock obtenu après $(since "$t"))"
t="$(now)"
if [ ! -f "$base.complete" ]; then
  rm -rf "$base" "$base.complete"
  mkdir -p "$cache"
  echo "Création de la racine Debian 12 (debootstrap --variant=minbase bookworm)…"
  debootstrap --variant=minbase bookworm "$base" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { tail -20 "$cache/debootstrap.log" >&2; fail "debootstrap a échoué (journal : $cache/debootstrap.log)"; }
  touch -d @0 "$base.complete"
fi
if [ -n "$(find "$base.complete" -mmin +1440)" ]; then
  cp /etc/resolv.conf "$base/etc/resolv.conf"
  chroot "$base" apt-get update -qq || fail "apt-get update a échoué dans la racine Debian 12"
  chroot "$base" apt-get clean
  touch "$base.complete"
fi
echo "racine Debian 12 prête en $(since "$t") ($(du -sm "$base" | cut -f1) Mo)"

# ——— A fresh overlay of it for this run ———
work="$(mktemp -d)"
root="$work/root"
mkdir -p "$root" "$work/upper" "$work/ow" "$cache/apt-archives/partial"
cleanup() {
  for m in dev/pts dev proc var/cache/apt/archives ""; do umount -l "$root/$m" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
mount -t overlay overlay -o "lowerdir=$base,upperdir=$work/upper,workdir=$work/ow" "$root"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts" 2>/dev/null || mount --bind /dev/pts "$root/dev/pts"
# Debian's packages, downloaded once, kept between runs.
mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# No service starts inside the root (pcscd's package would try).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
in_root() { chroot "$root" env -i HOME=/root XDG_CACHE_HOME=/tmp/xdg-cache LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

grep -q '^12\.' "$root/etc/debian_version" || fail "la racine n'est pas une Debian 12"
in_root sh -c '! command -v node && ! command -v nodejs' >/dev/null || fail "la racine a déjà un Node"
# /run is runtime state (a tmpfs on a real machine): pcscd's socket, started below, is left out.
snapshot() { (cd "$root" && find . -xdev \( -path ./proc -o -path ./dev -o -path ./run -o -path ./tmp -o -path ./var/cache/apt -o -path ./var/lib/apt/lists \) -prune -o -print | sort); }
snapshot >"$work/before"

# ——— Install from the file, dependencies from Debian ———
cp "$deb" "$root/tmp/"
t="$(now)"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/tmp/$(basename "$deb")" >"$work/install.log" 2>&1 ||
  { tail -30 "$work/install.log" >&2; fail "apt-get install du paquet a échoué"; }
install_time="$(since "$t")"
echo "installé dans la racine Debian 12 en $install_time (apt-get install ./$(basename "$deb"), dépendances comprises)"
dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Status}\n' cps-audit | grep -q 'install ok installed' || fail "cps-audit n'est pas installé"
in_root sh -c '! command -v node && ! command -v nodejs' >/dev/null || fail "le paquet a mis un node dans le PATH"
[ -f "$root/usr/share/man/man1/cps-audit.1.gz" ] && [ -f "$root/usr/share/bash-completion/completions/cps-audit" ] ||
  fail "la page de manuel ou la complétion bash n'est pas installée"

# ——— cps-audit --version: its own runtime, the binding loaded against Debian's libpcsclite ———
# (with a NODE_OPTIONS that Node 22 refuses: it is meant for another Node and must not stop the tool)
version_out="$(in_root env NODE_OPTIONS=--no-such-option cps-audit --lang en --version)" || fail "cps-audit --version a échoué"
echo "$version_out"
grep -q "^Node 22\." <<<"$version_out" || fail "--version ne dit pas Node 22"
grep -q 'PC/SC module (pcsclite): loaded$' <<<"$version_out" || fail "le module PC/SC n'est pas chargé dans la racine"

# ——— report --demo --json against the schema ———
code=0
in_root cps-audit report --demo --json >"$work/report.json" || code=$?
npx tsx scripts/test-package-check.ts report "$work/report.json" "$code"

# ——— --demo in a pseudo-terminal, to the seed card's screen; the compile cache written ———
npx tsx scripts/test-package-check.ts demo "$root"
cache_dir="$root/tmp/xdg-cache/cps-audit/compile-cache"
[ -d "$cache_dir" ] && [ ! -L "$cache_dir" ] || fail "le cache de compilation n'a pas été créé ($cache_dir)"
[ "$(stat -c %a "$cache_dir")" = 700 ] || fail "le cache de compilation n'est pas en 0700 : $(stat -c %a "$cache_dir")"
[ -n "$(find "$cache_dir" -type f -size +100k)" ] || fail "le cache de compilation est vide"
echo "cache de compilation : $(du -sk "$cache_dir" | cut -f1) Kio dans \$XDG_CACHE_HOME/cps-audit/compile-cache (0700)"
# Root with another user's HOME (sudo keeping HOME) leaves nothing in that user's folder; the
# user then gets the cache in ~/.cache, as the user's own.
mkdir -p "$root/tmp/home-of-nobody"
chown 65534:65534 "$root/tmp/home-of-nobody"
chroot "$root" env -i HOME=/tmp/home-of-nobody LANG=C.UTF-8 PATH=/usr/bin:/bin cps-audit --version >/dev/null
[ ! -e "$root/tmp/home-of-nobody/.cache" ] || fail "root a créé un cache dans le dossier d'un autre utilisateur"
chroot --userspec=65534:65534 "$root" env -i HOME=/tmp/home-of-nobody LANG=C.UTF-8 PATH=/usr/bin:/bin cps-audit --version >/dev/null
[ "$(stat -c '%u %a' "$root/tmp/home-of-nobody/.cache/cps-audit/compile-cache")" = "65534 700" ] ||
  fail "le cache de l'utilisateur n'est pas le sien en 0700 dans ~/.cache"
echo "cache de compilation : rien chez un autre utilisateur ; ~/.cache/cps-audit/compile-cache à l'utilisateur, en 0700"

# ——— diagnose, pcscd not running ———
[ ! -e "$root/run/pcscd/pcscd.comm" ] || fail "un pcscd répond dans la racine"
code=0
diag="$(in_root cps-audit diagnose --lang en 2>&1)" || code=$?
echo "$diag"
[ "$code" != 0 ] || fail "diagnose sans pcscd a réussi (code 0)"
grep -q '✖ pcscd service: ' <<<"$diag" || fail "diagnose ne dit pas que pcscd ne répond pas"
grep -q '✔ PC/SC module (pcsclite): loaded' <<<"$diag" || fail "diagnose ne dit pas le module PC/SC chargé"
grep -q '✔ pcsc-lite: 1\.9\.9' <<<"$diag" || fail "diagnose ne voit pas la libpcsclite1 de Debian 12"

# ——— diagnose with Debian 12's pcscd (installed as recommended) started in the root: the tool's PC/SC
# process (pcsc-host.mjs, run by the package's Node with its binding) reaches it ———
if [ -x "$root/usr/sbin/pcscd" ]; then
  mkdir -p "$root/run/pcscd"
  chroot "$root" /usr/sbin/pcscd
  for _ in $(seq 50); do [ -S "$root/run/pcscd/pcscd.comm" ] && break; sleep 0.2; done
  code=0
  diag="$(in_root cps-audit diagnose --lang en 2>&1)" || code=$?
  kill "$(tr -cd 0-9 <"$root/run/pcscd/pcscd.pid")" 2>/dev/null || true
  grep -q '^✔ pcscd service: answers' <<<"$diag" ||
    { echo "$diag" >&2; fail "diagnose ne joint pas le pcscd de Debian 12 par son processus PC/SC"; }
  echo "diagnose avec le pcscd de Debian 12 : le service répond (processus PC/SC du paquet), code $code"
fi

# ——— Purge: nothing of it left ———
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq --autoremove cps-audit >>"$work/install.log" 2>&1 ||
  { tail -30 "$work/install.log" >&2; fail "apt-get purge a échoué"; }
rm -f "$root/usr/sbin/policy-rc.d"
snapshot >"$work/after"
# apt's and dpkg's own records and logs may change; nothing else may appear.
left="$(comm -13 "$work/before" "$work/after" |
  grep -v -E '^\./var/(log|cache/debconf|lib/dpkg|cache/ldconfig)(/|$)|^\./var/lib/apt/extended_states$|^\./etc/ld\.so\.cache$' || true)"
[ -z "$left" ] || fail "restes après purge : $left"
[ ! -e "$root/usr/lib/cps-audit" ] && [ ! -e "$root/usr/bin/cps-audit" ] && [ ! -e "$root/usr/share/doc/cps-audit" ] ||
  fail "des fichiers du paquet restent après purge"
! ls "$root/var/lib/dpkg/info/" | grep -q '^cps-audit\.' || fail "dpkg garde des fichiers de cps-audit après purge"
! grep -qs '^Package: cps-audit$' "$root/var/lib/apt/extended_states" || fail "apt garde une trace de cps-audit après purge"
status_after="$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${db:Status-Status}' cps-audit 2>/dev/null || true)"
[ -z "$status_after" ] || [ "$status_after" = not-installed ] || fail "dpkg dit cps-audit « $status_after » après purge"
echo "purgé : rien du paquet ne reste (hors journaux d'apt et de dpkg)"
echo "paquet : $(du -k "$deb" | cut -f1) Kio ; installation : $install_time ; test complet : $(since "$t_all")"
