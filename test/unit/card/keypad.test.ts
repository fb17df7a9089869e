// Issue 20: the part 10 structures made from the card's AODF attributes, byte by byte.
import { describe, expect, it } from 'vitest';
import { hex } from '../../../src/card/bytes.js';
import { keypadRules, modifyStructure, readerAnswer, verifyStructure } from '../../../src/card/cps/keypad.js';
import type { PinAttributes } from '../../../src/card/pkcs15/aodf.js';

const attrs = (a: Partial<PinAttributes>): PinAttributes => ({
  flags: new Set(['needs-padding']),
  type: 'ascii-numeric',
  minLength: 4,
  storedLength: 8,
  maxLength: 8,
  padChar: 0xff,
  ...a,
});
const opts = { timeoutS: 60, langId: 0x040c };

describe('keypad structures from the AODF', () => {
  it('ASCII padded to 8 bytes: the template carries the padding, min/max from the card', () => {
    const r = keypadRules('pin', attrs({}));
    expect(r).toEqual({ format: 2, block: 8, padChar: 0xff, min: 4, max: 8 });
    const { structure, template } = verifyStructure({ cla: 0x01, ins: 0x20, p1: 0, p2: 0x01 }, r, opts);
    expect(hex(template)).toBe('01 20 00 01 08 FF FF FF FF FF FF FF FF');
    expect(hex(structure.subarray(0, 19))).toBe('3C 00 82 08 00 08 04 02 01 0C 04 00 00 00 00 0D 00 00 00');
  });

  it('BCD: two digits a byte, the block half the stored length; the card’s maximum where it gives one', () => {
    const r = keypadRules('pin', attrs({ type: 'bcd', storedLength: 16, maxLength: 12, padChar: 0x0f }));
    expect(r).toEqual({ format: 1, block: 8, padChar: 0x0f, min: 4, max: 12 });
    expect(verifyStructure({ cla: 0, ins: 0x20, p1: 0, p2: 1 }, r, opts).structure[2]).toBe(0x81);
  });

  it('without padding: no block, Lc 0, the reader sets it; the PUK without a maximum gets 8', () => {
    const r = keypadRules('puk', attrs({ flags: new Set(), maxLength: undefined, minLength: 8 }));
    expect(r).toEqual({ format: 2, block: 0, padChar: 0xff, min: 8, max: 8 });
    expect(hex(verifyStructure({ cla: 0, ins: 0x20, p1: 0, p2: 2 }, r, opts).template)).toBe('00 20 00 02 00');
    expect(() => modifyStructure({ cla: 0, ins: 0x24, p1: 0, p2: 1 }, r, true, opts)).toThrow();
  });

  it('a change puts the new code after the current one and asks both, the new twice', () => {
    const r = keypadRules('pin', attrs({}));
    const { structure, template } = modifyStructure({ cla: 0, ins: 0x24, p1: 0, p2: 1 }, r, true, opts);
    expect(template.length).toBe(5 + 16);
    expect(template[4]).toBe(16);
    // bInsertionOffsetOld 0, bInsertionOffsetNew 8, wPINMaxExtraDigit 04 08, bConfirmPIN 03, OK key
    expect(hex(structure.subarray(5, 11))).toBe('00 08 08 04 03 02');
    const reset = modifyStructure({ cla: 0, ins: 0x2c, p1: 2, p2: 1 }, r, false, opts);
    expect(hex(reset.structure.subarray(5, 11))).toBe('00 00 08 04 01 02');
  });

  it('refuses a format the reader cannot be told, and a card range beyond the block', () => {
    expect(() => keypadRules('pin', attrs({ type: 'half-nibble-bcd' }))).toThrow();
    expect(() => keypadRules('pin', attrs({ maxLength: 9 }))).toThrow();
  });

  it('the reader’s answers are never the card’s', () => {
    expect([0x6400, 0x6401, 0x6402, 0x6403, 0x6b80, 0x63c2, 0x6983, 0x9000].map(readerAnswer)).toEqual([
      'timeout',
      'cancelled',
      'mismatch',
      'length',
      'refused',
      null,
      null,
      null,
    ]);
  });
});
