// Every failure the machine meets, classified once into a kind and the facts a sentence needs:
// no words here (src/view/failure.ts says each kind once, a sentence and a remedy, from the
// catalogue). Nothing here ever sees a PIN or a PUK: only error objects and counters.

import type { CardReport, CodeStatus } from '../card/cps/report.js';
import { hex } from '../card/bytes.js';
import { otherCard } from '../card/cps/identify.js';
import {
  CardRemovedDuringOperationError,
  CodeBlockedError,
  CodeFormatUnknownError,
  InvalidCodeFormatError,
  KeypadError,
  LastTryUnconfirmedError,
  NotSupportedError,
  OtherCardError,
  PukExhaustedError,
  WriteOutcomeUnknownError,
  WrongCodeError,
  type CodeName,
} from '../card/cps/errors.js';
import { isTransportError, type TransportError } from '../card/transport/errors.js';
import type { Operation } from './context.js';
import type { Notice, TransportFailureKind } from './notice.js';

export type { Notice, NoticeFacts, NoticeKind, Tone, TransportFailureKind } from './notice.js';

/** What a notice about a write that may have reached the card carries, whatever the language. */
const MAY_HAVE = { mayHaveApplied: true } as const;

export const CARD_IN_USE: Notice = { tone: 'warning', kind: 'card-in-use' };

/** The PC/SC code of a transport error, in hex, when it has one. */
function pcscCodeOf(e: TransportError): { readonly code?: string } {
  return e.code === undefined ? {} : { code: e.code.toString(16).toUpperCase().padStart(8, '0') };
}

/** The PC/SC layer's failure kind, in the holder's terms. */
export function transportFailureKind(e: TransportError): TransportFailureKind {
  switch (e.kind) {
    case 'service-unavailable':
      return 'service-down';
    case 'access-refused':
      return 'access-refused';
    case 'no-reader':
    case 'reader-removed':
      return 'reader-gone';
    case 'card-removed':
      return 'card-removed';
    case 'card-in-use':
      return 'card-in-use';
    case 'timeout':
    case 'card-unresponsive':
      return 'card-mute';
    case 'unknown':
      return 'pcsc-unknown';
  }
}

/** The PC/SC layer's failures (service down, access refused, card in use...). */
export function transportNotice(e: TransportError): Notice {
  const kind = transportFailureKind(e);
  const tone = kind === 'card-in-use' || kind === 'card-removed' ? 'warning' : 'error';
  return kind === 'pcsc-unknown' ? { tone, kind, ...pcscCodeOf(e) } : { tone, kind };
}

export const NO_READER: Notice = { tone: 'info', kind: 'no-reader' };
export const NO_CARD: Notice = { tone: 'info', kind: 'no-card' };
export const CHOOSE_READER: Notice = { tone: 'info', kind: 'choose-reader' };

export function unrecognisedNotice(report: CardReport): Notice {
  const atr = hex(report.identity.atr);
  if (report.identity.model === 'CPS2ter') return { tone: 'warning', kind: 'cps2ter', atr };
  // A card known to be another (a Vitale card) is named as such (issue 22).
  const card = otherCard(report.identity.atr);
  if (card !== undefined) return { tone: 'warning', kind: 'other-card-type', atr, card };
  return { tone: 'warning', kind: 'unrecognised', atr };
}

/** Any failure of a full read. */
export function readFailureNotice(e: unknown): Notice {
  if (isTransportError(e)) return transportNotice(e);
  if (e instanceof NotSupportedError) return { tone: 'warning', kind: 'not-supported' };
  return { tone: 'error', kind: 'read-unexpected' };
}

/**
 * What a failed read (the first part, or the certificates after it) means for the flow, decided
 * once here; the read actors throw it (actors.ts, ReadFailed) and the machine's guards read its kind:
 * - inUse: another program holds the card (tried again by itself);
 * - removed: the card or its reader went away (back to the reader list);
 * - serviceDown: pcscd went away or refused access (its error is shown as the service's state);
 * - failed: anything else.
 */
export type ReadFailure =
  | { readonly kind: 'inUse' | 'removed' | 'failed'; readonly notice: Notice }
  | { readonly kind: 'serviceDown'; readonly notice: Notice; readonly error: TransportError };

export function classifyReadFailure(e: unknown): ReadFailure {
  const notice = readFailureNotice(e);
  if (isTransportError(e)) {
    if (e.kind === 'card-in-use') return { kind: 'inUse', notice };
    if (e.kind === 'card-removed' || e.kind === 'reader-removed') return { kind: 'removed', notice };
    if (e.kind === 'service-unavailable' || e.kind === 'access-refused') return { kind: 'serviceDown', notice, error: e };
  }
  return { kind: 'failed', notice };
}

export const SITUATIONS_COST: Notice = { tone: 'info', kind: 'situations-cost' };
export const SITUATIONS_PIN_BLOCKED: Notice = { tone: 'warning', kind: 'situations-pin-blocked' };
export const NO_PIN_ON_CARD: Notice = { tone: 'info', kind: 'no-pin-on-card' };
export const CARD_CANNOT_BE_UNBLOCKED: Notice = { tone: 'error', kind: 'cannot-be-unblocked' };
export const PUK_UNUSABLE_WARNING: Notice = { tone: 'warning', kind: 'puk-unusable' };

/**
 * The confirmation before sending a code on its last try, or with its tries unknown
 * (`triesLeft` null: the card did not tell them).
 */
export function lastTryWarning(op: Operation, triesLeft: number | null = 1): Notice {
  return { tone: 'warning', kind: 'last-try', op, triesLeft };
}

export const UNBLOCK_SUCCESS: Notice = { tone: 'success', kind: 'unblock-success' };
export const CHANGE_SUCCESS: Notice = { tone: 'success', kind: 'change-success' };
// Still shown once the card is back: true before and after the re-read.
export const MAY_HAVE_APPLIED: Notice = { tone: 'warning', kind: 'may-have-applied', ...MAY_HAVE };
export const NOTHING_APPLIED: Notice = { tone: 'warning', kind: 'nothing-applied' };
const SERVICE_LOST_MAY_HAVE_APPLIED: Notice = { tone: 'warning', kind: 'service-lost-may-have-applied', ...MAY_HAVE };
const SERVICE_LOST_NOTHING_APPLIED: Notice = { tone: 'warning', kind: 'service-lost-nothing-applied' };
/** Another write went out and no clear answer came (the card is there): it is read again. */
export const WRITE_OUTCOME_UNKNOWN: Notice = { tone: 'warning', kind: 'write-outcome-unknown', ...MAY_HAVE };
export const OTHER_CARD: Notice = { tone: 'warning', kind: 'other-card' };
const SERIAL_UNREADABLE: Notice = { tone: 'warning', kind: 'serial-unreadable' };
const NOTHING_SENT_UNEXPECTED: Notice = { tone: 'error', kind: 'nothing-sent-unexpected' };

/**
 * What an operation's failure means for the flow:
 * - retry: back to the form (a wrong code with tries left, or nothing was sent);
 * - final: a final message in the form, then the card is read again;
 * - interrupted: the card (or pcscd) went away; the write may have applied or not;
 * - confirm: nothing was sent; the fresh counters say last (or unknown) try: ask first;
 * - reread: a message on the card screen, and the card is read again now (its true state).
 */
export type OperationFailure =
  | { readonly kind: 'retry'; readonly notice: Notice; readonly pinTriesLeft?: number; readonly pukTriesLeft?: number }
  | {
      readonly kind: 'final';
      readonly notice: Notice;
      readonly pinTriesLeft?: number;
      readonly pukTriesLeft?: number;
      readonly pukExhausted?: boolean;
      /** The write may have reached the card ("a pu être appliquée ou non"). */
      readonly mayHaveApplied?: true;
    }
  | { readonly kind: 'interrupted'; readonly notice: Notice; readonly mayHaveApplied?: true }
  | {
      readonly kind: 'confirm';
      readonly notice: Notice;
      readonly code: CodeName;
      readonly counters: { readonly pin: CodeStatus; readonly puk: CodeStatus };
    }
  | { readonly kind: 'reread'; readonly notice: Notice; readonly mayHaveApplied?: true };

const PIN_NOW_BLOCKED: Notice = { tone: 'error', kind: 'pin-now-blocked' };
const PIN_BLOCKED: Notice = { tone: 'error', kind: 'pin-blocked' };
const PUK_BLOCKED: Notice = { tone: 'error', kind: 'puk-blocked' };
/** The last PUK try was a wrong code: said as wrong first, then what it did (issue 17). */
const PUK_NOW_BLOCKED: Notice = { tone: 'error', kind: 'puk-now-blocked' };
const PUK_EXHAUSTED: Notice = { tone: 'error', kind: 'puk-exhausted' };
const CODE_FORMAT_UNKNOWN: Notice = { tone: 'error', kind: 'code-format-unknown' };

function wrongCode(e: WrongCodeError, op: Operation): OperationFailure {
  const left = e.triesLeft;
  if (e.code === 'puk') {
    if (left === 0) return { kind: 'final', notice: PUK_NOW_BLOCKED, pukTriesLeft: 0 };
    return { kind: 'retry', pukTriesLeft: left, notice: { tone: 'error', kind: 'wrong-code', code: 'puk', op, triesLeft: left } };
  }
  if (left === 0) return { kind: 'final', notice: PIN_NOW_BLOCKED, pinTriesLeft: 0 };
  return { kind: 'retry', pinTriesLeft: left, notice: { tone: 'error', kind: 'wrong-code', code: 'pin', op, triesLeft: left } };
}

/**
 * The card layer says what was sent (errors.ts): a failure before any write changed nothing,
 * a failure once a write went out may have applied. This only turns that into the flow.
 */
export function classifyFailure(op: Operation, e: unknown): OperationFailure {
  if (e instanceof LastTryUnconfirmedError) {
    return { kind: 'confirm', code: e.code, counters: e.counters, notice: lastTryWarning(op, e.counters[e.code].triesLeft) };
  }
  if (e instanceof WrongCodeError) return wrongCode(e, op);
  if (e instanceof CodeBlockedError) {
    return e.code === 'puk'
      ? { kind: 'final', notice: PUK_BLOCKED, pukTriesLeft: 0 }
      : { kind: 'final', pinTriesLeft: 0, notice: PIN_BLOCKED };
  }
  if (e instanceof PukExhaustedError) return { kind: 'final', notice: PUK_EXHAUSTED, pukExhausted: true };
  if (e instanceof CardRemovedDuringOperationError) {
    return e.mayHaveApplied
      ? { kind: 'interrupted', notice: MAY_HAVE_APPLIED, mayHaveApplied: true }
      : { kind: 'interrupted', notice: NOTHING_APPLIED };
  }
  if (e instanceof WriteOutcomeUnknownError) {
    if (e.kind === 'service-unavailable' || e.kind === 'access-refused') {
      return { kind: 'interrupted', notice: SERVICE_LOST_MAY_HAVE_APPLIED, mayHaveApplied: true };
    }
    return { kind: 'reread', notice: WRITE_OUTCOME_UNKNOWN, mayHaveApplied: true };
  }
  if (e instanceof OtherCardError) return { kind: 'reread', notice: e.unreadable ? SERIAL_UNREADABLE : OTHER_CARD };
  if (e instanceof CodeFormatUnknownError) return { kind: 'final', notice: CODE_FORMAT_UNKNOWN };
  // Issue 20: the reader's own answer: the card never saw a code, no try was spent; never "wrong code".
  if (e instanceof KeypadError) {
    return { kind: 'retry', notice: { tone: e.reason === 'cancelled' ? 'info' : 'warning', kind: 'keypad', reason: e.reason } };
  }
  if (e instanceof InvalidCodeFormatError) {
    const length = e.length;
    return { kind: 'retry', notice: { tone: 'error', kind: 'invalid-code-format', code: e.code, ...(length ? { length } : {}) } };
  }
  // From here on, nothing was written (the card layer wraps every failure after a write above).
  if (isTransportError(e)) {
    if (e.kind === 'card-in-use') return { kind: 'retry', notice: transportNotice(e) };
    if (e.kind === 'service-unavailable' || e.kind === 'access-refused')
      return { kind: 'interrupted', notice: SERVICE_LOST_NOTHING_APPLIED };
    if (e.kind === 'card-removed' || e.kind === 'reader-removed' || e.kind === 'no-reader')
      return { kind: 'interrupted', notice: NOTHING_APPLIED };
    const base = transportNotice(e);
    return {
      kind: 'reread',
      notice: { tone: base.tone, kind: 'nothing-changed', cause: transportFailureKind(e), ...pcscCodeOf(e) },
    };
  }
  return { kind: 'reread', notice: NOTHING_SENT_UNEXPECTED };
}
