// The one-line hint a code field gives about the last keys, the same in the full screen and in
// the accessible mode: a non-digit key (AZERTY's top row types &é"'( without Shift) says "digits
// only"; a paste longer than the field says how many digits were pasted and how many kept (never
// which: the code stays out of every message). Any other key takes the hint away.

import type { Actor } from 'xstate';
import { t } from '../i18n/index.js';
import type { AuditMachine } from '../machine/machine.js';
import { mode } from '../machine/selectors.js';
import type { AuditView } from '../screens/view.js';
import type { KeyPress } from './keys.js';

/** Digits typed in the open code form, all fields together; undefined outside a code field. */
export function typedDigits(v: AuditView): number | undefined {
  const form = v.context.form;
  if (form === undefined || mode(v) !== 'form' || form.focus >= form.fields.length) return undefined;
  return form.fields.reduce((n, f) => n + f.length, 0);
}

const isDigit = (p: KeyPress) => p.kind === 'char' && p.char >= '0' && p.char <= '9';

/**
 * Handles one chunk of keys (one key, or a paste, or a burst from a slow link) with `handle`,
 * each against the snapshot of its time, and returns the hint the chunk leaves (undefined: none).
 */
export function pressChunk(presses: readonly KeyPress[], actor: Actor<AuditMachine>, handle: (p: KeyPress) => void): string | undefined {
  let hint: string | undefined;
  let pasted = 0;
  let kept = 0;
  for (const press of presses) {
    const before = typedDigits(actor.getSnapshot());
    hint = before !== undefined && press.kind === 'char' && !isDigit(press) ? t('form.digitsOnly') : undefined;
    handle(press);
    if (!isDigit(press) || before === undefined) continue;
    pasted += 1;
    kept += Math.max(0, (typedDigits(actor.getSnapshot()) ?? before) - before);
  }
  return pasted > 1 && kept < pasted ? t('form.pasted', { pasted, kept }) : hint;
}
