// The one key handler of the tool: a decoded key and where the user is (the machine's snapshot,
// the save dialog, the exported certificates' message) become a machine event or an action of the
// app (quit, scroll, the demo's card, the save dialog, the certificates written). The full screen
// (app.tsx) and the accessible mode (accessible.ts) both call pressKey with their own effects;
// neither decides what a key does. Keys are read against the snapshot of their time.

import type { CardReport } from '../../card/cps/report.js';
import { digitsEvent, type AuditEvent, type Tab } from '../../machine/events.js';
import { isPinOperationInFlight, mode, topState } from '../../machine/selectors.js';
import type { AuditView } from '../../screens/view.js';
import { defaultBundleName, saveBundleFromScreen } from '../commands/bundle.js';
import { resolveKey, type Intent, type KeyMode, type KeyPress } from './keys.js';
import { editLine, insertText, lineOf, type EditKey, type EditLine } from './line-edit.js';
import { defaultReportName, reportFromScreen, saveReport } from '../save-report.js';

/** The save dialog (key s, or b for the support file): the app's own state, never the machine's. */
export interface SaveState {
  /** bundle (key b, issue 22): the file for the support ticket instead of the card's report. */
  readonly kind?: 'bundle';
  readonly step: 'edit' | 'confirm' | 'done';
  /** The file name being typed, with its cursor (line-edit.ts). */
  readonly line: EditLine;
  readonly error?: string;
  readonly existing?: readonly string[];
  readonly saved?: { readonly text: string; readonly json: string };
}

export const SAVE_VIEW = { edit: 'save', confirm: 'save-confirm', done: 'save-done' } as const;

export type ScrollIntent = Extract<Intent, 'scroll-up' | 'scroll-down' | 'page-up' | 'page-down'>;

/** Where the user is, as far as a key is concerned. */
export interface KeyScreen {
  /** The machine's latest snapshot (read from the actor at the time of the key). */
  readonly view: AuditView;
  readonly demo: boolean;
  readonly save: SaveState | undefined;
  /** The certificates' message (key e) is shown, until closed. */
  readonly exported: boolean;
  /** The content is taller than the screen (the full screen only; the accessible mode scrolls nothing). */
  readonly scrollable?: boolean;
  /** The terminal is too small to draw: only the ways out work. */
  readonly tooSmall?: boolean;
}

/** What a key does outside the machine; the runtime carries it out. */
export interface KeyEffects {
  readonly send: (event: AuditEvent) => void;
  readonly quit: () => void;
  readonly toggleCard: () => void;
  readonly scroll: (intent: ScrollIntent) => void;
  readonly setSave: (next: SaveState | undefined) => void;
  readonly exportCerts: (report: CardReport) => void;
  readonly closeExported: () => void;
}

/** What the save needs besides the screen: the tool's version, the folder of a relative name, the time. */
export interface SaveContext {
  readonly version: string;
  readonly cwd: string;
  readonly now?: () => Date;
}

// ——— Where the user is, for the key table: the machine's own `mode` selector, plus which events
// the machine would take now (the guards stay the only judges). ———

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

// ——— From an intent to the machine event it stands for, as a table. Intents the machine does
// not own (quit, scrolling, the save dialog, the demo card) are pressKey's own. ———

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

// ——— The one key handler. ———

/** The key table's view of the screen: the save dialog and the certificates' message come first. */
export function screenMode(s: KeyScreen): KeyMode {
  if (s.save !== undefined) return { demo: s.demo, view: SAVE_VIEW[s.save.step] };
  if (s.exported) return { demo: s.demo, view: 'save-done' };
  return { ...keyMode(s.view, s.demo), ...(s.scrollable !== undefined ? { scrollable: s.scrollable } : {}) };
}

/** The save dialog, opened with its default name: s for the card's report, b for the support file. */
export function openSave(kind: 'report' | 'bundle', view: AuditView, now: Date): SaveState {
  if (kind === 'bundle') return { kind: 'bundle', step: 'edit', line: lineOf(defaultBundleName(now)) };
  return { step: 'edit', line: lineOf(defaultReportName(view.context.report, now)) };
}

/** The file name field's editing keys, as a shell's (line-edit.ts); undefined: not an editing key. */
export function editKeyOf(press: KeyPress): EditKey | undefined {
  switch (press.kind) {
    case 'left':
      return 'left';
    case 'right':
      return 'right';
    case 'home':
      return 'start';
    case 'end':
      return 'end';
    case 'backspace':
      return 'erase-before';
    case 'delete':
      return 'erase-at';
    case 'ctrl':
      return CTRL_EDIT[press.char];
    default:
      return undefined;
  }
}

const CTRL_EDIT: Readonly<Record<string, EditKey>> = {
  a: 'start',
  e: 'end',
  b: 'left',
  f: 'right',
  h: 'erase-before',
  d: 'erase-at',
  u: 'kill-before',
  k: 'kill-after',
  w: 'kill-word',
};

/** Enter in the save dialog (or o to replace): the files written, or why not, as the dialog's next state. */
export function attemptSave(dialog: SaveState, replace: boolean, view: AuditView, demo: boolean, ctx: SaveContext): SaveState | undefined {
  const card = view.context.report;
  if (card === undefined) return undefined;
  const path = dialog.line.text;
  const now = ctx.now?.() ?? new Date();
  if (dialog.kind === 'bundle') {
    const b = saveBundleFromScreen(path, card, view.context.readers, demo, ctx.version, ctx.cwd);
    if (b.kind === 'saved') return { kind: 'bundle', step: 'done', line: dialog.line, saved: { text: b.text, json: b.json } };
    return { kind: 'bundle', step: 'edit', line: dialog.line, error: b.message };
  }
  const result = saveReport(path, reportFromScreen(card, demo, ctx.version, now, view.context.cardTest), replace, ctx.cwd);
  if (result.kind === 'saved') return { step: 'done', line: dialog.line, saved: { text: result.text, json: result.json } };
  if (result.kind === 'exists') return { step: 'confirm', line: dialog.line, existing: result.paths };
  return { step: 'edit', line: dialog.line, error: result.message };
}

/** A key while the save dialog is open: the name edited, submitted, a file replaced or kept, the dialog closed. */
function saveKey(press: KeyPress, dialog: SaveState, s: KeyScreen, fx: KeyEffects, ctx: SaveContext): void {
  const intent = resolveKey(press, screenMode(s));
  const kind = dialog.kind !== undefined ? { kind: dialog.kind } : {};
  switch (intent) {
    case 'quit':
      return fx.quit();
    case 'save-submit':
      return fx.setSave(attemptSave(dialog, false, s.view, s.demo, ctx));
    case 'save-replace':
      return fx.setSave(attemptSave(dialog, true, s.view, s.demo, ctx));
    case 'save-keep':
      return fx.setSave({ ...kind, step: 'edit', line: dialog.line });
    case 'save-cancel':
    case 'save-close':
      return fx.setSave(undefined);
    default:
      break;
  }
  if (dialog.step !== 'edit') return;
  // Typing clears the last error: it was about the name as it was.
  const edit = editKeyOf(press);
  if (edit !== undefined) return fx.setSave({ ...kind, step: 'edit', line: editLine(dialog.line, edit) });
  if (press.kind === 'char') return fx.setSave({ ...kind, step: 'edit', line: insertText(dialog.line, press.char) });
}

/** The one way a key acts, in both modes. */
export function pressKey(press: KeyPress, s: KeyScreen, fx: KeyEffects, ctx: SaveContext): void {
  if (s.tooSmall === true) {
    if (press.kind === 'ctrl-c' || (press.kind === 'char' && press.char === 'q')) fx.quit();
    return;
  }
  if (s.save !== undefined) return saveKey(press, s.save, s, fx, ctx);
  const intent = resolveKey(press, screenMode(s));
  if (s.exported) {
    // Issue 21: the certificates' message, closed as the save's is.
    if (intent === 'quit') fx.quit();
    else if (intent === 'save-close') fx.closeExported();
    return;
  }
  if (intent === undefined) return;
  switch (intent) {
    case 'open-save':
    case 'open-bundle':
      return fx.setSave(openSave(intent === 'open-bundle' ? 'bundle' : 'report', s.view, ctx.now?.() ?? new Date()));
    case 'export-certs': {
      const report = s.view.context.report;
      if (report !== undefined) fx.exportCerts(report);
      return;
    }
    case 'quit':
      return fx.quit();
    case 'scroll-up':
    case 'scroll-down':
    case 'page-up':
    case 'page-down':
      return fx.scroll(intent);
    case 'toggle-card':
      return fx.toggleCard();
    default: {
      const event = eventFor(intent, press, s.view);
      if (event === undefined) return;
      // Enter on a button the machine would not take (a field short of digits) sends nothing.
      if (event.type === 'SUBMIT' && !s.view.can(event)) return;
      fx.send(event);
    }
  }
}
