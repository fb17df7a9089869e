// Issue 19: the words of what the machine says as facts — the state's name, the reader line, why
// the form's button waits, the fields' names and counts, the PIN actions, why an unblock is still
// offered — from the catalogue (src/i18n), in the language chosen at start-up. The machine
// (src/machine/selectors.ts, forms.ts, unblock-resume.ts) keeps the facts and has no words.

import type { CodeLength } from '../card/cps/codes.js';
import { rangeWords } from './failure.js';
import { t, tr, type Key } from '../i18n/index.js';
import type { AuditContext, FormKind, FormState } from '../machine/context.js';
import { fieldLength, type Blocker, type FieldName, type FieldSpec } from '../machine/forms.js';
import { withCard } from '../machine/readers.js';
import { stateName, submitBlock, unblockResumeOffered, type CodeAction, type MachineView, type StateName } from '../machine/selectors.js';

/** "state.<name>" is a key of the catalogue for every name: tsc fails on a state without words. */
type StateKey = `state.${StateName}`;
const stateKeyOf = (name: StateName): Key => `state.${name}` satisfies StateKey;

/** The state in a few words, for the title bar (the screen's title is this, nothing else). */
export function stateInWords(v: MachineView): string {
  return tr(stateKeyOf(stateName(v)));
}

/** "Aucun lecteur ou carte présent." / "Un lecteur de carte connecté." / "2 lecteurs de carte connectés." */
export function readerStatusLine(c: Pick<AuditContext, 'readers'>): string {
  // Two readers or more, none with a card, say so (issue 22); none, or one empty, as the seed words it.
  if (c.readers.length > 1 && withCard(c.readers).length === 0) return t('readers.i22.allEmpty', { n: c.readers.length });
  if (c.readers.length === 0 || withCard(c.readers).length === 0) return t('readers.none');
  return c.readers.length === 1 ? t('readers.one') : t('readers.many', { n: c.readers.length });
}

/** A field's name on screen. */
export const FIELD_LABEL: Readonly<Record<FieldName, Key>> = {
  puk: 'form.field.puk',
  newPin: 'form.field.newPin',
  confirmPin: 'form.field.confirmPin',
  currentPin: 'form.field.currentPin',
  pin: 'form.field.pin',
};

/** The reason the button gives while this field is short of its rule's minimum. */
const INCOMPLETE: Readonly<Record<FieldName, Key>> = {
  puk: 'form.blocker.puk',
  newPin: 'form.blocker.newPin',
  confirmPin: 'form.blocker.confirmPin',
  currentPin: 'form.blocker.currentPin',
  pin: 'form.blocker.pin',
};

export const BUTTON_LABEL: Readonly<Record<FormKind, Key>> = {
  unblock: 'form.button.unblock',
  change: 'form.button.change',
  situations: 'form.button.situations',
  test: 'form.button.test',
};

export function fieldLabel(spec: Pick<FieldSpec, 'name'>): string {
  return tr(FIELD_LABEL[spec.name]);
}

const range = (length: CodeLength) => rangeWords(length);

/** Why the button is disabled, in words. */
export function blockerWords(b: Blocker): string {
  switch (b.kind) {
    case 'incomplete':
      return tr(INCOMPLETE[b.field], { range: range(b.length) });
    case 'tooLong':
      return t('form.blocker.tooLong', { field: tr(FIELD_LABEL[b.field]), n: b.n, range: range(b.length) });
    case 'mismatch':
      return t('form.blocker.mismatch');
    case 'sending':
      return t('form.blocker.sending');
    case 'quitting':
      return t('form.blocker.quitting');
    case 'checking':
      return t('form.blocker.checking');
    case 'unavailable':
      return t('form.blocker.unavailable');
  }
}

/** Why the form's button is disabled, in words, or undefined when SUBMIT would be taken. */
export function submitBlocker(v: MachineView): string | undefined {
  const b = submitBlock(v);
  return b === undefined ? undefined : blockerWords(b);
}

/** What to type, above the form, with the card's lengths ("le nouveau code porteur (4 à 8 chiffres)"). */
export function formHint(form: FormState): string {
  return tr(`screen.formHint.${form.kind}`, { pin: range(form.lengths.pin), puk: range(form.lengths.puk) });
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

/** "Débloquer votre code porteur" / "Changer votre code porteur"; undefined for no action. */
export function codeActionLabel(a: Pick<CodeAction, 'kind'>): string;
export function codeActionLabel(a: Pick<CodeAction, 'kind'> | undefined): string | undefined;
export function codeActionLabel(a: Pick<CodeAction, 'kind'> | undefined): string | undefined {
  return a === undefined ? undefined : t(a.kind === 'unblock' ? 'pin.unblock' : 'pin.change');
}

/** The words of the hint beside an unblock still offered after one cut short mid-write. */
export function unblockInterruptedHint(): string {
  return t('msg.unblockInterruptedHint');
}

/** Why the unblock is offered on a card whose PIN is not blocked (unblock-resume.ts), or undefined. */
export function unblockResumeHint(c: Pick<AuditContext, 'report' | 'unblockInterrupted'>): string | undefined {
  return unblockResumeOffered(c) ? unblockInterruptedHint() : undefined;
}
