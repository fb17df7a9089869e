// The link-speed model (issue 14): computed, never timed.

import { describe, expect, it, vi } from 'vitest';
import { fromHex } from '../../../src/card/bytes.js';
import { byteMs, exchangeMs, linkFromAtr } from '../../../src/card/simulator/link-speed.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';

describe('link speed', () => {
  it('a CPS3 (no TA1) runs at F=372, D=1: 1.116 ms a byte at 4 MHz, about 896 bytes a second', () => {
    const link = linkFromAtr(createFixtureCard('seed').atr);
    expect(link).toEqual({ f: 372, d: 1, clockHz: 4_000_000, cardMs: 0 });
    expect(byteMs(link)).toBeCloseTo(1.116, 6);
    expect(1000 / byteMs(link)).toBeCloseTo(896.06, 1);
  });

  it('a CPS4 (TA1=18) runs at F=372, D=12: twelve times faster', () => {
    const link = linkFromAtr(fromHex('3B DC 18 FF 81 91 FE 1F C3 80 73 C8 21 13 66 01 06 11 59 00 01 28'));
    expect({ f: link.f, d: link.d }).toEqual({ f: 372, d: 12 });
    expect(byteMs(link)).toBeCloseTo(0.093, 6);
  });

  it('a READ BINARY of 231 bytes on a CPS3: 5 + 1 + 233 bytes, plus the card’s time', () => {
    const link = linkFromAtr(createFixtureCard('seed').atr, { cardMs: 5 });
    expect(exchangeMs(link, 5, 233)).toBeCloseTo(239 * 1.116 + 5, 6);
  });

  it('another clock scales it: 3.5712 MHz gives exactly 1.25 ms a byte at F=372', () => {
    const link = linkFromAtr(createFixtureCard('seed').atr, { clockHz: 3_571_200 });
    expect(byteMs(link)).toBeCloseTo(1.25, 9);
  });

  it('a reserved TA1 value keeps the defaults', () => {
    expect(linkFromAtr(fromHex('3B 90 70 00'))).toMatchObject({ f: 372, d: 1 });
  });
});

describe('the in-process transport at real speed', () => {
  it('holds each answer for its exchange’s computed time (fake clock: nothing is timed)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const transport = new InProcessTransport({ realSpeed: { cardMs: 2 } });
      const card = createFixtureCard('seed');
      transport.insert(DEFAULT_READER, card);
      const connection = await transport.connect(DEFAULT_READER, 'shared');
      const command = fromHex('00 A4 00 0C 02 3F 00');
      let answer: Uint8Array | undefined;
      const pending = connection.transmit(command).then((r) => (answer = r));
      // SELECT MF without FCP: 7 bytes out, 1 procedure byte, 90 00 back, 2 ms of card time.
      const expected = exchangeMs(linkFromAtr(card.atr, { cardMs: 2 }), 7, 2);
      expect(expected).toBeCloseTo(10 * 1.116 + 2, 6);
      await new Promise((r) => setImmediate(r));
      await vi.advanceTimersByTimeAsync(expected - 1);
      expect(answer).toBeUndefined();
      await vi.advanceTimersByTimeAsync(2);
      await pending;
      expect(answer).toEqual(fromHex('90 00'));
      await connection.disconnect('leave');
      await transport.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
