// The simulator's DER writer and the EF.SN.ICC check digit.

import { describe, expect, it } from 'vitest';
import { hex } from '../../../src/card/bytes.js';
import { luhnDigit, snIcc } from '../../../src/card/simulator/cps3-files.js';
import { bitString, int, octets, seq, tlv, utf8String } from '../../../src/card/simulator/der.js';

describe('DER writer', () => {
  it('writes short, one-byte and two-byte lengths', () => {
    expect(hex(octets([1, 2]))).toBe('04 02 01 02');
    expect(hex(octets(new Uint8Array(0x80))).slice(0, 8)).toBe('04 81 80');
    expect(hex(octets(new Uint8Array(0x100))).slice(0, 11)).toBe('04 82 01 00');
  });

  it('writes multi-byte tags as given', () => {
    expect(hex(tlv(0xbf8101, [0xaa]))).toBe('BF 81 01 01 AA');
    expect(hex(tlv(0x5f20, []))).toBe('5F 20 00');
  });

  it('writes minimal non-negative INTEGERs', () => {
    expect(hex(int(0))).toBe('02 01 00');
    expect(hex(int(0x7f))).toBe('02 01 7F');
    expect(hex(int(0x81))).toBe('02 02 00 81');
    expect(hex(int(2048))).toBe('02 02 08 00');
  });

  it('writes BIT STRINGs of named bits with trailing zero bits dropped', () => {
    expect(hex(bitString([]))).toBe('03 01 00');
    expect(hex(bitString([0]))).toBe('03 02 07 80');
    expect(hex(bitString([4, 5]))).toBe('03 02 02 0C');
    expect(hex(bitString([4, 5, 6, 7]))).toBe('03 02 00 0F');
    expect(hex(bitString([9]))).toBe('03 03 06 00 40');
  });

  it('writes UTF-8 strings and nests sequences', () => {
    expect(hex(seq(utf8String('é')))).toBe('30 04 0C 02 C3 A9');
  });
});

describe('EF.SN.ICC', () => {
  it('fits the real trace: serial 99213845 → check digit 0', () => {
    expect(luhnDigit('802500000199213845')).toBe(0);
    expect(hex(snIcc('99213845'))).toBe('5A 0A 80 25 00 00 01 99 21 38 45 0F');
  });

  it("gives the seed's serial 99002752 check digit 3", () => {
    expect(hex(snIcc('99002752'))).toBe('5A 0A 80 25 00 00 01 99 00 27 52 3F');
  });
});
