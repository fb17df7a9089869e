// BER-TLV: what cards write, and nothing but TlvError on anything else (fixed-seed fuzzing).

import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../src/card/bytes.js';
import { TlvError, encodeTlv, findChild, findDeep, parseTlv, parseTlvs } from '../../../src/card/tlv/tlv.js';
import { rng } from '../../support/fuzz.js';

describe('parsing', () => {
  it('reads the counters answer of spec §3 (three-byte tag BF 81 01, nested templates)', () => {
    const t = parseTlv(fromHex('70 16 BF 81 01 12 A0 10 9A 01 03 9B 01 03 A1 08 8C 06 F3 00 00 13 FF 00'));
    expect(t.tag).toBe(0x70);
    const bf = findChild(t, 0xbf8101)!;
    expect(bf.constructed).toBe(true);
    expect(bf.tagClass).toBe(2);
    expect(hex(findDeep([t], 0x9b)!.value)).toBe('03');
    expect(hex(findDeep([t], 0x8c)!.value)).toBe('F3 00 00 13 FF 00');
    expect(findDeep([t], 0x9d)).toBeUndefined();
  });

  it('reads EF.DIR as the spec describes it, with its padding', () => {
    const dir = fromHex(
      '61 23 4F 0D E8 28 BD 08 0F 80 25 00 00 01 FF 00 10 50 0C 43 50 53 33 20 50 4B 43 53 23 31 35 51 04 3F 00 00 01' + ' 00'.repeat(64),
    );
    const [app, ...rest] = parseTlvs(dir, { allowPadding: true });
    expect(rest).toEqual([]);
    expect(hex(findChild(app!, 0x51)!.value)).toBe('3F 00 00 01');
    expect(() => parseTlvs(dir)).toThrow(TlvError); // 00 is no tag without allowPadding
  });

  it('accepts long and non-minimal lengths (81, 82, 83), as BER allows', () => {
    expect(parseTlv(fromHex('04 81 03 01 02 03')).value.length).toBe(3);
    expect(parseTlv(fromHex('04 82 00 02 01 02')).value.length).toBe(2);
    const big = new Uint8Array(5 + 0x10000);
    big.set([0x04, 0x83, 0x01, 0x00, 0x00]);
    expect(parseTlv(big).value.length).toBe(0x10000);
    const der = encodeTlv(0x04, new Uint8Array(300));
    expect(hex(der.subarray(0, 4))).toBe('04 82 01 2C');
    expect(parseTlv(der).value.length).toBe(300);
  });

  it('encodes multi-byte tags and reads them back', () => {
    for (const tag of [0x5f20, 0x9f7f]) expect(parseTlv(encodeTlv(tag, [1, 2])).tag).toBe(tag);
    for (const tag of [0xbf8101, 0x7f21, 0xff818201]) {
      const t = parseTlv(encodeTlv(tag, encodeTlv(0x80, [7])));
      expect(t.tag).toBe(tag);
      expect(t.children?.[0]?.value[0]).toBe(7);
    }
  });

  it('refuses malformed input with TlvError and an offset', () => {
    const bad = [
      '04 05 01 02', // length beyond the data
      '04', // no length
      '1F', // truncated tag
      '1F 81 81 81 81 01 00', // tag too long
      '30 80 00 00', // indefinite length
      '04 84 00 00 00 01 00', // 4-byte length
      '04 82 01', // truncated length
      '30 03 04 05 00', // child overruns its parent
      '00 00',
    ];
    for (const b of bad) {
      const e = (() => {
        try {
          parseTlvs(fromHex(b));
        } catch (err) {
          return err;
        }
        return null;
      })();
      expect(e, b).toBeInstanceOf(TlvError);
      expect((e as TlvError).offset, b).toBeGreaterThanOrEqual(0);
    }
  });

  it('bounds the nesting depth', () => {
    let v: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < 40; i++) v = encodeTlv(0x30, v);
    expect(() => parseTlvs(v)).toThrow(TlvError);
    expect(parseTlvs(v, { maxDepth: 64 })).toHaveLength(1);
  });
});

describe('fuzzing (seed 0xC0FFEE)', () => {
  const samples = [
    '70 16 BF 81 01 12 A0 10 9A 01 03 9B 01 03 A1 08 8C 06 F3 00 00 13 FF 00',
    '61 23 4F 0D E8 28 BD 08 0F 80 25 00 00 01 FF 00 10 50 0C 43 50 53 33 20 50 4B 43 53 23 31 35 51 04 3F 00 00 01',
    '30 4C 30 25 0C 1C 43 6F 64 65 20 70 6F 72 74 65 75 72 20 64 65 20 6C 61 20 63 61 72 74 65 20 43 50 58 03 02 06 40 04 01 02 30 03 04 01 01 A1 1E 30 1C 03 02 02 0C 0A 01 01 02 01 04 02 01 08 02 01 04 80 01 01 04 01 FF 30 04 04 02 3F 00',
  ].map((s) => fromHex(s));

  it('random bytes and mutated card data raise TlvError or parse, nothing else', () => {
    const rnd = rng(0xc0ffee);
    let parsed = 0;
    let refused = 0;
    for (let i = 0; i < 20000; i++) {
      let input: Uint8Array;
      if (i % 2 === 0) {
        input = Uint8Array.from({ length: Math.floor(rnd() * 64) }, () => Math.floor(rnd() * 256));
      } else {
        const base = samples[i % samples.length]!;
        input = base.slice(0, Math.max(0, base.length - Math.floor(rnd() * 4)));
        const flips = 1 + Math.floor(rnd() * 4);
        for (let f = 0; f < flips && input.length > 0; f++) input[Math.floor(rnd() * input.length)] = Math.floor(rnd() * 256);
      }
      try {
        parseTlvs(input, { allowPadding: rnd() < 0.5 });
        parsed++;
      } catch (e) {
        if (!(e instanceof TlvError)) throw new Error(`input ${hex(input)} raised ${String(e)}`, { cause: e });
        refused++;
      }
    }
    expect(parsed).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});
