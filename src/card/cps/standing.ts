// How a card stands, once, from its report and the date of today: what its PIN and PUK are
// (usable, last try, blocked, PUK exhausted, few unblocks left, unknown) and what its dates are
// (valid, expiring, expired, not yet valid). The machine's guards, the title bar, the screens'
// values and colours, the warnings, the exit code, the report, the JSON and `diagnose` all read
// these functions; none counts tries or compares dates of its own. Facts only: no words here
// (the view and the report word them).

import type { CardReport, CodeStatus, Readable } from './report.js';

/** A PUK with this many lifetime unblocks left, or fewer (but some), is worth a warning. */
export const FEW_UNBLOCKS = 10;
/** With this many unblocks left, or fewer, the warning is a danger, not a notice. */
export const VERY_FEW_UNBLOCKS = 2;
/** Days ahead within which an end of validity (card or certificate) is announced. */
export const EXPIRY_NOTICE_DAYS = 90;

const DAY = 24 * 3600 * 1000;

/**
 * One code, from its counters: blocked (no try left), lastTry (the next wrong code blocks it),
 * usable, or unknown (the card did not give its tries).
 */
export type CodeStanding = 'usable' | 'lastTry' | 'blocked' | 'unknown';
/** The PUK also ends for good when its lifetime unblocks are used up (exhausted). */
export type PukStanding = CodeStanding | 'exhausted';
/**
 * The PUK's lifetime unblocks: none left, the last one, few (up to FEW_UNBLOCKS), enough, or
 * unknown (the card does not count them, e.g. CPS4, or has not said).
 */
export type UnblocksStanding = 'none' | 'last' | 'few' | 'enough' | 'unknown';

/**
 * The codes together, as the machine routes on them: noPin (contactless interface), unknown (the
 * PIN's tries not given), pinOk, pinBlocked (the PUK can unblock it), pukUnusable (the PIN is
 * blocked and the PUK can no longer unblock it: a new card). A usable PIN with a dead PUK stays
 * pinOk (the warnings say so).
 */
export type CodesStanding = 'noPin' | 'unknown' | 'pinOk' | 'pinBlocked' | 'pukUnusable';

/** An end of validity against today. `days`: whole days until the end (negative once past). */
export type Validity =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'valid' | 'expiring' | 'expired' | 'notYetValid'; readonly end: Date; readonly days: number };

/** How the codes stand: no date needed (the machine's guards and the title bar read this part). */
export interface CodesStandingOf {
  /** false on the contactless interface: no code at all. */
  readonly hasPin: boolean;
  readonly pin: CodeStanding;
  readonly puk: PukStanding;
  /** The PUK can still unblock the PIN (neither blocked nor exhausted). */
  readonly pukUsable: boolean;
  readonly unblocks: UnblocksStanding;
  /** The count behind `unblocks` (null or undefined: unknown). */
  readonly unblocksLeft: number | null | undefined;
  readonly codes: CodesStanding;
  /** The one try left that matters most: the PIN's, else a usable PUK's; undefined when none. */
  readonly lastTry: 'pin' | 'puk' | undefined;
}

/** How the card stands today: its codes and its dates. */
export interface Standing extends CodesStandingOf {
  /** The card's own end of validity (CPS_ID_CARD), unknown when unread or not a date. */
  readonly card: Validity;
  /** One per entry of `report.certificates`, in order; unknown for an unreadable certificate. */
  readonly certificates: readonly Validity[];
  /** The card, or one of its certificates, is past its end (a card this tool knows only). */
  readonly expired: boolean;
}

/** One code from its counters. */
export function codeStanding(c: CodeStatus): CodeStanding {
  if (c.triesLeft === null) return 'unknown';
  if (c.triesLeft === 0) return 'blocked';
  return c.triesLeft === 1 ? 'lastTry' : 'usable';
}

/** The PUK from its counters: exhausted first (a card that says 69 84 tells no tries). */
export function pukStanding(c: CodeStatus): PukStanding {
  return c.unblocksLeft === 0 ? 'exhausted' : codeStanding(c);
}

export function unblocksStanding(left: number | null | undefined): UnblocksStanding {
  if (left === null || left === undefined) return 'unknown';
  if (left <= 0) return 'none';
  if (left === 1) return 'last';
  return left <= FEW_UNBLOCKS ? 'few' : 'enough';
}

/**
 * A code the holder must confirm before it is sent: its last try, or tries the card did not give
 * (the machine's last-try confirmation, `cps-audit test`'s question).
 */
export function needsConfirmation(c: CodeStatus): boolean {
  const s = codeStanding(c);
  return s === 'lastTry' || s === 'unknown';
}

/** The codes as the machine routes on them; undefined report: unknown. */
export function codesStanding(report: CardReport | undefined): CodesStanding {
  if (report === undefined) return 'unknown';
  if (!report.identity.hasPin) return 'noPin';
  const pin = codeStanding(report.pin);
  const puk = pukStanding(report.puk);
  if (pin === 'blocked') return puk === 'blocked' || puk === 'exhausted' ? 'pukUnusable' : 'pinBlocked';
  return pin === 'unknown' ? 'unknown' : 'pinOk';
}

/** Whole days from `now` to `later` (negative when past). */
export function daysUntil(later: Date, now: Date): number {
  return Math.floor((later.getTime() - now.getTime()) / DAY);
}

/** A certificate's validity: expired past notAfter, not yet valid before notBefore, expiring within EXPIRY_NOTICE_DAYS. */
export function certificateValidity(notBefore: Date, notAfter: Date, now: Date): Validity {
  const days = daysUntil(notAfter, now);
  if (now.getTime() > notAfter.getTime()) return { kind: 'expired', end: notAfter, days };
  if (now.getTime() < notBefore.getTime()) return { kind: 'notYetValid', end: notAfter, days };
  return { kind: days <= EXPIRY_NOTICE_DAYS ? 'expiring' : 'valid', end: notAfter, days };
}

/** The card's end of validity (an ISO date, YYYY-MM-DD): valid up to the end of that day, UTC. */
export function cardValidity(validTo: Readable<string>, now: Date): Validity {
  if (!validTo.ok) return { kind: 'unknown' };
  const end = new Date(`${validTo.value}T23:59:59Z`);
  if (Number.isNaN(end.getTime())) return { kind: 'unknown' };
  const days = daysUntil(end, now);
  if (end.getTime() < now.getTime()) return { kind: 'expired', end, days };
  return { kind: days <= EXPIRY_NOTICE_DAYS ? 'expiring' : 'valid', end, days };
}

/** How the codes stand (no date needed). */
export function codesOf(report: CardReport): CodesStandingOf {
  const hasPin = report.identity.hasPin;
  const pin = codeStanding(report.pin);
  const puk = pukStanding(report.puk);
  const pukUsable = puk !== 'blocked' && puk !== 'exhausted';
  const lastTry = !hasPin ? undefined : pin === 'lastTry' ? 'pin' : puk === 'lastTry' ? 'puk' : undefined;
  return {
    hasPin,
    pin,
    puk,
    pukUsable,
    unblocks: unblocksStanding(report.puk.unblocksLeft),
    unblocksLeft: report.puk.unblocksLeft,
    codes: codesStanding(report),
    lastTry,
  };
}

/** How the card stands today: its codes and its dates. */
export function standing(report: CardReport, now: Date): Standing {
  const card = cardValidity(report.validTo, now);
  const certificates = report.certificates.map((c) =>
    c.ok ? certificateValidity(c.value.notBefore, c.value.notAfter, now) : ({ kind: 'unknown' } as const),
  );
  return {
    ...codesOf(report),
    card,
    certificates,
    expired: report.identity.supported && (card.kind === 'expired' || certificates.some((c) => c.kind === 'expired')),
  };
}
