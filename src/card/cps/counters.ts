// Tries left without spending one (docs/card.md §3). CPS3: GET DATA on the MF,
//   00 CB 3F FF 0A 4D 08 70 06 BF 81 rr 02 A0 80 00
// answers 70 { BF81rr { A0 { 9A max, 9B left, [9D usages left] … } } }. Fallback and CPS4:
// empty VERIFY 00 20 00 rr: 63Cx = x left, 90 00 = verified, 69 83 = blocked.

import { t } from '../../i18n/index.js';
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
  if (!obj?.children) throw new TlvError(t('card.counters.noObject', { tag: `BF81${reference.toString(16).padStart(2, '0')}` }), 0);
  const max = findDeep(obj.children, 0x9a);
  const left = findDeep(obj.children, 0x9b);
  const uses = findDeep(obj.children, 0x9d);
  if (!left) throw new TlvError(t('card.counters.no9B'), 0);
  const num = (v: Uint8Array): number => {
    if (v.length === 0 || v.length > 4) throw new TlvError(t('card.counters.length', { n: v.length }), 0);
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
