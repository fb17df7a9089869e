// What the interactive tool last did, read from the machine's snapshots (never from the machine's
// insides): an operation runs in `card.view.{unblock,change,situations}.sending`, and where it
// lands tells how it ended. From that and the screen shown last come the exit code and the one
// line written on stderr once the terminal is restored.

import type { Actor } from 'xstate';
import type { Notice, Operation } from '../../machine/context.js';
import type { AuditMachine } from '../../machine/machine.js';
import { inStep, openOperation, topState, type MachineView, type TopState } from '../../machine/selectors.js';
import { cardVerdict, isExpired } from '../../report/model.js';
import { safeText } from '../../card/safe-text.js';
import { EXIT, type ExitName } from '../exit-codes.js';
import { isPlural, t } from '../../i18n/index.js';
import { modelName, otherCardName } from '../../card/cps/identify.js';
import { noticeText } from '../../view/failure.js';
import { codeStanding, pukStanding } from '../../card/cps/standing.js';

export type OperationOutcome =
  | { readonly kind: 'done'; readonly op: Operation }
  /** Back to the form with the card's answer (a wrong code, tries left): `text` says it. */
  | { readonly kind: 'failed'; readonly op: Operation; readonly text: string }
  | { readonly kind: 'mayHaveApplied'; readonly op: Operation; readonly text: string }
  | { readonly kind: 'nothingChanged'; readonly op: Operation; readonly text: string }
  /** A final message (code now blocked, PUK blocked or exhausted...). */
  | { readonly kind: 'ended'; readonly op: Operation; readonly text: string }
  /** The card said last try and the user had not confirmed: nothing was sent. */
  | { readonly kind: 'awaitingConfirmation'; readonly op: Operation }
  /** Quitting waited for it, in vain. */
  | { readonly kind: 'stillRunning'; readonly op: Operation };

const OPS: readonly Operation[] = ['unblock', 'change', 'situations'];

/** The machine's notices say whether the write may have applied (messages.ts): read that, not their words. */
const mayHaveApplied = (n: Notice | undefined): boolean => n?.mayHaveApplied === true;

function sendingOp(v: MachineView): Operation | undefined {
  return OPS.find((op) => inStep(v, op, 'sending'));
}

/** Where an operation that was sending has landed, or undefined if it is still sending. */
export function landing(op: Operation, v: MachineView): OperationOutcome | undefined {
  if (inStep(v, op, 'sending')) return undefined;
  const c = v.context;
  const where = topState(v);
  if (where === 'done') return { kind: 'done', op };
  if (where === 'interrupted') {
    const text = safeText(noticeText(c.notice));
    return mayHaveApplied(c.notice) ? { kind: 'mayHaveApplied', op, text } : { kind: 'nothingChanged', op, text };
  }
  if (inStep(v, op, 'confirmLastTry')) return { kind: 'awaitingConfirmation', op };
  if (inStep(v, op, 'entering') && c.form?.error) return { kind: 'failed', op, text: safeText(noticeText(c.form.error)) };
  if (inStep(v, op, 'final')) {
    const text = safeText(noticeText(c.outcome));
    return mayHaveApplied(c.outcome) ? { kind: 'mayHaveApplied', op, text } : { kind: 'ended', op, text };
  }
  if (op === 'situations' && c.situations !== undefined) return { kind: 'done', op };
  // Any other landing (the card or pcscd went away, a notice on the card screen).
  const text = safeText(noticeText(c.notice ?? c.problem));
  if (mayHaveApplied(c.notice ?? c.problem)) return { kind: 'mayHaveApplied', op, text };
  return { kind: 'ended', op, text };
}

export interface OutcomeTracker {
  /** The last operation's outcome, if any operation was sent. */
  last(): OperationOutcome | undefined;
  /** The operation being sent now, if any. */
  sending(): Operation | undefined;
  stop(): void;
}

export function trackOutcomes(actor: Actor<AuditMachine>): OutcomeTracker {
  let current: Operation | undefined = sendingOp(actor.getSnapshot());
  let last: OperationOutcome | undefined;
  const sub = actor.subscribe((snap) => {
    if (current !== undefined) {
      const landed = landing(current, snap);
      if (landed === undefined) return;
      last = landed;
      current = undefined;
    }
    current = sendingOp(snap);
  });
  return { last: () => last, sending: () => current, stop: () => sub.unsubscribe() };
}

function outcomeWords(o: OperationOutcome): string {
  const name = t(`outcome.op.${o.op}`);
  switch (o.kind) {
    case 'done':
      return t('outcome.done', { name });
    case 'failed':
      return t('outcome.failed', { name, text: o.text });
    case 'mayHaveApplied':
      // An unblock's old code was blocked: never "then the old one"; the counters read back tell.
      return o.op === 'unblock' ? t('outcome.mayHaveApplied.unblock', { name }) : t('outcome.mayHaveApplied', { name });
    case 'nothingChanged':
      return t('outcome.nothingChanged', { name });
    case 'ended':
      return t('outcome.ended', { name, text: o.text || t('outcome.failure') });
    case 'awaitingConfirmation':
      return t('outcome.awaitingConfirmation', { name });
    case 'stillRunning':
      return t('outcome.stillRunning', { name });
  }
}

const SCREEN_EXIT: readonly [TopState, ExitName][] = [
  ['serviceUnavailable', 'serviceUnavailable'],
  ['accessRefused', 'accessRefused'],
  ['noReader', 'noReader'],
  ['noCard', 'noCard'],
  ['choosingReader', 'noCard'],
  ['cardInUse', 'cardInUse'],
  ['cardUnrecognised', 'cardUnrecognised'],
  ['readFailed', 'readFailed'],
  ['reading', 'readFailed'],
  ['starting', 'serviceUnavailable'],
];

/**
 * The exit code's name for the last thing shown, and the last operation's outcome. The same
 * state gives the same code whatever key ended the session (Ctrl-C in the form, or Esc then q):
 * a refused last operation is 40 from the form and from the card screen alike; a success is 0
 * unless the card or a certificate has expired (13: the unblock does not make it usable).
 */
export function exitNameFor(v: MachineView, last: OperationOutcome | undefined, timedOut: boolean): ExitName {
  if (timedOut) return 'stillRunning';
  const where = topState(v);
  if (where === 'interrupted') return last?.kind === 'nothingChanged' ? 'nothingChanged' : 'mayHaveApplied';
  const report = v.context.report;
  if (where === 'done') return report && isExpired(report) ? 'expired' : 'ok';
  const open = openOperation(v);
  const inForm = open !== undefined && OPS.includes(open);
  if (inForm && last?.kind === 'mayHaveApplied') return 'mayHaveApplied';
  if (last?.kind === 'failed' && (where === 'card' || where === 'reading')) return 'operationFailed';
  if (where === 'card') {
    if (mayHaveApplied(v.context.notice) || mayHaveApplied(v.context.outcome)) return 'mayHaveApplied';
    // Issue 21: a card test with a failed check on this card, as `cps-audit test` says it (51).
    if (testFailedOnCard(v)) return 'testFailed';
    const report = v.context.report;
    return report ? cardVerdict(report) : 'readFailed';
  }
  for (const [state, name] of SCREEN_EXIT) if (where === state) return name;
  return 'readFailed';
}

/** The last card test (`t`) ran on the card on screen and one of its checks failed. */
function testFailedOnCard(v: MachineView): boolean {
  const { cardTest, report } = v.context;
  if (cardTest === undefined || report === undefined || cardTest.counts.failed === 0) return false;
  return cardTest.serial === (report.serial.ok ? report.serial.value : null) && cardTest.reader === report.reader;
}

function triesWords(n: number): string {
  return isPlural(n) ? t('outcome.tries.many', { n }) : t('outcome.tries.one', { n });
}

function pinWords(v: MachineView): string {
  const r = v.context.report;
  if (!r || !r.identity.supported) return t('outcome.pin.unknown');
  if (!r.identity.hasPin) return t('outcome.pin.none');
  const pin =
    r.pin.triesLeft === null
      ? t('outcome.pin.stateUnknown')
      : codeStanding(r.pin) === 'blocked'
        ? t('outcome.pin.blocked')
        : t('outcome.pin.ok', { tries: triesWords(r.pin.triesLeft) });
  const pukStands = pukStanding(r.puk);
  const puk =
    pukStands === 'exhausted'
      ? t('outcome.puk.exhausted')
      : pukStands === 'blocked'
        ? t('outcome.puk.blocked')
        : r.puk.triesLeft !== null
          ? t('outcome.puk.tries', { tries: triesWords(r.puk.triesLeft) })
          : '';
  return pin + puk;
}

/** The one line written on stderr after the terminal is restored. */
export function exitLine(v: MachineView, last: OperationOutcome | undefined, code: number): string {
  const r = v.context.report;
  const other = r && !r.identity.supported ? otherCardName(r.identity.atr) : undefined;
  // A card known not to be a CPS (a Vitale card) is named, not "carte n° illisible (inconnu)" (issue 22).
  const card =
    other !== undefined
      ? other
      : r
        ? t('outcome.card', {
            serial: r.serial.ok ? safeText(r.serial.value) : t('outcome.serialUnreadable'),
            model: modelName(r.identity.model),
          })
        : t('outcome.noCard');
  const op = last ? t('outcome.lastOperation', { words: outcomeWords(last) }) : t('outcome.noOperation');
  // After a success the report on screen predates it: say what the card now holds.
  const pin =
    topState(v) === 'done' && last?.kind === 'done'
      ? last.op === 'unblock'
        ? t('outcome.pin.unblocked')
        : t('outcome.pin.changed')
      : pinWords(v);
  return t('outcome.line', { card, pin, op, code });
}

export function exitCodeFor(v: MachineView, last: OperationOutcome | undefined, timedOut: boolean): number {
  return EXIT[exitNameFor(v, last, timedOut)];
}
