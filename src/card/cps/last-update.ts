// EF_ACTUA (3F00/D010): the date the card was last updated (docs/card.md §2). Its presence and
// its absence before the first update (6A 82) are KNOWN from a real card's trace; its layout is
// not public. OUR choice: a date is recognised wherever it is plainly one — the content, or any
// primitive value inside it when it is BER-TLV, written as 8 ASCII digits YYYYMMDD or 4 BCD bytes
// YYYYMMDD (trailing 00/FF padding ignored) and naming a real calendar day from 1990 on.
// Anything else is shown as it is, through the generic view: never guessed.

import { hex } from '../bytes.js';
import { genericView } from '../tlv/generic.js';
import { parseTlvs, type Tlv } from '../tlv/tlv.js';
import type { LastUpdate } from './report.js';

export function parseLastUpdate(bytes: Uint8Array): LastUpdate {
  for (const candidate of candidates(bytes)) {
    const d = asDate(candidate);
    if (d) return { kind: 'date', ...d };
  }
  return { kind: 'raw', content: genericView(bytes) };
}

/** The whole content first, then each primitive value of its TLVs (when it parses as TLV). */
function candidates(bytes: Uint8Array): Uint8Array[] {
  const out = [bytes];
  try {
    const walk = (list: readonly Tlv[]) => {
      for (const t of list) {
        if (t.children) walk(t.children);
        else out.push(t.value);
      }
    };
    walk(parseTlvs(bytes, { allowPadding: true }));
  } catch {
    // Not TLV: the whole content is the only candidate.
  }
  return out;
}

function asDate(raw: Uint8Array): { iso: string; encoding: 'ascii' | 'bcd' } | undefined {
  let end = raw.length;
  while (end > 0 && (raw[end - 1] === 0xff || raw[end - 1] === 0x00)) end--;
  const b = raw.subarray(0, end);
  if (b.length === 8 && b.every((x) => x >= 0x30 && x <= 0x39)) {
    const iso = isoOf(String.fromCharCode(...b));
    return iso ? { iso, encoding: 'ascii' } : undefined;
  }
  if (b.length === 4) {
    const digits = hex(b, '');
    if (!/^\d{8}$/.test(digits)) return undefined;
    const iso = isoOf(digits);
    return iso ? { iso, encoding: 'bcd' } : undefined;
  }
  return undefined;
}

function isoOf(yyyymmdd: string): string | undefined {
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso || d.getUTCFullYear() < 1990) return undefined;
  return iso;
}
