// The journal of operations (issue 22), as ANS's "Journal des manipulations": one JSON line per
// unblock, change, situations read or card test, in $XDG_STATE_HOME/cps-audit/journal.jsonl.
//
// What a line holds is fixed by `JournalEntry`: date, card serial and model, reader, operation,
// outcome, tries before and after, tool version. No field takes a code: the outcome's words come
// from the machine's messages, stripped of control characters and of any run of 4 digits or more.
//
// The file is the user's own: mode 0600 in the 0700 state folder (state-dir.ts), opened without
// following a link, refused when it is not a regular file of the user. Each line is written with
// one write(2) on an O_APPEND descriptor, so tools running side by side append whole lines.
// Past 1 MiB it is rotated (journal.jsonl.1 .. .3, the oldest dropped) under a lock file, so two
// tools never rotate at once. Writing is best effort: a failure is returned as words for the
// caller to say, and never throws into an operation.

import { closeSync, constants, fchmodSync, fstatSync, lstatSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { maskDigits } from '../../view/mask.js';
import { safeText } from '../../card/safe-text.js';
import { t } from '../../i18n/index.js';
import { EXIT } from '../exit-codes.js';
import { ensureStateDir, stateDirPath, type StateDirRefusal } from '../state-dir.js';

export const JOURNAL_FILE = 'journal.jsonl';
/** Rotated past this size. */
export const JOURNAL_MAX_BYTES = 1024 * 1024;
/** journal.jsonl.1 .. .KEEP are kept. */
export const JOURNAL_KEEP = 3;
export const JOURNAL_VERSION = 1;

/** The operations that write a line. Helpers of other issues add theirs here (card test, pinpad...). */
export type JournalOperation = 'unblock' | 'change' | 'situations' | 'card-test' | (string & {});

/** How an operation ended, as outcome.ts names it (plus what other operations need). */
export type JournalOutcome =
  'done' | 'failed' | 'mayHaveApplied' | 'nothingChanged' | 'ended' | 'awaitingConfirmation' | 'stillRunning' | (string & {});

export interface JournalTries {
  readonly pin: number | null;
  readonly puk: number | null;
}

/** What a caller gives; `at` and `tool` are filled in by `appendJournal` when absent. */
export interface JournalInput {
  readonly operation: JournalOperation;
  readonly outcome: JournalOutcome;
  readonly card: { readonly serial: string | null; readonly model: string };
  readonly reader?: string;
  readonly before: JournalTries;
  readonly after: JournalTries;
  /** The outcome in words, as the holder saw it (masked of digits, no control characters). */
  readonly message?: string;
  /** demo: a simulated card (--demo), flagged so that nobody takes it for a real card's history. */
  readonly source?: 'demo';
  readonly at?: Date;
}

export interface JournalEntry {
  readonly v: number;
  readonly at: string;
  readonly tool: string;
  readonly operation: string;
  readonly outcome: string;
  readonly card: { readonly serial: string | null; readonly model: string };
  readonly reader?: string;
  readonly before: JournalTries;
  readonly after: JournalTries;
  readonly message?: string;
  readonly source?: 'demo';
}

export interface JournalPlace {
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
}

export type JournalWrite = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly message: string };

export function journalPath(place: JournalPlace = {}): string {
  return path.join(stateDirPath(place.env ?? process.env, place.home ?? os.homedir()), JOURNAL_FILE);
}

function refusalWords(reason: StateDirRefusal, dir: string): string {
  return t('journal.error.folder', { folder: dir, reason: t(`journal.folder.${reason}`) });
}

const tries = (x: JournalTries): JournalTries => ({
  pin: Number.isInteger(x.pin) ? x.pin : null,
  puk: Number.isInteger(x.puk) ? x.puk : null,
});

/** The line's content, from typed fields only: nothing a caller passes reaches the file unsanitised. */
export function journalEntry(input: JournalInput, version: string): JournalEntry {
  const safe = (s: string) => maskDigits(safeText(s)).slice(0, 300);
  return {
    v: JOURNAL_VERSION,
    at: (input.at ?? new Date()).toISOString(),
    tool: safeText(version),
    operation: safe(input.operation),
    outcome: safe(input.outcome),
    card: { serial: input.card.serial === null ? null : safeText(input.card.serial).slice(0, 40), model: safeText(input.card.model) },
    ...(input.reader !== undefined ? { reader: safeText(input.reader).slice(0, 200) } : {}),
    before: tries(input.before),
    after: tries(input.after),
    ...(input.message ? { message: safe(input.message) } : {}),
    ...(input.source === 'demo' ? { source: 'demo' as const } : {}),
  };
}

/** Rotates when the file has grown past the limit; another tool holding the lock does it instead. */
function rotateIfBig(file: string, maxBytes: number): void {
  let size: number;
  try {
    size = lstatSync(file).size;
  } catch {
    return;
  }
  if (size < maxBytes) return;
  const lock = `${file}.lock`;
  let fd: number;
  try {
    fd = openSync(lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch (e) {
    // Held by another tool, or left by one that died: a lock older than a minute is stale.
    try {
      if (Date.now() - lstatSync(lock).mtimeMs > 60_000) unlinkSync(lock);
    } catch {
      // gone meanwhile
    }
    void e;
    return;
  }
  try {
    // Checked again under the lock: another tool may have rotated between our stat and our lock.
    if (lstatSync(file).size < maxBytes) return;
    for (let i = JOURNAL_KEEP - 1; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // that generation does not exist yet
      }
    }
    renameSync(file, `${file}.1`);
  } catch {
    // a failed rotation leaves the file growing: the next append tries again
  } finally {
    closeSync(fd);
    try {
      unlinkSync(lock);
    } catch {
      // already gone
    }
  }
}

function errnoWords(e: unknown, file: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return t('journal.error.link', { file });
  if (code === 'ENOSPC') return t('journal.error.full', { file });
  return t('journal.error.write', { file, detail: code ?? String(e) });
}

export interface AppendOptions extends JournalPlace {
  readonly version: string;
  readonly maxBytes?: number;
}

/** Appends one line. Never throws: a failure comes back as words to show. */
export function appendJournal(input: JournalInput, o: AppendOptions): JournalWrite {
  const dir = ensureStateDir(o.env ?? process.env, o.home ?? os.homedir());
  if (!dir.ok) return { ok: false, message: refusalWords(dir.reason, dir.path) };
  const file = path.join(dir.path, JOURNAL_FILE);
  rotateIfBig(file, o.maxBytes ?? JOURNAL_MAX_BYTES);
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o600);
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, message: t('journal.error.notAFile', { file }) };
    if (typeof process.getuid === 'function' && st.uid !== process.getuid())
      return { ok: false, message: t('journal.error.notAFile', { file }) };
    if ((st.mode & 0o777) !== 0o600) fchmodSync(fd, 0o600);
    const line = Buffer.from(`${JSON.stringify(journalEntry(input, o.version))}\n`, 'utf8');
    // One write for the whole line: O_APPEND places it at the end atomically on a local file.
    const n = writeSync(fd, line, 0, line.length);
    if (n !== line.length) return { ok: false, message: t('journal.error.write', { file, detail: 'short write' }) };
    return { ok: true, path: file };
  } catch (e) {
    return { ok: false, message: errnoWords(e, file) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface JournalRead {
  readonly path: string;
  readonly entries: readonly JournalEntry[];
  /** Lines that are not entries (cut short by a full disk, edited by hand): counted, not shown. */
  readonly skipped: number;
  /** Why it could not be read at all (absent is not an error: no entries). */
  readonly error?: string;
}

function isEntry(x: unknown): x is JournalEntry {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.at === 'string' && typeof o.operation === 'string' && typeof o.outcome === 'string' && typeof o.card === 'object';
}

function readOne(file: string): { text: string } | { missing: true } | { error: string } {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return { error: t('journal.error.notAFile', { file }) };
    return { text: readFileSync(fd, 'utf8') };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    return { error: errnoWords(e, file) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Every entry, oldest first, across the rotated files. */
export function readJournal(place: JournalPlace = {}): JournalRead {
  const file = journalPath(place);
  const entries: JournalEntry[] = [];
  let skipped = 0;
  const files = [...Array.from({ length: JOURNAL_KEEP }, (_, i) => `${file}.${JOURNAL_KEEP - i}`), file];
  for (const f of files) {
    const r = readOne(f);
    if ('missing' in r) continue;
    if ('error' in r) return { path: file, entries, skipped, error: r.error };
    for (const line of r.text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const x: unknown = JSON.parse(line);
        if (isEntry(x)) entries.push(x);
        else skipped++;
      } catch {
        skipped++;
      }
    }
  }
  return { path: file, entries, skipped };
}

const triesText = (n: number | null) => (n === null ? '?' : String(n));

/** One entry as a line of text (the `journal` command, the bundle). */
export function journalLine(e: JournalEntry): string {
  const when = e.at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const card = `${safeText(e.card.model)} ${e.card.serial === null ? t('journal.serialUnknown') : `n° ${safeText(e.card.serial)}`}`;
  return (
    t('journal.line', {
      when,
      operation: safeText(e.operation),
      outcome: safeText(e.outcome),
      card,
      pin: `${triesText(e.before.pin)}→${triesText(e.after.pin)}`,
      puk: `${triesText(e.before.puk)}→${triesText(e.after.puk)}`,
      tool: safeText(e.tool),
    }) + (e.source === 'demo' ? t('journal.demo') : '')
  );
}

/** The journal as text: a head naming the file, one line per entry, what was skipped. */
export function journalText(r: JournalRead): string {
  const lines = [t('journal.head', { file: r.path })];
  if (r.error) lines.push(r.error);
  if (r.entries.length === 0 && !r.error) lines.push(t('journal.empty'));
  for (const e of r.entries) {
    lines.push(journalLine(e));
    if (e.message) lines.push(`    ${safeText(e.message)}`);
  }
  if (r.skipped > 0) lines.push(t('journal.skipped', { n: r.skipped }));
  return lines.join('\n') + '\n';
}

export function journalJson(r: JournalRead): string {
  return (
    JSON.stringify(
      { schemaVersion: JOURNAL_VERSION, path: r.path, entries: r.entries, skipped: r.skipped, ...(r.error ? { error: r.error } : {}) },
      null,
      2,
    ) + '\n'
  );
}

/** `cps-audit journal [--json]`: the journal on stdout; a journal that cannot be read is a file error. */
export function runJournal(cmd: { readonly json: boolean }, out: NodeJS.WritableStream = process.stdout): number {
  const r = readJournal();
  out.write(cmd.json ? journalJson(r) : journalText(r));
  return r.error ? EXIT.fileError : EXIT.ok;
}
