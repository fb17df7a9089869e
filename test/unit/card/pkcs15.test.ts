// PKCS#15 directory files, built here with the ISO/IEC 7816-15 ASN.1 by hand (independent of the
// simulator's encoder), plus one bad entry in each to show it is reported alone.

import { describe, expect, it } from 'vitest';
import { concat, fromHex, hex } from '../../../src/card/bytes.js';
import { parseAodf } from '../../../src/card/pkcs15/aodf.js';
import { parseCdf } from '../../../src/card/pkcs15/cdf.js';
import { parseCertificate } from '../../../src/card/pkcs15/certificate.js';
import { parseEfDir } from '../../../src/card/pkcs15/dir.js';
import { parseDodf } from '../../../src/card/pkcs15/dodf.js';
import { parseOdf } from '../../../src/card/pkcs15/odf.js';
import { parsePrkdf } from '../../../src/card/pkcs15/prkdf.js';
import { parseTokenInfo } from '../../../src/card/pkcs15/token-info.js';
import { FIXTURE_CERTIFICATES } from '../../../src/card/simulator/fixture-certificates.js';
import { TlvError, encodeTlv as t } from '../../../src/card/tlv/tlv.js';
import { cardFactWords } from '../../../src/i18n/card-facts.js';
import { errorWords } from '../../../src/view/failure.js';

const utf8 = (s: string) => t(0x0c, new TextEncoder().encode(s));
const octets = (h: string) => t(0x04, fromHex(h));
const int = (n: number) => t(0x02, n > 0x7f ? [0, n] : [n]);
const path = (h: string) => t(0x30, octets(h));
/** BIT STRING with the named bit numbers set (bit 0 = most significant of the first byte). */
function bits(...set: number[]): Uint8Array {
  const n = Math.max(...set, 0) + 1;
  const bytes = new Uint8Array(Math.ceil(n / 8));
  for (const b of set) bytes[b >> 3]! |= 0x80 >> (b & 7);
  return t(0x03, [bytes.length * 8 - n, ...bytes]);
}

describe('EF.DIR', () => {
  it('reads application templates and skips padding; a template without AID is one bad entry', () => {
    const file = concat(
      t(
        0x61,
        concat(
          t(0x4f, fromHex('E828BD080F8025000001FF0010')),
          t(0x50, new TextEncoder().encode('CPS3 PKCS#15')),
          t(0x51, fromHex('3F000001')),
        ),
      ),
      t(0x61, t(0x50, [0x41])),
      new Uint8Array(20),
    );
    const apps = parseEfDir(file);
    expect(apps).toHaveLength(2);
    expect(apps[0]).toMatchObject({ ok: true, value: { label: 'CPS3 PKCS#15' } });
    expect(apps[0]!.ok && hex(apps[0]!.value.path!, '')).toBe('3F000001');
    expect(apps[1]).toMatchObject({ ok: false, index: 1 });
  });
});

describe('ODF and TokenInfo', () => {
  it('maps A0..A8 to directory kinds', () => {
    const odf = concat(
      t(0xa0, path('3F0000017002')),
      t(0xa4, path('7005')),
      t(0xa7, path('3F0000017006')),
      t(0xa8, path('3F0000017001')),
      t(0xa9, path('7009')),
    );
    const entries = parseOdf(odf);
    expect(entries.map((e) => (e.ok ? e.value.kind : 'bad'))).toEqual(['privateKeys', 'certificates', 'dataObjects', 'authObjects', 'bad']);
    expect(entries[1]!.ok && hex(entries[1]!.value.path.path, '')).toBe('7005');
  });

  it('reads TokenInfo: serial, manufacturer, [0] label', () => {
    const ti = t(
      0x30,
      concat(
        int(0),
        octets('80250000019900275233F'.slice(0, 20)),
        utf8('ASIP-SANTE'),
        t(0x80, new TextEncoder().encode('CPS3')),
        t(0x03, [0, 0]),
      ),
    );
    expect(parseTokenInfo(ti)).toEqual({ version: 0, serialNumber: '80250000019900275233', manufacturer: 'ASIP-SANTE', label: 'CPS3' });
    expect(() => parseTokenInfo(fromHex('30 03 02 01'))).toThrow(TlvError);
  });
});

describe('AODF', () => {
  // PIN: "Code porteur de la carte CPX", authId 01, CommonObjectAttributes authId 02 (its PUK).
  const pin = t(
    0x30,
    concat(
      t(0x30, concat(utf8('Code porteur de la carte CPX'), bits(1), octets('02'))),
      t(0x30, octets('01')),
      t(0xa1, t(0x30, concat(bits(4, 5), t(0x0a, [1]), int(4), int(8), int(8), t(0x80, [0x01]), octets('FF'), path('3F00')))),
    ),
  );
  const puk = t(
    0x30,
    concat(
      t(0x30, utf8('Code de deblocage')),
      t(0x30, octets('02')),
      t(0xa1, t(0x30, concat(bits(4, 6, 7), t(0x0a, [0]), int(8), int(4), t(0x80, [0x02])))),
    ),
  );
  const biometric = t(0xa0, t(0x30, utf8('empreinte')));

  it('reads PinAttributes and the PUK link; other auth types are reported alone', () => {
    const [a, b, c] = parseAodf(concat(pin, puk, biometric));
    expect(a!.ok).toBe(true);
    if (!a!.ok || !b!.ok) return;
    expect(a!.value.common.label).toBe('Code porteur de la carte CPX');
    expect(a!.value.common.modifiable).toBe(true);
    expect(hex(a!.value.authId)).toBe('01');
    expect(hex(a!.value.common.authId!)).toBe('02');
    expect(a!.value.pin).toMatchObject({ type: 'ascii-numeric', minLength: 4, storedLength: 8, maxLength: 8, reference: 1, padChar: 0xff });
    expect([...a!.value.pin.flags].sort()).toEqual(['initialized', 'needs-padding']);
    expect(b!.value.pin).toMatchObject({ type: 'bcd', minLength: 8, storedLength: 4, reference: 2 });
    expect(b!.value.pin.maxLength).toBeUndefined();
    expect([...b!.value.pin.flags].sort()).toEqual(['initialized', 'soPin', 'unblockingPin']);
    expect(c).toMatchObject({ ok: false, index: 2 });
  });

  it('reads a reference written without the DER leading zero (80 01 81) as 0x81', () => {
    const odd = t(
      0x30,
      concat(t(0x30, utf8('x')), t(0x30, octets('81')), t(0xa1, t(0x30, concat(bits(4), t(0x0a, [1]), int(4), int(4), t(0x80, [0x81]))))),
    );
    const [e] = parseAodf(odd);
    expect(e!.ok && e!.value.pin.reference).toBe(0x81);
  });

  it('an entry with a wrong pinType is one failure, the others still read', () => {
    const broken = t(
      0x30,
      concat(t(0x30, utf8('x')), t(0x30, octets('03')), t(0xa1, t(0x30, concat(bits(4), t(0x0a, [9]), int(4), int(4))))),
    );
    const r = parseAodf(concat(broken, pin));
    expect(r[0]).toMatchObject({ ok: false, index: 0 });
    expect(r[0]!.ok || cardFactWords(r[0]!.reason)).toMatch(/pinType/);
    expect(r[1]!.ok).toBe(true);
  });
});

describe('PrKDF, CDF, DODF', () => {
  it('reads RSA keys: label, usage, reference, authId, modulus', () => {
    const key = (label: string, id: string, usage: Uint8Array, ref: number) =>
      t(
        0x30,
        concat(
          t(0x30, concat(utf8(label), bits(0), octets('01'))),
          t(0x30, concat(octets(id), usage, int(ref))),
          t(0xa1, t(0x30, concat(path('3F000001'), t(0x02, [0x08, 0x00])))),
        ),
      );
    const r = parsePrkdf(
      concat(key('CPS_PRIV_SIG', '11', bits(9), 0x81), key('CPS_PRIV_AUT', '22', bits(1, 2), 0x82), t(0xa0, t(0x30, utf8('ec')))),
    );
    expect(r[0]).toMatchObject({
      ok: true,
      value: { keyReference: 0x81, modulusLength: 2048, common: { label: 'CPS_PRIV_SIG', private: true } },
    });
    expect(r[0]!.ok && [...r[0]!.value.usage]).toEqual(['nonRepudiation']);
    expect(r[1]!.ok && [...r[1]!.value.usage].sort()).toEqual(['decrypt', 'sign']);
    expect(r[1]!.ok && hex(r[1]!.value.common.authId!)).toBe('01');
    expect(r[2]).toMatchObject({ ok: false, index: 2 });
  });

  it('reads certificate entries: label, id, path', () => {
    const cert = t(
      0x30,
      concat(t(0x30, utf8('Certificat d’authentification')), t(0x30, octets('22')), t(0xa1, t(0x30, path('3F000001C002')))),
    );
    const direct = t(0x30, concat(t(0x30, utf8('direct')), t(0x30, octets('33')), t(0xa1, t(0x30, t(0xa0, [1])))));
    const r = parseCdf(concat(cert, direct));
    expect(r[0]).toMatchObject({ ok: true, value: { common: { label: 'Certificat d’authentification' }, authority: false } });
    expect(r[0]!.ok && hex(r[0]!.value.path.path, '')).toBe('3F000001C002');
    expect(r[1]).toMatchObject({ ok: false, index: 1 });
  });

  it('reads opaque data objects with label and path (index/length kept)', () => {
    const dobj = (label: string, p: Uint8Array) =>
      t(0x30, concat(t(0x30, concat(utf8(label), bits(0), octets('01'))), t(0x30, utf8('CPS')), t(0xa1, p)));
    const r = parseDodf(
      concat(
        dobj('CPS_ID_CARD', path('E001')),
        dobj('CPS_ACTIVITY_01_PS', t(0x30, concat(octets('E101'), int(4), t(0x80, [0x20])))),
        t(0xa0, []),
      ),
    );
    expect(r[0]).toMatchObject({ ok: true, value: { common: { label: 'CPS_ID_CARD' }, applicationName: 'CPS' } });
    expect(r[1]).toMatchObject({ ok: true, value: { path: { index: 4, length: 0x20 }, common: { private: true } } });
    expect(r[2]!.ok).toBe(false);
  });
});

describe('certificates', () => {
  it('reads the multi-valued RDN CN+SN+GN, issuer, serial and validity', () => {
    const der = Uint8Array.from(Buffer.from(FIXTURE_CERTIFICATES.seed.authentication.der, 'base64'));
    const c = parseCertificate(der);
    expect(c.commonName).toBe('00B4005951');
    expect(c.surname).toBe('DENT-CS0595');
    expect(c.givenName).toBe('EMILE');
    expect(c.organizationalUnits).toContain('Chirurgien-Dentiste');
    expect(c.issuer).toMatch(/IGC-SANTE/);
    expect(c.serial).toMatch(/^[0-9A-F]+$/);
    expect(c.notBefore.toISOString()).toBe('2011-05-15T00:00:00.000Z');
    expect(c.notAfter.toISOString().slice(0, 10)).toBe('2014-03-31');
  });

  it('a damaged certificate raises an Error with a reason', () => {
    const der = Uint8Array.from(Buffer.from(FIXTURE_CERTIFICATES.seed.authentication.der, 'base64')).slice(0, 200);
    expect(() => parseCertificate(der)).toThrow(Error);
    let said = '';
    try {
      parseCertificate(der);
    } catch (e) {
      said = errorWords(e);
    }
    expect(said).toMatch(/certificat illisible/);
  });
});
