// PIN and PUK rules of the simulated CPS3 (spec §3): tries, lifetime unblocks, security state.

import { describe, expect, it } from 'vitest';
import { hex } from '../../../src/card/bytes.js';
import { encodeBlock } from '../../../src/card/simulator/cps3-card.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { PIN_FORMAT, PUK_FORMAT } from '../../../src/card/simulator/profile.js';
import { exchange, send } from '../../support/simulator-apdu.js';

const pin = (code: string) => hex(encodeBlock(code, PIN_FORMAT));
const puk = (code: string) => hex(encodeBlock(code, PUK_FORMAT));
const verifyPin = (code: string) => `00 20 00 01 08 ${pin(code)}`;
const verifyPuk = (code: string) => `00 20 00 02 08 ${puk(code)}`;
const unblock = (code: string) => `00 2C 02 01 08 ${pin(code)}`;

function counters(card: ReturnType<typeof createFixtureCard>, ref: 1 | 2): string {
  send(card, '00 A4 00 0C 02 3F 00');
  return exchange(card, `00 CB 3F FF 0A 4D 08 70 06 BF 81 0${ref} 02 A0 80 00`);
}

describe('the PIN block (OURS: ASCII digits, FF to 8 bytes)', () => {
  it('is 31 32 33 34 FF FF FF FF for 1234', () => {
    expect(pin('1234')).toBe('31 32 33 34 FF FF FF FF');
  });

  it('refuses any other block with 6A 80 and spends no try', () => {
    const card = createFixtureCard('cps3-rpps');
    for (const block of [
      '31 32 33 34',
      '01 02 03 04 FF FF FF FF',
      '31 32 33 34 00 00 00 00',
      '31 32 33 FF FF FF FF FF',
      '31 32 33 34 35 FF FF FF',
      '31 32 FF 34 FF FF FF FF',
      '31 32 33 34 FF FF FF FF FF',
    ]) {
      const lc = block.split(' ').length.toString(16).padStart(2, '0');
      expect(send(card, `00 20 00 01 ${lc} ${block}`), block).toBe('6A 80');
    }
    expect(send(card, '00 20 00 01')).toBe('63 C3');
  });
});

describe('VERIFY', () => {
  it('an empty VERIFY tells the tries without spending one; 90 00 once verified', () => {
    const card = createFixtureCard('cps3-rpps');
    expect(send(card, '00 20 00 01')).toBe('63 C3');
    expect(send(card, '00 20 00 01')).toBe('63 C3');
    expect(send(card, verifyPin('1234'))).toBe('90 00');
    expect(send(card, '00 20 00 01')).toBe('90 00');
    expect(send(card, '00 20 00 03')).toBe('6A 88');
    expect(send(card, '00 20 01 01')).toBe('6A 86');
  });

  it('a wrong PIN costs a try (63 C2, C1, C0), then the PIN is blocked (69 83)', () => {
    const card = createFixtureCard('cps3-rpps');
    expect(send(card, verifyPin('0000'))).toBe('63 C2');
    expect(send(card, verifyPin('0000'))).toBe('63 C1');
    expect(send(card, verifyPin('0000'))).toBe('63 C0');
    expect(send(card, verifyPin('1234'))).toBe('69 83');
    expect(send(card, '00 20 00 01')).toBe('69 83');
    expect(counters(card, 1)).toContain('9B 01 00');
  });

  it('a right PIN restores the tries; a wrong one after it loses the verified state', () => {
    const card = createFixtureCard('cps3-rpps');
    send(card, verifyPin('0000'));
    send(card, verifyPin('0000'));
    expect(send(card, verifyPin('1234'))).toBe('90 00');
    expect(send(card, '00 20 00 01')).toBe('90 00');
    expect(counters(card, 1)).toContain('9B 01 03');
    expect(send(card, verifyPin('9999'))).toBe('63 C2');
    expect(send(card, '00 20 00 01')).toBe('63 C2');
  });
});

describe('reading a practice situation', () => {
  it('answers 69 82 before the PIN, the data after, and 69 82 again after a reset', () => {
    const card = createFixtureCard('cps3-rpps');
    expect(send(card, '00 A4 09 0C 06 3F 00 00 01 E1 01')).toBe('90 00');
    expect(send(card, '00 B0 00 00 04')).toBe('69 82');
    send(card, verifyPin('1234'));
    expect(send(card, '00 B0 00 00 04')).toMatch(/^A3 /);
    card.reset();
    expect(send(card, '00 20 00 01')).toBe('63 C3');
    send(card, '00 A4 09 0C 06 3F 00 00 01 E1 01');
    expect(send(card, '00 B0 00 00 04')).toBe('69 82');
  });
});

describe('unblocking (PUK then RESET RETRY COUNTER)', () => {
  it('unblocks the seed with 12345678 and a new PIN; spends one of 100 unblocks', () => {
    const card = createFixtureCard('seed');
    expect(send(card, '00 20 00 01')).toBe('69 83');
    expect(send(card, verifyPuk('12345678'))).toBe('90 00');
    expect(send(card, unblock('4321'))).toBe('90 00');
    expect(send(card, '00 20 00 01')).toBe('63 C3');
    expect(send(card, verifyPin('4321'))).toBe('90 00');
    expect(counters(card, 2)).toContain('9A 01 0A 9B 01 0A 9D 02 00 63');
  });

  it('needs the PUK verified (69 82), and once per unblock', () => {
    const card = createFixtureCard('seed');
    expect(send(card, unblock('4321'))).toBe('69 82');
    send(card, verifyPuk('12345678'));
    expect(send(card, unblock('4321'))).toBe('90 00');
    expect(send(card, unblock('5678'))).toBe('69 82');
  });

  it('loses the verified PUK on reset', () => {
    const card = createFixtureCard('seed');
    send(card, verifyPuk('12345678'));
    card.reset();
    expect(send(card, unblock('4321'))).toBe('69 82');
  });

  it('refuses other forms and a malformed new PIN without spending the unblock', () => {
    const card = createFixtureCard('seed');
    send(card, verifyPuk('12345678'));
    expect(send(card, `00 2C 00 01 10 ${puk('12345678')} ${pin('4321')}`)).toBe('6A 86');
    expect(send(card, `00 2C 02 02 08 ${pin('4321')}`)).toBe('6A 88');
    expect(send(card, '00 2C 02 01 04 34 33 32 31')).toBe('6A 80');
    expect(send(card, unblock('4321'))).toBe('90 00');
    expect(counters(card, 2)).toContain('9D 02 00 63');
  });

  it('a wrong PUK costs a PUK try; a right one restores them all', () => {
    const card = createFixtureCard('seed');
    expect(send(card, verifyPuk('00000000'))).toBe('63 C9');
    expect(send(card, verifyPuk('00000000'))).toBe('63 C8');
    expect(send(card, '00 20 00 02')).toBe('63 C8');
    expect(send(card, verifyPuk('12345678'))).toBe('90 00');
    expect(counters(card, 2)).toContain('9B 01 0A');
  });

  it('puk-last-try: one wrong PUK blocks it for good (63 C0, then 69 83)', () => {
    const card = createFixtureCard('puk-last-try');
    expect(send(card, '00 20 00 02')).toBe('63 C1');
    expect(send(card, verifyPuk('00000000'))).toBe('63 C0');
    expect(send(card, verifyPuk('12345678'))).toBe('69 83');
    expect(send(card, unblock('4321'))).toBe('69 82');
  });

  it('puk-last-try: the right PUK still works', () => {
    const card = createFixtureCard('puk-last-try');
    expect(send(card, verifyPuk('12345678'))).toBe('90 00');
    expect(send(card, unblock('4321'))).toBe('90 00');
  });

  it('puk-blocked: 69 83, counters 0 of 10', () => {
    const card = createFixtureCard('puk-blocked');
    expect(send(card, '00 20 00 02')).toBe('69 83');
    expect(send(card, verifyPuk('12345678'))).toBe('69 83');
    expect(counters(card, 2)).toContain('9A 01 0A 9B 01 00');
  });

  it('puk-exhausted: usage 0, the PUK answers 69 84 and so does RESET RETRY COUNTER', () => {
    const card = createFixtureCard('puk-exhausted');
    expect(counters(card, 2)).toContain('9B 01 0A 9D 02 00 00');
    expect(send(card, '00 20 00 02')).toBe('69 84');
    expect(send(card, verifyPuk('12345678'))).toBe('69 84');
    expect(send(card, unblock('4321'))).toBe('69 84');
    expect(counters(card, 2)).toContain('9B 01 0A 9D 02 00 00');
  });

  it('the 100th unblock is the last: the next one answers 69 84', () => {
    const card = createFixtureCard('seed');
    for (let i = 0; i < 100; i++) {
      expect(send(card, verifyPuk('12345678'))).toBe('90 00');
      expect(send(card, unblock('4321'))).toBe('90 00');
    }
    expect(counters(card, 2)).toContain('9D 02 00 00');
    expect(send(card, verifyPuk('12345678'))).toBe('69 84');
    expect(send(card, unblock('4321'))).toBe('69 84');
  });
});

describe('CHANGE REFERENCE DATA 00 24 00 01', () => {
  it('changes the PIN with the old one, and leaves it verified', () => {
    const card = createFixtureCard('cps3-rpps');
    expect(send(card, `00 24 00 01 10 ${pin('1234')} ${pin('2468')}`)).toBe('90 00');
    expect(send(card, '00 20 00 01')).toBe('90 00');
    card.reset();
    expect(send(card, verifyPin('1234'))).toBe('63 C2');
    expect(send(card, verifyPin('2468'))).toBe('90 00');
  });

  it('a wrong old PIN costs a try; a blocked PIN answers 69 83', () => {
    const card = createFixtureCard('cps3-rpps');
    expect(send(card, `00 24 00 01 10 ${pin('0000')} ${pin('2468')}`)).toBe('63 C2');
    expect(send(card, verifyPin('2468'))).toBe('63 C1');
    const seed = createFixtureCard('seed');
    expect(send(seed, `00 24 00 01 10 ${pin('1234')} ${pin('2468')}`)).toBe('69 83');
  });

  it('refuses malformed blocks (6A 80, no try spent), P1 01 (6A 86) and the PUK (69 85)', () => {
    const card = createFixtureCard('cps3-rpps');
    expect(send(card, `00 24 00 01 08 ${pin('1234')}`)).toBe('6A 80');
    expect(send(card, `00 24 00 01 10 ${pin('1234')} 32 34 36 38 00 00 00 00`)).toBe('6A 80');
    expect(send(card, `00 24 01 01 08 ${pin('2468')}`)).toBe('6A 86');
    expect(send(card, `00 24 00 02 10 ${puk('12345678')} ${puk('87654321')}`)).toBe('69 85');
    expect(send(card, '00 20 00 01')).toBe('63 C3');
  });
});
