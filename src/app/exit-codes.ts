// Every exit code of cps-audit, in one table: `report`, `diagnose`, the interactive tool and its
// exit line all take theirs from here; `--help` and the README print this table. Distinct codes,
// stable across versions (scripts on many workstations test them).

import { t } from '../i18n/index.js';
import type { Verdict } from '../report/model.js';

/** A verdict on the card (report/model.ts) or what else ends a run. */
export type ExitName =
  | Verdict
  | 'usage'
  | 'notTerminal'
  | 'operationFailed'
  | 'mayHaveApplied'
  | 'nothingChanged'
  | 'stillRunning'
  | 'problemsFound'
  | 'testFailed'
  | 'fileError'
  | 'internal';

export interface ExitCodeRow {
  readonly name: ExitName;
  readonly code: number;
  /** A few words (the first screen of --help), in the chosen language. */
  readonly short: string;
  /** Short: what it means (--help, README), in the chosen language. */
  readonly means: string;
}

const CODES: readonly (readonly [ExitName, number])[] = [
  ['ok', 0],
  ['usage', 2],
  ['notTerminal', 3],
  ['pinBlocked', 10],
  ['cannotUnblock', 11],
  ['lastTry', 12],
  ['expired', 13],
  ['serviceUnavailable', 20],
  ['accessRefused', 21],
  ['bindingMissing', 22],
  ['noReader', 30],
  ['noCard', 31],
  ['cardInUse', 32],
  ['cardUnrecognised', 33],
  ['readFailed', 34],
  ['operationFailed', 40],
  ['mayHaveApplied', 41],
  ['nothingChanged', 42],
  ['stillRunning', 43],
  ['problemsFound', 50],
  ['testFailed', 51],
  ['fileError', 60],
  ['internal', 70],
];

/** The words are read from the catalogue (src/i18n) each time, in the language chosen at start. */
export const EXIT_TABLE: readonly ExitCodeRow[] = CODES.map(([name, code]) => ({
  name,
  code,
  get short() {
    return t(`exit.${name}.short`);
  },
  get means() {
    return t(`exit.${name}.means`);
  },
}));

export const EXIT: Readonly<Record<ExitName, number>> = Object.fromEntries(EXIT_TABLE.map((r) => [r.name, r.code])) as Record<
  ExitName,
  number
>;

/** The table as lines of at most 80 columns, one code a line, for --help and the README. */
export function exitCodeLines(indent = '  '): string[] {
  return EXIT_TABLE.map((r) => `${indent}${String(r.code).padStart(2)}  ${r.means}`);
}

/**
 * The table packed into lines of at most 80 columns (7 lines), for the first screen of --help:
 * each line takes as many codes as fit, three spaces apart (issue 17's code 13 made three fixed
 * columns one line too long for a 24-line first screen).
 */
export function exitCodeColumns(): string[] {
  const cells = EXIT_TABLE.map((r) => `${String(r.code).padStart(2)} ${r.short}`);
  const rows: string[] = [];
  let row = '';
  for (const cell of cells) {
    const next = row === '' ? `  ${cell}` : `${row}   ${cell}`;
    if ([...next].length > 80 && row !== '') {
      rows.push(row);
      row = `  ${cell}`;
    } else row = next;
  }
  if (row !== '') rows.push(row);
  return rows;
}

/**
 * When several cards give several codes (report on many readers), the one that needs a human
 * most wins: a card that cannot be unblocked, then one try left before a loss for good (12: a
 * PIN on its last try, or a blocked PIN whose PUK has one try left), then a blocked PIN, then an
 * expired card or certificate (13), etc. (report/model.ts, cardVerdict).
 */
const SEVERITY: readonly ExitName[] = [
  'internal',
  'cannotUnblock',
  'mayHaveApplied',
  'stillRunning',
  'lastTry',
  'pinBlocked',
  'expired',
  'operationFailed',
  'readFailed',
  'cardUnrecognised',
  'cardInUse',
  'nothingChanged',
  'bindingMissing',
  'accessRefused',
  'serviceUnavailable',
  'noReader',
  'noCard',
  'fileError',
  'problemsFound',
  'testFailed',
  'notTerminal',
  'usage',
  'ok',
];

export function worstOf(names: readonly ExitName[]): ExitName {
  let best: ExitName = 'ok';
  for (const n of names) if (SEVERITY.indexOf(n) < SEVERITY.indexOf(best)) best = n;
  return best;
}
