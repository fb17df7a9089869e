// The three code forms (situations, unblock, change), one shape: checking (the counters are read
// again as the form opens) → entering → confirmLastTry → sending → back to the form, a final
// message, success (#audit.done), #audit.interrupted, or the card read again (#audit.reading).
// The last-try rule is decided twice: here on the counters the machine has (to ask at once), and
// by the card layer on the counters it reads in the exclusive connection just before sending;
// when those say last (or unknown) try and the user had not confirmed, nothing is sent and the
// form comes back here to ask, with the fresh number.
// Every exit clears what was typed (exit: clearForm, which zeroes the codes).

import { and, not } from 'xstate';
import type { Operation } from './context.js';
import { CARD_CANNOT_BE_UNBLOCKED, CHANGE_SUCCESS, SITUATIONS_PIN_BLOCKED, UNBLOCK_SUCCESS } from './messages.js';
import { codeFor } from './keypad.js';
import { auditSetup, codeOperation, reader } from './setup.js';
import { testNeedsPin } from './guards.js';

/** Typing goes on while the counters are read: a burst of keys right after `d` is kept. */
const EDITING = {
  DIGITS: { actions: 'typeDigits' },
  BACKSPACE: { actions: 'deleteDigit' },
  NEXT_FIELD: { actions: 'focusNext' },
  PREV_FIELD: { actions: 'focusPrevious' },
} as const;

/** Issue 20: the form's codes on the reader's keypad or the computer's keyboard (its key). */
const KEYPAD_CHOICE = { TOGGLE_KEYPAD: { guard: 'keypadOffered', actions: 'toggleKeypad' } } as const;

/** While the card works, the form stays: Esc waits, and reader or pcscd news only update the lists. */
const HOLD = {
  'TRANSPORT.READERS': { actions: 'assignReaders' },
  'TRANSPORT.SERVICE': { actions: 'assignService' },
  CLOSE_FORM: {},
} as const;

/** SUBMIT: to the last-try confirmation when it applies, else straight to sending. */
function submitWhen(
  canSubmit: 'canSubmitSituations' | 'canSubmitUnblock' | 'canSubmitChange' | 'canSubmitTest',
  lastTry: 'isLastPinTry' | 'isLastPukTry',
) {
  const code = lastTry === 'isLastPukTry' ? 'puk' : 'pin';
  return [
    { guard: and([canSubmit, lastTry]), target: 'confirmLastTry', actions: { type: 'askLastTry', params: { code } } },
    { guard: canSubmit, target: 'sending' },
  ] as const;
}

/**
 * A failed operation: to the confirmation (nothing sent), back to the form (a code to retype),
 * to #audit.interrupted, the card read again, or `otherwise`.
 */
function onFailure<T>(op: Operation, otherwise: T) {
  return [
    { guard: { type: 'failureIs', params: { op, kind: 'confirm' } }, target: 'confirmLastTry', actions: 'askLastTryFromCard' },
    { guard: { type: 'failureIs', params: { op, kind: 'retry' } }, target: 'entering', actions: { type: 'recordFailure', params: { op } } },
    {
      guard: { type: 'failureIs', params: { op, kind: 'interrupted' } },
      target: '#audit.interrupted',
      actions: { type: 'noteInterruption', params: { op } },
    },
    {
      guard: { type: 'failureIs', params: { op, kind: 'reread' } },
      target: '#audit.reading',
      actions: { type: 'recordFailure', params: { op } },
    },
    otherwise,
  ] as const;
}

/** The form takes SUBMIT now: a SUBMIT kept while the counters were read is acted on. */
const RELEASE_SUBMIT = { guard: 'submitPending', actions: ['releaseSubmit', 'resubmit'] } as const;

const checking = auditSetup.createStateConfig({
  invoke: {
    src: 'readCodes',
    input: ({ context }) => ({ cards: context.cards, reader: reader(context) }),
    onDone: { target: 'entering', actions: 'refreshCodes' },
    // Without fresh counters, the ones from the read stand.
    onError: 'entering',
  },
  // An Enter on a ready form is kept: acted on (through the confirmation if need be) once the counters are in.
  on: { ...EDITING, SUBMIT: { guard: 'canSubmitForm', actions: 'holdSubmit' } },
});

const confirmLastTry = auditSetup.createStateConfig({
  on: {
    CONFIRM: { guard: 'notQuitting', target: 'sending', actions: 'confirmLastTry' },
    CANCEL: { target: 'entering', actions: 'cancelLastTry' },
  },
});

/** A message that ends the flow (PUK blocked or exhausted...): Esc reads the card again. */
const final = auditSetup.createStateConfig({
  on: { CLOSE_FORM: { target: '#audit.reading', actions: 'clearOutcome' } },
});

export const situationsForm = auditSetup.createStateConfig({
  entry: { type: 'openForm', params: { kind: 'situations' } },
  exit: 'clearForm',
  initial: 'checking',
  on: { CLOSE_FORM: 'browsing' },
  states: {
    checking,
    entering: {
      always: [
        {
          guard: 'pinBlocked',
          target: '#audit.card.view.browsing',
          actions: { type: 'notify', params: { notice: SITUATIONS_PIN_BLOCKED } },
        },
        RELEASE_SUBMIT,
      ],
      on: {
        ...EDITING,
        ...KEYPAD_CHOICE,
        SUBMIT: submitWhen('canSubmitSituations', 'isLastPinTry'),
      },
    },
    confirmLastTry,
    sending: {
      entry: 'startSending',
      invoke: {
        src: 'readSituations',
        input: ({ context }) => ({
          cards: context.cards,
          reader: reader(context),
          op: codeOperation(context),
          pin: codeFor(context, 'pin'),
        }),
        onDone: { target: '#audit.card.view.browsing', actions: 'showSituations' },
        onError: onFailure('situations', {
          target: '#audit.card.view.browsing',
          actions: { type: 'noteFailure', params: { op: 'situations' } },
        }),
      },
      on: HOLD,
    },
  },
});

export const unblockForm = auditSetup.createStateConfig({
  entry: { type: 'openForm', params: { kind: 'unblock' } },
  exit: 'clearForm',
  initial: 'checking',
  on: { CLOSE_FORM: 'browsing' },
  states: {
    checking,
    entering: {
      always: [
        // The counters just read say there is nothing left to unblock with, or nothing to unblock.
        { guard: 'cardCannotBeUnblocked', target: 'final', actions: { type: 'conclude', params: { outcome: CARD_CANNOT_BE_UNBLOCKED } } },
        { guard: not('unblockOffered'), target: '#audit.card.view.browsing' },
        RELEASE_SUBMIT,
      ],
      on: {
        ...EDITING,
        ...KEYPAD_CHOICE,
        SUBMIT: submitWhen('canSubmitUnblock', 'isLastPukTry'),
      },
    },
    confirmLastTry,
    sending: {
      entry: 'startSending',
      invoke: {
        src: 'unblockPin',
        input: ({ context }) => ({
          cards: context.cards,
          reader: reader(context),
          op: codeOperation(context),
          puk: codeFor(context, 'puk'),
          newPin: codeFor(context, 'newPin'),
        }),
        onDone: {
          target: '#audit.done',
          actions: [{ type: 'conclude', params: { outcome: UNBLOCK_SUCCESS } }, 'forgetInterruptedUnblock'],
        },
        onError: onFailure('unblock', { target: 'final', actions: { type: 'recordFailure', params: { op: 'unblock' } } }),
      },
      on: HOLD,
    },
    final,
  },
});

export const changeForm = auditSetup.createStateConfig({
  entry: { type: 'openForm', params: { kind: 'change' } },
  exit: 'clearForm',
  initial: 'checking',
  on: { CLOSE_FORM: 'browsing' },
  states: {
    checking,
    entering: {
      always: [{ guard: 'pinBlocked', target: '#audit.card.view.browsing' }, RELEASE_SUBMIT],
      on: {
        ...EDITING,
        ...KEYPAD_CHOICE,
        SUBMIT: submitWhen('canSubmitChange', 'isLastPinTry'),
      },
    },
    confirmLastTry,
    sending: {
      entry: 'startSending',
      invoke: {
        src: 'changePin',
        input: ({ context }) => ({
          cards: context.cards,
          reader: reader(context),
          op: codeOperation(context),
          currentPin: codeFor(context, 'currentPin'),
          newPin: codeFor(context, 'newPin'),
        }),
        onDone: { target: '#audit.done', actions: [{ type: 'conclude', params: { outcome: CHANGE_SUCCESS } }, 'forgetInterruptedUnblock'] },
        onError: onFailure('change', { target: 'final', actions: { type: 'recordFailure', params: { op: 'change' } } }),
      },
      on: HOLD,
    },
    final,
  },
});

/**
 * Issue 21: the card test (`t`). `checking` reads the card in full with its keys (typing already
 * works); the PIN is asked only when a key needs it and it may be sent (guards.ts testNeedsPin),
 * with the same last-try confirmation; Esc on the form declines it (the key checks needing it
 * are skipped, never guessed); `sending` runs the checks, the PIN going to the card once; `final`
 * shows them until Esc. The form's code is zeroed on every exit (clearForm) and by the card test.
 */
export const testForm = auditSetup.createStateConfig({
  entry: [{ type: 'openForm', params: { kind: 'test' } }, 'startTest'],
  exit: 'clearForm',
  initial: 'checking',
  on: { CLOSE_FORM: 'browsing' },
  states: {
    checking: {
      invoke: {
        src: 'inspectCard',
        input: ({ context }) => ({ cards: context.cards, reader: reader(context) }),
        onDone: [
          { guard: 'testNeedsPin', target: 'entering', actions: 'keepInspection' },
          { target: 'sending', actions: 'keepInspection' },
        ],
        // Read again by the test itself, whose read check then says what went wrong.
        onError: 'sending',
      },
      on: { ...EDITING, SUBMIT: { guard: 'canSubmitForm', actions: 'holdSubmit' } },
    },
    entering: {
      always: RELEASE_SUBMIT,
      on: {
        ...EDITING,
        ...KEYPAD_CHOICE,
        SUBMIT: submitWhen('canSubmitTest', 'isLastPinTry'),
        // Esc: no PIN; the checks without it run.
        CLOSE_FORM: { target: 'sending', actions: 'declinePin' },
      },
    },
    confirmLastTry,
    sending: {
      entry: 'startSending',
      invoke: {
        src: 'testCard',
        input: ({ context }) => ({
          cards: context.cards,
          reader: reader(context),
          inspection: context.testRun?.inspection,
          pin: context.testRun?.declined || context.form === undefined || !testNeedsPin(context) ? null : codeFor(context, 'pin'),
          op: codeOperation(context),
          trust: context.trust,
        }),
        onDone: { target: 'final', actions: 'showTest' },
      },
      on: HOLD,
    },
    final: {
      entry: 'clearForm',
      on: {
        // The card pulled during the test (the result says so): closing starts over from the readers.
        CLOSE_FORM: [{ guard: not('selectedHasCard'), target: '#audit.route' }, { target: '#audit.card.view.browsing' }],
      },
    },
  },
});
