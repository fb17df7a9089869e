// X.509 certificates of the card, parsed with @peculiar/x509 (no crypto needed to read them).
//
// The library and the Reflect metadata polyfill it needs cost some 140 ms at start-up (a CPU
// profile of the bundle, docs/benchmarks.md): they are loaded the first time a certificate is
// parsed, i.e. after the first part of the read is on screen, and parseCertificate stays
// synchronous. In the bundle, esbuild turns these require() calls into the bundled modules'
// deferred initialisation; under tsx and vitest (ES modules, no require) Node's createRequire
// loads the same packages.

import { createRequire } from 'node:module';
import { t } from '../../i18n/index.js';
import { safeText } from '../safe-text.js';

type X509Module = typeof import('@peculiar/x509');
let x509: X509Module | undefined;

function loadX509(): X509Module {
  if (x509) return x509;
  /* eslint-disable @typescript-eslint/no-require-imports -- a synchronous, deferred load (see above) */
  if (typeof require === 'function') {
    require('reflect-metadata'); // @peculiar/x509 2.2 needs it loaded before it
    x509 = require('@peculiar/x509') as X509Module;
  } else {
    const load = createRequire(import.meta.url);
    load('reflect-metadata');
    x509 = load('@peculiar/x509') as X509Module;
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  return x509;
}

export interface ParsedCertificate {
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Subject fields, each possibly several values (CN+SN+GN is one multi-valued RDN on CPS). */
  readonly commonName?: string;
  readonly surname?: string;
  readonly givenName?: string;
  readonly title?: string;
  readonly organizationalUnits: readonly string[];
  readonly organization?: string;
  readonly der: Uint8Array;
}

/** Throws Error with a readable message when the bytes are not a certificate. */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const { X509Certificate } = loadX509();
  let cert: InstanceType<X509Module['X509Certificate']>;
  try {
    cert = new X509Certificate(Uint8Array.from(der));
  } catch (e) {
    throw new Error(t('card.p15.certUnreadable', { detail: e instanceof Error ? e.message : String(e) }), { cause: e });
  }
  const s = cert.subjectName;
  // Every text field comes from the card: stripped of control characters where it enters.
  const first = (oid: string): string | undefined => {
    const v = s.getField(oid)[0];
    return v === undefined ? undefined : safeText(v);
  };
  return {
    subject: safeText(s.toString()),
    issuer: safeText(cert.issuerName.toString()),
    serial: cert.serialNumber.toUpperCase(),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    ...opt('commonName', first('2.5.4.3')),
    ...opt('surname', first('2.5.4.4')),
    ...opt('givenName', first('2.5.4.42')),
    ...opt('title', first('2.5.4.12')),
    organizationalUnits: s.getField('2.5.4.11').map(safeText),
    ...opt('organization', first('2.5.4.10')),
    der: Uint8Array.from(der),
  };
}

function opt<K extends string>(key: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: string };
}

/** The certificate's key usage bits (RFC 5280 §4.2.1.3) by name; null when it has no such extension. */
export function keyUsageOf(der: Uint8Array): ReadonlySet<'digitalSignature' | 'nonRepudiation' | 'keyEncipherment'> | null {
  const { X509Certificate, KeyUsagesExtension, KeyUsageFlags } = loadX509();
  const ext = new X509Certificate(Uint8Array.from(der)).getExtension(KeyUsagesExtension);
  if (!ext) return null;
  const out = new Set<'digitalSignature' | 'nonRepudiation' | 'keyEncipherment'>();
  if (ext.usages & KeyUsageFlags.digitalSignature) out.add('digitalSignature');
  if (ext.usages & KeyUsageFlags.nonRepudiation) out.add('nonRepudiation');
  if (ext.usages & KeyUsageFlags.keyEncipherment) out.add('keyEncipherment');
  return out;
}
