// Each fixture card's distinguishing data, and its certificates as X.509.

import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { hex } from '../../../src/card/bytes.js';
import { encodeBlock } from '../../../src/card/simulator/cps3-card.js';
import { TEST_CA_CERTIFICATE } from '../../../src/card/simulator/fixture-certificates.js';
import { createFixtureCard, FIXTURE_NAMES, type FixtureName } from '../../../src/card/simulator/fixtures.js';
import { PIN_FORMAT } from '../../../src/card/simulator/profile.js';
import { exchange, parseTlv, readAll, selectPath, send, text } from '../../support/simulator-apdu.js';

function read(card: ReturnType<typeof createFixtureCard>, path: string): Uint8Array {
  expect(selectPath(card, path)).toBe('90 00');
  return readAll(card);
}

function fields(card: ReturnType<typeof createFixtureCard>, fid: string): string[] {
  const [obj] = parseTlv(read(card, `3F 00 00 01 ${fid}`));
  const binary = (b: number) => b < 0x20 || b >= 0x80;
  return obj!.children.map((c) => (c.value.length === 1 && binary(c.value[0]!) ? hex(c.value) : text(c)));
}

function counters(card: ReturnType<typeof createFixtureCard>, ref: number): string {
  send(card, '00 A4 00 0C 02 3F 00');
  return exchange(card, `00 CB 3F FF 0A 4D 08 70 06 BF 81 0${ref} 02 A0 80 00`);
}

function serial(card: ReturnType<typeof createFixtureCard>): string {
  return hex(read(card, '3F 00 D0 03'));
}

function certificate(card: ReturnType<typeof createFixtureCard>, fid: string): x509.X509Certificate {
  return new x509.X509Certificate(Uint8Array.from(read(card, `3F 00 00 01 ${fid}`)));
}

describe('fixture names', () => {
  it('lists every fixture, each one buildable', () => {
    expect(FIXTURE_NAMES).toEqual([
      'seed',
      'cps3-rpps',
      'cps3-pin6',
      'puk-last-try',
      'puk-blocked',
      'puk-exhausted',
      'cpe',
      'cps4',
      'cps4-rc',
      'cps4-t0',
      'cps3-public',
      'cps3-cl',
      'vitale',
      'unknown',
      'key-mismatch',
      'ca-expired',
      'unknown-issuer',
      'bad-cert-signature',
    ]);
    for (const name of FIXTURE_NAMES) expect(createFixtureCard(name).fixture).toBe(name);
  });

  it('gives each CPS3 a serial of its own', () => {
    // The CPS4s (one card behind three ATRs) answer on channel 1 only: test/unit/cps4 checks their serial against these.
    const serials = FIXTURE_NAMES.filter((n) => n !== 'unknown' && n !== 'vitale' && !n.startsWith('cps4')).map((n) =>
      serial(createFixtureCard(n)),
    );
    expect(new Set(serials).size).toBe(serials.length);
  });
});

describe('seed (spec §7)', () => {
  const card = createFixtureCard('seed');
  it('test CPS, 2300081197, 15/05/2011 – 31/03/2014', () => {
    expect(fields(card, 'E0 01')).toEqual(['80', '00', '2300081197', '20110515', '20140331']);
  });
  it('M DENT-CS0595 EMILE, ADELI 0B4005951, Chirurgien-Dentiste', () => {
    expect(fields(card, 'E0 02')).toEqual(['31', '0', '0B4005951', 'DENT-CS0595', 'EMILE']);
    expect(fields(card, 'E0 03')).toEqual(['40']);
  });
  it('PIN blocked (0 of 3), PUK 10 of 10 with 100 unblocks', () => {
    expect(counters(card, 1)).toContain('9A 01 03 9B 01 00');
    expect(counters(card, 2)).toContain('9A 01 0A 9B 01 0A 9D 02 00 64');
  });
  it('certificates: subject CN=00B4005951+SN=DENT-CS0595+GN=EMILE, OU=Chirurgien-Dentiste, O=TEST, C=FR', () => {
    for (const fid of ['C0 01', 'C0 02']) {
      const cert = certificate(card, fid);
      expect(cert.subject).toBe('C=FR, O=TEST, OU=Chirurgien-Dentiste, CN=00B4005951+SN=DENT-CS0595+G=EMILE');
      expect(cert.notBefore.toISOString()).toBe('2011-05-15T00:00:00.000Z');
      expect(cert.notAfter.toISOString()).toBe('2014-03-31T23:59:59.000Z');
      expect(cert.issuer).toContain('TEST');
    }
  });
});

describe('cps3-rpps', () => {
  const card = createFixtureCard('cps3-rpps');
  it('RPPS identifier (type 8), médecin généraliste, valid until 2029', () => {
    expect(fields(card, 'E0 02')).toEqual(['22', '8', '10101234567', 'MEDECIN-RPPS0001', 'Hélène']);
    expect(fields(card, 'E0 03')).toEqual(['10', '01']);
    expect(fields(card, 'E0 01').slice(3)).toEqual(['20250301', '20290228']);
    const cert = certificate(card, 'C0 02');
    expect(cert.subject).toContain('CN=810101234567+SN=MEDECIN-RPPS0001+G=Hélène');
    expect(cert.notAfter.getUTCFullYear()).toBe(2029);
  });
  it('PIN 1234 with 3 tries; two practice situations behind the PIN', () => {
    expect(counters(card, 1)).toContain('9B 01 03');
    expect(send(card, `00 20 00 01 08 ${hex(encodeBlock('1234', PIN_FORMAT))}`)).toBe('90 00');
    expect(fields(card, 'E1 01').slice(0, 3)).toEqual(['01', '00', '31']);
    expect(fields(card, 'E1 02').slice(0, 3)).toEqual(['02', '01', '10']);
    expect(selectPath(card, '3F 00 00 01 E1 03')).toBe('6A 82');
  });
});

describe('cpe', () => {
  it('card type 02, FINESS identifier, no profession', () => {
    const card = createFixtureCard('cpe');
    expect(fields(card, 'E0 01').slice(0, 2)).toEqual(['80', '02']);
    expect(fields(card, 'E0 02').slice(1, 3)).toEqual(['3', '750100018/CPET00001']);
    expect(fields(card, 'E0 03')).toEqual([]);
    expect(counters(card, 1)).toContain('9B 01 03');
  });
});

describe('PUK states', () => {
  const cases: [FixtureName, string][] = [
    ['puk-last-try', '9B 01 01 9D 02 00 64'],
    ['puk-blocked', '9B 01 00 9D 02 00 64'],
    ['puk-exhausted', '9B 01 0A 9D 02 00 00'],
  ];
  it.each(cases)('%s: PIN blocked, PUK %s', (name, puk) => {
    const card = createFixtureCard(name);
    expect(counters(card, 1)).toContain('9B 01 00');
    expect(counters(card, 2)).toContain(puk);
    expect(fields(card, 'E0 02')).toEqual(['31', '0', '0B4005951', 'DENT-CS0595', 'EMILE']);
  });
});

describe('certificates', () => {
  it('are signed by the TEST authority, with their keys in RSA 2048', async () => {
    const ca = new x509.X509Certificate(TEST_CA_CERTIFICATE);
    expect(ca.subject).toContain('TEST');
    for (const name of ['seed', 'cps3-rpps', 'cpe'] as const) {
      const card = createFixtureCard(name);
      for (const fid of ['C0 01', 'C0 02']) {
        const cert = certificate(card, fid);
        expect(cert.issuer).toBe(ca.subject);
        expect(await cert.verify({ publicKey: ca, signatureOnly: true })).toBe(true);
        expect((cert.publicKey.algorithm as RsaHashedKeyAlgorithm).modulusLength).toBe(2048);
      }
    }
  });

  it('C001 is for signature (nonRepudiation), C002 for authentication (digitalSignature)', () => {
    const card = createFixtureCard('seed');
    const usage = (fid: string) => certificate(card, fid).getExtension(x509.KeyUsagesExtension)!.usages;
    expect(usage('C0 01') & x509.KeyUsageFlags.nonRepudiation).toBeTruthy();
    expect(usage('C0 02') & x509.KeyUsageFlags.digitalSignature).toBeTruthy();
    expect(usage('C0 02') & x509.KeyUsageFlags.nonRepudiation).toBeFalsy();
  });
});
