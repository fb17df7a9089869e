// The audit statechart: from "is pcscd there?" to "your PIN is unblocked, remove the card".
// State names are listed in events.ts. The machine talks to the card only through the actors
// (actors.ts); every message comes from messages.ts, every condition from guards.ts, the named
// guards and actions from setup.ts, the three code forms from form-states.ts.

import { assign, not } from 'xstate';
import { identifyCard } from '../card/cps/identify.js';
import { changeForm, situationsForm, testForm, unblockForm } from './form-states.js';
import { CARD_IN_USE, NO_PIN_ON_CARD, SITUATIONS_PIN_BLOCKED, unrecognisedNotice } from './messages.js';
import { selectedHasCard } from './readers.js';
import { auditSetup, reader } from './setup.js';
import { lengthsOf } from './forms.js';

/** The card the tool was showing left its reader: start over from the reader list. */
const CARD_LEFT = { guard: 'readersEventDropsSelectedCard', target: 'route', actions: 'assignReaders' } as const;

/**
 * A card that could not be shown (unrecognised, failed read): wait for it to leave, for a CPS in
 * another reader (the patient's Vitale card in one slot, the CPS arriving in the other), or r.
 * The CPS may have come while this card was being read (pcscd reports cards in its own order):
 * the check is on what the tool knows, on entry and after every event, not on one readers event.
 */
const AWAIT_RETRY = {
  always: { guard: 'picksAnother', target: 'route' },
  on: {
    'TRANSPORT.READERS': [CARD_LEFT, { actions: 'assignReaders' }],
    CHOOSE_READER: { guard: 'canChooseReader', target: 'choosingReader' },
    RETRY: 'reading',
  },
} as const;

/** A read that failed, at its start or while its certificates came (the first part on screen): messages.ts says what it means. */
const READ_FAILED = [
  { guard: { type: 'readFailureIs', params: { kind: 'inUse' } }, target: '#audit.cardInUse', actions: 'clearRest' },
  { guard: { type: 'readFailureIs', params: { kind: 'removed' } }, target: '#audit.route', actions: ['clearRest', 'forgetSelectedCard'] },
  {
    guard: { type: 'readFailureIs', params: { kind: 'serviceDown' } },
    target: '#audit.route',
    actions: ['clearRest', 'assignServiceError'],
  },
  { target: '#audit.readFailed', actions: ['clearRest', 'assignReadFailure'] },
] as const;

export const auditMachine = auditSetup.createMachine({
  id: 'audit',
  context: ({ input }) => ({
    transport: input.transport,
    cards: input.cards,
    isCps: input.isCps ?? ((atr) => identifyCard(atr).model !== 'inconnu'),
    forcedReader: input.reader,
    unblockInterrupted: input.unblockInterrupted,
    ...(input.pinpad === false ? { pinpadAllowed: false } : {}),
    ...(input.trust !== undefined ? { trust: input.trust } : {}),
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
    // pcscd up (at start, or back): its reader list follows and routes. Routing now, with no
    // reader known yet, would show "Aucun lecteur" until the list comes.
    'TRANSPORT.SERVICE': [
      { guard: ({ event }) => event.service.status === 'up', actions: 'assignService' },
      { target: '.route', actions: 'assignService' },
    ],
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
      on: { CHOOSE_READER: { guard: 'canChooseReader', target: 'choosingReader' } },
    },

    choosingReader: {
      on: {
        // The list stays open while readers come and go; the user decides.
        'TRANSPORT.READERS': [{ guard: 'noReaderLeft', target: 'route', actions: 'assignReaders' }, { actions: 'assignReaders' }],
        SELECT_READER: { guard: 'readerExists', target: 'route', actions: 'chooseReader' },
        CANCEL_CHOICE: { guard: 'canReturnToCard', target: 'card' },
      },
    },

    cardInUse: {
      entry: assign({ problem: CARD_IN_USE }),
      // Tried again every 2 s whatever the reader's state says: pcscd does not always signal that
      // another program let go of its exclusive hold (the reader would stay "in use" for good).
      after: { 2000: 'reading' },
      on: { RETRY: 'reading' },
    },

    // The first part of the card (holder, codes); its certificates follow in `card.rest`.
    reading: {
      entry: assign({ problem: undefined, rest: undefined }),
      invoke: {
        src: 'readCard',
        input: ({ context }) => ({ cards: context.cards, reader: reader(context) }),
        onDone: [
          {
            guard: 'supportedCard',
            target: 'card',
            actions: [
              'keepUnblockMemoryIfSameCard',
              assign(({ event }) => ({
                report: event.output.report,
                rest: event.output.rest,
                situations: undefined,
                tab: 'info' as const,
              })),
            ],
          },
          {
            target: 'cardUnrecognised',
            actions: [
              'keepUnblockMemoryIfSameCard',
              assign(({ event }) => ({
                report: event.output.report,
                situations: undefined,
                problem: unrecognisedNotice(event.output.report),
              })),
            ],
          },
        ],
        onError: READ_FAILED,
      },
      on: {
        'TRANSPORT.READERS': [CARD_LEFT, { actions: 'assignReaders' }],
      },
    },

    cardUnrecognised: AWAIT_RETRY,

    readFailed: AWAIT_RETRY,

    card: {
      type: 'parallel',
      on: {
        'TRANSPORT.READERS': [
          CARD_LEFT,
          // Another card in the same reader between two reports: read it.
          { guard: 'readersEventSwapsCard', target: 'reading', actions: 'assignReaders' },
          { actions: 'assignReaders' },
        ],
      },
      states: {
        // The same read's certificates, coming while the first part is on screen (a tab says so).
        rest: {
          initial: 'checking',
          states: {
            checking: { always: [{ guard: 'restPending', target: 'coming' }, { target: 'complete' }] },
            coming: {
              invoke: {
                src: 'readRest',
                input: ({ context }) => ({ rest: context.rest! }),
                onDone: {
                  target: 'complete',
                  // The full read brings the codes' lengths (the AODF comes after the first part): a form open meanwhile takes them (issue 17).
                  actions: assign(({ context, event }) => ({
                    report: event.output,
                    rest: undefined,
                    ...(context.form ? { form: { ...context.form, lengths: lengthsOf(event.output) } } : {}),
                  })),
                },
                onError: READ_FAILED,
              },
            },
            complete: {},
          },
        },

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
                // A card that can no longer be unblocked offers no unblock at all (the screen says why);
                // one whose last unblock was cut short mid-write still offers it (unblock-resume.ts).
                OPEN_UNBLOCK: { guard: 'canOpenUnblock', target: 'unblock' },
                OPEN_CHANGE: { guard: 'canOpenChange', target: 'change' },
                ASK_SITUATIONS: [
                  { guard: 'hasNoPin', actions: { type: 'notify', params: { notice: NO_PIN_ON_CARD } } },
                  {
                    guard: 'pinBlocked',
                    actions: [
                      { type: 'notify', params: { notice: SITUATIONS_PIN_BLOCKED } },
                      { type: 'setTab', params: { tab: 'situations' } },
                    ],
                  },
                  { guard: 'notQuitting', target: 'situations', actions: { type: 'setTab', params: { tab: 'situations' } } },
                ],
                CHOOSE_READER: { guard: 'canChooseReader', target: '#audit.choosingReader' },
                // Issue 21: `t`, the card test.
                START_TEST: { guard: 'canStartTest', target: 'test' },
              },
            },

            situations: situationsForm,
            unblock: unblockForm,
            change: changeForm,
            test: testForm,
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
