// A CPS4 that lost its ChipDoc applet (69 85) or its channel 1 (68 81), at every APDU of a read,
// an unblock and a change: the session runs the Cryptolib's recovery (card manager on channel 1,
// CPS2ter on channel 0, ChipDoc on channel 1), resends, and the operation ends as if nothing had
// happened, with no second lifetime unblock spent and no try lost.

import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../../src/card/apdu/trace.js';
import { Cps4FixtureCard } from '../../../src/card/simulator/fixtures.js';
import { READER, setup } from '../card/helpers.js';

const RECOVERY = ['01 A4 04 0C 07 A0 00 00 01 51 00 00', '00 A4 04 0C 08 80 25 00 00 01 FF 00 02', '01 A4 04 0C 08 80 25 00 00 01 FF 01 00'];

type Op = 'read' | 'unblock' | 'change' | 'situations';

function cps4(op: Op) {
  const s = setup('cps4');
  const card = s.card as Cps4FixtureCard;
  if (op === 'change' || op === 'situations') {
    // These start from an unblocked card with PIN 2468.
    card.restore({ ...card.snapshot(), pin: { code: '2468', triesLeft: 3 } });
  }
  return { ...s, card };
}

async function run(op: Op, s: ReturnType<typeof cps4>): Promise<void> {
  if (op === 'read') {
    const r = await s.service.read(READER);
    expect(r.warnings).toEqual([]);
    expect(r.holder.name.ok).toBe(true);
    expect(r.certificates.every((c) => c.ok)).toBe(true);
    expect(r.pin.triesLeft).toBe(0);
  } else if (op === 'situations') {
    // The card forgets the verified PIN with its applet: it is presented again, at no cost.
    const situations = await s.service.readSituations(READER, '2468');
    expect(situations.map((x) => x.ok)).toEqual([true, true]);
  } else if (op === 'unblock') {
    await s.service.unblockPin(READER, '12345678', '1357');
  } else {
    await s.service.changePin(READER, '2468', '1357');
  }
}

function recoveries(traces: readonly TraceEntry[]): number {
  let n = 0;
  for (let i = 0; i + 2 < traces.length; i++) {
    if (RECOVERY.every((c, j) => traces[i + j]!.command === c && traces[i + j]!.sw === 0x9000)) n++;
  }
  return n;
}

describe('the simulated CPS4 demands the whole recovery', () => {
  it('a lost applet refuses a bare reselect, and comes back after the three SELECTs in order', async () => {
    for (const sw of [0x6985, 0x6881] as const) {
      const { card } = cps4('read');
      const send = (h: string) => Buffer.from(card.transmit(Uint8Array.from(Buffer.from(h.replace(/ /g, ''), 'hex')))).toString('hex').toUpperCase();
      const swHex = sw.toString(16).toUpperCase();
      expect(send(RECOVERY[2]!)).toBe('9000');
      card.loseApplet(sw);
      expect(send('01 B0 00 00 04')).toBe(swHex);
      expect(send(RECOVERY[2]!)).toBe(swHex);
      // Out of order: channel 0 first, then the card manager, then ChipDoc.
      expect(send(RECOVERY[1]!)).toBe('9000');
      expect(send(RECOVERY[0]!)).toBe('9000');
      expect(send(RECOVERY[2]!)).toBe(swHex);
      expect(card.appletLost).toBe(true);
      for (const c of RECOVERY) expect(send(c)).toBe('9000');
      expect(card.appletLost).toBe(false);
      expect(send('01 A4 00 0C 02 3F 00')).toBe('9000');
    }
  });

  it('a power cycle ends the fault', () => {
    const { card } = cps4('read');
    card.loseApplet(0x6985);
    card.reset();
    expect(card.appletLost).toBe(false);
  });
});

describe('the session recovers a lost applet at every APDU', () => {
  for (const op of ['read', 'unblock', 'change', 'situations'] as const) {
    for (const sw of [0x6985, 0x6881] as const) {
      it(`${op}, applet lost with ${sw.toString(16)}`, async () => {
        const probe = cps4(op);
        await run(op, probe);
        const total = probe.transport.apduCount;
        const expected = probe.card.snapshot();
        for (let k = 0; k <= total; k++) {
          const s = cps4(op);
          // Lost before the first APDU (k = 0) or once k APDUs were answered.
          s.card.loseApplet(sw, k);
          await run(op, s);
          const at = `${op} / ${sw.toString(16)} after ${k} of ${total}`;
          expect(s.card.snapshot(), at).toEqual(expected);
          expect(recoveries(s.traces), at).toBe(k < total ? 1 : 0);
        }
      });
    }
  }

  it('an unblock whose RESET RETRY COUNTER passed is not redone after a loss (one unblock spent)', async () => {
    const s = cps4('unblock');
    // Lost just after the 2C: the CHANGE gets 69 85, then 69 82 once resent, then the sequence
    // restarts from the PUK's VERIFY and goes straight to the CHANGE.
    const probe = cps4('unblock');
    await run('unblock', probe);
    const k = probe.traces.findIndex((t) => t.command === '01 2C 03 81') + 1;
    s.card.loseApplet(0x6985, k);
    await run('unblock', s);
    expect(s.traces.filter((t) => t.command === '01 2C 03 81')).toHaveLength(1);
    expect(s.traces.filter((t) => t.command.startsWith('01 20 00 02 08'))).toHaveLength(2);
    expect(s.card.snapshot()).toMatchObject({ pin: { code: '1357', triesLeft: 3 }, puk: { triesLeft: 10, unblocksLeft: 99 } });
  });
});
