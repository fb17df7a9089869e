// What the report says of the card's codes, as pure functions: the machine's guards, the unblock
// memory (unblock-resume.ts), the selectors and the screens read the same rule.

import type { CardReport } from '../card/cps/report.js';

export type CodeState = 'noPin' | 'unknown' | 'pinOk' | 'pinBlocked' | 'pukUnusable';

export function pinIsBlocked(report: CardReport | undefined): boolean {
  return report?.pin.triesLeft === 0;
}

export function pukIsUnusable(report: CardReport | undefined): boolean {
  return report?.puk.triesLeft === 0 || report?.puk.unblocksLeft === 0;
}

/**
 * pukUnusable: the PIN is blocked and the PUK can no longer unblock it (nothing left to do but
 * ask for a new card). A PIN still usable with a dead PUK stays pinOk (the selectors warn).
 */
export function codeState(report: CardReport | undefined): CodeState {
  if (report === undefined) return 'unknown';
  if (!report.identity.hasPin) return 'noPin';
  if (pinIsBlocked(report)) return pukIsUnusable(report) ? 'pukUnusable' : 'pinBlocked';
  if (report.pin.triesLeft === null) return 'unknown';
  return 'pinOk';
}

/** The card's serial number, to know it again when it comes back (undefined: unreadable). */
export function cardSerial(report: CardReport | undefined): string | undefined {
  return report?.serial.ok === true ? report.serial.value : undefined;
}
