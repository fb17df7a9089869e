// EF.SN.ICC (3F00/D003, docs/card.md §2): 5A 0A + 10 bytes BCD = issuer 8025000001, 8-digit serial,
// Luhn check digit over those 18 digits, F. The Cryptolib refuses any other length or issuer.

import { fact, type CardFact } from '../fact.js';
import { hex } from '../bytes.js';

export const CPS_ISSUER = '8025000001';

export type SnIcc =
  { readonly ok: true; readonly issuer: string; readonly serial: string } | { readonly ok: false; readonly reason: CardFact };

export function parseSnIcc(bytes: Uint8Array): SnIcc {
  if (bytes.length !== 12) return { ok: false, reason: fact('card.sn.length', { n: bytes.length }) };
  if (bytes[0] !== 0x5a || bytes[1] !== 0x0a) return { ok: false, reason: fact('card.sn.start', { bytes: hex(bytes.subarray(0, 2)) }) };
  const digits = hex(bytes.subarray(2), '');
  if (!/^\d{19}F$/.test(digits)) return { ok: false, reason: fact('card.sn.notBcd', { digits }) };
  const issuer = digits.slice(0, 10);
  if (issuer !== CPS_ISSUER) return { ok: false, reason: fact('card.sn.issuer', { issuer, expected: CPS_ISSUER }) };
  const serial = digits.slice(10, 18);
  if (luhnCheckDigit(digits.slice(0, 18)) !== Number(digits[18])) {
    return { ok: false, reason: fact('card.sn.checkDigit', { digits: digits.slice(0, 19) }) };
  }
  return { ok: true, issuer, serial };
}

/** The Luhn digit to append to `digits`. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
