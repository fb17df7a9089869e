// The three forms as data, and the pure edits the machine applies to them.

import type { FormKind, FormState } from './context.js';

export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly length: number;
}

export const PIN_LENGTH = 4;
export const PUK_LENGTH = 8;

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
  return { kind, fields: FORM_FIELDS[kind].map(() => ''), focus: 0 };
}

function specs(form: FormState): readonly FieldSpec[] {
  return FORM_FIELDS[form.kind];
}

/** Appends the digits of `text` to the focused field, up to its length; the rest is dropped. */
export function typeDigits(form: FormState, text: string): FormState {
  const spec = specs(form)[form.focus];
  if (spec === undefined) return form;
  const digits = text.replace(/[^0-9]/g, '');
  if (digits === '') return form;
  const current = form.fields[form.focus] ?? '';
  const next = (current + digits).slice(0, spec.length);
  if (next === current) return form;
  return { ...form, fields: form.fields.map((f, i) => (i === form.focus ? next : f)) };
}

export function deleteDigit(form: FormState): FormState {
  const current = form.fields[form.focus];
  if (current === undefined || current === '') return form;
  return { ...form, fields: form.fields.map((f, i) => (i === form.focus ? f.slice(0, -1) : f)) };
}

export function focusNext(form: FormState): FormState {
  return form.focus >= form.fields.length ? form : { ...form, focus: form.focus + 1 };
}

export function focusPrevious(form: FormState): FormState {
  return form.focus <= 0 ? form : { ...form, focus: form.focus - 1 };
}

/** Same kind, every field emptied, focus back on the first field; the error is kept. */
export function clearedFields(form: FormState): FormState {
  return { ...form, fields: form.fields.map(() => ''), focus: 0 };
}

export function field(form: FormState | undefined, name: string): string {
  if (form === undefined) return '';
  const i = specs(form).findIndex((s) => s.name === name);
  return i < 0 ? '' : (form.fields[i] ?? '');
}

export function isPin(text: string): boolean {
  return new RegExp(`^[0-9]{${PIN_LENGTH}}$`).test(text);
}

export function isPuk(text: string): boolean {
  return new RegExp(`^[0-9]{${PUK_LENGTH}}$`).test(text);
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
  if (newPin !== confirmPin) return 'La confirmation diffère du nouveau code';
  return undefined;
}
