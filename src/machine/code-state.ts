// What the report says of the card's codes, for the machine: its guards, the unblock memory
// (unblock-resume.ts) and the selectors read the card layer's one rule (card/cps/standing.ts).

import type { CardReport } from '../card/cps/report.js';
import { codeStanding, codesStanding, pukStanding, type CodesStanding } from '../card/cps/standing.js';

export type CodeState = CodesStanding;

export function pinIsBlocked(report: CardReport | undefined): boolean {
  return report !== undefined && codeStanding(report.pin) === 'blocked';
}

/** The PUK can no longer unblock the PIN: blocked, or its lifetime unblocks used up. */
export function pukIsUnusable(report: CardReport | undefined): boolean {
  if (report === undefined) return false;
  const puk = pukStanding(report.puk);
  return puk === 'blocked' || puk === 'exhausted';
}

/** pukUnusable: the PIN is blocked and the PUK can no longer unblock it (standing.ts). */
export const codeState: (report: CardReport | undefined) => CodeState = codesStanding;

/** The card's serial number, to know it again when it comes back (undefined: unreadable). */
export function cardSerial(report: CardReport | undefined): string | undefined {
  return report?.serial.ok === true ? report.serial.value : undefined;
}
