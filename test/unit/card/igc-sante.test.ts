// The IGC-Santé certificates shipped with the tool: the embedded module is data/igc-sante/ as it
// is, each certificate has the SHA-256 fingerprint its README gives, and each intermediate chains
// to its own root (and only through the shipped store, never a test root).

import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IGC_SANTE_CERTIFICATES } from '../../../src/card/trust/igc-sante-certificates.js';
import { defaultTrust, verifyChain } from '../../../src/card/trust/chain.js';

const DIR = join(import.meta.dirname, '../../../data/igc-sante');
const README = readFileSync(join(DIR, 'README.md'), 'utf8');
const FINGERPRINTS = new Map([...README.matchAll(/^\| (\w+) \| ([0-9a-f]{64}) \|$/gm)].map((m) => [m[1]!, m[2]!]));

describe('data/igc-sante', () => {
  it('lists nine certificates, each with its fingerprint, embedded as they are', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.pem'));
    expect(files).toHaveLength(9);
    expect(FINGERPRINTS.size).toBe(9);
    for (const f of files) {
      const name = f.replace(/\.pem$/, '');
      const pem = readFileSync(join(DIR, f), 'utf8');
      expect(IGC_SANTE_CERTIFICATES[name], name).toBe(pem);
      const der = new X509Certificate(pem).raw;
      expect(createHash('sha256').update(der).digest('hex'), name).toBe(FINGERPRINTS.get(name));
    }
  });

  it('each intermediate chains to its own root in the default store', () => {
    const store = defaultTrust('/nonexistent');
    const now = new Date('2026-06-01T00:00:00Z');
    for (const [name, pem] of Object.entries(IGC_SANTE_CERTIFICATES)) {
      if (name.startsWith('ACR_')) continue;
      const level = /^AC_(\w+?)_(PERSONNES|ORGANISATIONS)/.exec(name)![1]!;
      const r = verifyChain(new X509Certificate(pem).raw, store, now);
      expect(r, name).toEqual({ kind: 'trusted', path: [`AC RACINE IGC-SANTE ${level}`], source: 'shipped' });
    }
  });

  it('reads the Cryptolib Coffre (DER .cer) where present, skipping what is not a certificate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coffre-'));
    const extra = new X509Certificate(IGC_SANTE_CERTIFICATES['ACR_FORT_20130625']!);
    writeFileSync(join(dir, 'ACR_FORT_20130625.cer'), extra.raw); // the same as shipped: not twice
    writeFileSync(join(dir, 'notes.txt'), 'pas un certificat');
    const store = defaultTrust(dir);
    expect(store.coffre).toBe(dir);
    expect(store.anchors).toHaveLength(9);
    expect(defaultTrust('/nonexistent').coffre).toBeUndefined();
  });
});
