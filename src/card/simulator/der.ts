// A small BER-TLV / DER writer for the simulated card's files. Writing only: the card layer has
// its own reader, so a bug here cannot hide a matching bug there.

import { concat } from '../bytes.js';

type Part = Uint8Array | readonly number[];

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/** One TLV. `tag` is the whole tag, one or more bytes (e.g. 0x5f20 is written 5F 20). */
export function tlv(tag: number, ...content: Part[]): Uint8Array {
  const tagBytes: number[] = [];
  for (let t = tag; t > 0 || tagBytes.length === 0; t = Math.floor(t / 256)) tagBytes.unshift(t & 0xff);
  const body = concat(...content);
  return concat(tagBytes, lengthBytes(body.length), body);
}

export const seq = (...items: Part[]): Uint8Array => tlv(0x30, ...items);

/** INTEGER, non-negative, minimal two's complement (0x81 is written 02 02 00 81). */
export function int(value: number): Uint8Array {
  const out: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  if (out.length === 0 || (out[0]! & 0x80) !== 0) out.unshift(0);
  return tlv(0x02, out);
}

export const enumerated = (value: number): Uint8Array => tlv(0x0a, [value]);
export const octets = (bytes: Part): Uint8Array => tlv(0x04, bytes);
export const utf8String = (text: string): Uint8Array => tlv(0x0c, new TextEncoder().encode(text));
export const text = (value: string): Uint8Array => new TextEncoder().encode(value);
export const bool = (value: boolean): Uint8Array => tlv(0x01, [value ? 0xff : 0x00]);

/**
 * BIT STRING of named bits, bit 0 being the most significant bit of the first byte (X.680).
 * DER drops trailing zero bits; an empty set is 03 01 00.
 */
export function bitString(bits: readonly number[]): Uint8Array {
  if (bits.length === 0) return tlv(0x03, [0]);
  const highest = Math.max(...bits);
  const bytes = new Array<number>(Math.floor(highest / 8) + 1).fill(0);
  for (const b of bits) bytes[Math.floor(b / 8)]! |= 0x80 >> (b % 8);
  const unused = 7 - (highest % 8);
  return tlv(0x03, [unused, ...bytes]);
}
