// Issue 20: which codes of a form the holder types on the reader's keypad. The reader's part 10
// features come with the card report (readerFeatures); the keypad is used unless `--no-pinpad`
// turned it off for the run or the holder switched the form to the keyboard (its key). A code
// typed on the keypad never enters the machine: the form holds nothing for it, and the card
// layer gets ON_KEYPAD in its place.

import type { Code } from '../card/cps/card-service.js';
import { ON_KEYPAD } from '../card/cps/keypad.js';
import type { AuditContext, FormKind } from './context.js';
import { field } from './forms.js';

type Ctx = Pick<AuditContext, 'form' | 'report' | 'pinpadAllowed'>;

const NONE: ReadonlySet<string> = new Set();

/** The reader of the card on screen verifies codes on its keypad, and the run allows it. */
export function keypadOffered(c: Pick<AuditContext, 'report' | 'pinpadAllowed'>): boolean {
  return c.pinpadAllowed !== false && c.report?.readerFeatures?.verifyPinDirect !== undefined;
}

/** The reader also builds a change or a reset from its keypad (FEATURE_MODIFY_PIN_DIRECT). */
export function keypadModifies(c: Pick<AuditContext, 'report'>): boolean {
  return c.report?.readerFeatures?.modifyPinDirect !== undefined;
}

/**
 * The fields of form `kind` typed on the keypad: the PIN for the situations; the PUK for an
 * unblock, and the new PIN when the reader builds the reset; for a change, every code when the
 * reader builds it, else none (a command cannot mix a typed code and one from the keypad).
 */
export function keypadFields(c: Ctx, kind: FormKind | undefined = c.form?.kind): ReadonlySet<string> {
  if (kind === undefined || !keypadOffered(c) || (c.form?.kind === kind && c.form.keyboard === true)) return NONE;
  const modify = keypadModifies(c);
  switch (kind) {
    case 'situations':
    case 'test':
      return new Set(['pin']);
    case 'unblock':
      return new Set(modify ? ['puk', 'newPin', 'confirmPin'] : ['puk']);
    case 'change':
      return modify ? new Set(['currentPin', 'newPin', 'confirmPin']) : NONE;
  }
}

/** The code the card layer gets for `name`: typed (a SecretCode of the form), or ON_KEYPAD. */
export function codeFor(c: Ctx, name: string): Code {
  return keypadFields(c).has(name) ? ON_KEYPAD : field(c.form, name);
}
