// The machine's only ways to the card: the transport's watch (a callback actor) and the card
// service's verbs (promise actors). Codes travel in the actors' input as SecretCodes (masked in
// any print of a snapshot), with what the user saw and agreed to (CodeOperation).

import { fromCallback, fromPromise } from 'xstate';
import type { CardService, Code, CodeOperation } from '../card/cps/card-service.js';
import type { CardReport, CodeStatus, PracticeSituation, Readable } from '../card/cps/report.js';
import { TransportError, isTransportError } from '../card/transport/errors.js';
import type { Transport } from '../card/transport/transport.js';
import type { Operation, ReadRest } from './context.js';
import type { CardTestResult, CardTestVerbs } from '../card/cps/card-test.js';
import type { KeyInventory } from '../card/cps/key-test.js';
import type { TrustStore } from '../card/trust/chain.js';
import type { TransportMachineEvent } from './events.js';
import { classifyFailure, classifyReadFailure, type OperationFailure, type ReadFailure } from './messages.js';

export const watchTransport = fromCallback<TransportMachineEvent, { transport: Transport }>(({ sendBack, input }) => {
  // The transport has no "unwatch": after stop, its events are dropped here.
  let live = true;
  try {
    input.transport.watch((ev) => {
      if (!live) return;
      if (ev.type === 'readers') sendBack({ type: 'TRANSPORT.READERS', readers: ev.readers });
      else sendBack({ type: 'TRANSPORT.SERVICE', service: ev.service });
    });
  } catch (e) {
    const error = isTransportError(e) ? e : new TransportError('service-unavailable', String(e));
    sendBack({ type: 'TRANSPORT.SERVICE', service: { status: 'down', error } });
  }
  return () => {
    live = false;
  };
});

interface OnReader {
  readonly cards: CardService;
  readonly reader: string;
}

/** A read: its first part (`rest` then brings the full report), or the full report at once. */
export interface ReadOutput {
  readonly report: CardReport;
  readonly rest?: ReadRest;
}

/**
 * A read's failure, classified once where it happens (messages.ts, classifyReadFailure): the
 * machine's guards and actions read `failure`, never the transport's error kinds.
 */
export class ReadFailed extends Error {
  override readonly name = 'ReadFailed';
  constructor(
    readonly failure: ReadFailure,
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/**
 * Done as soon as the first screen's part of the card is read (the card service's `onFirst`);
 * the same read goes on in the service, and `rest` settles with the full report.
 */
export const readCard = fromPromise<ReadOutput, OnReader>(
  ({ input }) =>
    new Promise<ReadOutput>((resolve, reject) => {
      let first = false;
      const full = input.cards.read(input.reader, (partial) => {
        first = true;
        resolve({
          report: partial,
          rest: full.then(
            (report) => ({ ok: true, report }) as const,
            (error: unknown) => ({ ok: false, error }) as const,
          ),
        });
      });
      full.then(
        (report) => {
          if (!first) resolve({ report });
        },
        (e: unknown) => {
          if (!first) reject(new ReadFailed(classifyReadFailure(e), e));
        },
      );
    }),
);

/** The rest of the read started by readCard: the full report, or the read's error. */
export const readRest = fromPromise<CardReport, { readonly rest: ReadRest }>(async ({ input }) => {
  const r = await input.rest;
  if (!r.ok) throw new ReadFailed(classifyReadFailure(r.error), r.error);
  return r.report;
});

export const readCodes = fromPromise<{ readonly pin: CodeStatus; readonly puk: CodeStatus }, OnReader>(({ input }) =>
  input.cards.readCodes(input.reader),
);

interface WithCodes extends OnReader {
  readonly op: CodeOperation;
}

/**
 * An operation's failure, classified once where it happens (messages.ts, classifyFailure): the
 * machine's guards and actions read `failure`, never the card layer's error again.
 */
export class OperationFailed extends Error {
  override readonly name = 'OperationFailed';
  constructor(
    readonly failure: OperationFailure,
    readonly reason: unknown,
  ) {
    super(`operation failed: ${failure.kind}, ${failure.notice.kind}`);
  }
}

function classified<T>(op: Operation, run: () => Promise<T>): Promise<T> {
  return run().catch((e: unknown) => {
    throw new OperationFailed(classifyFailure(op, e), e);
  });
}

export const readSituations = fromPromise<readonly Readable<PracticeSituation>[], WithCodes & { readonly pin: Code }>(({ input }) =>
  classified('situations', () => input.cards.readSituations(input.reader, input.pin, input.op)),
);

export const unblockPin = fromPromise<void, WithCodes & { readonly puk: Code; readonly newPin: Code }>(({ input }) =>
  classified('unblock', () => input.cards.unblockPin(input.reader, input.puk, input.newPin, input.op)),
);

export const changePin = fromPromise<void, WithCodes & { readonly currentPin: Code; readonly newPin: Code }>(({ input }) =>
  classified('change', () => input.cards.changePin(input.reader, input.currentPin, input.newPin, input.op)),
);

// Issue 21: the card test (src/card/cps/card-test.ts) in the full screen. Its verbs are the card
// service's (createCardService gives them); a service without them fails the read check in words.

type Inspection = { readonly report: CardReport; readonly inventory: KeyInventory };

function testVerbs(cards: CardService): CardTestVerbs {
  const v = cards as CardService & Partial<CardTestVerbs>;
  return {
    inspect: (reader) => (v.inspect ? v.inspect(reader) : Promise.reject(new Error('card service without the card test'))),
    signWithKeys: (...a) => (v.signWithKeys ? v.signWithKeys(...a) : Promise.reject(new Error('card service without the card test'))),
  };
}

/** The card read in full with its keys and certificates (before the PIN is asked). */
export const inspectCard = fromPromise<Inspection, OnReader>(({ input }) => testVerbs(input.cards).inspect(input.reader));

/**
 * The card test's checks on what `inspectCard` read (read again when it failed), the PIN sent
 * once when the holder gave it (null: declined or not needed; the key checks needing it are then
 * skipped, never guessed). Never rejects: a failure is a failed check in words.
 */
export const testCard = fromPromise<
  CardTestResult,
  OnReader & {
    readonly inspection: Inspection | undefined;
    readonly pin: Code | null;
    readonly op: CodeOperation;
    readonly trust: TrustStore | undefined;
  }
>(async ({ input }) => {
  // Loaded when a test starts: the first screen never pays for the checks and the shipped roots.
  const [{ runCardTest }, { defaultTrust }] = await Promise.all([import('../card/cps/card-test.js'), import('../card/trust/chain.js')]);
  const verbs = testVerbs(input.cards);
  const { inspection, pin } = input;
  return runCardTest(input.reader, {
    cards: {
      inspect: (r) => (inspection ? Promise.resolve(inspection) : verbs.inspect(r)),
      signWithKeys: (...a) => verbs.signWithKeys(...a),
    },
    trust: input.trust ?? defaultTrust(),
    askPin: () =>
      Promise.resolve(
        pin === null
          ? { kind: 'declined' as const }
          : { kind: 'pin' as const, code: pin, lastTryConfirmed: input.op.lastTryConfirmed === true },
      ),
  });
});
