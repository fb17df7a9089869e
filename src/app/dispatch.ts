// From an intent (keys.ts) to the machine event it stands for. Intents the machine does not
// own (quit, scrolling, the demo card) are handled by the app and return undefined here.

import { digitsEvent, type AuditEvent, type Tab } from '../machine/events.js';
import type { AuditView } from '../screens/view.js';
import type { Intent, KeyPress } from './keys.js';

const TAB_OF: Partial<Record<Intent, Tab>> = { 'tab-1': 'info', 'tab-2': 'situations', 'tab-3': 'certificates' };

export function eventFor(intent: Intent, press: KeyPress, v: AuditView): AuditEvent | undefined {
  const tab = TAB_OF[intent];
  if (tab !== undefined) return { type: 'TAB', tab };
  switch (intent) {
    case 'help':
      return { type: 'HELP_OPEN' };
    case 'close-help':
      return { type: 'HELP_CLOSE' };
    case 'open-unblock':
      return { type: 'OPEN_UNBLOCK' };
    case 'open-change':
      return { type: 'OPEN_CHANGE' };
    case 'tab-previous':
      return { type: 'PREV_TAB' };
    case 'tab-next':
      return { type: 'NEXT_TAB' };
    case 'choose-reader':
      return { type: 'CHOOSE_READER' };
    case 'start-test':
      return { type: 'START_TEST' };
    case 'digit':
      return press.kind === 'char' ? digitsEvent(press.char) : undefined;
    case 'backspace':
      return { type: 'BACKSPACE' };
    case 'next-field':
      return { type: 'NEXT_FIELD' };
    case 'previous-field':
      return { type: 'PREV_FIELD' };
    case 'submit':
      return { type: 'SUBMIT' };
    case 'toggle-keypad':
      return { type: 'TOGGLE_KEYPAD' };
    case 'close-form':
    case 'close-message':
      return { type: 'CLOSE_FORM' };
    case 'confirm':
      return { type: 'CONFIRM' };
    case 'cancel':
      return { type: 'CANCEL' };
    case 'ask-situations':
      return { type: 'ASK_SITUATIONS' };
    case 'retry':
      return { type: 'RETRY' };
    case 'dismiss-notice':
      return { type: 'DISMISS_NOTICE' };
    case 'cancel-choice':
      return { type: 'CANCEL_CHOICE' };
    case 'select-reader': {
      const n = press.kind === 'char' ? Number(press.char) : NaN;
      const reader = v.context.readers[n - 1];
      return reader === undefined ? undefined : { type: 'SELECT_READER', name: reader.name };
    }
    default:
      return undefined;
  }
}
