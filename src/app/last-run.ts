// The state file (interrupted.json in the user's state folder, state-dir.ts): what the next run
// must know of an operation it did not see end. Two cases:
// - an unblock cut short after it may have written (the machine's `unblockInterrupted`,
//   unblock-resume.ts): the next run on that card offers `d` again, with its explanation, until
//   an unblock or a change succeeds on it;
// - an operation that ended after the terminal went away (hangup.ts): the next run on that card
//   says how it ended, once.
// It holds the card's serial number, the operation, how it ended and when: never a code, never
// a word from the card. Mode 0600, written as a new file renamed over the old one (new-file.ts).

import { constants, closeSync, fstatSync, openSync, readSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import type { Actor } from 'xstate';
import { cardSerial } from '../machine/code-state.js';
import type { AuditMachine } from '../machine/machine.js';
import { topState } from '../machine/selectors.js';
import { replaceWithNewFile } from './new-file.js';
import { t } from '../i18n/index.js';
import type { OperationOutcome } from './tui/outcome.js';

export const LAST_RUN_FILE = 'interrupted.json';

/** How an operation ended, as the state file says it (outcome.ts's kinds). */
export type LastRunOutcome = OperationOutcome['kind'];
const OUTCOMES: readonly LastRunOutcome[] = [
  'done',
  'failed',
  'mayHaveApplied',
  'nothingChanged',
  'ended',
  'awaitingConfirmation',
  'stillRunning',
];

export interface LastRun {
  readonly version: 1;
  /** The card's serial number (EF.SN.ICC, as the report shows it). */
  readonly serial: string;
  readonly op: 'unblock' | 'change';
  readonly outcome: LastRunOutcome;
  /** The unblock must stay offered on that card (it may have written part-way). */
  readonly resume: boolean;
  /** The terminal went away before the operation ended. */
  readonly terminalLost: boolean;
  /** When the operation ended (ISO 8601). */
  readonly at: string;
}

const MAX_BYTES = 4096;

function valid(v: unknown): v is LastRun {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    r.version === 1 &&
    typeof r.serial === 'string' &&
    /^[\x20-\x7e]{1,64}$/.test(r.serial) &&
    (r.op === 'unblock' || r.op === 'change') &&
    OUTCOMES.includes(r.outcome as LastRunOutcome) &&
    typeof r.resume === 'boolean' &&
    typeof r.terminalLost === 'boolean' &&
    typeof r.at === 'string' &&
    !Number.isNaN(Date.parse(r.at))
  );
}

/** The record in `dir`, or undefined (none, unreadable, not ours, not a regular file, too big). */
export function readLastRun(dir: string): LastRun | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path.join(dir, LAST_RUN_FILE), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_BYTES) return undefined;
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return undefined;
    const buf = Buffer.alloc(MAX_BYTES);
    const n = readSync(fd, buf, 0, MAX_BYTES, 0);
    const parsed: unknown = JSON.parse(buf.subarray(0, n).toString('utf8'));
    return valid(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes the record (a new file, 0600). False if it could not be written: the tool goes on. */
export function writeLastRun(dir: string, record: LastRun): boolean {
  try {
    replaceWithNewFile(path.join(dir, LAST_RUN_FILE), `${JSON.stringify(record)}\n`);
    return true;
  } catch {
    return false;
  }
}

export function clearLastRun(dir: string): void {
  try {
    unlinkSync(path.join(dir, LAST_RUN_FILE));
  } catch {
    // not there
  }
}

/** The record an outcome leaves, or undefined when there is nothing to tell the next run. */
export function recordFor(
  serial: string | undefined,
  outcome: OperationOutcome | undefined,
  terminalLost: boolean,
  resume: boolean,
  now: Date = new Date(),
): LastRun | undefined {
  if (serial === undefined || outcome === undefined || outcome.op === 'situations' || outcome.op === 'test') return undefined;
  if (!terminalLost && !resume) return undefined;
  return { version: 1, serial, op: outcome.op, outcome: outcome.kind, resume, terminalLost, at: now.toISOString() };
}

export interface LastRunKeeper {
  /** The way out: the record of this run's last operation when the next run must know of it. */
  leave(outcome: OperationOutcome | undefined, terminalLost: boolean): void;
  stop(): void;
}

/**
 * Follows the machine: an unblock remembered as cut short is written at once (a later crash
 * keeps it); a success on that card forgets it; the record of a past run, once its card was on
 * screen, has been told and is removed on the way out (unless it still asks for the unblock).
 */
export function keepLastRun(actor: Actor<AuditMachine>, dir: string, previous: LastRun | undefined): LastRunKeeper {
  let current = previous;
  let shown = false;
  let remembered = actor.getSnapshot().context.unblockInterrupted;
  const sub = actor.subscribe((snap) => {
    const c = snap.context;
    const serial = cardSerial(c.report);
    if (current !== undefined && serial === current.serial) shown = true;
    if (c.unblockInterrupted !== remembered) {
      const before = remembered;
      remembered = c.unblockInterrupted;
      if (remembered !== undefined) {
        const r: LastRun = {
          version: 1,
          serial: remembered,
          op: 'unblock',
          outcome: 'mayHaveApplied',
          resume: true,
          terminalLost: false,
          at: new Date().toISOString(),
        };
        if (writeLastRun(dir, r)) current = r;
      } else if (before !== undefined && serial === before && topState(snap) === 'done') {
        // An unblock or a change succeeded on that card: the holder knows its PIN again.
        clearLastRun(dir);
        current = undefined;
      }
    }
  });
  return {
    leave(outcome, terminalLost) {
      sub.unsubscribe();
      const snap = actor.getSnapshot();
      const serial = cardSerial(snap.context.report);
      const resume = snap.context.unblockInterrupted !== undefined && snap.context.unblockInterrupted === serial;
      const record = recordFor(serial, outcome, terminalLost, resume);
      if (record !== undefined) {
        writeLastRun(dir, record);
        return;
      }
      if (current !== undefined && shown && !current.resume) clearLastRun(dir);
      if (current?.resume === true && outcome?.kind === 'done' && serial === current.serial) clearLastRun(dir);
    },
    stop: () => sub.unsubscribe(),
  };
}

/** "07/12/2026 13:40", in the machine's local time. */
function when(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** What the next run says on that card's screen: how an operation left without its terminal ended. */
export function lastRunLines(r: LastRun): readonly string[] {
  if (!r.terminalLost) return [];
  const result = r.outcome === 'done' ? t(r.op === 'unblock' ? 'lastRun.done.unblock' : 'lastRun.done.change') : t(`lastRun.${r.outcome}`);
  return [t('lastRun.lost', { when: when(r.at), op: t(r.op === 'unblock' ? 'lastRun.op.unblock' : 'lastRun.op.change') }), result];
}
