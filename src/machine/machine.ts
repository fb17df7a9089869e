// The audit statechart: from "is pcscd there?" to "your PIN is unblocked, remove the card".
// State names are listed in events.ts. The machine talks to the card only through the actors
// (actors.ts); every message comes from messages.ts; every condition from guards.ts.

import { and, assign, not, setup } from 'xstate';
import { equalBytes } from '../card/bytes.js';
import { identifyCard } from '../card/cps/identify.js';
import type { CardReport } from '../card/cps/report.js';
import { isTransportError } from '../card/transport/errors.js';
import { changePin, readCard, readCodes, readSituations, unblockPin, watchTransport } from './actors.js';
import type { AuditContext, AuditInput, FormKind, FormState } from './context.js';
import { TABS, type AuditEvent } from './events.js';
import { clearedFields, deleteDigit, emptyForm, field, focusNext, focusPrevious, typeDigits } from './forms.js';
import * as G from './guards.js';
import { Secret } from './secret.js';
import {
  CARD_CANNOT_BE_UNBLOCKED,
  CARD_IN_USE,
  CHANGE_SUCCESS,
  NO_PIN_ON_CARD,
  SITUATIONS_PIN_BLOCKED,
  UNBLOCK_SUCCESS,
  classifyFailure,
  readFailureNotice,
  unrecognisedNotice,
  type OperationFailure,
} from './messages.js';
import { pickReader, selectedHasCard, withoutCard } from './readers.js';

/** The report with the counters an operation's failure revealed. */
function withCounters(report: CardReport | undefined, f: OperationFailure): CardReport | undefined {
  if (report === undefined || f.kind === 'interrupted') return report;
  const exhausted = f.kind === 'final' && f.pukExhausted === true;
  return {
    ...report,
    pin: f.pinTriesLeft === undefined ? report.pin : { ...report.pin, triesLeft: f.pinTriesLeft },
    puk:
      f.pukTriesLeft === undefined && !exhausted
        ? report.puk
        : {
            ...report.puk,
            ...(f.pukTriesLeft === undefined ? {} : { triesLeft: f.pukTriesLeft }),
            ...(exhausted ? { unblocksLeft: 0 } : {}),
          },
  };
}

function failureKind(op: FormKind, error: unknown): OperationFailure['kind'] {
  return classifyFailure(op, error).kind;
}

function secret(context: AuditContext, name: string): Secret {
  return new Secret(field(context.form, name));
}

function reader(context: AuditContext): string {
  return context.selected ?? '';
}

function onForm(context: AuditContext, edit: (f: FormState) => FormState): FormState | undefined {
  return context.form === undefined ? undefined : edit(context.form);
}

/** The context after a failed operation that returns to the form or ends in a message. */
function failed(op: FormKind, context: AuditContext, error: unknown): Partial<AuditContext> {
  const f = classifyFailure(op, error);
  const report = withCounters(context.report, f);
  if (f.kind === 'retry') {
    return { report, form: context.form && { ...clearedFields(context.form), error: f.notice } };
  }
  return { report, outcome: f.notice, form: context.form && clearedFields(context.form) };
}

export const auditMachine = setup({
  types: {
    context: {} as AuditContext,
    events: {} as AuditEvent,
    input: {} as AuditInput,
  },
  actors: { watchTransport, readCard, readCodes, readSituations, unblockPin, changePin },
  guards: {
    serviceDown: ({ context }) => G.serviceDown(context),
    accessRefused: ({ context }) => G.accessRefused(context),
    noReaderUsable: ({ context }) => G.noReaderUsable(context),
    mustChoose: ({ context }) => G.mustChoose(context),
    selectedWithoutCard: ({ context }) => G.selectedWithoutCard(context),
    selectedInUse: ({ context }) => G.selectedInUse(context),
    selectedHasCard: ({ context }) => G.selectedHasCard(context),
    cardCameBack: ({ context }) => context.cardLeft && G.selectedHasCard(context),
    severalReaders: ({ context }) => context.readers.length > 1,
    readersEventDropsSelectedCard: ({ context, event }) =>
      event.type === 'TRANSPORT.READERS' && G.dropsSelectedCard(context.selected, event.readers),
    readersEventSwapsCard: ({ context, event }) => {
      if (event.type !== 'TRANSPORT.READERS' || context.report === undefined) return false;
      const atr = event.readers.find((r) => r.name === context.selected)?.atr;
      return atr !== undefined && !equalBytes(atr, context.report.identity.atr);
    },
    noReaderLeft: ({ event }) => event.type === 'TRANSPORT.READERS' && event.readers.length === 0,
    readerExists: ({ context, event }) =>
      event.type === 'SELECT_READER' && context.readers.some((r) => r.name === event.name),
    canReturnToCard: ({ context }) =>
      context.report !== undefined && context.report.reader === context.selected && G.selectedHasCard(context),
    codeStateIs: ({ context }, params: { is: G.CodeState }) => G.codeState(context.report) === params.is,
    codeStateIsNot: ({ context }, params: { is: G.CodeState }) => G.codeState(context.report) !== params.is,
    pinBlocked: ({ context }) => G.pinIsBlocked(context.report),
    hasNoPin: ({ context }) => context.report?.identity.hasPin === false,
    cardCannotBeUnblocked: ({ context }) => G.codeState(context.report) === 'pukUnusable',
    canOpenUnblock: ({ context }) => G.canOpenUnblock(context),
    canOpenChange: ({ context }) => G.canOpenChange(context),
    notQuitting: ({ context }) => !context.quitRequested,
    pukWellFormed: ({ context }) => G.pukWellFormed(context),
    pinWellFormed: ({ context }) => G.pinWellFormed(context),
    pinsMatch: ({ context }) => G.pinsMatch(context),
    canSubmitUnblock: ({ context }) => G.canSubmitUnblock(context),
    canSubmitChange: ({ context }) => G.canSubmitChange(context),
    canSubmitSituations: ({ context }) => G.canSubmitSituations(context),
    isLastPukTry: ({ context }) => G.isLastPukTry(context),
    isLastPinTry: ({ context }) => G.isLastPinTry(context),
  },
  actions: {
    assignReaders: assign(({ context, event }) => {
      if (event.type !== 'TRANSPORT.READERS') return {};
      return {
        readers: event.readers,
        cardLeft: context.cardLeft || G.dropsSelectedCard(context.selected, event.readers),
      };
    }),
    assignService: assign(({ context, event }) => {
      if (event.type !== 'TRANSPORT.SERVICE') return {};
      if (event.service.status === 'up') return { serviceError: undefined };
      // While pcscd is down no reader list arrives: what we knew is gone.
      return { serviceError: event.service.error, readers: [], cardLeft: context.selected !== undefined || context.cardLeft };
    }),
    pickReader: assign(({ context }) => {
      const p = pickReader(context);
      return { selected: p.selected, readerProblem: p.readerProblem };
    }),
    chooseReader: assign(({ event }) => (event.type === 'SELECT_READER' ? { selected: event.name, userChose: true } : {})),
    setTab: assign(({ context, event }) => {
      const i = TABS.indexOf(context.tab);
      if (event.type === 'TAB') return { tab: event.tab };
      if (event.type === 'NEXT_TAB') return { tab: TABS[(i + 1) % TABS.length] ?? 'info' };
      if (event.type === 'PREV_TAB') return { tab: TABS[(i + TABS.length - 1) % TABS.length] ?? 'info' };
      return {};
    }),
    openForm: assign((_, params: { kind: FormKind }) => ({ form: emptyForm(params.kind), notice: undefined, outcome: undefined })),
    clearForm: assign({ form: undefined }),
    typeDigits: assign(({ context, event }) =>
      event.type === 'DIGITS' ? { form: onForm(context, (f) => typeDigits(f, event.text)) } : {},
    ),
    deleteDigit: assign(({ context }) => ({ form: onForm(context, deleteDigit) })),
    focusNext: assign(({ context }) => ({ form: onForm(context, focusNext) })),
    focusPrevious: assign(({ context }) => ({ form: onForm(context, focusPrevious) })),
    startSending: assign(({ context }) => ({
      cardLeft: false,
      form: context.form && { ...context.form, error: undefined },
    })),
    clearOutcome: assign({ outcome: undefined }),
  },
}).createMachine({
  id: 'audit',
  context: ({ input }) => ({
    transport: input.transport,
    cards: input.cards,
    isCps: input.isCps ?? ((atr) => identifyCard(atr).model !== 'inconnu'),
    forcedReader: input.reader,
    readers: [],
    userChose: false,
    cardLeft: false,
    tab: 'info',
    helpOpen: false,
    quitRequested: false,
  }),
  invoke: { src: 'watchTransport', input: ({ context }) => ({ transport: context.transport }) },
  initial: 'starting',
  on: {
    'TRANSPORT.READERS': { target: '.route', actions: 'assignReaders' },
    'TRANSPORT.SERVICE': { target: '.route', actions: 'assignService' },
    HELP_OPEN: { actions: assign({ helpOpen: true }) },
    HELP_CLOSE: { actions: assign({ helpOpen: false }) },
    QUIT: { actions: assign({ quitRequested: true }) },
    DISMISS_NOTICE: { actions: assign({ notice: undefined }) },
  },
  states: {
    starting: {},

    // Where the reader list and the service say we are. Left at once.
    route: {
      entry: 'pickReader',
      always: [
        { guard: 'accessRefused', target: 'accessRefused' },
        { guard: 'serviceDown', target: 'serviceUnavailable' },
        { guard: 'noReaderUsable', target: 'noReader' },
        { guard: 'mustChoose', target: 'choosingReader' },
        { guard: 'selectedWithoutCard', target: 'noCard' },
        { guard: 'selectedInUse', target: 'cardInUse' },
        { target: 'reading' },
      ],
    },

    serviceUnavailable: {},
    accessRefused: {},
    noReader: {},
    noCard: {
      on: { CHOOSE_READER: { guard: 'severalReaders', target: 'choosingReader' } },
    },

    choosingReader: {
      on: {
        // The list stays open while readers come and go; the user decides.
        'TRANSPORT.READERS': [
          { guard: 'noReaderLeft', target: 'route', actions: 'assignReaders' },
          { actions: 'assignReaders' },
        ],
        SELECT_READER: { guard: 'readerExists', target: 'route', actions: 'chooseReader' },
        CANCEL_CHOICE: { guard: 'canReturnToCard', target: 'card' },
      },
    },

    cardInUse: {
      entry: assign({ problem: CARD_IN_USE }),
      after: { 2000: 'route' },
      on: { RETRY: 'reading' },
    },

    reading: {
      entry: assign({ problem: undefined }),
      invoke: {
        src: 'readCard',
        input: ({ context }) => ({ cards: context.cards, reader: reader(context) }),
        onDone: [
          {
            guard: ({ event }) => event.output.identity.supported,
            target: 'card',
            actions: assign(({ event }) => ({ report: event.output, situations: undefined, tab: 'info' as const })),
          },
          {
            target: 'cardUnrecognised',
            actions: assign(({ event }) => ({ report: event.output, situations: undefined, problem: unrecognisedNotice(event.output) })),
          },
        ],
        onError: [
          { guard: ({ event }) => isTransportError(event.error, 'card-in-use'), target: 'cardInUse' },
          {
            guard: ({ event }) => isTransportError(event.error, 'card-removed') || isTransportError(event.error, 'reader-removed'),
            target: 'route',
            actions: assign(({ context }) => ({ readers: withoutCard(context.readers, context.selected) })),
          },
          {
            guard: ({ event }) => isTransportError(event.error, 'service-unavailable') || isTransportError(event.error, 'access-refused'),
            target: 'route',
            actions: assign(({ event }) => ({ serviceError: isTransportError(event.error) ? event.error : undefined, readers: [] })),
          },
          { target: 'readFailed', actions: assign(({ event }) => ({ problem: readFailureNotice(event.error) })) },
        ],
      },
      on: {
        'TRANSPORT.READERS': [
          { guard: 'readersEventDropsSelectedCard', target: 'route', actions: 'assignReaders' },
          { actions: 'assignReaders' },
        ],
      },
    },

    cardUnrecognised: {
      on: {
        'TRANSPORT.READERS': [
          { guard: 'readersEventDropsSelectedCard', target: 'route', actions: 'assignReaders' },
          { actions: 'assignReaders' },
        ],
        CHOOSE_READER: { guard: 'severalReaders', target: 'choosingReader' },
        RETRY: 'reading',
      },
    },

    readFailed: {
      on: {
        'TRANSPORT.READERS': [
          { guard: 'readersEventDropsSelectedCard', target: 'route', actions: 'assignReaders' },
          { actions: 'assignReaders' },
        ],
        CHOOSE_READER: { guard: 'severalReaders', target: 'choosingReader' },
        RETRY: 'reading',
      },
    },

    card: {
      type: 'parallel',
      on: {
        'TRANSPORT.READERS': [
          { guard: 'readersEventDropsSelectedCard', target: 'route', actions: 'assignReaders' },
          // Another card in the same reader between two reports: read it.
          { guard: 'readersEventSwapsCard', target: 'reading', actions: 'assignReaders' },
          { actions: 'assignReaders' },
        ],
      },
      states: {
        codes: {
          initial: 'evaluating',
          states: {
            evaluating: {
              always: [
                { guard: { type: 'codeStateIs', params: { is: 'noPin' } }, target: 'noPin' },
                { guard: { type: 'codeStateIs', params: { is: 'pukUnusable' } }, target: 'pukUnusable' },
                { guard: { type: 'codeStateIs', params: { is: 'pinBlocked' } }, target: 'pinBlocked' },
                { guard: { type: 'codeStateIs', params: { is: 'pinOk' } }, target: 'pinOk' },
                { target: 'unknown' },
              ],
            },
            pinOk: { always: { guard: { type: 'codeStateIsNot', params: { is: 'pinOk' } }, target: 'evaluating' } },
            pinBlocked: { always: { guard: { type: 'codeStateIsNot', params: { is: 'pinBlocked' } }, target: 'evaluating' } },
            // Nothing done on this card can leave these two: only another read (a new `card`) can.
            pukUnusable: {},
            noPin: {},
            unknown: { always: { guard: { type: 'codeStateIsNot', params: { is: 'unknown' } }, target: 'evaluating' } },
          },
        },

        view: {
          initial: 'browsing',
          states: {
            browsing: {
              on: {
                TAB: { actions: 'setTab' },
                NEXT_TAB: { actions: 'setTab' },
                PREV_TAB: { actions: 'setTab' },
                // A card that can no longer be unblocked offers no unblock at all (the screen says why).
                OPEN_UNBLOCK: { guard: 'canOpenUnblock', target: 'unblock' },
                OPEN_CHANGE: { guard: 'canOpenChange', target: 'change' },
                ASK_SITUATIONS: [
                  { guard: 'hasNoPin', actions: assign({ notice: NO_PIN_ON_CARD }) },
                  { guard: 'pinBlocked', actions: assign({ notice: SITUATIONS_PIN_BLOCKED, tab: 'situations' as const }) },
                  { guard: 'notQuitting', target: 'situations', actions: assign({ tab: 'situations' as const }) },
                ],
                CHOOSE_READER: { guard: 'severalReaders', target: '#audit.choosingReader' },
              },
            },

            situations: {
              entry: { type: 'openForm', params: { kind: 'situations' } },
              exit: 'clearForm',
              initial: 'checking',
              on: { CLOSE_FORM: 'browsing' },
              states: {
                checking: {
                  invoke: {
                    src: 'readCodes',
                    input: ({ context }) => ({ cards: context.cards, reader: reader(context) }),
                    onDone: {
                      target: 'entering',
                      actions: assign(({ context, event }) => ({
                        report: context.report && { ...context.report, pin: event.output.pin, puk: event.output.puk },
                      })),
                    },
                    onError: 'entering',
                  },
                  on: {
                    DIGITS: { actions: 'typeDigits' },
                    BACKSPACE: { actions: 'deleteDigit' },
                    NEXT_FIELD: { actions: 'focusNext' },
                    PREV_FIELD: { actions: 'focusPrevious' },
                  },
                },
                entering: {
                  always: { guard: 'pinBlocked', target: '#audit.card.view.browsing', actions: assign({ notice: SITUATIONS_PIN_BLOCKED }) },
                  on: {
                    DIGITS: { actions: 'typeDigits' },
                    BACKSPACE: { actions: 'deleteDigit' },
                    NEXT_FIELD: { actions: 'focusNext' },
                    PREV_FIELD: { actions: 'focusPrevious' },
                    SUBMIT: [
                      { guard: and(['canSubmitSituations', 'isLastPinTry']), target: 'confirmLastTry' },
                      { guard: 'canSubmitSituations', target: 'sending' },
                    ],
                  },
                },
                confirmLastTry: {
                  on: { CONFIRM: { guard: 'notQuitting', target: 'sending' }, CANCEL: 'entering' },
                },
                sending: {
                  entry: 'startSending',
                  invoke: {
                    src: 'readSituations',
                    input: ({ context }) => ({ cards: context.cards, reader: reader(context), pin: secret(context, 'pin') }),
                    onDone: {
                      target: '#audit.card.view.browsing',
                      actions: assign(({ context, event }) => ({
                        situations: event.output,
                        tab: 'situations' as const,
                        // A right PIN restores its tries.
                        report: context.report && { ...context.report, pin: { ...context.report.pin, triesLeft: context.report.pin.maxTries ?? context.report.pin.triesLeft } },
                      })),
                    },
                    onError: [
                      { guard: ({ event }) => failureKind('situations', event.error) === 'retry', target: 'entering', actions: assign(({ context, event }) => failed('situations', context, event.error)) },
                      {
                        guard: ({ event }) => failureKind('situations', event.error) === 'interrupted',
                        target: '#audit.interrupted',
                        actions: assign(({ event }) => ({ notice: classifyFailure('situations', event.error).notice })),
                      },
                      {
                        target: '#audit.card.view.browsing',
                        actions: assign(({ context, event }) => {
                          const f = failed('situations', context, event.error);
                          return { ...f, notice: f.outcome, outcome: undefined };
                        }),
                      },
                    ],
                  },
                  on: {
                    'TRANSPORT.READERS': { actions: 'assignReaders' },
                    'TRANSPORT.SERVICE': { actions: 'assignService' },
                    CLOSE_FORM: {},
                  },
                },
              },
            },

            unblock: {
              entry: { type: 'openForm', params: { kind: 'unblock' } },
              exit: 'clearForm',
              initial: 'checking',
              on: { CLOSE_FORM: 'browsing' },
              states: {
                checking: {
                  invoke: {
                    src: 'readCodes',
                    input: ({ context }) => ({ cards: context.cards, reader: reader(context) }),
                    onDone: {
                      target: 'entering',
                      actions: assign(({ context, event }) => ({
                        report: context.report && { ...context.report, pin: event.output.pin, puk: event.output.puk },
                      })),
                    },
                    onError: 'entering',
                  },
                  on: {
                    DIGITS: { actions: 'typeDigits' },
                    BACKSPACE: { actions: 'deleteDigit' },
                    NEXT_FIELD: { actions: 'focusNext' },
                    PREV_FIELD: { actions: 'focusPrevious' },
                  },
                },
                entering: {
                  always: [
                    // The counters just read say there is nothing left to unblock with, or nothing to unblock.
                    { guard: 'cardCannotBeUnblocked', target: 'final', actions: assign({ outcome: CARD_CANNOT_BE_UNBLOCKED }) },
                    { guard: not('pinBlocked'), target: '#audit.card.view.browsing' },
                  ],
                  on: {
                    DIGITS: { actions: 'typeDigits' },
                    BACKSPACE: { actions: 'deleteDigit' },
                    NEXT_FIELD: { actions: 'focusNext' },
                    PREV_FIELD: { actions: 'focusPrevious' },
                    SUBMIT: [
                      { guard: and(['canSubmitUnblock', 'isLastPukTry']), target: 'confirmLastTry' },
                      { guard: 'canSubmitUnblock', target: 'sending' },
                    ],
                  },
                },
                confirmLastTry: {
                  on: { CONFIRM: { guard: 'notQuitting', target: 'sending' }, CANCEL: 'entering' },
                },
                sending: {
                  entry: 'startSending',
                  invoke: {
                    src: 'unblockPin',
                    input: ({ context }) => ({
                      cards: context.cards,
                      reader: reader(context),
                      puk: secret(context, 'puk'),
                      newPin: secret(context, 'newPin'),
                    }),
                    onDone: { target: '#audit.done', actions: assign({ outcome: UNBLOCK_SUCCESS, notice: undefined }) },
                    onError: [
                      { guard: ({ event }) => failureKind('unblock', event.error) === 'retry', target: 'entering', actions: assign(({ context, event }) => failed('unblock', context, event.error)) },
                      {
                        guard: ({ event }) => failureKind('unblock', event.error) === 'interrupted',
                        target: '#audit.interrupted',
                        actions: assign(({ event }) => ({ notice: classifyFailure('unblock', event.error).notice })),
                      },
                      { target: 'final', actions: assign(({ context, event }) => failed('unblock', context, event.error)) },
                    ],
                  },
                  on: {
                    'TRANSPORT.READERS': { actions: 'assignReaders' },
                    'TRANSPORT.SERVICE': { actions: 'assignService' },
                    CLOSE_FORM: {},
                  },
                },
                // A message that ends the flow (PUK blocked or exhausted...): Esc reads the card again.
                final: {
                  on: { CLOSE_FORM: { target: '#audit.reading', actions: 'clearOutcome' } },
                },
              },
            },

            change: {
              entry: { type: 'openForm', params: { kind: 'change' } },
              exit: 'clearForm',
              initial: 'checking',
              on: { CLOSE_FORM: 'browsing' },
              states: {
                checking: {
                  invoke: {
                    src: 'readCodes',
                    input: ({ context }) => ({ cards: context.cards, reader: reader(context) }),
                    onDone: {
                      target: 'entering',
                      actions: assign(({ context, event }) => ({
                        report: context.report && { ...context.report, pin: event.output.pin, puk: event.output.puk },
                      })),
                    },
                    onError: 'entering',
                  },
                  on: {
                    DIGITS: { actions: 'typeDigits' },
                    BACKSPACE: { actions: 'deleteDigit' },
                    NEXT_FIELD: { actions: 'focusNext' },
                    PREV_FIELD: { actions: 'focusPrevious' },
                  },
                },
                entering: {
                  always: { guard: 'pinBlocked', target: '#audit.card.view.browsing' },
                  on: {
                    DIGITS: { actions: 'typeDigits' },
                    BACKSPACE: { actions: 'deleteDigit' },
                    NEXT_FIELD: { actions: 'focusNext' },
                    PREV_FIELD: { actions: 'focusPrevious' },
                    SUBMIT: [
                      { guard: and(['canSubmitChange', 'isLastPinTry']), target: 'confirmLastTry' },
                      { guard: 'canSubmitChange', target: 'sending' },
                    ],
                  },
                },
                confirmLastTry: {
                  on: { CONFIRM: { guard: 'notQuitting', target: 'sending' }, CANCEL: 'entering' },
                },
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
                    onDone: { target: '#audit.done', actions: assign({ outcome: CHANGE_SUCCESS, notice: undefined }) },
                    onError: [
                      { guard: ({ event }) => failureKind('change', event.error) === 'retry', target: 'entering', actions: assign(({ context, event }) => failed('change', context, event.error)) },
                      {
                        guard: ({ event }) => failureKind('change', event.error) === 'interrupted',
                        target: '#audit.interrupted',
                        actions: assign(({ event }) => ({ notice: classifyFailure('change', event.error).notice })),
                      },
                      { target: 'final', actions: assign(({ context, event }) => failed('change', context, event.error)) },
                    ],
                  },
                  on: {
                    'TRANSPORT.READERS': { actions: 'assignReaders' },
                    'TRANSPORT.SERVICE': { actions: 'assignService' },
                    CLOSE_FORM: {},
                  },
                },
                final: {
                  on: { CLOSE_FORM: { target: '#audit.reading', actions: 'clearOutcome' } },
                },
              },
            },
          },
        },
      },
    },

    // After a success: the holder removes the card, then puts it back; it is read again.
    done: {
      initial: 'waitRemoval',
      exit: 'clearOutcome',
      on: { 'TRANSPORT.READERS': { actions: 'assignReaders' } },
      states: {
        waitRemoval: { always: { guard: not('selectedHasCard'), target: 'waitReinsert' } },
        waitReinsert: { always: { guard: 'selectedHasCard', target: '#audit.reading' } },
      },
    },

    // The card (or pcscd) went away during a PIN operation: wait for the card, then show its true state.
    interrupted: {
      entry: assign(({ context }) => ({ cardLeft: context.cardLeft || !selectedHasCard(context) })),
      always: [
        { guard: 'serviceDown', target: 'route' },
        { guard: 'cardCameBack', target: 'reading' },
      ],
      on: {
        'TRANSPORT.READERS': { actions: 'assignReaders' },
        RETRY: { guard: 'selectedHasCard', target: 'reading' },
      },
    },
  },
});

export type AuditMachine = typeof auditMachine;
