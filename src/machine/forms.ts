// The three forms as data, and the edits the machine applies to them. A field is a SecretCode
// from the keystroke on (src/card/cps/secret-code.ts): the machine's snapshot, its events and
// anything that prints them show a mask. An edit gives a new code and zeroes the one it replaces.
// How many digits each field takes is the card's rule (src/card/cps/codes.ts), carried by the
// form (`lengths`, from the report's codes; the default until the card has said).

import { DEFAULT_LENGTHS, fitsLength, type CodeLength, type CodeLengths } from '../card/cps/codes.js';
import type { CodeName } from '../card/cps/errors.js';
import { SecretCode } from '../card/cps/secret-code.js';
import type { CardReport } from '../card/cps/report.js';
import { tr, type Key } from '../i18n/index.js';
import type { FormKind, FormState } from './context.js';

/** A code's rule in words (these words move to the view with the forms': src/view/failure.ts has the same). */
const rangeWords = (l: CodeLength): string =>
  l.min === l.max ? tr('codes.range.fixed', { n: l.min }) : tr('codes.range.span', { min: l.min, max: l.max });

export interface FieldSpec {
  readonly name: string;
  /** Its name on screen, a catalogue key. */
  readonly label: Key;
  /** Which code it holds: its length is that code's rule. */
  readonly code: CodeName;
  /** The reason the button gives while this field is short of its rule's minimum. */
  readonly incomplete: Key;
}

export const FORM_FIELDS: Readonly<Record<FormKind, readonly FieldSpec[]>> = {
  unblock: [
    { name: 'puk', label: 'form.field.puk', code: 'puk', incomplete: 'form.blocker.puk' },
    { name: 'newPin', label: 'form.field.newPin', code: 'pin', incomplete: 'form.blocker.newPin' },
    { name: 'confirmPin', label: 'form.field.confirmPin', code: 'pin', incomplete: 'form.blocker.confirmPin' },
  ],
  change: [
    { name: 'currentPin', label: 'form.field.currentPin', code: 'pin', incomplete: 'form.blocker.currentPin' },
    { name: 'newPin', label: 'form.field.newPin', code: 'pin', incomplete: 'form.blocker.newPin' },
    { name: 'confirmPin', label: 'form.field.confirmPin', code: 'pin', incomplete: 'form.blocker.confirmPin' },
  ],
  situations: [{ name: 'pin', label: 'form.field.pin', code: 'pin', incomplete: 'form.blocker.pin' }],
  test: [{ name: 'pin', label: 'form.field.pin', code: 'pin', incomplete: 'form.blocker.pin' }],
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

export const BUTTON_LABEL: Readonly<Record<FormKind, Key>> = {
  unblock: 'form.button.unblock',
  change: 'form.button.change',
  situations: 'form.button.situations',
  test: 'form.button.test',
};

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

/** What to type, above the form, with the card's lengths ("le nouveau code porteur (4 à 8 chiffres)"). */
export function formHint(form: FormState): string {
  return tr(`screen.formHint.${form.kind}`, { pin: rangeWords(form.lengths.pin), puk: rangeWords(form.lengths.puk) });
}

/** "3/8 chiffres" for a fixed length, "6 chiffres (4 à 8)" for a range: field `i`'s count. */
export function fieldCount(form: FormState, i: number): string {
  const length = fieldLength(form, i);
  const typed = form.fields[i]?.length ?? 0;
  if (length === undefined) return '';
  return length.min === length.max
    ? tr('form.typed', { typed, length: length.max })
    : tr('form.typedSpan', { typed, min: length.min, max: length.max });
}

/** Why the button is disabled, in the catalogue's words: a key and its params. */
export interface Blocker {
  readonly key: Key;
  readonly params?: Readonly<Record<string, string | number>>;
}

export function blockerWords(b: Blocker): string {
  return tr(b.key, b.params);
}

/** The field's own reason: short of its rule (incomplete) or beyond it (too long); undefined when it fits. */
function fieldBlocker(form: FormState, i: number): Blocker | undefined {
  const spec = specs(form)[i];
  const length = fieldLength(form, i);
  const n = form.fields[i]?.length ?? 0;
  if (spec === undefined || length === undefined || fitsLength(n, length)) return undefined;
  if (n < length.min) return { key: spec.incomplete, params: { range: rangeWords(length) } };
  return { key: 'form.blocker.tooLong', params: { field: tr(spec.label), n, range: rangeWords(length) } };
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
  if (form.kind !== 'situations' && form.kind !== 'test' && !newPin.equals(confirmPin)) return { key: 'form.blocker.mismatch' };
  return undefined;
}

/** The named field fits its rule (the guards read it). */
export function fieldReady(form: FormState | undefined, name: string): boolean {
  if (form === undefined) return false;
  const i = specs(form).findIndex((s) => s.name === name);
  return i >= 0 && fieldBlocker(form, i) === undefined;
}
