// `--reader NAME`: which connected reader the user means. Exact name first, else the one reader
// whose name contains NAME (case-insensitive). Never guesses between two.

import { t } from '../../i18n/index.js';
import { maskDigits } from '../text.js';

export type ReaderMatch = { readonly ok: true; readonly name: string } | { readonly ok: false; readonly message: string };

function listing(names: readonly string[]): string {
  return names.length === 0 ? t('readerMatch.none') : t('readerMatch.present', { list: names.map((n) => `  - ${n}`).join('\n') });
}

export function readerMatch(names: readonly string[], wanted: string): ReaderMatch {
  if (names.includes(wanted)) return { ok: true, name: wanted };
  const needle = wanted.trim().toLowerCase();
  if (needle === '') {
    return { ok: false, message: t('readerMatch.emptyName', { listing: listing(names) }) };
  }
  const hits = names.filter((n) => n.toLowerCase().includes(needle));
  if (hits.length === 1 && hits[0] !== undefined) return { ok: true, name: hits[0] };
  if (hits.length === 0) {
    return {
      ok: false,
      message: t('readerMatch.noMatch', { wanted: maskDigits(wanted), listing: listing(names) }),
    };
  }
  return {
    ok: false,
    message: t('readerMatch.several', { wanted: maskDigits(wanted), listing: listing(hits) }),
  };
}
