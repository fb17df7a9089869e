// Card memory saved and taken back (for `cps-audit simulate --state FILE`).

import { describe, expect, it } from 'vitest';
import { hex } from '../../../src/card/bytes.js';
import { encodeBlock } from '../../../src/card/simulator/cps3-card.js';
import { cardFromSnapshot, createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { PIN_FORMAT, PUK_FORMAT } from '../../../src/card/simulator/profile.js';
import { send } from '../../support/simulator-apdu.js';
import { errorWords } from '../../../src/view/failure.js';

/** The words of the refusal `f` throws (the card layer's fact, worded by the view). */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return errorWords(e);
  }
  return 'no refusal';
}

const pin = (c: string) => hex(encodeBlock(c, PIN_FORMAT));
const puk = (c: string) => hex(encodeBlock(c, PUK_FORMAT));

describe('snapshot / restore', () => {
  it("a fresh seed's snapshot is plain JSON with its codes and counters", () => {
    const s = createFixtureCard('seed').snapshot();
    expect(JSON.parse(JSON.stringify(s))).toEqual({
      format: 'cps-audit/simulated-card',
      version: 1,
      fixture: 'seed',
      pin: { code: '1234', triesLeft: 0 },
      puk: { code: '12345678', triesLeft: 10, unblocksLeft: 100 },
    });
  });

  it('round-trips an unblocked card through JSON: new PIN, one unblock spent, a PUK try spent', () => {
    const card = createFixtureCard('seed');
    send(card, `00 20 00 02 08 ${puk('11111111')}`);
    send(card, `00 20 00 02 08 ${puk('12345678')}`);
    send(card, `00 2C 02 01 08 ${pin('4321')}`);
    send(card, `00 20 00 01 08 ${pin('0000')}`);
    const saved = JSON.parse(JSON.stringify(card.snapshot())) as unknown;
    const back = cardFromSnapshot(saved);
    expect(back.fixture).toBe('seed');
    expect(back.snapshot()).toEqual(card.snapshot());
    expect(send(back, '00 20 00 01')).toBe('63 C2');
    expect(send(back, `00 20 00 01 08 ${pin('4321')}`)).toBe('90 00');
  });

  it('restore resets the security state and keeps the files', () => {
    const card = createFixtureCard('cps3-rpps');
    const s = card.snapshot();
    send(card, `00 20 00 01 08 ${pin('1234')}`);
    card.restore(s);
    expect(send(card, '00 20 00 01')).toBe('63 C3');
    expect(send(card, '00 A4 09 0C 04 3F 00 D0 03')).toBe('90 00');
  });

  it('refuses, in French, a snapshot of another card or a damaged one', () => {
    const seed = createFixtureCard('seed').snapshot()!;
    expect(refusal(() => createFixtureCard('cpe').restore(seed))).toMatch(/vient de la carte « seed »/);
    expect(refusal(() => cardFromSnapshot({ ...seed, fixture: 'cps9' }))).toMatch(/inconnue/);
    expect(refusal(() => cardFromSnapshot({ ...seed, pin: { code: '12a4', triesLeft: 3 } }))).toMatch(/invalide/);
    expect(refusal(() => cardFromSnapshot({ ...seed, pin: { code: '1234', triesLeft: 4 } }))).toMatch(/invalide/);
    expect(refusal(() => cardFromSnapshot({ ...seed, puk: { ...seed.puk, unblocksLeft: -1 } }))).toMatch(/invalide/);
    expect(refusal(() => cardFromSnapshot({ ...seed, version: 2 }))).toMatch(/invalide/);
    expect(refusal(() => cardFromSnapshot('seed'))).toMatch(/invalide/);
  });
});
