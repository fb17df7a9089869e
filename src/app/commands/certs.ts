// `cps-audit certs [--out DIR] [--der]` and the certificates tab's key (issue 21): the card's
// authentication and signature certificates to files, PEM by default (DER with --der), named by
// role and serial number, mode 0644 (they are public), never over an existing file without a yes,
// each with its SHA-256 fingerprint and its chain's result.

import { X509Certificate } from 'node:crypto';
import { chmodSync, closeSync, constants, fchmodSync, lstatSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CardTestVerbs } from '../../card/cps/card-test.js';
import type { KeyInventory, KeyRole } from '../../card/cps/key-test.js';
import { verifyChain, type TrustStore } from '../../card/trust/chain.js';
import { t } from '../../i18n/index.js';
import { chainWords } from '../../view/card-test-words.js';
import type { Command } from '../cli/command-line.js';
import { EXIT } from '../exit-codes.js';
import type { TraceFile } from '../trace-file.js';
import { openedSource, unknownDemoCard } from './source.js';

export interface CertificateFile {
  readonly role: KeyRole;
  readonly label: string;
  /** The file's name (no folder). */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** SHA-256 of the DER, as AB:CD:… */
  readonly fingerprint: string;
  readonly chain: string;
}

const ROLE_FILE: Readonly<Record<KeyRole, string>> = { authentication: 'authentification', signature: 'signature', technical: 'technique' };

/** The files to write: one per certificate of a known key, in the order authentication, signature, technical. */
export function certificateFiles(inventory: KeyInventory, der: boolean, trust: TrustStore, now: Date): CertificateFile[] {
  const out: CertificateFile[] = [];
  for (const role of ['authentication', 'signature', 'technical'] as const) {
    const key = inventory.keys.find((k) => k.role === role);
    const cert = key ? inventory.certificates.find((c) => c.id === key.id) : undefined;
    if (!cert) continue;
    let x: X509Certificate;
    try {
      x = new X509Certificate(Buffer.from(cert.der));
    } catch {
      continue;
    }
    const serial = x.serialNumber.toUpperCase().replace(/[^0-9A-F]/g, '');
    const bytes = der ? Uint8Array.from(x.raw) : Uint8Array.from(Buffer.from(x.toString(), 'ascii'));
    out.push({
      role,
      label: t(`certs.role.${role}`),
      name: `CPS-${ROLE_FILE[role]}-${serial}.${der ? 'der' : 'pem'}`,
      bytes,
      fingerprint: x.fingerprint256,
      chain: chainWords(verifyChain(cert.der, trust, now)),
    });
  }
  return out;
}

export type WriteOutcome = 'written' | 'kept' | { readonly error: string };

/**
 * Writes `file` into `dir`, 0644; an existing file is replaced only when `replace` says yes
 * (O_EXCL first: no race between the check and the write).
 */
export async function writeCertificate(
  dir: string,
  file: CertificateFile,
  replace: (path: string) => Promise<boolean>,
): Promise<WriteOutcome> {
  const path = join(dir, file.name);
  try {
    writeFileSync(path, file.bytes, { mode: 0o644, flag: 'wx' });
    chmodSync(path, 0o644); // public: readable by all, whatever the umask
    return 'written';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return { error: (e as Error).message };
  }
  // Only a regular file is replaced, never written through (a symbolic link, a folder, a device).
  try {
    if (!lstatSync(path).isFile()) return { error: t('certs.notAFile') };
  } catch (e) {
    return { error: (e as Error).message };
  }
  if (!(await replace(path))) return 'kept';
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_TRUNC | constants.O_NOFOLLOW);
    writeSync(fd, file.bytes);
    fchmodSync(fd, 0o644);
    return 'written';
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export async function runCerts(cmd: Extract<Command, { kind: 'certs' }>, trace: TraceFile | undefined): Promise<number> {
  const refused = await unknownDemoCard(cmd);
  if (refused !== undefined) return refused;
  const { pickTestReader, trustOrExit } = await import('./card-test.js');
  const { readYes } = await import('../secret-input.js');
  const trust = trustOrExit(cmd.trustTestRoot);
  if (typeof trust === 'number') return trust;
  const source = await openedSource(cmd, trace);
  if (typeof source === 'number') return source;
  try {
    const reader = await pickTestReader({ source, ...(cmd.reader !== undefined ? { reader: cmd.reader } : {}) });
    if (!reader.ok) {
      process.stderr.write(t('cli.line', { message: reader.message }));
      return reader.exitCode;
    }
    const cards = source.cards as unknown as CardTestVerbs;
    let inventory: KeyInventory;
    try {
      inventory = (await cards.inspect(reader.name)).inventory;
    } catch (e) {
      process.stderr.write(t('cli.line', { message: e instanceof Error ? e.message : String(e) }));
      return EXIT.readFailed;
    }
    const files = certificateFiles(inventory, cmd.der, trust, new Date());
    if (files.length === 0) {
      process.stderr.write(t('cli.line', { message: t('certs.none') }));
      return EXIT.readFailed;
    }
    const dir = cmd.out ?? '.';
    let failed = false;
    for (const f of files) {
      const path = join(dir, f.name);
      const r = await writeCertificate(dir, f, (p) => readYes(process.stdin, process.stderr, t('certs.exists', { file: p })));
      if (r === 'written') process.stdout.write(`${t('certs.written', { label: f.label, file: path })}\n`);
      else if (r === 'kept') process.stdout.write(`${t('certs.kept', { label: f.label, file: path })}\n`);
      else {
        failed = true;
        process.stdout.write(`${t('certs.failed', { label: f.label, file: path, reason: r.error })}\n`);
        continue;
      }
      process.stdout.write(`${t('certs.fingerprint', { fingerprint: f.fingerprint })}\n${t('certs.chain', { chain: f.chain })}\n`);
    }
    return failed ? EXIT.fileError : EXIT.ok;
  } finally {
    await source.close();
  }
}
