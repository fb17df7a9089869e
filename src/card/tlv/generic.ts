// A generic BER-TLV view of bytes whose layout this tool does not know (a data object in a
// format that is not public, EF_ACTUA): every tag, its printable text, the other bytes in hex.
// It never throws and never drops a byte: whatever cannot be read as TLV (a truncated length,
// bytes that are not TLV at all) is kept as `rest`, in hex, with the reason. Text is stripped of
// control characters (safeText) here, where it leaves the card's bytes.

import { fact, type CardFact } from '../fact.js';
import { hex } from '../bytes.js';
import { safeText } from '../safe-text.js';

/** One TLV of the view. `tag` is its bytes in hex ("A0", "BF8101"). */
export type GenericNode =
  | { readonly tag: string; readonly kind: 'constructed'; readonly children: readonly GenericNode[]; readonly rest?: GenericRest }
  /** A primitive value that is printable text (UTF-8, no control character). */
  | { readonly tag: string; readonly kind: 'text'; readonly text: string }
  /** Any other primitive value, in hex ("" when empty). */
  | { readonly tag: string; readonly kind: 'bytes'; readonly hex: GenericHex };

/** Bytes that could not be read as TLV, where they start, and why. */
export interface GenericRest {
  readonly offset: number;
  readonly hex: GenericHex;
  readonly reason: CardFact;
}

/** Bytes in hex; a long value cut short is a fact (its first bytes and its size), worded by the view. */
export type GenericHex = string | CardFact;

export interface GenericView {
  /** Size of the content in bytes. */
  readonly size: number;
  readonly nodes: readonly GenericNode[];
  /** Bytes after the last TLV that could be read (absent when everything was TLV or padding). */
  readonly rest?: GenericRest;
}

const MAX_DEPTH = 8;
/** Hex shown for a value or a rest at most (the size says how much there is). */
const MAX_HEX_BYTES = 64;

export function genericView(bytes: Uint8Array): GenericView {
  const { nodes, rest } = level(bytes, 0, 0, true);
  return { size: bytes.length, nodes, ...(rest ? { rest } : {}) };
}

function level(bytes: Uint8Array, base: number, depth: number, top: boolean): { nodes: GenericNode[]; rest?: GenericRest } {
  const nodes: GenericNode[] = [];
  let i = 0;
  const stop = (reason: CardFact, at: number) => ({ nodes, rest: { offset: base + at, hex: shortHex(bytes.subarray(at)), reason } });
  while (i < bytes.length) {
    const start = i;
    const first = bytes[i]!;
    // Files are padded with 00 or FF after the last object: nothing more to show.
    if (top && (first === 0x00 || first === 0xff) && bytes.subarray(i).every((b) => b === first)) break;
    if (first === 0x00 || first === 0xff) return stop(fact('card.tlv.notBer'), start);
    let tagEnd = i + 1;
    if ((first & 0x1f) === 0x1f) {
      while (tagEnd < bytes.length && tagEnd - i < 4 && (bytes[tagEnd]! & 0x80) !== 0) tagEnd++;
      tagEnd++;
      if (tagEnd > bytes.length) return stop(fact('card.tlv.tagCut'), start);
    }
    const tag = hex(bytes.subarray(i, tagEnd), '');
    i = tagEnd;
    if (i >= bytes.length) return stop(fact('card.tlv.noLengthAfter', { tag }), start);
    const l0 = bytes[i++]!;
    let length = l0;
    if (l0 === 0x80 || l0 > 0x83) return stop(fact('card.tlv.badLengthAfter', { tag }), start);
    if (l0 > 0x80) {
      const n = l0 & 0x7f;
      if (i + n > bytes.length) return stop(fact('card.tlv.lengthCutAfter', { tag }), start);
      length = 0;
      for (let k = 0; k < n; k++) length = length * 256 + bytes[i++]!;
    }
    if (length > bytes.length - i) {
      return stop(fact('card.tlv.valueCut', { tag, length, present: bytes.length - i }), start);
    }
    const value = bytes.subarray(i, i + length);
    if ((first & 0x20) !== 0 && depth < MAX_DEPTH) {
      const inner = level(value, base + i, depth + 1, false);
      nodes.push({ tag, kind: 'constructed', children: inner.nodes, ...(inner.rest ? { rest: inner.rest } : {}) });
    } else {
      const text = printable(value);
      nodes.push(text !== undefined ? { tag, kind: 'text', text } : { tag, kind: 'bytes', hex: shortHex(value) });
    }
    i += length;
  }
  return { nodes };
}

/** The value as text when it is non-empty UTF-8 made only of printable characters. */
export function printable(value: Uint8Array): string | undefined {
  if (value.length === 0) return undefined;
  let s: string;
  try {
    s = new TextDecoder('utf-8', { fatal: true }).decode(value);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex -- a field with control bytes is not printable text
  if (/[\u0000-\u001f\u007f-\u009f\ufffd]/.test(s)) return undefined;
  return safeText(s);
}

function shortHex(b: Uint8Array): GenericHex {
  return b.length <= MAX_HEX_BYTES ? hex(b) : fact('card.tlv.hexCut', { hex: hex(b.subarray(0, MAX_HEX_BYTES)), n: b.length });
}
