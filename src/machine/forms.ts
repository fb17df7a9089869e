// The three forms as data, and the edits the machine applies to them. A field is a SecretCode
// from the keystroke on (src/card/cps/secret-code.ts): the machine's snapshot, its events and
// anything that prints them show a mask. An edit gives a new code and zeroes the one it replaces.
// How many digits each field takes is the card's rule (src/card/cps/codes.ts), carried by the
// form (`lengths`, from the report's codes; the default until the card has said).

import { DEFAULT_LENGTHS, fitsLength, type CodeLength, type CodeLengths } from '../card/cps/codes.js';
import type { CodeName } from '../card/cps/errors.js';
import { SecretCode } from '../card/cps/secret-code.js';
import type { CardReport } from '../card/cps/report.js';
import type { FormKind, FormState } from './context.js';

/** A field's name: its words (label, why it is incomplete) are the view's (src/view/words.ts). */
export type FieldName = 'puk' | 'newPin' | 'confirmPin' | 'currentPin' | 'pin';

export interface FieldSpec {
  readonly name: FieldName;
  /** Which code it holds: its length is that code's rule. */
  readonly code: CodeName;
}

export const FORM_FIELDS: Readonly<Record<FormKind, readonly FieldSpec[]>> = {
  unblock: [
    { name: 'puk', code: 'puk' },
    { name: 'newPin', code: 'pin' },
    { name: 'confirmPin', code: 'pin' },
  ],
  change: [
    { name: 'currentPin', code: 'pin' },
    { name: 'newPin', code: 'pin' },
    { name: 'confirmPin', code: 'pin' },
  ],
  situations: [{ name: 'pin', code: 'pin' }],
  test: [{ name: 'pin', code: 'pin' }],
};

/** Each code's rule as the report gives it (the card's), else the default (the card has not said yet). */
export function lengthsOf(report: Pick<CardReport, 'pin' | 'puk'> | undefined): CodeLengths {
  return { pin: report?.pin.length ?? DEFAULT_LENGTHS.pin, puk: report?.puk.length ?? DEFAULT_LENGTHS.puk };
}

/** The rule of field `i` of `form` (undefined: the button). */
export function fieldLength(form: FormState, i: number): CodeLength | undefined {
  const spec = FORM_FIELDS[form.kind][i];
  return spec === undefined ? undefined : form.lengths[spec.code];
}

export function emptyForm(kind: FormKind, lengths: CodeLengths = DEFAULT_LENGTHS): FormState {
  return { kind, lengths, fields: FORM_FIELDS[kind].map(() => SecretCode.empty), focus: 0 };
}

function specs(form: FormState): readonly FieldSpec[] {
  return FORM_FIELDS[form.kind];
}

/** The focused field replaced by `next`; the code it held is zeroed. */
function replaceFocused(form: FormState, next: SecretCode): FormState {
  const fields = form.fields.map((f, i) => (i === form.focus ? next : f));
  form.fields[form.focus]?.wipe();
  return { ...form, fields };
}

/**
 * Appends `digits` to the focused field, up to its rule's maximum; the rest is dropped (and
 * zeroed). The app says so (key-hint.ts: a full field, a paste refused whole before it comes here).
 */
export function typeDigits(form: FormState, digits: SecretCode): FormState {
  const length = fieldLength(form, form.focus);
  const current = form.fields[form.focus];
  if (length === undefined || current === undefined || digits.length === 0 || current.length >= length.max) {
    digits.wipe();
    return form;
  }
  const next = current.append(digits, length.max);
  digits.wipe();
  return replaceFocused(form, next);
}

export function deleteDigit(form: FormState): FormState {
  const current = form.fields[form.focus];
  if (current === undefined || current.length === 0) return form;
  return replaceFocused(form, current.withoutLast());
}

/** Issue 20: the first field typed on the computer (the button when every code is on the keypad). */
export function firstTypedField(form: FormState, onKeypad: ReadonlySet<string>): number {
  const i = specs(form).findIndex((s) => !onKeypad.has(s.name));
  return i < 0 ? form.fields.length : i;
}

export function focusNext(form: FormState): FormState {
  return form.focus >= form.fields.length ? form : { ...form, focus: form.focus + 1 };
}

export function focusPrevious(form: FormState): FormState {
  return form.focus <= 0 ? form : { ...form, focus: form.focus - 1 };
}

/**
 * Same kind, every field emptied (and zeroed), focus back on the first field; the error is kept,
 * a pending submit or a confirmation is not.
 */
export function clearedFields(form: FormState): FormState {
  wipeFields(form);
  return {
    kind: form.kind,
    lengths: form.lengths,
    fields: form.fields.map(() => SecretCode.empty),
    focus: 0,
    ...(form.error ? { error: form.error } : {}),
    ...(form.keyboard ? { keyboard: true } : {}),
  };
}

/** Zeroes every code of the form (it is being closed). */
export function wipeFields(form: FormState | undefined): void {
  for (const f of form?.fields ?? []) f.wipe();
}

export function field(form: FormState | undefined, name: string): SecretCode {
  if (form === undefined) return SecretCode.empty;
  const i = specs(form).findIndex((s) => s.name === name);
  return i < 0 ? SecretCode.empty : (form.fields[i] ?? SecretCode.empty);
}

/**
 * Why the button is disabled, as a fact (the view words it: src/view/words.ts): a field short of
 * its rule or beyond it, the new PIN typed twice differently, or the machine busy.
 */
export type Blocker =
  | { readonly kind: 'incomplete'; readonly field: FieldName; readonly length: CodeLength }
  | { readonly kind: 'tooLong'; readonly field: FieldName; readonly n: number; readonly length: CodeLength }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'sending' | 'quitting' | 'checking' | 'unavailable' };

/** The field's own reason: short of its rule (incomplete) or beyond it (too long); undefined when it fits. */
function fieldBlocker(form: FormState, i: number): Blocker | undefined {
  const spec = specs(form)[i];
  const length = fieldLength(form, i);
  const n = form.fields[i]?.length ?? 0;
  if (spec === undefined || length === undefined || fitsLength(n, length)) return undefined;
  if (n < length.min) return { kind: 'incomplete', field: spec.name, length };
  return { kind: 'tooLong', field: spec.name, n, length };
}

/**
 * Why the button of this form is disabled, or undefined when every field is ready. Issue 20:
 * a field typed on the reader's keypad (`onKeypad`) is not checked here; the new PIN typed twice
 * on the keypad is compared by the reader (64 02).
 */
export function formBlocker(form: FormState, onKeypad: ReadonlySet<string> = new Set()): Blocker | undefined {
  for (let i = 0; i < specs(form).length; i++) {
    if (onKeypad.has(specs(form)[i]?.name ?? '')) continue;
    const b = fieldBlocker(form, i);
    if (b !== undefined) return b;
  }
  if (onKeypad.has('newPin')) return undefined;
  const newPin = field(form, 'newPin');
  const confirmPin = field(form, 'confirmPin');
  if (form.kind !== 'situations' && form.kind !== 'test' && !newPin.equals(confirmPin)) return { kind: 'mismatch' };
  return undefined;
}

/** The named field fits its rule (the guards read it). */
export function fieldReady(form: FormState | undefined, name: string): boolean {
  if (form === undefined) return false;
  const i = specs(form).findIndex((s) => s.name === name);
  return i >= 0 && fieldBlocker(form, i) === undefined;
}
