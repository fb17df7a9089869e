// One connection's worth of talking to a CPS, with verbs named for what the user wants.
// Status words stop here: callers get a CardReport, counters, or a CpsError.
// The reading is in card-reading.ts, the operations that send a code in code-operations.ts; what
// they share of the connection (profile, channel, files, application, codes' entries, serial,
// counters) in session-context.ts. The card generation's differences come from its CardProfile.

import type { CardConnection } from '../transport/transport.js';
import type { Code, CodeOperation } from './card-service.js';
import { CardReading } from './card-reading.js';
import { CodeOperations } from './code-operations.js';
import type { CardIdentity, CardReport, PracticeSituation, Readable } from './report.js';
import { inCardTerms, SessionContext, type CodesStatus, type KnownCodes, type SessionOptions } from './session-context.js';
import { readKeyInventory, signChallenge, type CardKey, type KeyInventory, type KeyRole, type SignatureOutcome } from './key-test.js';

export type { CodesStatus, KnownCodes, SessionOptions } from './session-context.js';

export class CpsSession {
  private readonly card: SessionContext;
  private readonly reading: CardReading;
  private readonly codes: CodeOperations;

  constructor(connection: CardConnection, options: SessionOptions = {}) {
    this.card = new SessionContext(connection, options);
    this.reading = new CardReading(this.card);
    this.codes = new CodeOperations(this.card);
  }

  get identity(): CardIdentity {
    return this.card.identity;
  }

  /** APDUs exchanged on this connection so far. */
  get apduCount(): number {
    return this.card.channel.apduCount;
  }

  /** true once a VERIFY, CHANGE or RESET RETRY COUNTER carrying a code has been sent. */
  get codePresented(): boolean {
    return this.codes.codePresented;
  }

  /** What this session learnt of the card's codes, for the next operation on the same card. */
  get knownCodes(): KnownCodes | undefined {
    return this.card.knownCodes;
  }

  /** The whole report; `onFirst` gets the first screen's part as soon as it is read (card-reading.ts). */
  readAll(onFirst?: (partial: CardReport) => void): Promise<CardReport> {
    return this.reading.readAll(onFirst);
  }

  /** PIN and PUK counters, spending no try. */
  readCodes(): Promise<CodesStatus> {
    return this.reading.readCodes();
  }

  /** Presents the PIN. WrongCodeError(pin, left) / CodeBlockedError(pin). */
  verifyPin(pin: Code, op: CodeOperation = {}): Promise<void> {
    return this.codes.verifyPin(pin, op);
  }

  /** Presents the PIN once, then reads every practice situation (CPS_ACTIVITY_nn_PS). */
  async readSituations(pin: Code, op: CodeOperation = {}): Promise<Readable<PracticeSituation>[]> {
    await this.codes.verifyPin(pin, op);
    return this.reading.readSituations();
  }

  /** The card test (card-test.ts): the full read, then the PrKDF's keys and the CDF's certificates. */
  async inspect(): Promise<{ readonly report: CardReport; readonly inventory: KeyInventory }> {
    const report = await this.readAll();
    if (!report.identity.supported) return { report, inventory: { keys: [], certificates: [] } };
    return { report, inventory: await inCardTerms(() => readKeyInventory(this.card)) };
  }

  /**
   * The card test's keys: the PIN once (when given, with every check of code-operations.ts), then
   * each key signs the challenge (key-test.ts). A key that needs no PIN (contactless) signs without.
   */
  async signWithKeys(
    pin: Code | null,
    keys: readonly CardKey[],
    challenge: Uint8Array,
    op: CodeOperation = {},
  ): Promise<Map<KeyRole, SignatureOutcome>> {
    if (pin !== null) await this.codes.verifyPin(pin, op);
    await this.card.prepare();
    await this.card.application();
    const out = new Map<KeyRole, SignatureOutcome>();
    for (const key of keys) out.set(key.role, await inCardTerms(() => signChallenge(this.card, key, challenge)));
    return out;
  }

  /** The PUK, then the new PIN. A blocked or exhausted PUK is refused before any try is spent. */
  unblockPin(puk: Code, newPin: Code, op: CodeOperation = {}): Promise<void> {
    return this.codes.unblockPin(puk, newPin, op);
  }

  /** The current PIN, then the new one. */
  changePin(currentPin: Code, newPin: Code, op: CodeOperation = {}): Promise<void> {
    return this.codes.changePin(currentPin, newPin, op);
  }
}
