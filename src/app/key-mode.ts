// Where the user is, for the key table: read from the machine's snapshot, asking the machine
// which events it would take (the guards stay the only judges).

import type { Operation } from '../machine/context.js';
import type { AuditView } from '../screens/view.js';
import type { KeyMode } from './keys.js';

const OPERATIONS: readonly Operation[] = ['unblock', 'change', 'situations'];

function step(v: AuditView, op: Operation, s: string): boolean {
  return v.matches({ card: { view: { [op]: s } } });
}

export function keyMode(v: AuditView, demo: boolean): KeyMode {
  const c = v.context;
  const flags = {
    demo,
    canUnblock: v.can({ type: 'OPEN_UNBLOCK' }),
    canChange: v.can({ type: 'OPEN_CHANGE' }),
    canChooseReader: v.can({ type: 'CHOOSE_READER' }),
    canAskSituations: c.tab === 'situations' && c.situations === undefined && v.can({ type: 'ASK_SITUATIONS' }),
    canRetry: v.can({ type: 'RETRY' }),
    hasNotice: c.notice !== undefined && v.can({ type: 'DISMISS_NOTICE' }),
    readerCount: v.matches('choosingReader') ? Math.min(9, c.readers.length) : 0,
    canCancelChoice: v.can({ type: 'CANCEL_CHOICE' }),
  };
  if (c.helpOpen) return { ...flags, view: 'help' };
  for (const op of OPERATIONS) {
    if (!v.matches({ card: { view: op } })) continue;
    if (step(v, op, 'confirmLastTry')) return { ...flags, view: 'confirm' };
    if (step(v, op, 'final')) return { ...flags, view: 'message' };
    if (step(v, op, 'sending')) return { ...flags, view: 'busy' };
    const onButton = c.form !== undefined && c.form.focus >= c.form.fields.length;
    return { ...flags, view: 'form', focus: onButton ? 'button' : 'field' };
  }
  if (v.matches('choosingReader')) return { ...flags, view: 'readers' };
  if (v.matches('card')) return { ...flags, view: 'card' };
  return { ...flags, view: 'other' };
}

/** A PIN operation is talking to the card: quitting now could leave it half-way. */
export function operationInFlight(v: AuditView): boolean {
  return OPERATIONS.some((op) => step(v, op, 'sending'));
}
