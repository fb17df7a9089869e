// The interactive tool's operations, written to the journal (journal.ts) as they land: the
// counters when the operation is sent (before) and where it lands (after), read from the
// machine's snapshots only, as outcome.ts reads them. A failure to write is kept as words for
// the exit line and never reaches the machine.

import type { Actor } from 'xstate';
import type { Operation } from '../machine/context.js';
import type { AuditMachine } from '../machine/machine.js';
import { inStep, type MachineView } from '../machine/selectors.js';
import { appendJournal, type AppendOptions, type JournalInput, type JournalTries, type JournalWrite } from './commands/journal.js';
import { landing, type OperationOutcome } from './tui/outcome.js';
import { journalInputOf } from './commands/card-test-journal.js';

const OPS: readonly Operation[] = ['unblock', 'change', 'situations'];

function triesOf(v: MachineView): JournalTries {
  const r = v.context.report;
  return { pin: r?.pin.triesLeft ?? null, puk: r?.puk.triesLeft ?? null };
}

function cardOf(v: MachineView): JournalInput['card'] {
  const r = v.context.report;
  return { serial: r?.serial.ok ? r.serial.value : null, model: r?.identity.model ?? 'inconnu' };
}

/**
 * After a success the report on screen predates it (outcome.ts says the same in the exit line):
 * a done unblock or change leaves the PIN at its maximum; the PUK after an unblock is not read
 * again (null), after a change it is untouched.
 */
function triesAfter(outcome: OperationOutcome, sent: MachineView, landed: MachineView): JournalTries {
  const now = triesOf(landed);
  if (outcome.kind !== 'done' || outcome.op === 'situations') return now;
  const max = landed.context.report?.pin.maxTries ?? sent.context.report?.pin.maxTries ?? null;
  return { pin: max, puk: outcome.op === 'unblock' ? null : triesOf(sent).puk };
}

/** The line for an outcome, from the snapshot taken as it was sent and the one where it landed. */
export function entryFor(outcome: OperationOutcome, sent: MachineView, landed: MachineView): JournalInput {
  const reader = landed.context.report?.reader ?? sent.context.report?.reader ?? landed.context.selected;
  const text = 'text' in outcome ? outcome.text : '';
  return {
    operation: outcome.op,
    outcome: outcome.kind,
    card: cardOf(sent),
    ...(reader !== undefined ? { reader } : {}),
    before: triesOf(sent),
    after: triesAfter(outcome, sent, landed),
    ...(text ? { message: text } : {}),
  };
}

export interface JournalRecorder {
  /** The tool is leaving: an operation still sending is written as `stillRunning`; then stops watching. */
  close(v: MachineView): void;
  /** The first failure to write, in words, for the exit line. */
  failure(): string | undefined;
}

export type JournalAppend = (input: JournalInput) => JournalWrite;

export function journalAppender(o: AppendOptions): JournalAppend {
  return (input) => appendJournal(input, o);
}

/** Watches the machine and appends one line per operation that lands. */
export function recordOperations(actor: Actor<AuditMachine>, append: JournalAppend, o: { readonly demo?: boolean } = {}): JournalRecorder {
  let sent: { op: Operation; view: MachineView } | undefined;
  let failed: string | undefined;
  const write = (line: JournalInput) => {
    const input: JournalInput = o.demo === true ? { ...line, source: 'demo' } : line;
    let r: JournalWrite;
    try {
      r = append(input);
    } catch (e) {
      r = { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
    if (!r.ok && failed === undefined) failed = r.message;
  };
  const sendingOp = (v: MachineView) => OPS.find((op) => inStep(v, op, 'sending'));
  const first = actor.getSnapshot();
  const op0 = sendingOp(first);
  if (op0) sent = { op: op0, view: first };
  // Issue 21: one line per card test (`t`) that ran, as `cps-audit test` writes it.
  let testing = inStep(first, 'test', 'sending');
  const sub = actor.subscribe((snap) => {
    const nowTesting = inStep(snap, 'test', 'sending');
    if (testing && !nowTesting && snap.context.cardTest !== undefined) {
      const line = journalInputOf(snap.context.cardTest, false);
      if (line) write(line);
    }
    testing = nowTesting;
    if (sent !== undefined) {
      const landed = landing(sent.op, snap);
      if (landed === undefined) return;
      write(entryFor(landed, sent.view, snap));
      sent = undefined;
    }
    const op = sendingOp(snap);
    if (op) sent = { op, view: snap };
  });
  return {
    close(v) {
      sub.unsubscribe();
      if (sent === undefined) return;
      write(entryFor({ kind: 'stillRunning', op: sent.op }, sent.view, v));
      sent = undefined;
    },
    failure: () => failed,
  };
}
