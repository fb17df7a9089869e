// The three forms as data, and the edits the machine applies to them. A field is a SecretCode
// from the keystroke on (src/card/cps/secret-code.ts): the machine's snapshot, its events and
// anything that prints them show a mask. An edit gives a new code and zeroes the one it replaces.

import { CODE_LENGTH } from '../card/cps/codes.js';
import { SecretCode } from '../card/cps/secret-code.js';
import type { Key } from '../i18n/index.js';
import type { FormKind, FormState } from './context.js';

export interface FieldSpec {
  readonly name: string;
  /** Its name on screen, a catalogue key. */
  readonly label: Key;
  readonly length: number;
}

export const PIN_LENGTH = CODE_LENGTH.pin;
export const PUK_LENGTH = CODE_LENGTH.puk;

export const FORM_FIELDS: Readonly<Record<FormKind, readonly FieldSpec[]>> = {
  unblock: [
    { name: 'puk', label: 'form.field.puk', length: PUK_LENGTH },
    { name: 'newPin', label: 'form.field.newPin', length: PIN_LENGTH },
    { name: 'confirmPin', label: 'form.field.confirmPin', length: PIN_LENGTH },
  ],
  change: [
    { name: 'currentPin', label: 'form.field.currentPin', length: PIN_LENGTH },
    { name: 'newPin', label: 'form.field.newPin', length: PIN_LENGTH },
    { name: 'confirmPin', label: 'form.field.confirmPin', length: PIN_LENGTH },
  ],
  situations: [{ name: 'pin', label: 'form.field.pin', length: PIN_LENGTH }],
  test: [{ name: 'pin', label: 'form.field.pin', length: PIN_LENGTH }],
};

export const BUTTON_LABEL: Readonly<Record<FormKind, Key>> = {
  unblock: 'form.button.unblock',
  change: 'form.button.change',
  situations: 'form.button.situations',
  test: 'form.button.test',
};

export function emptyForm(kind: FormKind): FormState {
  return { kind, fields: FORM_FIELDS[kind].map(() => SecretCode.empty), focus: 0 };
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

/** Appends `digits` to the focused field, up to its length; the rest is dropped (and zeroed). */
export function typeDigits(form: FormState, digits: SecretCode): FormState {
  const spec = specs(form)[form.focus];
  const current = form.fields[form.focus];
  if (spec === undefined || current === undefined || digits.length === 0 || current.length >= spec.length) {
    digits.wipe();
    return form;
  }
  const next = current.append(digits, spec.length);
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

export function isPin(code: SecretCode): boolean {
  return code.length === PIN_LENGTH;
}

export function isPuk(code: SecretCode): boolean {
  return code.length === PUK_LENGTH;
}

/** Why the button of this form is disabled (a catalogue key), or undefined when every field is ready. */
export function formBlocker(form: FormState, onKeypad: ReadonlySet<string> = new Set()): Key | undefined {
  const newPin = field(form, 'newPin');
  const confirmPin = field(form, 'confirmPin');
  switch (form.kind) {
    case 'situations':
    case 'test':
      return onKeypad.has('pin') || isPin(field(form, 'pin')) ? undefined : 'form.blocker.pin';
    case 'unblock':
      if (!onKeypad.has('puk') && !isPuk(field(form, 'puk'))) return 'form.blocker.puk';
      break;
    case 'change':
      if (!onKeypad.has('currentPin') && !isPin(field(form, 'currentPin'))) return 'form.blocker.currentPin';
      break;
  }
  // Issue 20: the new PIN typed twice on the keypad is compared by the reader (64 02).
  if (onKeypad.has('newPin')) return undefined;
  if (!isPin(newPin)) return 'form.blocker.newPin';
  if (!isPin(confirmPin)) return 'form.blocker.confirmPin';
  if (!newPin.equals(confirmPin)) return 'form.blocker.mismatch';
  return undefined;
}
