// Tries left without spending one (docs/card.md §3). CPS3: GET DATA on the MF,
//   00 CB 3F FF 0A 4D 08 70 06 BF 81 rr 02 A0 80 00
// answers 70 { BF81rr { A0 { 9A max, 9B left, [9D usages left] … } } }. Fallback and CPS4:
// empty VERIFY 00 20 00 rr: 63Cx = x left, 90 00 = verified, 69 83 = blocked.

import { fact } from '../fact.js';
import type { Command } from '../apdu/command.js';
import { SW, triesLeftFromSw } from '../apdu/status-words.js';
import { findDeep, parseTlvs, TlvError } from '../tlv/tlv.js';

export function getDataCountersCommand(reference: number): Command {
  return {
    cla: 0x00,
    ins: 0xcb,
    p1: 0x3f,
    p2: 0xff,
    data: Uint8Array.from([0x4d, 0x08, 0x70, 0x06, 0xbf, 0x81, reference & 0xff, 0x02, 0xa0, 0x80]),
    le: 256,
  };
}

export interface Counters {
  readonly maxTries: number | null;
  readonly triesLeft: number | null;
  /** 9D: uses left (the PUK's lifetime unblocks); absent from the PIN's answer. */
  readonly usagesLeft?: number;
}

/** Parses the GET DATA answer; throws TlvError when it is not what the spec shows. */
export function parseCountersResponse(data: Uint8Array, reference: number): Counters {
  const top = parseTlvs(data);
  const obj = findDeep(top, 0xbf8100 | (reference & 0xff));
  if (!obj?.children) throw new TlvError(fact('card.counters.noObject', { tag: `BF81${reference.toString(16).padStart(2, '0')}` }), 0);
  const max = findDeep(obj.children, 0x9a);
  const left = findDeep(obj.children, 0x9b);
  const uses = findDeep(obj.children, 0x9d);
  if (!left) throw new TlvError(fact('card.counters.no9B'), 0);
  const num = (v: Uint8Array): number => {
    if (v.length === 0 || v.length > 4) throw new TlvError(fact('card.counters.length', { n: v.length }), 0);
    return v.reduce((n, b) => n * 256 + b, 0);
  };
  return {
    maxTries: max ? num(max.value) : null,
    triesLeft: num(left.value),
    ...(uses ? { usagesLeft: num(uses.value) } : {}),
  };
}

export function emptyVerifyCommand(reference: number): Command {
  return { cla: 0x00, ins: 0x20, p1: 0x00, p2: reference & 0xff };
}

/** Tries left from an empty VERIFY's SW; 'verified' when the code is already presented. */
export function triesFromEmptyVerify(sw: number): number | 'verified' | null {
  if (sw === SW.OK) return 'verified';
  if (sw === SW.AUTH_METHOD_BLOCKED) return 0;
  return triesLeftFromSw(sw);
}

// The CHV data object's sizes (docs/card.md §3): GET DATA on the MF for the template 7F41 of
// code rr, as OpenSC's IAS-ECC driver reads it (iasecc_parse_chv: 80 maximum, 81 minimum):
//   00 CB 3F FF 0B 4D 09 70 07 BF 81 rr 03 7F 41 80 00
// answers 70 { BF81rr { 7F41 { 80 max, 81 min } } }. A card that refuses it says nothing.
export function getDataChvCommand(reference: number): Command {
  return {
    cla: 0x00,
    ins: 0xcb,
    p1: 0x3f,
    p2: 0xff,
    data: Uint8Array.from([0x4d, 0x09, 0x70, 0x07, 0xbf, 0x81, reference & 0xff, 0x03, 0x7f, 0x41, 0x80]),
    le: 256,
  };
}

/** The sizes in a 7F41 answer; undefined when it holds neither (or is not that answer). */
export function parseChvResponse(data: Uint8Array, reference: number): { min?: number; max?: number } | undefined {
  const top = parseTlvs(data);
  const obj = findDeep(top, 0xbf8100 | (reference & 0xff));
  const chv = obj?.children ? findDeep(obj.children, 0x7f41) : undefined;
  if (!chv?.children) return undefined;
  const size = (tag: number): number | undefined => {
    const v = findDeep(chv.children ?? [], tag)?.value;
    if (v === undefined || v.length !== 1 || v[0] === 0) return undefined;
    return v[0];
  };
  const max = size(0x80);
  const min = size(0x81);
  if (max === undefined && min === undefined) return undefined;
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}
