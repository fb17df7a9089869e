// The machine's conditions, as pure functions of its context, so that screens, selectors and
// tests read the same rule the machine applies.

import type { ReaderState } from '../card/transport/transport.js';
import type { AuditContext, FormKind } from './context.js';
import { codeState } from './code-state.js';
import { codeStanding, needsConfirmation } from '../card/cps/standing.js';
import { field, fieldReady, formBlocker } from './forms.js';
import { keypadFields } from './keypad.js';
import { unblockOffered } from './unblock-resume.js';
import { cpsReaders, readerNamed, selectedHasCard, selectedReader, withCard } from './readers.js';

export { cardSerial, codeState, pinIsBlocked, pukIsUnusable, type CodeState } from './code-state.js';

type Ctx = Pick<AuditContext, 'form' | 'report' | 'quitRequested' | 'unblockInterrupted' | 'pinpadAllowed'>;

export const pukWellFormed = (c: Ctx): boolean => fieldReady(c.form, 'puk');
export const pinWellFormed = (c: Ctx): boolean => fieldReady(c.form, 'newPin');
export const currentPinWellFormed = (c: Ctx): boolean => fieldReady(c.form, 'currentPin');
export const pinsMatch = (c: Ctx): boolean => field(c.form, 'newPin').equals(field(c.form, 'confirmPin'));

function formReady(c: Ctx, kind: FormKind): boolean {
  return c.form?.kind === kind && formBlocker(c.form, keypadFields(c, kind)) === undefined && !c.quitRequested;
}

/** The open form, whatever its kind, has every field ready. */
export const canSubmitForm = (c: Ctx): boolean => c.form !== undefined && formReady(c, c.form.kind);
export const canSubmitUnblock = (c: Ctx): boolean => formReady(c, 'unblock');
export const canSubmitChange = (c: Ctx): boolean => formReady(c, 'change');
export const canSubmitSituations = (c: Ctx): boolean => formReady(c, 'situations');
export const canSubmitTest = (c: Ctx): boolean => formReady(c, 'test');

/**
 * Issue 21: the card test asks the PIN only when a key needs it and it may be sent: the card has
 * a PIN and it is not blocked (a blocked PIN skips the key checks; card-test.ts says why).
 */
export const testNeedsPin = (c: Pick<AuditContext, 'testRun'>): boolean => {
  const i = c.testRun?.inspection;
  if (i === undefined) return false;
  return i.report.identity.hasPin && codeStanding(i.report.pin) !== 'blocked' && i.inventory.keys.some((k) => k.needsPin);
};

/**
 * The code's last try, or tries the card did not give: the user confirms before it is sent.
 * (The card layer checks again on the counters it reads just before sending: card-service.ts.)
 */
export const isLastPukTry = (c: Ctx): boolean => c.report !== undefined && needsConfirmation(c.report.puk);
export const isLastPinTry = (c: Ctx): boolean => c.report !== undefined && needsConfirmation(c.report.pin);

/** SUBMIT came while the counters were being read. */
export const submitPending = (c: Ctx): boolean => c.form?.submitPending === true;

export const canOpenUnblock = (c: Ctx): boolean => unblockOffered(c) && !c.quitRequested;
export const canOpenChange = (c: Ctx): boolean => {
  const s = codeState(c.report);
  return (s === 'pinOk' || s === 'unknown') && c.report?.identity.hasPin === true && !c.quitRequested;
};

type Readers = Pick<AuditContext, 'readers' | 'selected' | 'serviceError' | 'readerProblem'>;

export const serviceDown = (c: Readers): boolean => c.serviceError !== undefined;
export const accessRefused = (c: Readers): boolean => c.serviceError?.kind === 'access-refused';
export const noReaderUsable = (c: Readers): boolean => c.readers.length === 0 || c.readerProblem !== undefined;
/** Ask which reader only between two CPS, or, with no CPS at all, between several cards. */
export const mustChoose = (c: Readers & Pick<AuditContext, 'isCps'>): boolean => {
  if (c.selected !== undefined) return false;
  const cps = cpsReaders(c).length;
  return cps >= 2 || (cps === 0 && withCard(c.readers).length >= 2);
};
export const selectedWithoutCard = (c: Readers): boolean => !selectedHasCard(c);
export const selectedInUse = (c: Readers): boolean => selectedReader(c)?.inUse === true;
export { selectedHasCard };

/**
 * The selected reader's card was removed and a card inserted between two lists (pcsc-lite's
 * event counter moved, the card present in both): the card on screen may no longer be there.
 */
export function cardReinserted(selected: string | undefined, before: readonly ReaderState[], after: readonly ReaderState[]): boolean {
  const a = readerNamed(before, selected);
  const b = readerNamed(after, selected);
  return a?.atr !== undefined && b?.atr !== undefined && a.events !== undefined && b.events !== undefined && a.events !== b.events;
}

/** The new list of readers no longer shows a card in the selected reader. */
export function dropsSelectedCard(selected: string | undefined, readers: readonly ReaderState[]): boolean {
  return readerNamed(readers, selected)?.atr === undefined;
}
