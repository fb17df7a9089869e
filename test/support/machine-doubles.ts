// Test doubles for the machine's own tests only: a transport whose reader list the test sets,
// and a card service whose every call waits for the test to answer it. The machine is also
// driven with the real card layer over the simulator in real-card.test.ts.

import { createActor, waitFor, type Actor, type AnyTransitionDefinition, type InspectionEvent } from 'xstate';
import { fromHex } from '../../src/card/bytes.js';
import type { CardService } from '../../src/card/cps/card-service.js';
import type { CardReport, CodeStatus } from '../../src/card/cps/report.js';
import { TransportError } from '../../src/card/transport/errors.js';
import type { CardConnection, ReaderState, Transport, TransportEvent } from '../../src/card/transport/transport.js';
import { auditMachine, type AuditMachine } from '../../src/machine/machine.js';
import { digitsEvent } from '../../src/machine/events.js';
import type { Code, CodeOperation } from '../../src/card/cps/card-service.js';
import { SecretCode } from '../../src/card/cps/secret-code.js';
import type { CardTestVerbs } from '../../src/card/cps/card-test.js';
import type { CardKey, KeyInventory, KeyRole, SignatureOutcome } from '../../src/card/cps/key-test.js';
import { digitsOf } from './codes.js';

export const CPS3_ATR = fromHex('3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00');
export const OTHER_ATR = fromHex('3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A');

export class ScriptedTransport implements Transport {
  private listener?: (e: TransportEvent) => void;
  constructor(private readers: readonly ReaderState[] = []) {}
  watch(listener: (e: TransportEvent) => void): void {
    this.listener = listener;
    listener({ type: 'readers', readers: this.readers });
  }
  setReaders(readers: readonly ReaderState[]): void {
    this.readers = readers;
    this.listener?.({ type: 'readers', readers });
  }
  serviceDown(kind: 'service-unavailable' | 'access-refused' = 'service-unavailable'): void {
    this.listener?.({ type: 'service', service: { status: 'down', error: new TransportError(kind, kind) } });
  }
  serviceUp(readers: readonly ReaderState[]): void {
    this.listener?.({ type: 'service', service: { status: 'up' } });
    this.setReaders(readers);
  }
  connect(): Promise<CardConnection> {
    return Promise.reject(new TransportError('unknown', 'the machine never connects by itself'));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The card service's verbs, with the card test's (issue 21). */
export type Verb = keyof CardService | keyof CardTestVerbs;

export interface Call {
  readonly method: Verb;
  /** The reader, then the codes as digits, read when the call was made (the machine zeroes them after). */
  readonly args: readonly unknown[];
  /** What the machine asked the card layer to check before sending (card on screen, last try confirmed). */
  readonly op?: CodeOperation;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** read only: hands the machine the first part of the card (the card service's onFirst). */
  first?: (partial: CardReport) => void;
}

/** Every call is recorded and stays pending until the test answers it. */
export class ScriptedCards implements CardService, CardTestVerbs {
  readonly calls: Call[] = [];
  /** Calls made since the start, answered or not. */
  made = 0;
  private call<T>(method: Verb, args: unknown[], op?: CodeOperation, first?: (partial: CardReport) => void): Promise<T> {
    this.made += 1;
    const shown = args.map((a) => (a instanceof SecretCode ? digitsOf(a) : a));
    return new Promise<T>((resolve, reject) => {
      this.calls.push({
        method,
        args: shown,
        ...(op ? { op } : {}),
        ...(first ? { first } : {}),
        resolve: resolve,
        reject,
      });
    });
  }
  read(reader: string, onFirst?: (partial: CardReport) => void) {
    return this.call<CardReport>('read', [reader], undefined, onFirst);
  }
  readCodes(reader: string) {
    return this.call<{ pin: CodeStatus; puk: CodeStatus }>('readCodes', [reader]);
  }
  readSituations(reader: string, pin: Code, op?: CodeOperation) {
    return this.call<[]>('readSituations', [reader, pin], op);
  }
  unblockPin(reader: string, puk: Code, newPin: Code, op?: CodeOperation) {
    return this.call<void>('unblockPin', [reader, puk, newPin], op);
  }
  changePin(reader: string, currentPin: Code, newPin: Code, op?: CodeOperation) {
    return this.call<void>('changePin', [reader, currentPin, newPin], op);
  }
  // Issue 21: the card test's verbs.
  inspect(reader: string) {
    return this.call<{ report: CardReport; inventory: KeyInventory }>('inspect', [reader]);
  }
  signWithKeys(reader: string, pin: Code | null, keys: readonly CardKey[], _challenge: Uint8Array, op?: CodeOperation) {
    return this.call<ReadonlyMap<KeyRole, SignatureOutcome>>('signWithKeys', [reader, pin, keys.map((k) => k.role)], op);
  }
  /** The oldest call still pending for `method`, waiting for it if needed. */
  async next(method: Verb, timeout = 2000): Promise<Call> {
    const start = Date.now();
    for (;;) {
      const i = this.calls.findIndex((c) => c.method === method);
      if (i >= 0) return this.calls.splice(i, 1)[0]!;
      if (Date.now() - start > timeout) throw new Error(`no call to ${method} within ${timeout} ms`);
      await new Promise((r) => setImmediate(r));
    }
  }
}

const unreadable = { ok: false as const, reason: 'absent du test' };

export function makeReport(
  opts: {
    reader?: string;
    atr?: Uint8Array;
    pin?: number;
    puk?: number;
    unblocks?: number | null;
    supported?: boolean;
    hasPin?: boolean;
  } = {},
): CardReport {
  const supported = opts.supported ?? true;
  return {
    reader: opts.reader ?? 'Lecteur A',
    identity: { model: supported ? 'CPS3' : 'inconnu', atr: opts.atr ?? CPS3_ATR, supported, hasPin: opts.hasPin ?? supported },
    serial: { ok: true, value: '99002752' },
    issuer: { ok: true, value: '8025000001' },
    category: unreadable,
    cardType: unreadable,
    logicalId: unreadable,
    validFrom: unreadable,
    validTo: unreadable,
    holder: { name: unreadable, identifier: unreadable, profession: unreadable },
    pin: { triesLeft: opts.pin ?? 3, maxTries: 3 },
    puk: { triesLeft: opts.puk ?? 10, maxTries: 10, unblocksLeft: opts.unblocks === undefined ? 100 : opts.unblocks },
    certificates: [],
    undecoded: [],
    warnings: [],
  };
}

export function codesOf(r: CardReport): { pin: CodeStatus; puk: CodeStatus } {
  return { pin: r.pin, puk: r.puk };
}

export const A: ReaderState = { name: 'Lecteur A', atr: CPS3_ATR };
export const A_EMPTY: ReaderState = { name: 'Lecteur A' };
export const B: ReaderState = { name: 'Lecteur B', atr: CPS3_ATR };
export const B_EMPTY: ReaderState = { name: 'Lecteur B' };

export interface Rig {
  readonly transport: ScriptedTransport;
  readonly cards: ScriptedCards;
  readonly actor: Actor<AuditMachine>;
  /** Waits (bounded) until the snapshot matches. */
  reach(state: Parameters<ReturnType<Actor<AuditMachine>['getSnapshot']>['matches']>[0]): Promise<void>;
}

/**
 * Lets every answer already given reach the machine. The doubles answer with promises and the
 * scripted transport reports synchronously, so a few turns of the event loop are enough: a test
 * that checks something did NOT happen waits this, never a guessed delay.
 */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

/** Every transition the machines of this test worker took (machine.test.ts checks them all). */
export const TAKEN = new Set<AnyTransitionDefinition>();

export function record(ev: InspectionEvent): void {
  if (ev.type === '@xstate.microstep') for (const t of ev._transitions) TAKEN.add(t);
}

export function rig(readers: readonly ReaderState[], reader?: string): Rig {
  const transport = new ScriptedTransport(readers);
  const cards = new ScriptedCards();
  const actor = createActor(auditMachine, { input: { transport, cards, ...(reader === undefined ? {} : { reader }) }, inspect: record });
  actor.start();
  return {
    transport,
    cards,
    actor,
    async reach(state) {
      await waitFor(actor, (s) => s.matches(state), { timeout: 2000 });
    },
  };
}

/** A rig whose card (reader A) is read and shown, with the given report. */
export async function loaded(report: CardReport = makeReport()): Promise<Rig> {
  const r = rig([A]);
  await r.reach('reading');
  (await r.cards.next('read')).resolve(report);
  await r.reach('card');
  return r;
}

/** Opens a form and answers its counter check with the report's counters. */
export async function openForm(
  r: Rig,
  event: 'OPEN_UNBLOCK' | 'OPEN_CHANGE' | 'ASK_SITUATIONS',
  report = r.actor.getSnapshot().context.report!,
): Promise<void> {
  r.actor.send({ type: event });
  (await r.cards.next('readCodes')).resolve(codesOf(report));
  await waitFor(r.actor, (s) => JSON.stringify(s.value).includes('entering'), { timeout: 2000 });
}

export function type(r: Rig, ...parts: string[]): void {
  parts.forEach((p, i) => {
    r.actor.send(digitsEvent(p));
    if (i < parts.length - 1) r.actor.send({ type: 'NEXT_FIELD' });
  });
  r.actor.send({ type: 'NEXT_FIELD' });
}
