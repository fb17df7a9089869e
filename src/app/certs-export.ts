// Issue 21: the certificates tab's key (`e`): the authentication and signature certificates of the
// card on screen written into the current folder as `cps-audit certs` writes them (PEM, named by
// role and serial, 0644, each one's SHA-256 fingerprint and chain result). From the full screen an
// existing file is never replaced (no question can be asked there without a dialog): it is kept,
// and the message says so; `cps-audit certs` asks. Loaded only when the key is pressed.

import type { CardReport } from '../card/cps/report.js';
import type { KeyInventory } from '../card/cps/key-test.js';
import { defaultTrust, type TrustStore } from '../card/trust/chain.js';
import { t } from '../i18n/index.js';
import { certificateFiles, writeCertificate } from './commands/certs.js';
import { join } from 'node:path';

/** The certificates the read gave, tied to their role by the use the card's CDF gave them. */
function inventoryOf(report: CardReport): KeyInventory {
  const certs = report.certificates.flatMap((c, i) => (c.ok && c.value.use !== 'inconnu' ? [{ c: c.value, id: `${i}` }] : []));
  return {
    keys: certs.map(({ c, id }) => ({
      role: c.use === 'signature' ? ('signature' as const) : ('authentication' as const),
      label: c.label,
      id,
      needsPin: true,
    })),
    certificates: certs.map(({ c, id }) => ({ label: c.label, id, der: c.der })),
  };
}

/** Writes them into `dir`; the lines to show (written or kept, fingerprint, chain). */
export async function exportCertificates(report: CardReport, dir: string, trust: TrustStore = defaultTrust()): Promise<string[]> {
  const files = certificateFiles(inventoryOf(report), false, trust, new Date());
  if (files.length === 0) return [t('certs.none')];
  const lines = [t('certs.tui.title', { folder: dir })];
  for (const f of files) {
    const path = join(dir, f.name);
    const r = await writeCertificate(dir, f, () => Promise.resolve(false));
    if (r === 'written') lines.push(t('certs.written', { label: f.label, file: path }));
    else if (r === 'kept') lines.push(t('certs.kept', { label: f.label, file: path }));
    else {
      lines.push(t('certs.failed', { label: f.label, file: path, reason: r.error }));
      continue;
    }
    lines.push(t('certs.fingerprint', { fingerprint: f.fingerprint }), t('certs.chain', { chain: f.chain }));
  }
  return lines;
}
