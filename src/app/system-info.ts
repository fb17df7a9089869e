// Facts about this machine for --version, the trace's head and diagnose: Node, the PC/SC
// binding, pcsc-lite's version. Each probe is bounded and never throws.

import { execFileSync } from 'node:child_process';
import { loadPcscBinding } from '../card/transport/pcsc-binding.js';
import { t } from '../i18n/index.js';

export function nodeVersion(): string {
  return process.versions.node;
}

export type BindingProbe = { readonly loaded: true } | { readonly loaded: false; readonly detail: string };

export function probeBinding(load: typeof loadPcscBinding = loadPcscBinding): BindingProbe {
  const b = load();
  return b.ok ? { loaded: true } : { loaded: false, detail: b.detail };
}

function run(cmd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync(cmd, [...args], { encoding: 'utf8', timeout: 2_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    // pcscd --version prints on stdout and exits 0; older ones may exit non-zero with the text.
    const out = (e as { stdout?: string }).stdout;
    return typeof out === 'string' && out.trim() !== '' ? out.trim() : undefined;
  }
}

/** The installed pcsc-lite, from the Debian package database, else from `pcscd --version`. */
export function pcscLiteVersion(): { readonly version?: string; readonly from?: string } {
  for (const pkg of ['libpcsclite1', 'pcscd']) {
    const v = run('dpkg-query', ['-W', '-f=${Version}', pkg]);
    if (v) return { version: v, from: t('diag.package', { name: pkg }) };
  }
  for (const bin of ['pcscd', '/usr/sbin/pcscd']) {
    const out = run(bin, ['--version']);
    const m = out ? /pcsc-lite version ([^\s.]+(?:\.[^\s.]+)*)/i.exec(out) : null;
    if (m?.[1]) return { version: m[1].replace(/\.$/, ''), from: 'pcscd --version' };
  }
  return {};
}
