// `--reader NAME`: which connected reader the user means. Exact name first, else the one reader
// whose name contains NAME (case-insensitive). Never guesses between two. A refusal is a typed
// fact (the view words it: src/view/failure.ts, readerMismatchWords).

import { maskDigitRuns } from '../text.js';

/**
 * Why `--reader NAME` names no usable reader: an empty name, no match, or several. `wanted` has
 * its runs of digits masked (a code typed in the wrong place is never kept); `readers`: those to
 * list (every reader, or the candidates).
 */
export interface ReaderMismatch {
  readonly problem: 'empty-name' | 'no-match' | 'several';
  readonly wanted: string;
  readonly readers: readonly string[];
}

export type ReaderMatch = { readonly ok: true; readonly name: string } | ({ readonly ok: false } & ReaderMismatch);

export function readerMatch(names: readonly string[], wanted: string): ReaderMatch {
  if (names.includes(wanted)) return { ok: true, name: wanted };
  const needle = wanted.trim().toLowerCase();
  const masked = maskDigitRuns(wanted);
  if (needle === '') return { ok: false, problem: 'empty-name', wanted: masked, readers: names };
  const hits = names.filter((n) => n.toLowerCase().includes(needle));
  if (hits.length === 1 && hits[0] !== undefined) return { ok: true, name: hits[0] };
  if (hits.length === 0) return { ok: false, problem: 'no-match', wanted: masked, readers: names };
  return { ok: false, problem: 'several', wanted: masked, readers: hits };
}
