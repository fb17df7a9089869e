// `--reader NAME`: which connected reader the user means. Exact name first, else the one reader
// whose name contains NAME (case-insensitive). Never guesses between two.

import { maskDigits } from '../text.js';

export type ReaderMatch = { readonly ok: true; readonly name: string } | { readonly ok: false; readonly message: string };

function listing(names: readonly string[]): string {
  return names.length === 0 ? 'Aucun lecteur n’est branché.' : `Lecteurs présents :\n${names.map((n) => `  - ${n}`).join('\n')}`;
}

export function readerMatch(names: readonly string[], wanted: string): ReaderMatch {
  if (names.includes(wanted)) return { ok: true, name: wanted };
  const needle = wanted.trim().toLowerCase();
  if (needle === '') {
    return { ok: false, message: `Nom de lecteur vide. Indiquez tout ou partie du nom d’un lecteur.\n${listing(names)}` };
  }
  const hits = names.filter((n) => n.toLowerCase().includes(needle));
  if (hits.length === 1 && hits[0] !== undefined) return { ok: true, name: hits[0] };
  if (hits.length === 0) {
    return {
      ok: false,
      message: `Aucun lecteur ne correspond à « ${maskDigits(wanted)} ». Vérifiez qu’il est branché, ou indiquez un autre nom.\n${listing(names)}`,
    };
  }
  return {
    ok: false,
    message: `Plusieurs lecteurs correspondent à « ${maskDigits(wanted)} » : précisez le nom.\n${listing(hits)}`,
  };
}
