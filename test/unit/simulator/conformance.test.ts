// The simulated CPS3 against every byte sequence that spec cps-card.md quotes.

import { describe, expect, it } from 'vitest';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { exchange, send } from '../../support/simulator-apdu.js';

const seed = () => createFixtureCard('seed');
const rpps = () => createFixtureCard('cps3-rpps');

describe('ATR', () => {
  it('is the CPS3 contact ATR', () => {
    expect(Buffer.from(seed().atr).toString('hex').toUpperCase()).toBe('3BAC00402A001225006480000310009000');
  });
});

describe('GET DATA counters (spec §3)', () => {
  it('answers the PIN counters exactly as quoted, through 61 18 and GET RESPONSE', () => {
    const card = rpps();
    expect(send(card, '00 A4 00 0C 02 3F 00')).toBe('90 00');
    expect(send(card, '00 CB 3F FF 0A 4D 08 70 06 BF 81 01 02 A0 80 00')).toBe('61 18');
    expect(send(card, '00 C0 00 00 18')).toBe('70 16 BF 81 01 12 A0 10 9A 01 03 9B 01 03 A1 08 8C 06 F3 00 00 13 FF 00 90 00');
  });

  it('gives the PUK its usage counter 9D 02 00 64', () => {
    const card = seed();
    send(card, '00 A4 00 0C 02 3F 00');
    expect(send(card, '00 CB 3F FF 0A 4D 08 70 06 BF 81 02 02 A0 80 00')).toBe('61 1C');
    expect(send(card, '00 C0 00 00 1C')).toBe('70 1A BF 81 02 16 A0 14 9A 01 0A 9B 01 0A 9D 02 00 64 A1 08 8C 06 F3 00 00 13 FF 00 90 00');
  });

  it("shows the seed's blocked PIN as 0 of 3", () => {
    const card = seed();
    send(card, '00 A4 00 0C 02 3F 00');
    expect(exchange(card, '00 CB 3F FF 0A 4D 08 70 06 BF 81 01 02 A0 80 00')).toContain('9A 01 03 9B 01 00');
  });

  it('refuses an unknown reference, other P1-P2, other data, and outside the MF', () => {
    const card = seed();
    send(card, '00 A4 00 0C 02 3F 00');
    expect(send(card, '00 CB 3F FF 0A 4D 08 70 06 BF 81 03 02 A0 80 00')).toBe('6A 88');
    expect(send(card, '00 CB 3F FE 0A 4D 08 70 06 BF 81 01 02 A0 80 00')).toBe('6A 86');
    expect(send(card, '00 CB 3F FF 0A 4D 08 70 06 BF 82 01 02 A0 80 00')).toBe('6A 80');
    send(card, '00 A4 09 0C 04 3F 00 00 01');
    expect(send(card, '00 CB 3F FF 0A 4D 08 70 06 BF 81 01 02 A0 80 00')).toBe('6A 88');
  });
});

describe('T=0 response handling', () => {
  it('answers a short GET RESPONSE in parts, and 6C xx to one asking too much', () => {
    const card = rpps();
    send(card, '00 A4 00 0C 02 3F 00');
    send(card, '00 CB 3F FF 0A 4D 08 70 06 BF 81 01 02 A0 80 00');
    expect(send(card, '00 C0 00 00 20')).toBe('6C 18');
    expect(send(card, '00 C0 00 00 10')).toBe('70 16 BF 81 01 12 A0 10 9A 01 03 9B 01 03 A1 08 61 08');
    expect(send(card, '00 C0 00 00 08')).toBe('8C 06 F3 00 00 13 FF 00 90 00');
    expect(send(card, '00 C0 00 00 08')).toBe('69 85');
    send(card, '00 CB 3F FF 0A 4D 08 70 06 BF 81 01 02 A0 80 00');
    expect(send(card, '00 C0 00 00')).toBe('67 00');
    expect(send(card, '00 C0 01 00 18')).toBe('6A 86');
  });

  it('forgets a waiting answer when another command comes', () => {
    const card = rpps();
    send(card, '00 A4 00 0C 02 3F 00');
    send(card, '00 CB 3F FF 0A 4D 08 70 06 BF 81 01 02 A0 80 00');
    send(card, '00 20 00 01');
    expect(send(card, '00 C0 00 00 18')).toBe('69 85');
  });
});

describe('SELECT (spec §2)', () => {
  it('selects by path from the MF as the Cryptolib does (P1 09) and answers an FCP', () => {
    const card = seed();
    expect(send(card, '00 A4 09 04 04 3F 00 D0 03')).toBe('61 19');
    expect(send(card, '00 C0 00 00 19')).toBe('62 17 80 02 00 0C 82 01 01 83 02 D0 03 88 01 E0 8A 01 05 8C 04 43 FF FF 00 90 00');
  });

  it('selects by FID (P1 00 and 02, 3F00 included), by DF name (04) and by path (08)', () => {
    const card = seed();
    expect(send(card, '00 A4 02 0C 02 3F 00')).toBe('90 00');
    expect(send(card, '00 A4 00 0C 02 2F 00')).toBe('90 00');
    expect(send(card, '00 A4 04 0C 0D E8 28 BD 08 0F 80 25 00 00 01 FF 00 10')).toBe('90 00');
    expect(send(card, '00 A4 02 0C 02 70 01')).toBe('90 00');
    expect(send(card, '00 A4 08 0C 04 00 01 70 05')).toBe('90 00');
    expect(send(card, '00 A4 08 0C 06 3F 00 00 01 70 05')).toBe('90 00');
    expect(send(card, '00 A4 00 0C 00')).toBe('90 00');
  });

  it('selects the ECC root and the CPS2ter applet by AID', () => {
    const card = seed();
    expect(send(card, '00 A4 04 0C 08 80 25 00 00 01 FF 01 00')).toBe('90 00');
    expect(send(card, '00 A4 04 0C 08 80 25 00 00 01 FF 00 02')).toBe('90 00');
    expect(exchange(card, '00 A4 04 04 08 80 25 00 00 01 FF 00 02')).toBe(
      '62 15 82 01 38 84 08 80 25 00 00 01 FF 00 02 8A 01 05 8C 03 42 FF FF 90 00',
    );
  });

  it('refuses P2 00 with 6A 86, a bad P1 with 6A 86, a missing file with 6A 82 (D010)', () => {
    const card = seed();
    expect(send(card, '00 A4 00 00 02 3F 00')).toBe('6A 86');
    expect(send(card, '00 A4 03 0C 02 3F 00')).toBe('6A 86');
    expect(send(card, '00 A4 09 0C 04 3F 00 D0 10')).toBe('6A 82');
    expect(send(card, '00 A4 02 0C 02 D0 10')).toBe('6A 82');
    expect(send(card, '00 A4 04 0C 05 A0 00 00 00 03')).toBe('6A 82');
    expect(send(card, '00 A4 09 0C 03 3F 00 D0')).toBe('6A 87');
  });
});

describe('READ BINARY (spec §2)', () => {
  it("reads the seed's EF.SN.ICC: issuer 8025000001, serial 99002752, Luhn 3", () => {
    const card = seed();
    send(card, '00 A4 09 0C 04 3F 00 D0 03');
    expect(send(card, '00 B0 00 00 0C')).toBe('5A 0A 80 25 00 00 01 99 00 27 52 3F 90 00');
  });

  it('reads EF.ATR (57 bytes) as quoted', () => {
    const card = seed();
    send(card, '00 A4 09 0C 04 3F 00 2F 01');
    expect(send(card, '00 B0 00 00 39')).toBe(
      '80 43 01 B8 46 04 04 B0 EC C1 47 03 94 01 80 4F 08 80 25 00 00 01 FF 01 00 ' +
        'E0 10 02 02 01 04 02 02 01 04 02 02 01 00 02 02 01 00 78 08 06 06 2B 81 22 F8 78 02 82 02 90 00 90 00',
    );
  });

  it('gives EF.DIR 101 bytes', () => {
    const card = seed();
    expect(exchange(card, '00 A4 09 04 04 3F 00 2F 00')).toMatch(/^62 .*80 02 00 65 82 01 01 83 02 2F 00/);
    expect(send(card, '00 B0 00 00 66')).toBe('6C 65');
  });

  it('answers at most 0xE7 bytes: 6C E7 to more, 6C xx near the end, 6B 00 past it', () => {
    const card = seed();
    send(card, '00 A4 09 0C 06 3F 00 00 01 C0 02'); // a certificate, longer than 0xE7
    expect(send(card, '00 B0 00 00 00')).toBe('6C E7');
    expect(send(card, '00 B0 00 00 E8')).toBe('6C E7');
    expect(send(card, '00 B0 00 00 E7').split(' ')).toHaveLength(0xe7 + 2);
    expect(send(card, '00 B0 00 10 04')).toMatch(/^([0-9A-F]{2} ){4}90 00$/);
    expect(send(card, '00 B0 7F 00 01')).toBe('6B 00');
  });

  it('an FCP says when reading needs the PIN (SCB 13), as OpenSC reads access rules', () => {
    const card = seed();
    expect(exchange(card, '00 A4 09 04 06 3F 00 00 01 E1 01')).toMatch(/8C 04 43 FF FF 13 90 00$/);
  });

  it('needs a current EF and a Le', () => {
    const card = seed();
    send(card, '00 A4 00 0C 02 3F 00');
    expect(send(card, '00 B0 00 00 04')).toBe('69 86');
    send(card, '00 A4 09 0C 04 3F 00 D0 03');
    expect(send(card, '00 B0 00 00')).toBe('67 00');
    send(card, '00 A4 09 0C 04 3F 00 00 01');
    expect(send(card, '00 B0 00 00 0C')).toBe('69 86');
  });

  it('reads the MF files by short identifier, as OpenSC reads the serial (00 B0 9C 00)', () => {
    const card = seed();
    send(card, '00 A4 04 0C 08 80 25 00 00 01 FF 01 00');
    expect(send(card, '00 B0 9C 00 C0')).toBe('6C 0C');
    expect(send(card, '00 B0 9C 00 0C')).toBe('5A 0A 80 25 00 00 01 99 00 27 52 3F 90 00');
    expect(send(card, '00 B0 9D 00 02')).toBe('80 43 90 00');
    expect(send(card, '00 B0 9E 00 01')).toBe('61 90 00');
    expect(send(card, '00 B0 9B 00 01')).toBe('6A 82');
    send(card, '00 A4 09 0C 04 3F 00 00 01');
    expect(send(card, '00 B0 9C 00 0C')).toBe('6A 82');
  });
});

describe('classes and instructions', () => {
  it('answers 6E 00 to an unknown class, 6D 00 to an unknown instruction, 67 00 to a bad length', () => {
    const card = seed();
    expect(send(card, '01 A4 04 0C 08 80 25 00 00 01 FF 01 00')).toBe('6E 00');
    expect(send(card, '80 CA 00 00 00')).toBe('6E 00');
    expect(send(card, '00 84 00 00 08')).toBe('6D 00'); // GET CHALLENGE: not simulated
    expect(send(card, '00 88 00 00 04 01 02 03 04 00')).toBe('69 82'); // INTERNAL AUTHENTICATE: the PIN first (card-keys.ts)
    expect(send(card, '00 A4 00')).toBe('67 00');
    expect(send(card, '00 A4 00 0C 05 3F 00')).toBe('67 00');
  });

  it('the unknown card answers 6E 00 / 6D 00 to everything', () => {
    const card = createFixtureCard('unknown');
    expect(Buffer.from(card.atr).toString('hex')).toBe('3b021450');
    expect(send(card, '00 A4 00 0C 02 3F 00')).toBe('6D 00');
    expect(send(card, '01 A4 04 0C 08 80 25 00 00 01 FF 01 00')).toBe('6E 00');
    expect(card.snapshot()).toBeNull();
  });
});
