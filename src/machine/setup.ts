// The machine's vocabulary: its types, actors, named guards and named actions. The states that
// use them are in machine.ts (the flow) and form-states.ts (the three code forms).

import { assign, raise, setup } from 'xstate';
import { equalBytes } from '../card/bytes.js';
import type { CardReport, CodeStatus, PracticeSituation, Readable } from '../card/cps/report.js';
import {
  changePin,
  inspectCard,
  readCard,
  readCodes,
  readRest,
  readSituations,
  testCard,
  unblockPin,
  watchTransport,
  type ReadOutput,
} from './actors.js';
import type { CardTestResult } from '../card/cps/card-test.js';
import type { AuditContext, AuditInput, FormKind, FormState, Notice, Operation } from './context.js';
import { TABS, type AuditEvent, type Tab } from './events.js';
import type { CodeOperation } from '../card/cps/card-service.js';
import type { SecretCode } from '../card/cps/secret-code.js';
import {
  FORM_FIELDS,
  clearedFields,
  deleteDigit,
  emptyForm,
  field,
  firstTypedField,
  focusNext,
  focusPrevious,
  lengthsOf,
  typeDigits,
  wipeFields,
} from './forms.js';
import { keypadFields, keypadOffered } from './keypad.js';
import * as G from './guards.js';
import { OperationFailed, ReadFailed } from './actors.js';
import { classifyFailure, classifyReadFailure, type OperationFailure, type ReadFailure } from './messages.js';
import { pickReader, withoutCard } from './readers.js';
import { FORGET_UNBLOCK, afterInterruptedUnblock, rememberUnblock, unblockOffered } from './unblock-resume.js';

/** The report with the counters an operation's failure revealed. */
function withCounters(report: CardReport | undefined, f: OperationFailure): CardReport | undefined {
  if (report === undefined || f.kind === 'interrupted' || f.kind === 'reread') return report;
  if (f.kind === 'confirm') return mergeCounters(report, f.counters);
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

/** A code of the open form (a SecretCode: no snapshot shows it). */
export function secret(context: AuditContext, name: string): SecretCode {
  return field(context.form, name);
}

/**
 * What the card layer checks before it sends a code: the card on screen (its serial; null when
 * it was unreadable there) and whether the user confirmed a last (or unknown) try.
 */
export function codeOperation(context: AuditContext): CodeOperation {
  return {
    expectedSerial: G.cardSerial(context.report) ?? null,
    lastTryConfirmed: context.form?.lastTryConfirmed === true,
  };
}

/** Counters read again: a count the card gave stays known when the new read could not tell it. */
function mergeCounters(report: CardReport | undefined, codes: { pin: CodeStatus; puk: CodeStatus } | undefined): CardReport | undefined {
  if (report === undefined || codes === undefined) return report;
  const keep = <T extends CodeStatus>(old: T, fresh: T): T => ({
    ...fresh,
    triesLeft: fresh.triesLeft ?? old.triesLeft,
    maxTries: fresh.maxTries ?? old.maxTries,
    ...((fresh.length ?? old.length) ? { length: fresh.length ?? old.length } : {}),
  });
  const puk = keep(report.puk, codes.puk);
  return { ...report, pin: keep(report.pin, codes.pin), puk: { ...puk, unblocksLeft: codes.puk.unblocksLeft ?? report.puk.unblocksLeft } };
}

export function reader(context: AuditContext): string {
  return context.selected ?? '';
}

function onForm(context: AuditContext, edit: (f: FormState) => FormState): FormState | undefined {
  return context.form === undefined ? undefined : edit(context.form);
}

/** What an operation's error event means (classified once, by the actor; classifyFailure for anything else). */
function failureOf(op: Operation, event: unknown): OperationFailure {
  const e = errorOf(event);
  return e instanceof OperationFailed ? e.failure : classifyFailure(op, e);
}

/** The context after a failed operation that returns to the form or ends in a message. */
function failed(op: FormKind, context: AuditContext, event: unknown): Partial<AuditContext> {
  const f = failureOf(op, event);
  const report = withCounters(context.report, f);
  if (f.kind === 'retry') {
    if (context.form === undefined) return { report };
    const form = { ...clearedFields(context.form), error: f.notice };
    // Issue 20: the focus skips the codes typed on the reader's keypad.
    return { report, form: { ...form, focus: firstTypedField(form, keypadFields({ ...context, report, form })) } };
  }
  if (f.kind === 'confirm' || f.kind === 'reread') {
    return { report, notice: f.notice, form: context.form && clearedFields(context.form), ...rememberUnblock(op, f, context.report) };
  }
  return { report, outcome: f.notice, form: context.form && clearedFields(context.form), ...rememberUnblock(op, f, context.report) };
}

/** What a read's error event means (classified once, by the read actors: ReadFailed). */
function readFailureOf(event: unknown): ReadFailure {
  const e = errorOf(event);
  return e instanceof ReadFailed ? e.failure : classifyReadFailure(e);
}

/** The error of an actor's error event (the setup's event type does not list those events). */
function errorOf(event: unknown): unknown {
  return (event as { error?: unknown }).error;
}

function outputOf<T>(event: unknown): T | undefined {
  return (event as { output?: T }).output;
}

export const auditSetup = setup({
  types: {
    context: {} as AuditContext,
    events: {} as AuditEvent,
    input: {} as AuditInput,
  },
  actors: { watchTransport, readCard, readRest, readCodes, readSituations, unblockPin, changePin, inspectCard, testCard },
  guards: {
    serviceDown: ({ context }) => G.serviceDown(context),
    accessRefused: ({ context }) => G.accessRefused(context),
    noReaderUsable: ({ context }) => G.noReaderUsable(context),
    mustChoose: ({ context }) => G.mustChoose(context),
    selectedWithoutCard: ({ context }) => G.selectedWithoutCard(context),
    selectedInUse: ({ context }) => G.selectedInUse(context),
    selectedHasCard: ({ context }) => G.selectedHasCard(context),
    cardCameBack: ({ context }) => context.cardLeft && G.selectedHasCard(context),
    // `--reader NAME` fixes the reader: no list then.
    canChooseReader: ({ context }) => context.readers.length > 1 && context.forcedReader === undefined,
    readersEventDropsSelectedCard: ({ context, event }) =>
      event.type === 'TRANSPORT.READERS' && G.dropsSelectedCard(context.selected, event.readers),
    // Another card in the same reader: another ATR, or the same ATR after a removal (the
    // reader's event counter moved) that no list showed.
    readersEventSwapsCard: ({ context, event }) => {
      if (event.type !== 'TRANSPORT.READERS' || context.report === undefined) return false;
      const atr = event.readers.find((r) => r.name === context.selected)?.atr;
      if (atr === undefined) return false;
      return !equalBytes(atr, context.report.identity.atr) || G.cardReinserted(context.selected, context.readers, event.readers);
    },
    // The readers the tool knows would have it work with another one (a CPS came in another slot).
    // (None: two CPS came, the user is asked.)
    picksAnother: ({ context }) => pickReader(context).selected !== context.selected,
    noReaderLeft: ({ event }) => event.type === 'TRANSPORT.READERS' && event.readers.length === 0,
    readerExists: ({ context, event }) => event.type === 'SELECT_READER' && context.readers.some((r) => r.name === event.name),
    canReturnToCard: ({ context }) =>
      context.report !== undefined && context.report.reader === context.selected && G.selectedHasCard(context),
    codeStateIs: ({ context }, params: { is: G.CodeState }) => G.codeState(context.report) === params.is,
    codeStateIsNot: ({ context }, params: { is: G.CodeState }) => G.codeState(context.report) !== params.is,
    pinBlocked: ({ context }) => G.pinIsBlocked(context.report),
    hasNoPin: ({ context }) => context.report?.identity.hasPin === false,
    cardCannotBeUnblocked: ({ context }) => G.codeState(context.report) === 'pukUnusable',
    canOpenUnblock: ({ context }) => G.canOpenUnblock(context),
    unblockOffered: ({ context }) => unblockOffered(context),
    canOpenChange: ({ context }) => G.canOpenChange(context),
    notQuitting: ({ context }) => !context.quitRequested,
    pukWellFormed: ({ context }) => G.pukWellFormed(context),
    pinWellFormed: ({ context }) => G.pinWellFormed(context),
    pinsMatch: ({ context }) => G.pinsMatch(context),
    canSubmitForm: ({ context }) => G.canSubmitForm(context),
    keypadOffered: ({ context }) => keypadOffered(context),
    canSubmitUnblock: ({ context }) => G.canSubmitUnblock(context),
    canSubmitChange: ({ context }) => G.canSubmitChange(context),
    canSubmitSituations: ({ context }) => G.canSubmitSituations(context),
    // Issue 21: the card test.
    canSubmitTest: ({ context }) => G.canSubmitTest(context),
    testNeedsPin: ({ context, event }) => G.testNeedsPin({ testRun: { inspection: outputOf(event) ?? context.testRun?.inspection } }),
    canStartTest: ({ context }) => !context.quitRequested && context.report?.identity.supported === true,
    isLastPukTry: ({ context }) => G.isLastPukTry(context),
    isLastPinTry: ({ context }) => G.isLastPinTry(context),
    submitPending: ({ context }) => G.submitPending(context),
    /** After an operation's error event: what the failure means (messages.ts decides). */
    failureIs: ({ event }, params: { op: Operation; kind: OperationFailure['kind'] }) => failureOf(params.op, event).kind === params.kind,
    supportedCard: ({ event }) => outputOf<ReadOutput>(event)?.report.identity.supported === true,
    restPending: ({ context }) => context.rest !== undefined,
    /** After a read's error event: what the failure means (messages.ts decides). */
    readFailureIs: ({ event }, params: { kind: ReadFailure['kind'] }) => readFailureOf(event).kind === params.kind,
  },
  actions: {
    assignReaders: assign(({ context, event }) => {
      if (event.type !== 'TRANSPORT.READERS') return {};
      return {
        readers: event.readers,
        cardLeft:
          context.cardLeft ||
          G.dropsSelectedCard(context.selected, event.readers) ||
          G.cardReinserted(context.selected, context.readers, event.readers),
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
    setTab: assign(({ context, event }, params?: { tab: Tab }) => {
      const i = TABS.indexOf(context.tab);
      if (params !== undefined) return { tab: params.tab };
      if (event.type === 'TAB') return { tab: event.tab };
      if (event.type === 'NEXT_TAB') return { tab: TABS[(i + 1) % TABS.length] ?? 'info' };
      if (event.type === 'PREV_TAB') return { tab: TABS[(i + TABS.length - 1) % TABS.length] ?? 'info' };
      return {};
    }),
    openForm: assign(({ context }, params: { kind: FormKind }) => {
      const form = emptyForm(params.kind, lengthsOf(context.report));
      // Issue 20: the focus skips the codes typed on the reader's keypad.
      return { form: { ...form, focus: firstTypedField(form, keypadFields(context, params.kind)) }, notice: undefined, outcome: undefined };
    }),
    /** Issue 20: the codes of this form on the reader's keypad, or on the computer's keyboard; what was typed is cleared. */
    toggleKeypad: assign(({ context }) => {
      if (context.form === undefined) return {};
      const cleared = { ...clearedFields(context.form), keyboard: context.form.keyboard !== true };
      return { form: { ...cleared, focus: firstTypedField(cleared, keypadFields({ ...context, form: cleared })) } };
    }),
    clearForm: assign(({ context }) => {
      wipeFields(context.form);
      return { form: undefined };
    }),
    typeDigits: assign(({ context, event }) =>
      event.type === 'DIGITS'
        ? {
            form: onForm(context, (f) => {
              // A code typed on the reader's keypad has no field here: digits for it are dropped (zeroed).
              const spec = FORM_FIELDS[f.kind][f.focus];
              if (spec !== undefined && keypadFields(context).has(spec.name)) {
                event.digits.wipe();
                return f;
              }
              return typeDigits(f, event.digits);
            }),
          }
        : {},
    ),
    /** Enter on the button while the counters are read: kept, acted on once they are in. */
    holdSubmit: assign(({ context }) => ({ form: onForm(context, (f) => ({ ...f, submitPending: true })) })),
    resubmit: raise({ type: 'SUBMIT' }),
    releaseSubmit: assign(({ context }) => ({ form: onForm(context, ({ submitPending: _, ...f }) => f) })),
    /** To the confirmation on the counters the machine has (the card layer checks again). */
    askLastTry: assign(({ context }, params: { code: 'pin' | 'puk' }) => ({
      form: onForm(context, (f) => ({ ...f, lastTry: { code: params.code, triesLeft: context.report?.[params.code].triesLeft ?? null } })),
    })),
    confirmLastTry: assign(({ context }) => ({ form: onForm(context, (f) => ({ ...f, lastTryConfirmed: true })) })),
    cancelLastTry: assign(({ context }) => ({ form: onForm(context, ({ lastTryConfirmed: _, lastTry: __, ...f }) => f) })),
    /** The card layer found the last (or an unknown) try unconfirmed and sent nothing: ask, with its numbers. */
    askLastTryFromCard: assign(({ context, event }) => {
      const f = failureOf('unblock', event);
      if (f.kind !== 'confirm') return {};
      return {
        report: mergeCounters(context.report, f.counters),
        form: onForm(context, ({ lastTryConfirmed: _, ...form }) => ({
          ...form,
          error: undefined,
          lastTry: { code: f.code, triesLeft: f.counters[f.code].triesLeft },
        })),
      };
    }),
    deleteDigit: assign(({ context }) => ({ form: onForm(context, deleteDigit) })),
    focusNext: assign(({ context }) => ({ form: onForm(context, focusNext) })),
    focusPrevious: assign(({ context }) => ({ form: onForm(context, focusPrevious) })),
    startSending: assign(({ context }) => ({
      cardLeft: false,
      form: context.form && { ...context.form, error: undefined },
    })),
    clearOutcome: assign({ outcome: undefined }),
    /** The message that ends an operation (success, or nothing left to try). */
    conclude: assign((_, params: { outcome: Notice }) => ({ outcome: params.outcome, notice: undefined })),
    /** A message on the card screen. */
    notify: assign((_, params: { notice: Notice }) => ({ notice: params.notice })),
    showSituations: assign(({ context, event }) => ({
      situations: outputOf<readonly Readable<PracticeSituation>[]>(event),
      tab: 'situations' as const,
      // A right PIN restores its tries.
      report: context.report && {
        ...context.report,
        pin: { ...context.report.pin, triesLeft: context.report.pin.maxTries ?? context.report.pin.triesLeft },
      },
    })),
    /** A failed operation: back to the form with the card's answer, or a final message. */
    recordFailure: assign(({ context, event }, params: { op: Operation }) => failed(params.op, context, event)),
    /** A failed read of the situations that ends the form: its message goes to the card screen. */
    noteFailure: assign(({ context, event }, params: { op: Operation }) => {
      const f = failed(params.op, context, event);
      return { ...f, notice: f.outcome, outcome: undefined };
    }),
    noteInterruption: assign(({ context, event }, params: { op: Operation }) => {
      const f = failureOf(params.op, event);
      return { notice: f.notice, ...rememberUnblock(params.op, f, context.report) };
    }),
    /** A report just read: an interrupted unblock is remembered only for the card it cut short. */
    keepUnblockMemoryIfSameCard: assign(({ context, event }) => {
      const output = outputOf<ReadOutput | CardReport>(event);
      const report = output !== undefined && 'report' in output ? output.report : output;
      // After an unblock cut short on this card, the counters just read decide the words (unblock-resume.ts).
      return afterInterruptedUnblock(report, context);
    }),
    // A read that failed (machine.ts READ_FAILED).
    clearRest: assign({ rest: undefined }),
    forgetSelectedCard: assign(({ context }) => ({ readers: withoutCard(context.readers, context.selected) })),
    assignServiceError: assign(({ event }) => {
      const f = readFailureOf(event);
      return { serviceError: f.kind === 'serviceDown' ? f.error : undefined, readers: [] };
    }),
    assignReadFailure: assign(({ event }) => ({ problem: readFailureOf(event).notice })),
    /** A successful unblock or change: the holder knows the PIN the card holds. */
    forgetInterruptedUnblock: assign(FORGET_UNBLOCK),
    // Issue 21: the card test.
    startTest: assign({ testRun: {} }),
    keepInspection: assign(({ event }) => ({
      testRun: { inspection: outputOf<NonNullable<AuditContext['testRun']>['inspection']>(event) },
    })),
    declinePin: assign(({ context }) => {
      wipeFields(context.form);
      return { testRun: { ...context.testRun, declined: true as const }, form: context.form && clearedFields(context.form) };
    }),
    showTest: assign(({ event }) => ({ cardTest: outputOf<CardTestResult>(event), testRun: undefined, tab: 'info' as const })),
    refreshCodes: assign(({ context, event }) => {
      const report = mergeCounters(context.report, outputOf<{ pin: CodeStatus; puk: CodeStatus }>(event));
      // The card's rules, read with the counters, reach the open form (what was typed stays: the button says if it no longer fits).
      return { report, form: onForm(context, (f) => ({ ...f, lengths: lengthsOf(report) })) };
    }),
  },
});
