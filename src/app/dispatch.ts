// From an intent (keys.ts) to the machine event it stands for, as a table. Intents the machine
// does not own (quit, scrolling, the save dialog, the demo card) are the key handler's
// (key-handler.ts) and have no event here.

import { digitsEvent, type AuditEvent, type Tab } from '../machine/events.js';
import type { AuditView } from '../screens/view.js';
import type { Intent, KeyPress } from './keys.js';

const TAB_OF: Partial<Record<Intent, Tab>> = { 'tab-1': 'info', 'tab-2': 'situations', 'tab-3': 'certificates' };

/** The machine's events that carry nothing but their type. */
type BareEvent = AuditEvent extends infer E ? (E extends AuditEvent ? (keyof E extends 'type' ? E : never) : never) : never;

/** The intents that stand for one event whatever the key: the event's type. */
const PLAIN: Partial<Record<Intent, BareEvent['type']>> = {
  help: 'HELP_OPEN',
  'close-help': 'HELP_CLOSE',
  'open-unblock': 'OPEN_UNBLOCK',
  'open-change': 'OPEN_CHANGE',
  'tab-previous': 'PREV_TAB',
  'tab-next': 'NEXT_TAB',
  'choose-reader': 'CHOOSE_READER',
  'start-test': 'START_TEST',
  backspace: 'BACKSPACE',
  'next-field': 'NEXT_FIELD',
  'previous-field': 'PREV_FIELD',
  submit: 'SUBMIT',
  'toggle-keypad': 'TOGGLE_KEYPAD',
  'close-form': 'CLOSE_FORM',
  'close-message': 'CLOSE_FORM',
  confirm: 'CONFIRM',
  cancel: 'CANCEL',
  'ask-situations': 'ASK_SITUATIONS',
  retry: 'RETRY',
  'dismiss-notice': 'DISMISS_NOTICE',
  'cancel-choice': 'CANCEL_CHOICE',
};

export function eventFor(intent: Intent, press: KeyPress, v: AuditView): AuditEvent | undefined {
  const tab = TAB_OF[intent];
  if (tab !== undefined) return { type: 'TAB', tab };
  const plain = PLAIN[intent];
  if (plain !== undefined) return { type: plain };
  if (intent === 'digit') return press.kind === 'char' ? digitsEvent(press.char) : undefined;
  if (intent === 'select-reader') {
    const reader = v.context.readers[(press.kind === 'char' ? Number(press.char) : NaN) - 1];
    return reader === undefined ? undefined : { type: 'SELECT_READER', name: reader.name };
  }
  return undefined;
}
