// "An unblock interrupted mid-write stays offered on that card", in one place: what the machine
// remembers (`unblockInterrupted` in its context), when it remembers and forgets it, the guard
// that offers the unblock, and the hint the screens show beside the actions.
//
// Why: a CPS4 unblocks in two writes (2C 03 gives the PIN its tries back, 24 01 sets the new
// code). Cut short between them, the card shows a usable PIN that holds the old, forgotten code:
// the unblock must stay offered on that very card though its PIN is not blocked. The machine
// uses this module through setup.ts (guard `unblockOffered`, actions `noteInterruption`,
// `recordFailure`, `keepUnblockMemoryIfSameCard`, `forgetInterruptedUnblock`).

import { profileFor } from '../card/cps/profile.js';
import type { CardReport } from '../card/cps/report.js';
import { cardSerial, codeState, pukIsUnusable } from './code-state.js';
import { codeStanding } from '../card/cps/standing.js';
import type { Notice } from './context.js';
import type { OperationFailure } from './messages.js';

/** The machine's memory of it (part of AuditContext). */
export interface UnblockMemory {
  /**
   * Serial number of the card whose last unblock was cut short after it may have written. A CPS4
   * can then hold its PIN's tries back with the old code (2C 03 ran, 24 01 did not): the unblock
   * stays offered on that card, though its PIN is not blocked.
   */
  readonly unblockInterrupted?: string;
}

type OnCard = UnblockMemory & { readonly report?: CardReport | undefined };

/** This very card's last unblock was cut short after it may have written. */
export const resumesUnblock = (c: OnCard): boolean => c.unblockInterrupted !== undefined && cardSerial(c.report) === c.unblockInterrupted;

/**
 * The guard: the unblock fits the card. Its PIN is blocked (and the PUK usable), or its last
 * unblock was interrupted mid-write; then only a usable PUK and a PIN on this interface are required.
 */
export function unblockOffered(c: OnCard): boolean {
  const s = codeState(c.report);
  if (s === 'pinBlocked') return true;
  return (s === 'pinOk' || s === 'unknown') && c.report?.identity.hasPin === true && !pukIsUnusable(c.report) && resumesUnblock(c);
}

/** After a failed operation: an unblock that may have written part-way is remembered for this card. */
export function rememberUnblock(op: string, f: OperationFailure, report: CardReport | undefined): UnblockMemory {
  if (op !== 'unblock' || f.kind === 'retry' || f.kind === 'confirm' || f.mayHaveApplied !== true) return {};
  const serial = cardSerial(report);
  return serial === undefined ? {} : { unblockInterrupted: serial };
}

/** A report just read: the memory holds only for the card it was about (another card forgets it). */
export function unblockMemoryFor(report: CardReport | undefined, { unblockInterrupted }: UnblockMemory): UnblockMemory {
  return { unblockInterrupted: resumesUnblock({ report, unblockInterrupted }) ? unblockInterrupted : undefined };
}

/**
 * What the counters read again say of an unblock cut short on this card (issue 17: the words
 * follow the card, not a guess). A PIN still blocked: nothing was applied. On a CPS3, RESET RETRY
 * COUNTER writes the new code and gives the PIN all its tries in one command: a PIN back to its
 * maximum holds the new code. On a CPS4 the tries come back (2C 03) before the new code is
 * written (24 01): tries alone do not tell, the unblock stays offered.
 */
export function interruptedUnblockVerdict(report: CardReport): 'applied' | 'notApplied' | 'unknown' {
  const pin = report.pin;
  if (codeStanding(pin) === 'blocked') return 'notApplied';
  const cps3 = profileFor(report.identity.model)?.pinSequences === 'cps3';
  if (cps3 && pin.maxTries !== null && pin.triesLeft === pin.maxTries) return 'applied';
  return 'unknown';
}

export const UNBLOCK_APPLIED: Notice = { tone: 'success', kind: 'unblock-applied' };
export const UNBLOCK_NOT_APPLIED: Notice = { tone: 'warning', kind: 'unblock-not-applied' };

/**
 * A report just read after an unblock was cut short on this very card: the counters decide the
 * words (and whether the memory is still needed); another card, or no memory, changes nothing.
 */
export function afterInterruptedUnblock(report: CardReport | undefined, c: UnblockMemory): UnblockMemory & { readonly notice?: Notice } {
  const memory = unblockMemoryFor(report, c);
  if (report === undefined || memory.unblockInterrupted === undefined) return memory;
  switch (interruptedUnblockVerdict(report)) {
    case 'applied':
      return { unblockInterrupted: undefined, notice: UNBLOCK_APPLIED };
    case 'notApplied':
      return { unblockInterrupted: undefined, notice: UNBLOCK_NOT_APPLIED };
    case 'unknown':
      return memory;
  }
}

/** A successful unblock or change: the holder knows the PIN the card holds. */
export const FORGET_UNBLOCK: UnblockMemory = { unblockInterrupted: undefined };

/** The unblock is offered on a card whose PIN is not blocked: the last one was cut short mid-write (the view says why). */
export function unblockResumeOffered(c: OnCard): boolean {
  return codeState(c.report) !== 'pinBlocked' && unblockOffered(c);
}
