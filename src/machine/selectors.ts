// Pure readings of the machine's snapshot for the screens and the app. They take any object
// with the snapshot's `context`, `matches` and `can` (the real snapshot fits).

import type { AuditContext, FormKind, Operation } from './context.js';
import type { AuditEvent } from './events.js';
import { formBlocker } from './forms.js';
import { codeState, unblockOffered } from './guards.js';
import { UNBLOCK_INTERRUPTED_HINT } from './messages.js';
import { withCard } from './readers.js';

export interface MachineView {
  readonly context: AuditContext;
  matches(value: string | Record<string, unknown>): boolean;
  can(event: AuditEvent): boolean;
}

const OPERATIONS: readonly Operation[] = ['unblock', 'change', 'situations'];

function inStep(v: MachineView, op: Operation, step: string): boolean {
  return v.matches({ card: { view: { [op]: step } } });
}

/** "Aucun lecteur ou carte présent." / "Un lecteur de carte connecté." / "2 lecteurs de carte connectés." */
export function readerStatusLine(c: Pick<AuditContext, 'readers'>): string {
  if (c.readers.length === 0 || withCard(c.readers).length === 0) return 'Aucun lecteur ou carte présent.';
  return c.readers.length === 1 ? 'Un lecteur de carte connecté.' : `${c.readers.length} lecteurs de carte connectés.`;
}

/** The operation whose form (or message) is open, if any. */
export function openOperation(v: MachineView): Operation | undefined {
  return OPERATIONS.find((op) => v.matches({ card: { view: op } }));
}

/** A PIN operation is talking to the card: quitting now could leave it half-way. */
export function isPinOperationInFlight(v: MachineView): boolean {
  return OPERATIONS.some((op) => inStep(v, op, 'sending'));
}

/** Ctrl-C was pressed and nothing is in flight any more: the app may leave. */
export function canQuitNow(v: MachineView): boolean {
  return v.context.quitRequested && !isPinOperationInFlight(v);
}

/** Why the form's button is disabled (French), or undefined when SUBMIT would be taken. */
export function submitBlocker(v: MachineView): string | undefined {
  const op = openOperation(v);
  const form = v.context.form;
  if (op === undefined || form === undefined) return undefined;
  if (inStep(v, op, 'checking')) return 'Lecture des compteurs de la carte…';
  if (inStep(v, op, 'sending')) return 'Envoi en cours…';
  if (!inStep(v, op, 'entering')) return undefined;
  if (v.context.quitRequested) return 'Fermeture de l’outil en cours';
  return formBlocker(form) ?? (v.can({ type: 'SUBMIT' }) ? undefined : 'Opération indisponible');
}

export type CodeAction =
  | { readonly label: 'Débloquer votre code porteur'; readonly event: 'OPEN_UNBLOCK'; readonly kind: FormKind }
  | { readonly label: 'Changer votre code porteur'; readonly event: 'OPEN_CHANGE'; readonly kind: FormKind };

const UNBLOCK: CodeAction = { label: 'Débloquer votre code porteur', event: 'OPEN_UNBLOCK', kind: 'unblock' };
const CHANGE: CodeAction = { label: 'Changer votre code porteur', event: 'OPEN_CHANGE', kind: 'change' };

type CodeContext = Pick<AuditContext, 'report' | 'unblockInterrupted'>;

/**
 * The actions of "Gestion code porteur": unblock when the PIN is blocked (and can be), change
 * otherwise, and both when this card's last unblock was cut short mid-write (guards.ts).
 */
export function codeActions(c: CodeContext): readonly CodeAction[] {
  switch (codeState(c.report)) {
    case 'pinBlocked':
      return [UNBLOCK];
    case 'pinOk':
    case 'unknown':
      if (!c.report?.identity.hasPin) return [];
      return unblockOffered(c) ? [CHANGE, UNBLOCK] : [CHANGE];
    case 'noPin':
    case 'pukUnusable':
      return [];
  }
}

/** The first of codeActions: the one the seed's screen offers. */
export function codeAction(c: CodeContext): CodeAction | undefined {
  return codeActions(c)[0];
}

/** Why the unblock is offered on a card whose PIN is not blocked, or undefined. */
export function unblockResumeHint(c: CodeContext): string | undefined {
  return codeState(c.report) !== 'pinBlocked' && unblockOffered(c) ? UNBLOCK_INTERRUPTED_HINT : undefined;
}

/** Which set of keys works now (the key table itself lives in src/app/keys.ts). */
export type Mode = 'help' | 'readers' | 'form' | 'confirm' | 'message' | 'busy' | 'card' | 'other';

export function mode(v: MachineView): Mode {
  if (v.context.helpOpen) return 'help';
  const op = openOperation(v);
  if (op !== undefined) {
    if (inStep(v, op, 'confirmLastTry')) return 'confirm';
    if (inStep(v, op, 'final')) return 'message';
    if (inStep(v, op, 'sending')) return 'busy';
    return 'form';
  }
  if (v.matches('choosingReader')) return 'readers';
  if (v.matches('card')) return 'card';
  return 'other';
}

/** The state in a few words, for the title bar. */
export function stateInWords(v: MachineView): string {
  const c = v.context;
  const names: readonly [string, string][] = [
    ['starting', 'Démarrage'],
    ['serviceUnavailable', 'Service PC/SC indisponible'],
    ['accessRefused', 'Accès refusé par le service PC/SC'],
    ['noReader', 'Aucun lecteur'],
    ['noCard', 'Aucune carte'],
    ['choosingReader', 'Choix du lecteur'],
    ['cardInUse', 'Carte utilisée par un autre programme'],
    ['reading', 'Lecture de la carte'],
    ['cardUnrecognised', 'Carte non reconnue'],
    ['readFailed', 'Lecture impossible'],
    ['interrupted', 'Carte retirée pendant l’opération'],
  ];
  for (const [state, words] of names) if (v.matches(state)) return words;
  if (v.matches({ done: 'waitRemoval' })) return 'Opération réussie : retirez la carte';
  if (v.matches({ done: 'waitReinsert' })) return 'Opération réussie : réinsérez la carte';
  if (isPinOperationInFlight(v)) return 'Opération en cours : ne retirez pas la carte';
  switch (codeState(c.report)) {
    case 'pinBlocked':
      return 'Carte lue : code porteur verrouillé';
    case 'pukUnusable':
      return 'Carte lue : déblocage impossible';
    case 'noPin':
      return 'Carte lue (sans contact)';
    case 'pinOk':
      return 'Carte lue : code porteur OK';
    case 'unknown':
      return 'Carte lue';
  }
}
