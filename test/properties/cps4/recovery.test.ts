// A CPS4 that lost its ChipDoc applet (69 85) or its channel 1 (68 81), at every APDU of a read,
// an unblock and a change: the session runs the Cryptolib's recovery (card manager on channel 1,
// CPS2ter on channel 0, ChipDoc on channel 1). A command that carries no code and writes nothing
// is resent and the operation ends as if nothing had happened; a command carrying a code, or a
// write, is never resent (one send per action of the user): the operation stops, saying whether
// anything may have changed, and the user's next try works.

import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../../src/card/apdu/trace.js';
import { Cps4FixtureCard } from '../../../src/card/simulator/fixtures.js';
import { READER, setup } from '../../support/in-process-card.js';

const RECOVERY = [
  '01 A4 04 0C 07 A0 00 00 01 51 00 00',
  '00 A4 04 0C 08 80 25 00 00 01 FF 00 02',
  '01 A4 04 0C 08 80 25 00 00 01 FF 01 00',
];

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
    // The card forgets the verified PIN with its applet: the PIN is not presented again, so a
    // situation read after the loss says the PIN is needed.
    const situations = await s.service.readSituations(READER, '2468');
    expect(situations).toHaveLength(2);
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
      const send = (h: string) =>
        Buffer.from(card.transmit(Uint8Array.from(Buffer.from(h.replace(/ /g, ''), 'hex'))))
          .toString('hex')
          .toUpperCase();
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
          const before = s.card.snapshot();
          // Lost before the first APDU (k = 0) or once k APDUs were answered.
          s.card.loseApplet(sw, k);
          const at = `${op} / ${sw.toString(16)} after ${k} of ${total}`;
          let error: unknown;
          try {
            await run(op, s);
          } catch (e) {
            error = e;
          }
          expect(recoveries(s.traces), at).toBe(k < total ? 1 : 0);
          // No command carrying a code is ever sent twice in one operation.
          const secrets = s.traces.filter((t) => t.masked).map((t) => t.command.slice(0, 11));
          expect(new Set(secrets).size, at).toBe(secrets.length);
          if (error === undefined) {
            expect(s.card.snapshot(), at).toEqual(expected);
            continue;
          }
          expect(op, at).not.toBe('read');
          const name = (error as Error).name;
          expect(['UnexpectedCardResponseError', 'WriteOutcomeUnknownError'], at).toContain(name);
          // Nothing written: the card is as it was, no try spent.
          if (name === 'UnexpectedCardResponseError') expect(s.card.snapshot(), at).toEqual(before);
          // The applet is back: the user's next try goes through.
          if (op === 'unblock' && name === 'WriteOutcomeUnknownError') continue; // checked below
          await run(op, s);
          expect(s.card.snapshot().pin, at).toEqual(expected.pin);
        }
      });
    }
  }

  it('an unblock whose RESET RETRY COUNTER passed and then lost its applet: may have applied, nothing resent; a new unblock finishes it', async () => {
    const s = cps4('unblock');
    const probe = cps4('unblock');
    await run('unblock', probe);
    const k = probe.traces.findIndex((t) => t.command === '01 2C 03 81') + 1;
    s.card.loseApplet(0x6985, k);
    const e = await run('unblock', s).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((e as Error).name).toBe('WriteOutcomeUnknownError');
    expect(s.traces.filter((t) => t.command === '01 2C 03 81')).toHaveLength(1);
    expect(s.traces.filter((t) => t.command.startsWith('01 20 00 02 08'))).toHaveLength(1);
    expect(s.traces.filter((t) => t.command.startsWith('01 24 01'))).toHaveLength(1);
    // The 2C 03 gave the PIN its tries back with the old code; one lifetime unblock spent.
    expect(s.card.snapshot()).toMatchObject({ pin: { triesLeft: 3 }, puk: { triesLeft: 10, unblocksLeft: 99 } });
    await run('unblock', s);
    expect(s.card.snapshot()).toMatchObject({ pin: { code: '1357', triesLeft: 3 }, puk: { triesLeft: 10, unblocksLeft: 98 } });
  });
});
