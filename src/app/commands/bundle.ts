// `cps-audit bundle [FILE]` (issue 22): one file for the support ticket, as ANS's "Gestion CPS"
// keeps four (the card's data, the journal, a trace, a diagnosis): the report of every reader
// and card, the diagnosis of the workstation, the journal of operations and the last trace
// (when --trace was used), in sections, with a JSON twin beside it (FILE.json). No code is asked
// nor held: each part is what its own command prints.
//
// Written as the trace is (trace-file.ts): created exclusively, mode 0600, never through a
// symbolic link; a file already there is replaced only when it is a bundle of ours (first line
// BUNDLE_MAGIC, a regular file of the same owner); anything else is refused, untouched.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { safeText } from '../../card/safe-text.js';
import { reportJson } from '../../report/json.js';
import { maskDigits } from '../../view/mask.js';
import type { Command } from '../cli/command-line.js';
import { checksFromScreen, collectChecks, diagnoseText, DIAGNOSE_SCHEMA_VERSION, type DiagnoseOptions } from './diagnose.js';
import { reportFromScreen, resolveTyped } from '../save-report.js';
import type { CardReport } from '../../card/cps/report.js';
import type { ReaderState } from '../../card/transport/transport.js';
import { EXIT } from '../exit-codes.js';
import { journalText, readJournal, type JournalPlace } from './journal.js';
import { lastTracePath } from '../last-trace.js';
import { collectReport, exitCodeOf, renderReport } from './report.js';
import { TRACE_MAGIC } from '../trace-file.js';
import { t, language } from '../../i18n/index.js';
import type { AuditReport } from '../../report/model.js';
import type { Check } from './diagnose.js';

export const BUNDLE_MAGIC = '# cps-audit bundle v1';
export const BUNDLE_SCHEMA_VERSION = 1;
/** A trace is put in whole up to this size; past it, its last part. */
export const TRACE_MAX_BYTES = 2 * 1024 * 1024;

export interface BundleParts {
  readonly version: string;
  readonly generatedAt: Date;
  readonly report: AuditReport;
  readonly checks: readonly Check[];
  readonly journal: ReturnType<typeof readJournal>;
  readonly trace?: { readonly path: string; readonly text: string; readonly cut: boolean };
}

/** Reads a trace of ours (TRACE_MAGIC, regular, same owner, no link); undefined otherwise. */
export function readOurTrace(file: string): BundleParts['trace'] {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return undefined;
    const head = Buffer.alloc(TRACE_MAGIC.length + 1);
    readSync(fd, head, 0, head.length, 0);
    if (head.toString('utf8') !== `${TRACE_MAGIC}\n`) return undefined;
    const size = Math.min(st.size, TRACE_MAX_BYTES);
    const buf = Buffer.alloc(size);
    const n = readSync(fd, buf, 0, size, st.size - size);
    return { path: file, text: buf.subarray(0, n).toString('utf8'), cut: st.size > TRACE_MAX_BYTES };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function section(title: string, body: string): string {
  return `${'='.repeat(78)}\n== ${title}\n${'='.repeat(78)}\n${body.endsWith('\n') ? body : `${body}\n`}\n`;
}

export function bundleText(p: BundleParts): string {
  const stamp = p.generatedAt
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return (
    `${BUNDLE_MAGIC}\n` +
    `${t('bundle.head', { version: p.version, stamp })}\n${t('bundle.noCode')}\n\n` +
    section(t('bundle.section.report'), renderReport(p.report, false)) +
    section(t('bundle.section.diagnose'), diagnoseText(p.checks, p.version)) +
    section(t('bundle.section.journal'), journalText(p.journal)) +
    section(
      t('bundle.section.trace'),
      p.trace
        ? `${t('bundle.trace.from', { file: p.trace.path })}${p.trace.cut ? `\n${t('bundle.trace.cut')}` : ''}\n${cleanTrace(p.trace.text)}`
        : t('bundle.trace.none'),
    )
  );
}

/** The trace's lines without control characters (its codes were masked when it was written). */
function cleanTrace(text: string): string {
  return text
    .split('\n')
    .map((l) => safeText(l))
    .join('\n');
}

export function bundleJson(p: BundleParts): string {
  const problems = p.checks.filter((c) => c.status === 'problem').length;
  return (
    JSON.stringify(
      {
        schemaVersion: BUNDLE_SCHEMA_VERSION,
        kind: 'cps-audit-bundle',
        lang: language(),
        tool: { name: 'cps-audit', version: p.version },
        generatedAt: p.generatedAt.toISOString(),
        report: reportJson(p.report, exitCodeOf),
        diagnosis: { schemaVersion: DIAGNOSE_SCHEMA_VERSION, checks: p.checks, problems },
        journal: {
          path: p.journal.path,
          entries: p.journal.entries,
          skipped: p.journal.skipped,
          ...(p.journal.error ? { error: p.journal.error } : {}),
        },
        trace: p.trace ? { path: p.trace.path, cut: p.trace.cut, lines: cleanTrace(p.trace.text).split('\n') } : null,
      },
      null,
      2,
    ) + '\n'
  );
}

function isOurBundle(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) return false;
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return false;
    const text = file.endsWith('.json');
    const buf = Buffer.alloc(200);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, n).toString('utf8');
    return text ? head.includes('"kind": "cps-audit-bundle"') : head.startsWith(`${BUNDLE_MAGIC}\n`);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export type BundleWrite = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** Writes one file: exclusive, 0600, no link; replaces only a bundle of ours. */
export function writeBundleFile(file: string, content: string): BundleWrite {
  const shown = maskDigits(file);
  const create = () => openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  let fd: number;
  try {
    fd = create();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') return { ok: false, message: t('bundle.cannotCreate', { file: shown, detail: code ?? String(e) }) };
    let link = false;
    try {
      link = lstatSync(file).isSymbolicLink();
    } catch {
      // gone meanwhile
    }
    if (link) return { ok: false, message: t('bundle.link', { file: shown }) };
    if (!isOurBundle(file)) return { ok: false, message: t('bundle.notOurs', { file: shown }) };
    try {
      unlinkSync(file);
      fd = create();
    } catch (e2) {
      return { ok: false, message: t('bundle.cannotCreate', { file: shown, detail: (e2 as NodeJS.ErrnoException).code ?? String(e2) }) };
    }
  }
  try {
    writeSync(fd, content);
    return { ok: true };
  } catch (e) {
    return { ok: false, message: t('bundle.cannotCreate', { file: shown, detail: (e as NodeJS.ErrnoException).code ?? String(e) }) };
  } finally {
    closeSync(fd);
  }
}

/** FILE.json beside FILE (FILE.txt → FILE.json). */
export function bundleJsonPath(file: string): string {
  return /\.txt$/i.test(file) ? file.replace(/\.txt$/i, '.json') : `${file}.json`;
}

export function defaultBundleName(now: Date): string {
  return `cps-audit-support-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.txt`;
}

/** Writes both files; says where on stdout, or why not on stderr. */
export function saveBundle(parts: BundleParts, file: string, out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  const text = path.resolve(file);
  const json = bundleJsonPath(text);
  for (const [f, content] of [
    [text, bundleText(parts)],
    [json, bundleJson(parts)],
  ] as const) {
    const w = writeBundleFile(f, content);
    if (!w.ok) {
      err.write(t('cli.line', { message: w.message }));
      return EXIT.fileError;
    }
  }
  const problems = parts.checks.filter((c) => c.status === 'problem').length;
  out.write(t('bundle.written', { text, json, problems }));
  return EXIT.ok;
}

export interface BundleEnv extends JournalPlace {
  readonly out?: NodeJS.WritableStream;
  readonly err?: NodeJS.WritableStream;
  readonly now?: Date;
  readonly diagnose?: Partial<DiagnoseOptions>;
}

export async function runBundle(cmd: Extract<Command, { kind: 'bundle' }>, version: string, e: BundleEnv = {}): Promise<number> {
  const now = e.now ?? new Date();
  const { demoCardProblem, demoSource, pcscSource } = await import('../wiring.js');
  const problem = cmd.demo ? demoCardProblem(cmd.card) : undefined;
  if (problem !== undefined) {
    (e.err ?? process.stderr).write(t('cli.line', { message: problem }));
    return EXIT.usage;
  }
  const source = cmd.demo ? demoSource(cmd.card, undefined, false) : pcscSource(undefined);
  let report: AuditReport;
  try {
    report = await collectReport({
      source,
      demo: cmd.demo,
      version,
      now,
      ...(cmd.reader !== undefined ? { reader: cmd.reader } : {}),
    });
  } finally {
    if (source.ok) await source.close();
  }
  const checks = await collectChecks({ json: false, version, terminal: { isTTY: false }, now, ...e.diagnose });
  const journal = readJournal(e);
  const tracePath = lastTracePath(e.env ?? process.env);
  const trace = tracePath !== undefined ? readOurTrace(tracePath) : undefined;
  const parts: BundleParts = { version, generatedAt: now, report, checks, journal, ...(trace ? { trace } : {}) };
  return saveBundle(parts, cmd.file ?? defaultBundleName(now), e.out ?? process.stdout, e.err ?? process.stderr);
}

/** What `b` on the card screen writes: saved, or why not (the dialog shows it and keeps the name). */
export type ScreenBundle =
  { readonly kind: 'saved'; readonly text: string; readonly json: string } | { readonly kind: 'error'; readonly message: string };

/**
 * Key b (issue 22): the bundle from what the screen holds, without a new read of the card nor a
 * second connection to pcscd: the card's report on screen, the workstation's checks with the
 * readers the tool sees, the journal and the last trace.
 */
export function saveBundleFromScreen(
  typed: string,
  card: CardReport,
  readers: readonly ReaderState[],
  demo: boolean,
  version: string,
  cwd: string = process.cwd(),
  now: Date = new Date(),
): ScreenBundle {
  if (safeText(typed).trim() === '') return { kind: 'error', message: t('saveError.noName') };
  const text = resolveTyped(typed, cwd);
  const json = bundleJsonPath(text);
  const checks = checksFromScreen({ version, readers, report: card, now });
  const journal = readJournal();
  const tracePath = lastTracePath();
  const trace = tracePath !== undefined ? readOurTrace(tracePath) : undefined;
  const parts: BundleParts = {
    version,
    generatedAt: now,
    report: reportFromScreen(card, demo, version, now),
    checks,
    journal,
    ...(trace ? { trace } : {}),
  };
  for (const [f, content] of [
    [text, bundleText(parts)],
    [json, bundleJson(parts)],
  ] as const) {
    const w = writeBundleFile(f, content);
    if (!w.ok) return { kind: 'error', message: w.message };
  }
  return { kind: 'saved', text, json };
}
