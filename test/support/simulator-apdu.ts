// Test helpers: send hex, read hex; follow 61 xx; a minimal BER-TLV reader for checking structure
// (deliberately separate from the card layer's parser).

import { concat, fromHex, hex } from '../../src/card/bytes.js';
import type { ApduCard } from '../../src/card/simulator/apdu-card.js';

export function send(card: ApduCard, command: string): string {
  return hex(card.transmit(fromHex(command)));
}

/** Sends, then fetches a 61 xx answer with GET RESPONSE; returns data + SW as hex. */
export function exchange(card: ApduCard, command: string): string {
  let r = card.transmit(fromHex(command));
  let data: Uint8Array = new Uint8Array(0);
  while (r.length >= 2 && r[r.length - 2] === 0x61) {
    data = concat(data, r.subarray(0, r.length - 2));
    r = card.transmit(Uint8Array.of(0x00, 0xc0, 0x00, 0x00, r[r.length - 1]!));
  }
  return hex(concat(data, r));
}

/** Reads the whole current EF, 0xE7 bytes at a time, following 6C xx. */
export function readAll(card: ApduCard): Uint8Array {
  let out: Uint8Array = new Uint8Array(0);
  for (;;) {
    const offset = out.length;
    let r = card.transmit(Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, 0xe7));
    if (r.length === 2 && r[0] === 0x6c) {
      r = card.transmit(Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, r[1]!));
    }
    const sw = (r[r.length - 2]! << 8) | r[r.length - 1]!;
    if (sw === 0x6b00) return out;
    if (sw !== 0x9000) throw new Error(`READ BINARY: ${hex(r)}`);
    out = concat(out, r.subarray(0, r.length - 2));
  }
}

export function selectPath(card: ApduCard, path: string): string {
  const p = fromHex(path);
  return send(card, `00 A4 09 0C ${hex(Uint8Array.of(p.length))} ${path}`);
}

export interface Node {
  readonly tag: number;
  readonly value: Uint8Array;
  readonly children: Node[];
}

/** Parses a sequence of BER-TLVs (constructed ones recursively). Stops at 00 padding. */
export function parseTlv(bytes: Uint8Array): Node[] {
  const out: Node[] = [];
  let i = 0;
  while (i < bytes.length && bytes[i] !== 0x00) {
    let tag = bytes[i++]!;
    const constructed = (tag & 0x20) !== 0;
    if ((tag & 0x1f) === 0x1f) {
      do tag = (tag << 8) | bytes[i]!;
      while (bytes[i++]! & 0x80);
    }
    let len = bytes[i++]!;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let k = 0; k < n; k++) len = len * 256 + bytes[i++]!;
    }
    if (i + len > bytes.length) throw new Error('TLV tronqué');
    const value = bytes.subarray(i, i + len);
    out.push({ tag, value, children: constructed ? parseTlv(value) : [] });
    i += len;
  }
  return out;
}

export function text(node: Node | undefined): string {
  if (!node) throw new Error('champ absent');
  return new TextDecoder().decode(node.value);
}

export function child(node: Node | undefined, tag: number, nth = 0): Node {
  const hit = node?.children.filter((c) => c.tag === tag)[nth];
  if (!hit) throw new Error(`tag ${tag.toString(16)} absent`);
  return hit;
}
