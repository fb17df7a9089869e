// CPS profile pieces: ATR identification, EF.SN.ICC, nomenclatures, holder data (OURS layout),
// PIN blocks, counters, holder fallback to the certificate.

import { describe, expect, it } from 'vitest';
import { concat, fromHex, hex } from '../../../src/card/bytes.js';
import { codeLength, isValidCode } from '../../../src/card/cps/codes.js';
import { getDataCountersCommand, parseCountersResponse, triesFromEmptyVerify } from '../../../src/card/cps/counters.js';
import { parseActivity, parseIdCard, parseInfoPs, parseNamePs, UnknownLayoutError } from '../../../src/card/cps/holder-data.js';
import { buildHolder } from '../../../src/card/cps/holder.js';
import { identifyCard } from '../../../src/card/cps/identify.js';
import { G15_PROFESSION, coded, professionCodeFromLabel } from '../../../src/card/cps/nomenclatures.js';
import { buildPinBlock, PinFormatError } from '../../../src/card/cps/pin-block.js';
import { parseSnIcc, luhnCheckDigit } from '../../../src/card/cps/sn-icc.js';
import type { PinAttributes } from '../../../src/card/pkcs15/aodf.js';
import { parseCertificate } from '../../../src/card/pkcs15/certificate.js';
import { FIXTURE_CERTIFICATES } from '../../../src/card/simulator/fixture-certificates.js';
import { TlvError, encodeTlv as t } from '../../../src/card/tlv/tlv.js';
import type { CardFact } from '../../../src/card/fact.js';
import { cardFactWords } from '../../../src/i18n/card-facts.js';

/** A failed read with its reason in words (the card layer keeps a fact; the view says it). */
const worded = <R extends { ok: boolean }>(r: R): R | (Omit<R, 'reason'> & { reason: string }) =>
  !r.ok && 'reason' in r ? { ...r, reason: cardFactWords(r.reason as CardFact) } : r;
import { code } from '../../support/codes.js';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('identifyCard (spec §1)', () => {
  it('knows each listed ATR', () => {
    const cases: [string, string, boolean, boolean][] = [
      ['3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00', 'CPS3', true, true],
      ['3B 8F 80 01 00 31 B8 64 04 B0 EC C1 73 94 01 80 82 90 00 0E', 'CPS3 sans contact', true, false],
      ['3B 9B 18 80 01 00 12 25 00 64 80 04 01 00 00 90 44', 'CPS4', true, true],
      ['3B 9B 18 80 01 00 12 25 00 64 80 00 04 01 00 90 44', 'CPS4', true, true],
      ['3B DC 18 FF 00 00 12 25 00 64 80 00 04 01 00 90 00', 'CPS4', true, true],
      ['3B AC 00 40 2A 00 12 25 00 64 80 82 02 12 00 90 00', 'CPS2ter', false, false],
      ['3B 02 14 50', 'inconnu', false, false],
    ];
    for (const [atr, model, supported, hasPin] of cases) {
      expect(identifyCard(fromHex(atr)), atr).toMatchObject({ model, supported, hasPin });
    }
  });

  it('matches the CPS3 mask after the exact ATRs (the CPS2ter ATR fits the mask too)', () => {
    // Bytes outside the mask (positions 1-4 and 11-13) may differ.
    expect(identifyCard(fromHex('3B FF FF FF FF 00 12 25 00 64 80 AA BB CC 00 90 00')).model).toBe('CPS3');
    expect(identifyCard(fromHex('3B AC 00 40 2A 01 12 25 00 64 80 00 03 10 00 90 00')).model).toBe('inconnu');
    expect(identifyCard(fromHex('3B AC 00 40 2A 00 12 25 00 64 80 82 02 12 00 90 00')).model).toBe('CPS2ter');
  });
});

describe('EF.SN.ICC (spec §2)', () => {
  it('reads the real trace and the seed', () => {
    expect(parseSnIcc(fromHex('5A 0A 80 25 00 00 01 99 21 38 45 0F'))).toEqual({ ok: true, issuer: '8025000001', serial: '99213845' });
    expect(parseSnIcc(fromHex('5A 0A 80 25 00 00 01 99 00 27 52 3F'))).toEqual({ ok: true, issuer: '8025000001', serial: '99002752' });
    expect(luhnCheckDigit('802500000199002752')).toBe(3);
  });

  it('refuses a wrong length, issuer or check digit, saying why', () => {
    expect(worded(parseSnIcc(fromHex('5A 0A 80 25 00 00 01 99 00 27 52')))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/11 octets au lieu de 12/),
    });
    expect(worded(parseSnIcc(fromHex('5A 0A 80 25 00 00 02 99 00 27 52 3F')))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/émetteur 8025000002/),
    });
    expect(worded(parseSnIcc(fromHex('5A 0A 80 25 00 00 01 99 00 27 52 4F')))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/contrôle/),
    });
    expect(worded(parseSnIcc(fromHex('5A 0A 80 25 00 00 01 99 00 2A 52 3F')))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/BCD/),
    });
  });
});

describe('nomenclatures (spec §6)', () => {
  it('labels known codes and keeps unknown ones alone', () => {
    expect(coded(G15_PROFESSION, '40')).toEqual({ code: '40', label: 'Chirurgien-Dentiste' });
    expect(coded(G15_PROFESSION, '77')).toEqual({ code: '77' });
    expect(coded(G15_PROFESSION, 'toString')).toEqual({ code: 'toString' });
    expect(professionCodeFromLabel('Chirurgien-Dentiste')).toBe('40');
    expect(professionCodeFromLabel('chirurgien dentiste')).toBe('40');
    expect(professionCodeFromLabel('Medecin')).toBe('10');
    expect(professionCodeFromLabel('Astronaute')).toBeUndefined();
  });
});

describe('holder data (spec §5, OURS layout)', () => {
  const idCard = t(
    0xa0,
    concat(t(0x80, [0x80]), t(0x81, [0x00]), t(0x82, ascii('2300081197')), t(0x83, ascii('20110515')), t(0x84, ascii('20140331'))),
  );
  const name = t(
    0xa1,
    concat(t(0x80, ascii('31')), t(0x81, ascii('0')), t(0x82, ascii('0B4005951')), t(0x83, ascii('DENT-CS0595')), t(0x84, ascii('EMILE'))),
  );
  const info = t(0xa2, t(0x80, ascii('40')));

  it('reads the seed’s objects', () => {
    const c = parseIdCard(idCard);
    expect(c.category).toMatchObject({ ok: true, value: { code: '80', label: 'Carte test de Professionnel ou Personnel de Santé' } });
    expect(c.cardType).toMatchObject({ ok: true, value: { code: '00' } });
    expect(c.logicalId).toMatchObject({ ok: true, value: '2300081197' });
    expect(c.validFrom).toMatchObject({ ok: true, value: '2011-05-15' });
    expect(c.validTo).toMatchObject({ ok: true, value: '2014-03-31' });
    const n = parseNamePs(name);
    expect(n.civility).toMatchObject({ ok: true, value: { code: '31', label: 'M' } });
    expect(parseInfoPs(info).profession).toMatchObject({ ok: true, value: { code: '40', label: 'Chirurgien-Dentiste' } });
    expect(parseInfoPs(info).speciality).toMatchObject({ ok: false });
  });

  it('skips unknown tags, marks missing and invalid fields, refuses a wrong template', () => {
    const odd = t(0xa0, concat(t(0x8f, [1]), t(0x9f20, [1]), t(0x80, [0x42]), t(0x83, ascii('20110231'))));
    const c = parseIdCard(odd);
    expect(c.category).toMatchObject({ ok: true, value: { code: '42' } });
    expect((c.category as { value: { label?: string } }).value.label).toBeUndefined();
    expect(worded(c.cardType)).toMatchObject({ ok: false, reason: 'absent de la carte' });
    expect(worded(c.validFrom)).toMatchObject({ ok: false, reason: expect.stringMatching(/date invalide/) });
    expect(() => parseIdCard(name)).toThrow(UnknownLayoutError);
    expect(() => parseIdCard(fromHex('A0 05 80'))).toThrow(UnknownLayoutError);
  });

  it('reads a practice situation with its nomenclatures', () => {
    const s = parseActivity(
      t(
        0xa3,
        concat(
          t(0x80, ascii('01')),
          t(0x81, ascii('01')),
          t(0x82, ascii('999')),
          t(0x85, new TextEncoder().encode('Cabinet Hélène')),
          t(0x89, ascii('24')),
          t(0x8a, ascii('9')),
        ),
      ),
    );
    expect(s.number).toBe('01');
    expect(s.mode).toMatchObject({ ok: true, value: { code: '01', label: 'Salarié' } });
    expect(s.sector).toMatchObject({ ok: true, value: { code: '999' } });
    expect(s.companyName).toMatchObject({ ok: true, value: 'Cabinet Hélène' });
    expect(s.tariffZone).toMatchObject({ ok: true, value: { code: '24', label: 'Zone 24' } });
    expect(s.ikZone).toMatchObject({ ok: true, value: { code: '9', label: 'Non définie' } });
    expect(s.billingNumber).toMatchObject({ ok: false });
  });
});

describe('holder: data first, certificate as fallback (spec §5)', () => {
  const cert = parseCertificate(Uint8Array.from(Buffer.from(FIXTURE_CERTIFICATES.seed.authentication.der, 'base64')));
  const bad = { ok: false as const, reason: { kind: 'message' as const, text: 'CPS_NAME_PS illisible' } };

  it('falls back to the certificate subject when the data objects do not parse', () => {
    const warnings: CardFact[] = [];
    const h = buildHolder(bad, { ok: false, reason: { kind: 'message', text: 'CPS_INFO_PS absent' } }, cert, warnings);
    expect(h.name).toEqual({ ok: true, value: 'DENT-CS0595 EMILE', source: 'certificate' });
    expect(h.identifier).toEqual({ ok: true, value: { value: '0B4005951', type: { code: '0', label: 'ADELI' } }, source: 'certificate' });
    expect(h.profession).toEqual({ ok: true, value: { code: '40', label: 'Chirurgien-Dentiste' }, source: 'certificate' });
    expect(warnings).toEqual([]);
  });

  it('warns when data and certificate disagree, and keeps the data', () => {
    const name = t(
      0xa1,
      concat(t(0x80, ascii('22')), t(0x81, ascii('8')), t(0x82, ascii('10101234567')), t(0x83, ascii('AUTRE')), t(0x84, ascii('NOM'))),
    );
    const warnings: CardFact[] = [];
    const h = buildHolder(
      { ok: true, value: parseNamePs(name) },
      { ok: true, value: parseInfoPs(t(0xa2, t(0x80, ascii('10')))) },
      cert,
      warnings,
    );
    expect(h.name).toMatchObject({ ok: true, value: 'Mme AUTRE NOM', source: 'data' });
    expect(warnings).toHaveLength(3);
    expect(warnings.map((w) => cardFactWords(w)).join('\n')).toMatch(/nom.*diffère/i);
  });

  it('without data nor certificate, says why', () => {
    const h = buildHolder(bad, bad, null, []);
    expect(h.name).toEqual(bad);
    expect(h.profession).toEqual(bad);
  });
});

describe('PIN block from the AODF PinAttributes, as OpenSC sc_build_pin (docs/card.md §3)', () => {
  const attrs = (over: Partial<PinAttributes>): PinAttributes => ({
    flags: new Set(),
    type: 'ascii-numeric',
    minLength: 4,
    storedLength: 8,
    ...over,
  });
  const block = (text: string, a: PinAttributes) => hex(buildPinBlock(code(text), a));

  it('ASCII, padded to storedLength with padChar (00 when absent) when needs-padding', () => {
    expect(block('2468', attrs({ flags: new Set(['needs-padding']), padChar: 0xff }))).toBe('32 34 36 38 FF FF FF FF');
    expect(block('2468', attrs({ flags: new Set(['needs-padding']) }))).toBe('32 34 36 38 00 00 00 00');
    expect(block('2468', attrs({}))).toBe('32 34 36 38');
  });

  it('BCD: two digits a byte; padded to half the stored length (a BCD stored length counts digits)', () => {
    expect(block('13579135', attrs({ type: 'bcd', minLength: 8 }))).toBe('13 57 91 35');
    // The example: a 4-digit BCD PIN with stored length 8 is 12 34 FF FF (not 8 bytes).
    expect(block('1234', attrs({ type: 'bcd', flags: new Set(['needs-padding']), storedLength: 8, padChar: 0xff }))).toBe('12 34 FF FF');
    expect(block('24681', attrs({ type: 'bcd', flags: new Set(['needs-padding']), minLength: 4, storedLength: 8, padChar: 0xff }))).toBe(
      '24 68 1F FF',
    );
    // An odd last digit takes padChar's low nibble: 0 when padChar is absent.
    expect(block('24681', attrs({ type: 'bcd', minLength: 4 }))).toBe('24 68 10');
  });

  it('refuses what the card says it cannot take', () => {
    expect(() => buildPinBlock(code('12'), attrs({}))).toThrow(PinFormatError);
    expect(() => buildPinBlock(code('123456789'), attrs({ maxLength: 8 }))).toThrow(PinFormatError);
    expect(() => buildPinBlock(code('12345678'), attrs({ type: 'iso9564-1' }))).toThrow(PinFormatError);
    expect(() => buildPinBlock(code('123456789'), attrs({ flags: new Set(['needs-padding']), storedLength: 8 }))).toThrow(PinFormatError);
  });

  it('where the card is silent: PIN 4 to 8 digits, PUK 8, digits only (docs/card.md §3)', () => {
    for (const good of ['0000', '12345', '123456', '12345678']) expect(isValidCode('pin', good), good).toBe(true);
    expect(isValidCode('puk', '12345678')).toBe(true);
    for (const bad of ['123', '123456789', '12a4', '١٢٣٤', ' 1234', '']) expect(isValidCode('pin', bad), bad).toBe(false);
    expect(isValidCode('puk', '1234567')).toBe(false);
  });

  it('the card decides: the AODF min/max (else its stored length), narrowed by the CHV sizes; the default only where it is silent', () => {
    const a = (o: Partial<PinAttributes>) => ({ ...attrs({}), ...o });
    expect(codeLength('pin', a({ minLength: 4, storedLength: 8, maxLength: 8 }))).toEqual({ min: 4, max: 8, source: 'aodf' });
    expect(codeLength('pin', a({ minLength: 4, storedLength: 8, maxLength: 4 }))).toEqual({ min: 4, max: 4, source: 'aodf' });
    const { maxLength: _, ...noMax } = a({ minLength: 4, storedLength: 6 });
    expect(codeLength('pin', noMax)).toEqual({ min: 4, max: 6, source: 'aodf' });
    expect(codeLength('pin', a({ minLength: 4, maxLength: 8 }), { min: 5, max: 6 })).toEqual({ min: 5, max: 6, source: 'aodf+chv' });
    // Two objects that contradict each other: the AODF stands (what the Cryptolib enforces).
    expect(codeLength('pin', a({ minLength: 4, maxLength: 8 }), { min: 9 })).toEqual({ min: 4, max: 8, source: 'aodf' });
    expect(codeLength('pin', undefined)).toEqual({ min: 4, max: 8, source: 'default' });
    expect(codeLength('puk', undefined)).toEqual({ min: 8, max: 8, source: 'default' });
    expect(isValidCode('pin', '123456', codeLength('pin', a({ minLength: 4, maxLength: 4 })))).toBe(false);
  });
});

describe('counters (spec §3)', () => {
  it('reads the spec’s GET DATA answer', () => {
    expect(getDataCountersCommand(2).data![6]).toBe(0x02);
    const c = parseCountersResponse(fromHex('70 16 BF 81 01 12 A0 10 9A 01 03 9B 01 03 A1 08 8C 06 F3 00 00 13 FF 00'), 1);
    expect(c).toEqual({ maxTries: 3, triesLeft: 3 });
    const puk = parseCountersResponse(fromHex('70 1A BF 81 02 16 A0 14 9A 01 0A 9B 01 0A 9D 02 00 64 A1 08 8C 06 F3 00 00 13 FF 00'), 2);
    expect(puk).toEqual({ maxTries: 10, triesLeft: 10, usagesLeft: 100 });
  });

  it('refuses an answer for another reference or without 9B', () => {
    expect(() => parseCountersResponse(fromHex('70 16 BF 81 01 12 A0 10 9A 01 03 9B 01 03 A1 08 8C 06 F3 00 00 13 FF 00'), 2)).toThrow(
      TlvError,
    );
    expect(() => parseCountersResponse(fromHex('70 08 BF 81 01 04 A0 02 9A 00'), 1)).toThrow(TlvError);
  });

  it('reads the empty VERIFY', () => {
    expect(triesFromEmptyVerify(0x63c2)).toBe(2);
    expect(triesFromEmptyVerify(0x6983)).toBe(0);
    expect(triesFromEmptyVerify(0x9000)).toBe('verified');
    expect(triesFromEmptyVerify(0x6a88)).toBeNull();
  });
});
