// CardService over any Transport: one connection per verb, released in `finally` (no card
// handle while idle). Shared to read; exclusive when a code is presented, so that no other
// program interleaves; the card is reset on release after a code went to it, so that no
// verified PIN outlives the operation.
//
// The AODF entries (the format of the codes) read with a card are kept for that card, by its
// serial number, so that an operation builds its code blocks from what the card described even
// when the AODF cannot be read again then; another card's entries are never used.

import type { TraceEntry } from '../apdu/trace.js';
import { TransportError } from '../transport/errors.js';
import type { CardConnection, ShareMode, Transport } from '../transport/transport.js';
import type { CardService, Code, CodeOperation } from './card-service.js';
import { validCode } from './codes.js';
import type { CodeName } from './errors.js';
import { isOnKeypad, type OnKeypad } from './keypad.js';
import type { SecretCode } from './secret-code.js';
import { CpsSession, type KnownCodes } from './session.js';
import type { CardTestVerbs } from './card-test.js';

export interface CardServiceOptions {
  /** Every APDU exchanged, PIN and PUK data masked (src/card/apdu/trace.ts). */
  readonly onTrace?: (entry: TraceEntry) => void;
  /** Each command as it is about to leave (masked), before onTrace has its answer. */
  readonly onSent?: (seq: number, command: string, masked: boolean) => void;
  /** Bounds on a mute card or a stuck service (ms); see DEFAULT_BOUNDS. */
  readonly bounds?: Partial<Bounds>;
  /** The language a reader's keypad display is asked for (the tool's); French by default. */
  readonly keypadLanguage?: 'fr' | 'en';
}

export interface Bounds {
  /** One command and its answer. */
  readonly transmitMs: number;
  /** Reaching the card (connect). */
  readonly connectMs: number;
}

// A CPS3 at 9,600 bit/s answers its longest command (a 231-byte READ BINARY) in about 0.3 s and a
// PIN operation in under 1 s; T=0's waiting time allows a card to hold on with NULL bytes. 15 s
// leaves a wide margin and still ends a mute card well before a holder gives up.
export const DEFAULT_BOUNDS: Bounds = { transmitMs: 15_000, connectMs: 10_000 };

export function createCardService(transport: Transport, options: CardServiceOptions = {}): CardService & CardTestVerbs {
  const bounds: Bounds = { ...DEFAULT_BOUNDS, ...options.bounds };
  let known: KnownCodes | undefined;
  // One session at a time per reader: a read whose first part is on screen holds its connection
  // while the certificates come; any other verb on that reader (a PIN operation's counters, its
  // exclusive connection) waits for it, so that no two connections interleave their SELECTs.
  const queues = new Map<string, Promise<unknown>>();

  function withSession<T>(reader: string, mode: ShareMode, op: (s: CpsSession) => Promise<T>): Promise<T> {
    const before = queues.get(reader) ?? Promise.resolve();
    const run = before.then(
      () => session(reader, mode, op),
      () => session(reader, mode, op),
    );
    const settled = run.catch(() => undefined);
    queues.set(reader, settled);
    void settled.then(() => {
      if (queues.get(reader) === settled) queues.delete(reader);
    });
    return run;
  }

  async function session<T>(reader: string, mode: ShareMode, op: (s: CpsSession) => Promise<T>): Promise<T> {
    const connection = await boundedConnect(transport, reader, mode, bounds.connectMs);
    let session: CpsSession | null = null;
    try {
      session = new CpsSession(connection, {
        ...(options.onTrace ? { onTrace: options.onTrace } : {}),
        ...(options.onSent ? { onSent: options.onSent } : {}),
        transmitMs: bounds.transmitMs,
        ...(known ? { knownCodes: known } : {}),
        ...(options.keypadLanguage ? { keypadLanguage: options.keypadLanguage } : {}),
      });
      return await op(session);
    } finally {
      const learnt = session?.knownCodes;
      if (learnt) known = learnt;
      // A mute card may never let go: the release is bounded too, and never blocks the outcome.
      await Promise.race([
        connection.disconnect(session?.codePresented ? 'reset' : 'leave').catch(() => undefined),
        new Promise<void>((resolve) => setTimeout(resolve, bounds.transmitMs).unref()),
      ]);
    }
  }

  return {
    read: (reader, onFirst) => withSession(reader, 'shared', (s) => s.readAll(onFirst)),
    readCodes: (reader) => withSession(reader, 'shared', (s) => s.readCodes()),
    readSituations: async (reader, pin: Code, op: CodeOperation = {}) => {
      const p = checked('pin', pin);
      return withSession(reader, 'exclusive', (s) => s.readSituations(p, op));
    },
    unblockPin: async (reader, puk: Code, newPin: Code, op: CodeOperation = {}) => {
      const k = checked('puk', puk);
      const p = checked('pin', newPin);
      await withSession(reader, 'exclusive', (s) => s.unblockPin(k, p, op));
    },
    changePin: async (reader, currentPin: Code, newPin: Code, op: CodeOperation = {}) => {
      const c = checked('pin', currentPin);
      const p = checked('pin', newPin);
      await withSession(reader, 'exclusive', (s) => s.changePin(c, p, op));
    },
    // The card test (card-test.ts): a shared read, then the keys in an exclusive connection.
    inspect: (reader) => withSession(reader, 'shared', (s) => s.inspect()),
    signWithKeys: async (reader, pin: Code | null, keys, challenge, op: CodeOperation = {}) => {
      const p = pin === null ? null : checked('pin', pin);
      return withSession(reader, 'exclusive', (s) => s.signWithKeys(p, keys, challenge, op));
    },
  };
}

/** A typed code checked against the local rules before anything is sent; a keypad entry as it is. */
function checked(kind: CodeName, code: Code): SecretCode | OnKeypad {
  return isOnKeypad(code) ? code : validCode(kind, code);
}

/** connect(), bounded: a late connection is released at once. */
async function boundedConnect(transport: Transport, reader: string, mode: ShareMode, ms: number): Promise<CardConnection> {
  let timedOut = false;
  const pending = transport.connect(reader, mode);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      pending,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          reject(new TransportError('timeout', 'connecting to the card timed out'));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (timedOut) void pending.then((c) => c.disconnect('reset')).catch(() => undefined);
  }
}
