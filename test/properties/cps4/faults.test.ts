// The card pulled (or the reader unplugged, or the answer garbled) at every APDU k of a CPS4
// unblock and change, in process. What must hold:
// - a removal is never a success and never a wrong code;
// - mayHaveApplied is honest: the unblock's RESET RETRY COUNTER already changes the card (the
//   PIN's tries come back, an unblock is spent), so from the moment it is sent until the end the
//   answer is "may have applied"; before it, "nothing changed" and the card agrees;
//   the change writes once (24), and only a removal during it may have applied;
// - once the card is back, the counters read are the card's own, and a PIN it took works.

import { describe, expect, it } from 'vitest';
import { WriteOutcomeUnknownError, CardRemovedDuringOperationError, CpsError, WrongCodeError } from '../../../src/card/cps/errors.js';
import type { Cps4FixtureCard } from '../../../src/card/simulator/fixtures.js';
import { TransportError } from '../../../src/card/transport/errors.js';
import { READER, setup } from '../../support/in-process-card.js';

type FaultSpec =
  | { kind: 'remove-card'; executed: boolean }
  | { kind: 'remove-reader' }
  | { kind: 'garbage' }
  | { kind: 'truncate' }
  | { kind: 'unresponsive' }
  | { kind: 'status'; sw: number };

const FAULTS: readonly FaultSpec[] = [
  { kind: 'remove-card', executed: true },
  { kind: 'remove-card', executed: false },
  { kind: 'remove-reader' },
  { kind: 'garbage' },
  { kind: 'truncate' },
  { kind: 'unresponsive' },
  { kind: 'status', sw: 0x6f00 },
];

interface Op {
  readonly name: 'unblock' | 'change';
  readonly oldPin: string;
  readonly newPin: string;
}

const OPS: readonly Op[] = [
  { name: 'unblock', oldPin: '1234', newPin: '2468' },
  { name: 'change', oldPin: '1357', newPin: '2468' },
];

function bench(op: Op) {
  const s = setup('cps4');
  const card = s.card as Cps4FixtureCard;
  if (op.name === 'change') card.restore({ ...card.snapshot(), pin: { code: op.oldPin, triesLeft: 3 } });
  const run = () =>
    op.name === 'unblock' ? s.service.unblockPin(READER, '12345678', op.newPin) : s.service.changePin(READER, op.oldPin, op.newPin);
  return { ...s, card, run };
}

describe('CPS4: a fault at every APDU of an unblock and a change', () => {
  for (const op of OPS) {
    it(op.name, async () => {
      const probe = bench(op);
      await probe.run();
      const total = probe.transport.apduCount;
      const index = (prefix: string) => probe.traces.findIndex((t) => t.command.startsWith(prefix)) + 1;
      // The first command that changes the card, and the last.
      const firstWrite = op.name === 'unblock' ? index('01 2C 03') : index('01 24 01');
      const lastWrite = index('01 24 01');
      expect(firstWrite).toBeGreaterThan(0);
      expect(lastWrite).toBe(total);

      let cases = 0;
      for (const fault of FAULTS) {
        for (let k = 1; k <= total; k++) {
          cases++;
          const at = `${op.name}: ${fault.kind}${'executed' in fault ? ` (exécutée : ${fault.executed})` : ''} à l’APDU ${k}/${total}`;
          const s = bench(op);
          const before = s.card.snapshot();
          s.transport.injectFault({ ...fault, at: k });
          let error: unknown;
          try {
            await s.run();
          } catch (e) {
            error = e;
          }
          s.transport.clearFaults();
          if (error !== undefined)
            expect(
              error instanceof CpsError || error instanceof TransportError,
              `${at}: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
            ).toBe(true);
          const removal = fault.kind === 'remove-card' || fault.kind === 'remove-reader';
          if (removal) {
            expect(error, `${at}: never a success`).toBeDefined();
            expect(error, `${at}: never a wrong code`).not.toBeInstanceOf(WrongCodeError);
            if (fault.kind === 'remove-card') expect(error, at).toBeInstanceOf(CardRemovedDuringOperationError);
          }
          if (error instanceof CardRemovedDuringOperationError) {
            expect(error.mayHaveApplied, at).toBe(k >= firstWrite && k <= lastWrite);
          }
          const memory = s.card.snapshot();
          if ((error instanceof CardRemovedDuringOperationError && !error.mayHaveApplied) || error instanceof WrongCodeError) {
            expect(memory, `${at}: "rien n’a été modifié" must be true`).toEqual(before);
          }
          if (error === undefined) expect(memory.pin.code, at).toBe(op.newPin);
          expect([op.oldPin, op.newPin], at).toContain(memory.pin.code);

          // The card back in the reader: its own counters, and a new PIN it holds works.
          if (fault.kind === 'remove-reader') s.transport.addReader(READER);
          s.transport.insert(READER, s.card);
          const codes = await s.service.readCodes(READER);
          expect(codes.pin.triesLeft, at).toBe(memory.pin.triesLeft);
          expect(codes.puk.triesLeft, at).toBe(memory.puk.triesLeft);
          expect(codes.puk.unblocksLeft, at).toBeNull();
          if (memory.pin.code === op.newPin) {
            await s.service.readSituations(READER, op.newPin);
            expect(s.card.snapshot().pin.triesLeft, at).toBe(3);
          }
        }
      }
      console.log(`CPS4 ${op.name} : ${total} APDU × ${FAULTS.length} pannes = ${cases} cas`);
    });
  }
});

describe('CPS4: removed while the card recovers a lost applet after the RESET RETRY COUNTER', () => {
  it('once the RESET RETRY COUNTER passed, a removal at any later APDU may have applied; nothing is resent', async () => {
    // The applet is lost just after the 2C: the CHANGE gets 69 85, the recovery runs, and the
    // CHANGE (it carries the new PIN) is not resent: the outcome is "may have applied".
    const lostAfter = (s: ReturnType<typeof bench>, k: number) => s.card.loseApplet(0x6985, k);
    const probe = bench(OPS[0]!);
    await probe.run();
    const twoC = probe.traces.findIndex((t) => t.command.startsWith('01 2C 03')) + 1;
    const lost = bench(OPS[0]!);
    lostAfter(lost, twoC);
    const first = await lost.run().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(first).toBeInstanceOf(WriteOutcomeUnknownError);
    const total = lost.transport.apduCount;
    expect(lost.traces.filter((t) => t.command.startsWith('01 20 00 02 08'))).toHaveLength(1);
    for (let k = twoC + 1; k <= total; k++) {
      const s = bench(OPS[0]!);
      lostAfter(s, twoC);
      s.transport.injectFault({ kind: 'remove-card', at: k, executed: false });
      const e = await s.run().then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e, `APDU ${k}/${total}`).toBeInstanceOf(CardRemovedDuringOperationError);
      expect((e as CardRemovedDuringOperationError).mayHaveApplied, `APDU ${k}/${total}`).toBe(true);
      // And indeed the card changed: the PIN's tries are back, an unblock is spent.
      expect(s.card.snapshot(), `APDU ${k}/${total}`).toMatchObject({ pin: { triesLeft: 3 }, puk: { unblocksLeft: 99 } });
    }
  });
});
