// The certificate chain of a card's certificates, up to an IGC-Santé root (issue 21).
//
// Anchors: the IGC-Santé production roots and intermediates shipped with the tool
// (data/igc-sante/, embedded), plus the installed Cryptolib's `Coffre` where present (DER or PEM
// files; a file that is not a certificate is skipped). A test-only option adds a test root
// (`--trust-test-root FILE`): never part of the defaults.
//
// The chain is built by name and key identifier (OpenSSL's X509_check_issued through node:crypto),
// each signature verified with its issuer's public key, each authority valid now and a CA. A card
// certificate whose issuer is unknown and whose issuer's name says TEST belongs to the IGC-Santé
// TEST hierarchy, which is not public: said as such, not as a failure.

import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IGC_SANTE_CERTIFICATES } from './igc-sante-certificates.js';

/** Where the Cryptolib installs the IGC-Santé certificates (docs/card-test.md). */
export const CRYPTOLIB_COFFRE = '/etc/opt/santesocial/CPS/Coffre';

export interface Anchor {
  readonly cert: X509Certificate;
  /** 'shipped' (data/igc-sante), 'coffre' (the installed Cryptolib), 'test' (the test-only option). */
  readonly source: 'shipped' | 'coffre' | 'test';
}

export interface TrustStore {
  readonly anchors: readonly Anchor[];
  /** The Coffre folder read, when there was one. */
  readonly coffre?: string;
}

export type ChainResult =
  | {
      readonly kind: 'trusted';
      /** From the card's certificate's issuer up to the root (CNs). */ readonly path: readonly string[];
      readonly source: Anchor['source'];
    }
  | { readonly kind: 'test-hierarchy'; readonly issuer: string }
  | { readonly kind: 'unknown-issuer'; readonly issuer: string }
  | { readonly kind: 'bad-signature'; readonly subject: string; readonly issuer: string }
  | { readonly kind: 'authority-expired'; readonly authority: string; readonly notAfter: Date }
  | { readonly kind: 'authority-not-yet-valid'; readonly authority: string; readonly notBefore: Date }
  | { readonly kind: 'not-an-authority'; readonly authority: string }
  | { readonly kind: 'untrusted-root'; readonly root: string }
  | { readonly kind: 'unreadable'; readonly detail: string };

function parse(bytes: string | Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(bytes);
  } catch {
    return undefined;
  }
}

/** Every certificate of a PEM text (one or more BEGIN CERTIFICATE blocks) or one DER. */
export function certificatesIn(content: Buffer): X509Certificate[] {
  const text = content.toString('latin1');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (blocks) return blocks.map((b) => parse(b)).filter((c): c is X509Certificate => c !== undefined);
  const one = parse(content);
  return one ? [one] : [];
}

/** The shipped IGC-Santé certificates, and the Coffre's where `coffre` exists. */
export function defaultTrust(coffre: string = CRYPTOLIB_COFFRE): TrustStore {
  const anchors: Anchor[] = Object.values(IGC_SANTE_CERTIFICATES).map((pem) => ({ cert: new X509Certificate(pem), source: 'shipped' }));
  let names: string[];
  try {
    names = readdirSync(coffre).sort();
  } catch {
    return { anchors };
  }
  const known = new Set(anchors.map((a) => a.cert.fingerprint256));
  for (const name of names) {
    let content: Buffer;
    try {
      content = readFileSync(join(coffre, name));
    } catch {
      continue;
    }
    for (const cert of certificatesIn(content)) {
      if (known.has(cert.fingerprint256)) continue;
      known.add(cert.fingerprint256);
      anchors.push({ cert, source: 'coffre' });
    }
  }
  return { anchors, coffre };
}

/** A store with the certificates of `pem` added as test anchors (tests; `--trust-test-root`). */
export function withTestAnchors(store: TrustStore, content: Buffer): TrustStore {
  const added = certificatesIn(content).map((cert) => ({ cert, source: 'test' as const }));
  return { ...store, anchors: [...store.anchors, ...added] };
}

/** The CN of a distinguished name as node:crypto prints it ("C=FR\nO=…\nCN=…"), else the whole name. */
export function commonName(dn: string): string {
  const cn = dn
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('CN='));
  return cn ? cn.slice(3) : dn.replace(/\n/g, ', ');
}

/** An issuer of the IGC-Santé TEST hierarchy (not public): "TEST" as a word in its CN. */
export function isTestIssuer(issuer: string): boolean {
  return /\bTEST\b/i.test(commonName(issuer));
}

const selfSigned = (c: X509Certificate): boolean => c.checkIssued(c) && c.verify(c.publicKey);

/** The chain of one certificate (DER) at `now`. */
export function verifyChain(der: Uint8Array, store: TrustStore, now: Date): ChainResult {
  const leaf = parse(Buffer.from(der));
  if (!leaf) return { kind: 'unreadable', detail: 'X.509' };
  const path: string[] = [];
  let current = leaf;
  for (let depth = 0; depth < 6; depth++) {
    const candidates = store.anchors.filter((a) => a.cert !== current && current.checkIssued(a.cert));
    if (candidates.length === 0) {
      if (current !== leaf && selfSigned(current)) return { kind: 'untrusted-root', root: commonName(current.subject) };
      const issuer = current.issuer;
      return isTestIssuer(issuer)
        ? { kind: 'test-hierarchy', issuer: commonName(issuer) }
        : { kind: 'unknown-issuer', issuer: commonName(issuer) };
    }
    const issuer = candidates.find((a) => current.verify(a.cert.publicKey));
    if (!issuer) return { kind: 'bad-signature', subject: commonName(current.subject), issuer: commonName(current.issuer) };
    const name = commonName(issuer.cert.subject);
    const notAfter = new Date(issuer.cert.validTo);
    const notBefore = new Date(issuer.cert.validFrom);
    if (now.getTime() > notAfter.getTime()) return { kind: 'authority-expired', authority: name, notAfter };
    if (now.getTime() < notBefore.getTime()) return { kind: 'authority-not-yet-valid', authority: name, notBefore };
    if (!issuer.cert.ca) return { kind: 'not-an-authority', authority: name };
    path.push(name);
    if (selfSigned(issuer.cert)) return { kind: 'trusted', path, source: issuer.source };
    current = issuer.cert;
  }
  return { kind: 'unknown-issuer', issuer: commonName(current.issuer) };
}
