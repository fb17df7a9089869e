// `s` on the card screen: the report of the card on screen (the same builders as `cps-audit
// report`), saved as text and JSON side by side. Nothing is overwritten without asking; a file
// that is not a regular file (a folder, a symbolic link) is never written through. A replacement
// is a new file (new-file.ts: O_EXCL, 0600) renamed over the old one: never written through a
// hard link, and never left with the old file's mode.

import type { CardTestResult } from '../card/cps/card-test.js';
import { closeSync, constants, lstatSync, openSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { CardReport } from '../card/cps/report.js';
import type { AuditReport } from '../report/model.js';
import { cardTestWords } from '../view/card-test-words.js';
import { safeText } from '../card/safe-text.js';
import { t } from '../i18n/index.js';
import { nodeVersion } from './system-info.js';
import { renderReport } from './commands/report.js';
import { replaceWithNewFile } from './new-file.js';

/** cps-audit-<serial>-<date>.txt, the serial reduced to safe characters. */
export function defaultReportName(report: CardReport | undefined, now: Date): string {
  const serial = report?.serial.ok ? report.serial.value.replace(/[^A-Za-z0-9-]/g, '') || 'inconnu' : 'inconnu';
  return `cps-audit-${serial}-${now.toISOString().slice(0, 10)}.txt`;
}

/** Where the path typed goes: ~ is the home folder, a relative path is from the current folder. */
export function resolveTyped(typed: string, cwd: string = process.cwd()): string {
  const t = safeText(typed).trim();
  if (t === '~' || t.startsWith('~/')) return join(homedir(), t.slice(1));
  return isAbsolute(t) ? t : resolve(cwd, t);
}

/** The JSON beside the text: same name, .json instead of .txt (or .json added). */
export function jsonBeside(textPath: string): string {
  return /\.txt$/i.test(textPath) ? textPath.replace(/\.txt$/i, '.json') : `${textPath}.json`;
}

export type SaveResult =
  | { readonly kind: 'saved'; readonly text: string; readonly json: string }
  /** Asks before replacing: these files are there already. */
  | { readonly kind: 'exists'; readonly paths: readonly string[] }
  | { readonly kind: 'error'; readonly message: string };

function exists(path: string): 'no' | 'file' | 'other' {
  try {
    const st = lstatSync(path);
    return st.isFile() ? 'file' : 'other';
  } catch {
    return 'no';
  }
}

function why(e: unknown, path: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  const folder = dirname(path);
  switch (code) {
    case 'ENOENT':
      return t('saveError.noFolder', { folder });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return t('saveError.notWritable', { folder });
    case 'EISDIR':
      return t('saveError.isFolder', { path });
    case 'ENOSPC':
      return t('saveError.diskFull');
    case 'ELOOP':
      return t('saveError.isLink', { path });
    default:
      return t('saveError.cannotWrite', { path, detail: code ?? String(e) });
  }
}

function writeFile(path: string, content: string, replace: boolean): void {
  // The report names a health professional: readable by its owner only.
  if (replace) return replaceWithNewFile(path, content);
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_EXCL, 0o600);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

export function saveReport(typed: string, report: AuditReport, replace: boolean, cwd: string = process.cwd()): SaveResult {
  if (safeText(typed).trim() === '') return { kind: 'error', message: t('saveError.noName') };
  const text = resolveTyped(typed, cwd);
  const json = jsonBeside(text);
  const states = [text, json].map((p) => [p, exists(p)] as const);
  const other = states.find(([, s]) => s === 'other');
  if (other)
    return {
      kind: 'error',
      message: t('saveError.notAFile', { path: other[0] }),
    };
  const there = states.filter(([, s]) => s === 'file').map(([p]) => p);
  if (there.length > 0 && !replace) return { kind: 'exists', paths: there };
  let at = text;
  try {
    writeFile(text, renderReport(report, false), replace);
    at = json;
    writeFile(json, renderReport(report, true), replace);
  } catch (e) {
    return { kind: 'error', message: why(e, at) };
  }
  return { kind: 'saved', text, json };
}

/** The report of the card on screen, from the machine's snapshot: no new read, no code. */
export function reportFromScreen(
  card: CardReport,
  demo: boolean,
  version: string,
  now: Date = new Date(),
  cardTest?: CardTestResult,
): AuditReport {
  // Issue 21: the last card test, only when it ran on this very card.
  const serial = card.serial.ok ? card.serial.value : null;
  const tested = cardTest !== undefined && cardTest.reader === card.reader && cardTest.serial === serial;
  return {
    ...(tested ? { cardTest: cardTestWords(cardTest) } : {}),
    tool: { version, node: nodeVersion() },
    generatedAt: now,
    source: demo ? 'demo' : 'pcsc',
    service: { status: 'up' },
    readers: [{ name: card.reader, atr: card.identity.atr, status: card.identity.supported ? 'card' : 'unrecognised', card }],
  };
}
