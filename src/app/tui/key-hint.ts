// What keys and pastes do to a code field, and the one-line hint they leave, the same in the
// full screen and in the accessible mode (issue 17: every try meant):
// - a non-digit key (AZERTY's top row types &é"'( without Shift) says "digits only";
// - a digit typed into a full field is said, never dropped silently;
// - a bracketed paste (key-decoder.ts) goes into the focused field whole or not at all: too many
//   digits for the field, or anything but digits, and nothing is typed, with words (never which
//   digits: the code stays out of every message); outside a code field a paste does nothing
//   (pasted text is never a command key);
// - a burst of keys that mixes digits with other characters (a paste from a terminal without
//   bracketed paste) is refused whole in a code field; a burst of digits alone is typing.
// Any other key takes the hint away.

import type { Actor } from 'xstate';
import { rangeWords } from '../../view/failure.js';
import { t } from '../../i18n/index.js';
import type { FormState } from '../../machine/context.js';
import { fieldLength } from '../../machine/forms.js';
import type { AuditMachine } from '../../machine/machine.js';
import { mode } from '../../machine/selectors.js';
import type { AuditView } from '../../screens/view.js';
import type { Decoded, Paste } from './key-decoder.js';
import type { KeyPress } from './keys.js';

/** The open form with a code field focused; undefined elsewhere (the button, another screen). */
function focusedField(v: AuditView): FormState | undefined {
  const form = v.context.form;
  if (form === undefined || mode(v) !== 'form' || form.focus >= form.fields.length) return undefined;
  return form;
}

/** Digits typed in the open code form, all fields together; undefined outside a code field. */
export function typedDigits(v: AuditView): number | undefined {
  const form = focusedField(v);
  return form?.fields.reduce((n, f) => n + f.length, 0);
}

const isDigit = (p: Decoded) => p.kind === 'char' && p.char >= '0' && p.char <= '9';
const isOther = (p: Decoded) => p.kind === 'char' && !isDigit(p);

/**
 * A paste into the focused code field, whole or not at all: the DIGITS event when every digit
 * fits, else nothing (the digits are zeroed); the words say which. Outside a code field, nothing.
 */
function paste(p: Paste, actor: Actor<AuditMachine>): string | undefined {
  const form = focusedField(actor.getSnapshot());
  const length = form && fieldLength(form, form.focus);
  if (form === undefined || length === undefined) {
    p.digits.wipe();
    return undefined;
  }
  const range = rangeWords(length);
  const room = length.max - (form.fields[form.focus]?.length ?? 0);
  let refusal: string | undefined;
  if (p.overflow) refusal = t('form.paste.huge');
  else if (p.others > 0) refusal = t('form.paste.letters', { others: p.others });
  else if (p.digits.length === 0) refusal = t('form.paste.empty');
  else if (p.digits.length > room) {
    refusal =
      room === length.max
        ? t('form.paste.tooLong', { pasted: p.digits.length, range })
        : t('form.paste.noRoom', { pasted: p.digits.length, room, range });
  }
  if (refusal !== undefined) {
    p.digits.wipe();
    return refusal;
  }
  actor.send({ type: 'DIGITS', digits: p.digits });
  return undefined;
}

/**
 * Handles one chunk of keys (one key, a paste, or a burst from a slow link) with `handle`, each
 * against the snapshot of its time, and returns the hint the chunk leaves (undefined: none).
 */
export function pressChunk(presses: readonly Decoded[], actor: Actor<AuditMachine>, handle: (p: KeyPress) => void): string | undefined {
  // Digits and other characters arriving together in a code field: a paste without its markers.
  if (typedDigits(actor.getSnapshot()) !== undefined && presses.some(isDigit) && presses.some(isOther)) {
    for (const p of presses) if (p.kind === 'ctrl-c') handle(p);
    return t('form.burst.mixed');
  }
  let hint: string | undefined;
  let dropped = 0;
  let full: string | undefined;
  for (const press of presses) {
    if (press.kind === 'paste') {
      hint = paste(press, actor);
      continue;
    }
    const v = actor.getSnapshot();
    const before = typedDigits(v);
    hint = before !== undefined && isOther(press) ? t('form.digitsOnly') : undefined;
    handle(press);
    if (!isDigit(press) || before === undefined) continue;
    if ((typedDigits(actor.getSnapshot()) ?? before) === before) {
      dropped += 1;
      const form = focusedField(v);
      const length = form && fieldLength(form, form.focus);
      if (length !== undefined) full = rangeWords(length);
    }
  }
  return dropped > 0 && full !== undefined ? t('form.full', { n: dropped, range: full }) : hint;
}
