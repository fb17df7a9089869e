// Every fault at every step of a full read, an unblock and a change, in process: the card pulled
// (after running the command or before), garbage, a truncated answer, a stray status word, a mute
// card, an unplugged reader, at APDU k for every k. What must hold whatever happens:
// - only the typed errors of the card layer (CpsError subclasses, TransportError) come out;
// - a removal is never reported as a wrong code;
// - mayHaveApplied is true exactly when the writing command went out and its answer never came;
// - once the card is back, the counters read are the card's own (the simulator's memory), and a
//   PIN the card took is the new one, really (VERIFY with it succeeds).

import { describe, expect, it } from 'vitest';
import { CardRemovedDuringOperationError, CpsError, WrongCodeError } from '../../../src/card/cps/errors.js';
import type { FixtureName } from '../../../src/card/simulator/fixtures.js';
import { isTransportError, TransportError } from '../../../src/card/transport/errors.js';
import type { Fault } from '../../../src/card/transport/in-process.js';
import { READER, setup } from '../../support/in-process-card.js';

// A fault without its place: each kind keeps its own fields.
type FaultSpec = Fault extends infer F ? (F extends Fault ? Omit<F, 'at'> : never) : never;

const FAULTS: readonly FaultSpec[] = [
  { kind: 'remove-card', executed: true },
  { kind: 'remove-card', executed: false },
  { kind: 'garbage' },
  { kind: 'garbage', bytes: Uint8Array.of(0x90) },
  { kind: 'garbage', bytes: new Uint8Array(0) },
  { kind: 'truncate' },
  { kind: 'truncate', keep: 1 },
  { kind: 'status', sw: 0x6f00 },
  { kind: 'status', sw: 0x6982 },
  { kind: 'status', sw: 0x6a82 },
  { kind: 'status', sw: 0x6700 },
  { kind: 'status', sw: 0x6283 },
  { kind: 'status', sw: 0x6e00 },
  { kind: 'status', sw: 0x6d00 },
  { kind: 'unresponsive' },
  { kind: 'remove-reader' },
];

const label = (f: FaultSpec): string =>
  f.kind === 'status'
    ? `status ${f.sw.toString(16)}`
    : f.kind === 'remove-card'
      ? `remove-card (exécutée : ${f.executed})`
      : f.kind === 'garbage'
        ? `garbage ${f.bytes?.length ?? 3}o`
        : f.kind === 'truncate'
          ? `truncate ${f.keep ?? '-1'}`
          : f.kind;

type OpName = 'read' | 'situations' | 'unblock' | 'change';

interface Op {
  readonly name: OpName;
  readonly fixture: FixtureName;
  readonly oldPin: string;
  readonly newPin?: string;
  /** The INS of the command that writes (2C RESET RETRY COUNTER, 24 CHANGE REFERENCE DATA). */
  readonly writeIns?: string;
}

const OPS: readonly Op[] = [
  { name: 'read', fixture: 'seed', oldPin: '1234' },
  { name: 'read', fixture: 'cps3-rpps', oldPin: '1234' },
  { name: 'situations', fixture: 'cps3-rpps', oldPin: '1234' },
  { name: 'unblock', fixture: 'seed', oldPin: '1234', newPin: '2468', writeIns: '2C' },
  { name: 'unblock', fixture: 'puk-last-try', oldPin: '1234', newPin: '2468', writeIns: '2C' },
  { name: 'change', fixture: 'cps3-rpps', oldPin: '1234', newPin: '2468', writeIns: '24' },
];

function run(op: Op, service: ReturnType<typeof setup>['service']): Promise<unknown> {
  switch (op.name) {
    case 'read':
      return service.read(READER);
    case 'situations':
      return service.readSituations(READER, op.oldPin);
    case 'unblock':
      // puk-last-try: the user confirmed the last try (the machine asks; tested in test/unit/machine).
      return service.unblockPin(READER, '12345678', op.newPin!, { lastTryConfirmed: true });
    case 'change':
      return service.changePin(READER, op.oldPin, op.newPin!);
  }
}

const typed = (e: unknown): boolean => e instanceof CpsError || e instanceof TransportError;

describe('faults at every APDU of every operation (in process)', () => {
  for (const op of OPS) {
    it(`${op.name} on ${op.fixture}`, async () => {
      const probe = setup(op.fixture);
      await run(op, probe.service);
      const total = probe.transport.apduCount;
      const writeAt = op.writeIns ? probe.traces.findIndex((t) => t.command.startsWith(`00 ${op.writeIns}`)) + 1 : 0;
      if (op.writeIns) expect(writeAt, 'the write is in the trace').toBeGreaterThan(0);

      let tried = 0;
      let survived = 0;
      const outcomes = new Map<string, number>();
      for (const fault of FAULTS) {
        for (let k = 1; k <= total; k++) {
          tried++;
          const at = `${op.name}/${op.fixture}: ${label(fault)} à l’APDU ${k}/${total}`;
          const { service, transport, card } = setup(op.fixture);
          const before = card.snapshot()!;
          transport.injectFault({ ...fault, at: k });
          let error: unknown;
          try {
            await run(op, service);
          } catch (e) {
            error = e;
          }
          transport.clearFaults();
          const key = error === undefined ? 'succès' : isTransportError(error) ? `TransportError ${error.kind}` : (error as Error).name;
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);

          if (error !== undefined)
            expect(typed(error), `${at}: ${error instanceof Error ? error.message : JSON.stringify(error)}`).toBe(true);
          const removal = fault.kind === 'remove-card' || fault.kind === 'remove-reader';
          if (removal) {
            expect(error, `${at}: a removal is never a success`).toBeDefined();
            expect(error, `${at}: a removal is never a wrong code`).not.toBeInstanceOf(WrongCodeError);
            if (op.writeIns && fault.kind === 'remove-card') {
              expect(error, at).toBeInstanceOf(CardRemovedDuringOperationError);
            }
          }
          if (error instanceof CardRemovedDuringOperationError) {
            // Only a removal (card or reader) while the write was out: the answer never came.
            expect(error.mayHaveApplied, at).toBe(k === writeAt && removal);
          }

          // Put the card back where it went away, and read its counters.
          if (fault.kind === 'remove-reader') transport.addReader(READER);
          transport.insert(READER, card);
          const memory = card.snapshot()!;
          const codes = await service.readCodes(READER);
          expect(codes.pin.triesLeft, at).toBe(memory.pin.triesLeft);
          expect(codes.puk.triesLeft, at).toBe(memory.puk.triesLeft);
          expect(codes.puk.unblocksLeft, at).toBe(memory.puk.unblocksLeft);

          if (op.name === 'read' || op.name === 'situations') {
            // A read changes nothing on the card (the right PIN keeps its 3 tries).
            expect(memory, at).toEqual(before);
          } else {
            expect([op.oldPin, op.newPin], at).toContain(memory.pin.code);
            const written = memory.pin.code === op.newPin;
            if (error === undefined) {
              // Success is said only when the card took the new PIN.
              expect(written, at).toBe(true);
            }
            if (written) {
              // The PIN the card now holds is the new one: a VERIFY with it passes, restoring 3/3.
              await service.readSituations(READER, op.newPin);
              expect(card.snapshot()!.pin.triesLeft, at).toBe(3);
            }
            if ((error instanceof CardRemovedDuringOperationError && !error.mayHaveApplied) || error instanceof WrongCodeError) {
              // "Nothing was changed" must be true.
              expect(memory.pin.code, at).toBe(before.pin.code);
            }
          }
          survived++;
        }
      }
      console.log(
        `pannes ${op.name}/${op.fixture} : ${total} APDU × ${FAULTS.length} pannes = ${tried} cas essayés, ${survived} tenus ; ` +
          [...outcomes].map(([k, n]) => `${k} ×${n}`).join(', '),
      );
      expect(survived).toBe(tried);
    });
  }
});
