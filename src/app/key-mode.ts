// Where the user is, for the key table: the machine's own `mode` selector, plus which events the
// machine would take now (the guards stay the only judges).

import { isPinOperationInFlight, mode, topState } from '../machine/selectors.js';
import type { AuditView } from '../screens/view.js';
import type { KeyMode } from './keys.js';

export function keyMode(v: AuditView, demo: boolean): KeyMode {
  const c = v.context;
  const flags = {
    demo,
    canUnblock: v.can({ type: 'OPEN_UNBLOCK' }),
    canChange: v.can({ type: 'OPEN_CHANGE' }),
    canTest: v.can({ type: 'START_TEST' }),
    canChooseReader: v.can({ type: 'CHOOSE_READER' }),
    canAskSituations: c.tab === 'situations' && c.situations === undefined && v.can({ type: 'ASK_SITUATIONS' }),
    canRetry: v.can({ type: 'RETRY' }),
    hasNotice: c.notice !== undefined && v.can({ type: 'DISMISS_NOTICE' }),
    readerCount: topState(v) === 'choosingReader' ? Math.min(9, c.readers.length) : 0,
    canCancelChoice: v.can({ type: 'CANCEL_CHOICE' }),
  };
  const view = mode(v);
  const complete = view === 'card' && c.report !== undefined && c.rest === undefined;
  if (view !== 'form') {
    const canExportCerts = complete && c.tab === 'certificates' && c.report?.certificates.some((x) => x.ok) === true;
    return { ...flags, view, canSave: complete, ...(canExportCerts ? { canExportCerts } : {}) };
  }
  const onButton = c.form !== undefined && c.form.focus >= c.form.fields.length;
  return { ...flags, view, focus: onButton ? 'button' : 'field', canToggleKeypad: v.can({ type: 'TOGGLE_KEYPAD' }) };
}

/** A PIN operation is talking to the card: quitting now could leave it half-way. */
export const operationInFlight = isPinOperationInFlight;
