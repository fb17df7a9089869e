// The three code forms (situations, unblock, change), one shape: checking (the counters are read
// again, so the last-try warning rests on fresh numbers) → entering → confirmLastTry → sending →
// back to the form, a final message, success (#audit.done) or #audit.interrupted.
// Every exit clears what was typed (exit: clearForm).

import { and, not } from 'xstate';
import type { Operation } from './context.js';
import { CARD_CANNOT_BE_UNBLOCKED, CHANGE_SUCCESS, SITUATIONS_PIN_BLOCKED, UNBLOCK_SUCCESS } from './messages.js';
import { auditSetup, reader, secret } from './setup.js';

/** Typing goes on while the counters are read: a burst of keys right after `d` is kept. */
const EDITING = {
  DIGITS: { actions: 'typeDigits' },
  BACKSPACE: { actions: 'deleteDigit' },
  NEXT_FIELD: { actions: 'focusNext' },
  PREV_FIELD: { actions: 'focusPrevious' },
} as const;

/** While the card works, the form stays: Esc waits, and reader or pcscd news only update the lists. */
const HOLD = {
  'TRANSPORT.READERS': { actions: 'assignReaders' },
  'TRANSPORT.SERVICE': { actions: 'assignService' },
  CLOSE_FORM: {},
} as const;

/** SUBMIT: to the last-try confirmation when it applies, else straight to sending. */
function submitWhen(canSubmit: 'canSubmitSituations' | 'canSubmitUnblock' | 'canSubmitChange', lastTry: 'isLastPinTry' | 'isLastPukTry') {
  return [
    { guard: and([canSubmit, lastTry]), target: 'confirmLastTry' },
    { guard: canSubmit, target: 'sending' },
  ] as const;
}

/** A failed operation: back to the form (a code to retype), to #audit.interrupted, or `otherwise`. */
function onFailure<T>(op: Operation, otherwise: T) {
  return [
    { guard: { type: 'failureIs', params: { op, kind: 'retry' } }, target: 'entering', actions: { type: 'recordFailure', params: { op } } },
    { guard: { type: 'failureIs', params: { op, kind: 'interrupted' } }, target: '#audit.interrupted', actions: { type: 'noteInterruption', params: { op } } },
    otherwise,
  ] as const;
}

const checking = auditSetup.createStateConfig({
  invoke: {
    src: 'readCodes',
    input: ({ context }) => ({ cards: context.cards, reader: reader(context) }),
    onDone: { target: 'entering', actions: 'refreshCodes' },
    // Without fresh counters, the ones from the read stand.
    onError: 'entering',
  },
  on: EDITING,
});

const confirmLastTry = auditSetup.createStateConfig({
  on: { CONFIRM: { guard: 'notQuitting', target: 'sending' }, CANCEL: 'entering' },
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
      always: { guard: 'pinBlocked', target: '#audit.card.view.browsing', actions: { type: 'notify', params: { notice: SITUATIONS_PIN_BLOCKED } } },
      on: {
        ...EDITING,
        SUBMIT: submitWhen('canSubmitSituations', 'isLastPinTry'),
      },
    },
    confirmLastTry,
    sending: {
      entry: 'startSending',
      invoke: {
        src: 'readSituations',
        input: ({ context }) => ({ cards: context.cards, reader: reader(context), pin: secret(context, 'pin') }),
        onDone: { target: '#audit.card.view.browsing', actions: 'showSituations' },
        onError: onFailure('situations', { target: '#audit.card.view.browsing', actions: { type: 'noteFailure', params: { op: 'situations' } } }),
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
      ],
      on: {
        ...EDITING,
        SUBMIT: submitWhen('canSubmitUnblock', 'isLastPukTry'),
      },
    },
    confirmLastTry,
    sending: {
      entry: 'startSending',
      invoke: {
        src: 'unblockPin',
        input: ({ context }) => ({ cards: context.cards, reader: reader(context), puk: secret(context, 'puk'), newPin: secret(context, 'newPin') }),
        onDone: { target: '#audit.done', actions: [{ type: 'conclude', params: { outcome: UNBLOCK_SUCCESS } }, 'forgetInterruptedUnblock'] },
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
      always: { guard: 'pinBlocked', target: '#audit.card.view.browsing' },
      on: {
        ...EDITING,
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
          currentPin: secret(context, 'currentPin'),
          newPin: secret(context, 'newPin'),
        }),
        onDone: { target: '#audit.done', actions: [{ type: 'conclude', params: { outcome: CHANGE_SUCCESS } }, 'forgetInterruptedUnblock'] },
        onError: onFailure('change', { target: 'final', actions: { type: 'recordFailure', params: { op: 'change' } } }),
      },
      on: HOLD,
    },
    final,
  },
});
