// BER-TLV as smart cards write it (ISO/IEC 7816-4 §5.2, X.690 subset): tags of 1-4 bytes,
// definite lengths in short form or 81/82/83 long form (non-minimal forms accepted, as BER
// allows), constructed values parsed recursively to a bounded depth. Any malformed input
// raises TlvError and nothing else: this parser reads bytes from the card, and from fuzzers.

import { CardFactError, fact, type CardFact } from '../fact.js';

/** Malformed BER-TLV: what is wrong (a fact, worded by the view) and where. */
export class TlvError extends CardFactError {
  override readonly name = 'TlvError';
  constructor(
    problem: CardFact,
    /** Byte offset in the outermost input where the problem was seen. */
    readonly offset: number,
  ) {
    super(fact('card.tlv.invalid', { offset, message: problem }));
  }
}

export interface Tlv {
  /** The tag bytes read as a big-endian number: 0x30, 0x9f1f, 0xbf8101. */
  readonly tag: number;
  readonly constructed: boolean;
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  readonly tagClass: 0 | 1 | 2 | 3;
  readonly value: Uint8Array;
  /** Present when constructed. */
  readonly children?: readonly Tlv[];
  /** Offset of the tag in the outermost input. */
  readonly offset: number;
}

export interface ParseOptions {
  /** Deepest nesting accepted (default 16). */
  readonly maxDepth?: number;
  /**
   * Stop at a 00 or FF byte where a tag should start, at the top level only: card files are
   * padded with one of them after the last object.
   */
  readonly allowPadding?: boolean;
  /** Do not look inside the top-level objects (each is parsed later on its own, with parseTlv). */
  readonly shallow?: boolean;
}

const MAX_TAG_BYTES = 4;
const MAX_LENGTH_BYTES = 3;

/** Parses every TLV in `bytes` (a sequence at the top level). */
export function parseTlvs(bytes: Uint8Array, options: ParseOptions = {}): Tlv[] {
  return parseLevel(bytes, 0, 0, options.maxDepth ?? 16, options.allowPadding ?? false, options.shallow ?? false);
}

/** The encoding of a TLV found by a shallow parse, to parse it alone. */
export function rawOf(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  return bytes.subarray(tlv.offset, tlv.value.byteOffset - bytes.byteOffset + tlv.value.length);
}

/** Parses exactly one TLV that fills `bytes` (trailing padding allowed with allowPadding). */
export function parseTlv(bytes: Uint8Array, options: ParseOptions = {}): Tlv {
  const all = parseTlvs(bytes, options);
  if (all.length !== 1) throw new TlvError(fact('card.tlv.oneExpected', { n: all.length }), 0);
  return all[0]!;
}

function parseLevel(bytes: Uint8Array, base: number, depth: number, maxDepth: number, padding: boolean, shallow = false): Tlv[] {
  if (depth > maxDepth) throw new TlvError(fact('card.tlv.tooDeep', { max: maxDepth }), base);
  const out: Tlv[] = [];
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i]!;
    // What follows the padding is unwritten file space, whatever it holds (OpenSC stops there too).
    if (padding && (first === 0x00 || first === 0xff)) break;
    const start = i;
    // Tag
    let tag = first;
    i++;
    if ((first & 0x1f) === 0x1f) {
      let n = 1;
      for (;;) {
        if (i >= bytes.length) throw new TlvError(fact('card.tlv.tagCut'), base + start);
        const b = bytes[i++]!;
        if (++n > MAX_TAG_BYTES) throw new TlvError(fact('card.tlv.tagTooLong'), base + start);
        tag = tag * 256 + b;
        if ((b & 0x80) === 0) break;
      }
    }
    if (first === 0x00 && tag === 0) throw new TlvError(fact('card.tlv.tag00'), base + start);
    // Length
    if (i >= bytes.length) throw new TlvError(fact('card.tlv.noLength'), base + start);
    const l0 = bytes[i++]!;
    let length: number;
    if (l0 < 0x80) length = l0;
    else if (l0 === 0x80) throw new TlvError(fact('card.tlv.indefinite'), base + i - 1);
    else {
      const n = l0 & 0x7f;
      if (n > MAX_LENGTH_BYTES) throw new TlvError(fact('card.tlv.lengthBytes', { n }), base + i - 1);
      if (i + n > bytes.length) throw new TlvError(fact('card.tlv.lengthCut'), base + i - 1);
      length = 0;
      for (let k = 0; k < n; k++) length = length * 256 + bytes[i++]!;
    }
    if (length > bytes.length - i) {
      throw new TlvError(fact('card.tlv.beyond', { length, rest: bytes.length - i }), base + start);
    }
    const value = bytes.subarray(i, i + length);
    const constructed = (first & 0x20) !== 0;
    const tagClass = (first >> 6) as 0 | 1 | 2 | 3;
    const children = constructed && !shallow ? parseLevel(value, base + i, depth + 1, maxDepth, false) : undefined;
    out.push(
      children
        ? { tag, constructed, tagClass, value, children, offset: base + start }
        : { tag, constructed, tagClass, value, offset: base + start },
    );
    i += length;
  }
  return out;
}

/** First child (depth 1) with this tag. */
export function findChild(tlv: Tlv | readonly Tlv[], tag: number): Tlv | undefined {
  const list = Array.isArray(tlv) ? (tlv as readonly Tlv[]) : ((tlv as Tlv).children ?? []);
  return list.find((t) => t.tag === tag);
}

/** First TLV with this tag anywhere below (depth-first). */
export function findDeep(list: readonly Tlv[], tag: number): Tlv | undefined {
  for (const t of list) {
    if (t.tag === tag) return t;
    if (t.children) {
      const found = findDeep(t.children, tag);
      if (found) return found;
    }
  }
  return undefined;
}

/** Encodes one TLV with a minimal (DER) length. The tag is given as its bytes read big-endian. */
export function encodeTlv(tag: number, value: Uint8Array | readonly number[]): Uint8Array {
  const tagBytes: number[] = [];
  for (let t = tag; ; t = Math.floor(t / 256)) {
    tagBytes.unshift(t & 0xff);
    if (t < 256) break;
  }
  const len = value.length;
  const lenBytes =
    len < 0x80
      ? [len]
      : len < 0x100
        ? [0x81, len]
        : len < 0x10000
          ? [0x82, len >> 8, len & 0xff]
          : [0x83, len >> 16, (len >> 8) & 0xff, len & 0xff];
  if (len > 0xffffff) throw new RangeError('valeur trop longue');
  const out = new Uint8Array(tagBytes.length + lenBytes.length + len);
  out.set(tagBytes, 0);
  out.set(lenBytes, tagBytes.length);
  out.set(value, tagBytes.length + lenBytes.length);
  return out;
}
