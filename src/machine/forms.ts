// The three forms as data, and the edits the machine applies to them. A field is a SecretCode
// from the keystroke on (src/card/cps/secret-code.ts): the machine's snapshot, its events and
// anything that prints them show a mask. An edit gives a new code and zeroes the one it replaces.

import { CODE_LENGTH } from '../card/cps/codes.js';
import { SecretCode } from '../card/cps/secret-code.js';
import type { FormKind, FormState } from './context.js';

export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly length: number;
}

export const PIN_LENGTH = CODE_LENGTH.pin;
export const PUK_LENGTH = CODE_LENGTH.puk;

export const FORM_FIELDS: Readonly<Record<FormKind, readonly FieldSpec[]>> = {
  unblock: [
    { name: 'puk', label: 'Code de déblocage', length: PUK_LENGTH },
    { name: 'newPin', label: 'Nouveau code porteur', length: PIN_LENGTH },
    { name: 'confirmPin', label: 'Confirmation du nouveau code porteur', length: PIN_LENGTH },
  ],
  change: [
    { name: 'currentPin', label: 'Code porteur actuel', length: PIN_LENGTH },
    { name: 'newPin', label: 'Nouveau code porteur', length: PIN_LENGTH },
    { name: 'confirmPin', label: 'Confirmation du nouveau code porteur', length: PIN_LENGTH },
  ],
  situations: [{ name: 'pin', label: 'Code porteur', length: PIN_LENGTH }],
};

export const BUTTON_LABEL: Readonly<Record<FormKind, string>> = {
  unblock: 'Débloquer',
  change: 'Changer',
  situations: 'Lire les situations',
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
  return { kind: form.kind, fields: form.fields.map(() => SecretCode.empty), focus: 0, ...(form.error ? { error: form.error } : {}) };
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

/** Why the button of this form is disabled, or undefined when every field is ready. */
export function formBlocker(form: FormState): string | undefined {
  const newPin = field(form, 'newPin');
  const confirmPin = field(form, 'confirmPin');
  switch (form.kind) {
    case 'situations':
      return isPin(field(form, 'pin')) ? undefined : 'Code porteur incomplet (4 chiffres)';
    case 'unblock':
      if (!isPuk(field(form, 'puk'))) return 'Code de déblocage incomplet (8 chiffres)';
      break;
    case 'change':
      if (!isPin(field(form, 'currentPin'))) return 'Code porteur actuel incomplet (4 chiffres)';
      break;
  }
  if (!isPin(newPin)) return 'Nouveau code porteur incomplet (4 chiffres)';
  if (!isPin(confirmPin)) return 'Confirmation du nouveau code porteur incomplète (4 chiffres)';
  if (!newPin.equals(confirmPin)) return 'La confirmation diffère du nouveau code';
  return undefined;
}
