// Pure readings of the machine's snapshot for the view and the app: the state's name, why the
// form's button is disabled and the PIN actions, as facts (the view, src/view/words.ts, words
// them). They take any object with the snapshot's `context`, `matches` and `can` (the real
// snapshot fits). No words here.

import type { SnapshotFrom } from 'xstate';
import type { AuditContext, FormKind, Operation } from './context.js';
import type { AuditMachine } from './machine.js';
import type { AuditEvent } from './events.js';
import { formBlocker, type Blocker } from './forms.js';
import { keypadFields, keypadOffered } from './keypad.js';
import { codeState } from './code-state.js';
import { unblockOffered, unblockResumeOffered } from './unblock-resume.js';
import { codesOf } from '../card/cps/standing.js';

/**
 * A state of this machine, as its snapshot's `matches` takes it ('card', { done: 'waitRemoval' },
 * { card: { view: { unblock: 'sending' } } }): typed from the machine itself, so that a renamed
 * or misspelt state fails `tsc` wherever a screen or the app asks for it.
 */
export type StateTest = Parameters<SnapshotFrom<AuditMachine>['matches']>[0];

type CardTest = Exclude<NonNullable<Extract<StateTest, { card?: unknown }>['card']>, string>;
type ViewTest = Exclude<NonNullable<CardTest['view']>, string>;
/** The steps of a code form (card.view.<op>.<step>); for a union of forms, a step of any of them. */
export type FormStep<Op extends Operation = Operation> = ViewTest extends infer U
  ? U extends unknown
    ? Op extends keyof U
      ? NonNullable<U[Op]>
      : never
    : never
  : never;

/** card.view.<op>.<step>, for a form known only at run time. */
export function formStep<Op extends Operation>(op: Op, step: FormStep<Op>): StateTest {
  // tsc does not check a computed key against the states: the parameters above carry the check.
  return { card: { view: { [op]: step } } };
}

export interface MachineView {
  readonly context: AuditContext;
  matches(value: StateTest): boolean;
  can(event: AuditEvent): boolean;
}

const OPERATIONS: readonly Operation[] = ['unblock', 'change', 'situations', 'test'];

/** The form `op` is at `step`. */
export function inStep(v: MachineView, op: Operation, step: FormStep): boolean {
  return v.matches(formStep(op, step));
}

/**
 * The operation's notice is shown on the card screen, and also while the service is down or the
 * card away after it: an operation cut by pcscd stopping is said at once, not once pcscd is back.
 */
export function noticeShown(v: MachineView): boolean {
  return v.context.notice !== undefined && (v.matches('card') || v.matches('serviceUnavailable') || v.matches('interrupted'));
}

// The machine's top-level states (events.ts lists them), as the view and the app ask for them;
// each a state of the machine (`StateTest`): a renamed one fails tsc here.
const TOP_STATES = [
  'starting',
  'route',
  'serviceUnavailable',
  'accessRefused',
  'noReader',
  'noCard',
  'choosingReader',
  'cardInUse',
  'reading',
  'cardUnrecognised',
  'readFailed',
  'card',
  'done',
  'interrupted',
] as const satisfies readonly StateTest[];

export type TopState = (typeof TOP_STATES)[number];

/** Which top-level state the machine is in (undefined once it has stopped). */
export function topState(v: MachineView): TopState | undefined {
  return TOP_STATES.find((s) => v.matches(s));
}

/** After a successful unblock or change: waiting for the card to be taken out, then put back. */
export function doneStep(v: MachineView): 'waitRemoval' | 'waitReinsert' | undefined {
  if (v.matches({ done: 'waitRemoval' })) return 'waitRemoval';
  return v.matches({ done: 'waitReinsert' }) ? 'waitReinsert' : undefined;
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

/** Why the form's button is disabled (a fact: src/view/words.ts words it), or undefined when SUBMIT would be taken. */
export function submitBlock(v: MachineView): Blocker | undefined {
  const op = openOperation(v);
  const form = v.context.form;
  if (op === undefined || form === undefined) return undefined;
  if (inStep(v, op, 'sending')) return { kind: 'sending' };
  const checking = inStep(v, op, 'checking');
  if (!checking && !inStep(v, op, 'entering')) return undefined;
  if (v.context.quitRequested) return { kind: 'quitting' };
  // What the holder can fix comes first; then the tries being read (the button waits for them).
  const blocker = formBlocker(form, keypadFields(v.context));
  if (blocker !== undefined) return blocker;
  if (checking) return { kind: 'checking' };
  return v.can({ type: 'SUBMIT' }) ? undefined : { kind: 'unavailable' };
}

export interface CodeAction {
  /** The key that opens it, as the screen shows it ("[d]"). */
  readonly key: 'c' | 'd';
  readonly event: 'OPEN_UNBLOCK' | 'OPEN_CHANGE';
  /** Its words are the view's (src/view/words.ts, codeActionLabel). */
  readonly kind: Extract<FormKind, 'unblock' | 'change'>;
}

const UNBLOCK: CodeAction = { key: 'd', event: 'OPEN_UNBLOCK', kind: 'unblock' };
const CHANGE: CodeAction = { key: 'c', event: 'OPEN_CHANGE', kind: 'change' };

type CodeContext = Pick<AuditContext, 'report' | 'unblockInterrupted'>;

/**
 * The actions of "Gestion code porteur": unblock when the PIN is blocked (and can be), change
 * otherwise, and both when this card's last unblock was cut short mid-write (unblock-resume.ts).
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

/** The unblock is offered on a card whose PIN is not blocked, as the last one was cut short (unblock-resume.ts). */
export { unblockResumeOffered };

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

/** The state's name (the view words it, "state.<name>" in the catalogue): the title bar's. */
export type StateName =
  | Exclude<TopState, 'route' | 'card' | 'done'>
  | 'doneRemove'
  | 'doneReinsert'
  | 'unknown'
  | 'inFlight'
  | 'pukLastTry'
  | 'pinBlocked'
  | 'pukUnusable'
  | 'noPin'
  | 'pinLastTry'
  | 'fewUnblocks'
  | 'pinOk'
  | 'read';

const STATE_NAMES: readonly (readonly [StateTest, StateName])[] = [
  ['starting', 'starting'],
  ['serviceUnavailable', 'serviceUnavailable'],
  ['accessRefused', 'accessRefused'],
  ['noReader', 'noReader'],
  ['noCard', 'noCard'],
  ['choosingReader', 'choosingReader'],
  ['cardInUse', 'cardInUse'],
  ['reading', 'reading'],
  ['cardUnrecognised', 'cardUnrecognised'],
  ['readFailed', 'readFailed'],
  ['interrupted', 'interrupted'],
];

export function stateName(v: MachineView): StateName {
  for (const [state, name] of STATE_NAMES) if (v.matches(state)) return name;
  if (v.matches({ done: 'waitRemoval' })) return 'doneRemove';
  if (v.matches({ done: 'waitReinsert' })) return 'doneReinsert';
  if (!v.matches('card')) return 'unknown';
  if (isPinOperationInFlight(v)) return 'inFlight';
  const r = v.context.report;
  if (r === undefined) return 'read';
  // How the codes stand is the card layer's (card/cps/standing.ts); the title names what matters
  // most: a card beyond unblocking, then a last try (the unblock code's when the PIN is blocked:
  // report/warnings.ts says it too, and the exit code is 12), then a blocked PIN.
  const s = codesOf(r);
  if (s.codes === 'pukUnusable') return 'pukUnusable';
  if (s.codes === 'noPin') return 'noPin';
  if (s.lastTry === 'pin') return 'pinLastTry';
  if (s.lastTry === 'puk') return 'pukLastTry';
  if (s.codes === 'pinBlocked') return 'pinBlocked';
  if (s.codes === 'unknown') return 'read';
  return s.unblocks === 'few' || s.unblocks === 'last' ? 'fewUnblocks' : 'pinOk';
}

/**
 * Issue 20: what the open form says of the reader's keypad: the codes typed there, their lengths
 * (from the card's AODF, where the read gave them), whether the holder chose the keyboard, and
 * whether the reader builds the new PIN too. Undefined: no keypad (or `--no-pinpad`).
 */
export interface KeypadHelp {
  readonly onKeypad: ReadonlySet<string>;
  readonly keyboardChosen: boolean;
  readonly newPinOnKeyboard: boolean;
  readonly lengths?: import('../card/cps/keypad.js').KeypadLengths;
}

export function keypadHelp(c: AuditContext): KeypadHelp | undefined {
  if (c.form === undefined || !keypadOffered(c)) return undefined;
  const onKeypad = keypadFields(c);
  return {
    onKeypad,
    keyboardChosen: c.form.keyboard === true,
    newPinOnKeyboard: c.form.keyboard !== true && c.form.kind !== 'situations' && !onKeypad.has('newPin'),
    ...(c.report?.keypadLengths ? { lengths: c.report.keypadLengths } : {}),
  };
}
