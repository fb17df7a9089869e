// Random commands (fixed seed) never make a simulated card throw or answer without a status word,
// and only the code commands ever move its counters.

import { describe, expect, it } from 'vitest';
import { createFixtureCard, FIXTURE_NAMES } from '../../../src/card/simulator/fixtures.js';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KNOWN_INS = [0xa4, 0xb0, 0xc0, 0xcb, 0x20, 0x24, 0x2c, 0xca, 0x88];

describe('fuzz (seed 20261127)', () => {
  it.each(FIXTURE_NAMES)('%s: 2000 random commands', (name) => {
    const rnd = prng(20261127);
    const byte = () => Math.floor(rnd() * 256);
    const card = createFixtureCard(name);
    const before = JSON.stringify(card.snapshot());
    let codeCommands = 0;
    for (let i = 0; i < 2000; i++) {
      let cmd: Uint8Array;
      if (rnd() < 0.2) {
        cmd = Uint8Array.from({ length: Math.floor(rnd() * 12) }, byte);
      } else {
        const ins = KNOWN_INS[Math.floor(rnd() * KNOWN_INS.length)]!;
        const data = Uint8Array.from({ length: Math.floor(rnd() * 20) }, byte);
        const header = [rnd() < 0.9 ? 0x00 : byte(), ins, rnd() < 0.5 ? 0 : byte(), byte()];
        const withLe = rnd() < 0.5;
        cmd = Uint8Array.from([...header, ...(data.length ? [data.length, ...data] : []), ...(withLe ? [byte()] : [])]);
      }
      if (cmd[0] === 0x00 && [0x20, 0x24, 0x2c].includes(cmd[1]!) && cmd.length > 5) codeCommands++;
      const r = card.transmit(cmd);
      expect(r.length).toBeGreaterThanOrEqual(2);
      expect([0x61, 0x62, 0x63, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x90]).toContain(r[r.length - 2]);
      if (rnd() < 0.01) card.reset();
    }
    expect(codeCommands).toBeGreaterThan(50);
    // Random data never presents a right code, so no code may have changed and no unblock spent.
    const after = card.snapshot();
    const start = JSON.parse(before) as typeof after;
    if (after && start) {
      expect(after.pin.code).toBe(start.pin.code);
      expect(after.puk.code).toBe(start.puk.code);
      expect(after.puk.unblocksLeft).toBe(start.puk.unblocksLeft);
      expect(after.pin.triesLeft).toBeLessThanOrEqual(start.pin.triesLeft);
    }
  });
});
