// The bytes a PIN or PUK becomes in VERIFY / CHANGE / RESET RETRY COUNTER, built from the card's
// own AODF PinAttributes by the rule of OpenSC's sc_build_pin (the implementation proven on real
// CPx cards; docs/card.md §3):
//   - ascii-numeric / utf8: one byte per digit;
//   - bcd: two digits per byte, an odd last digit completed by the low nibble of padChar;
//   - needs-padding: padded with padChar up to storedLength bytes, or storedLength / 2 bytes for
//     bcd (PKCS#15 gives a BCD PIN's stored length in digits);
//   - padChar absent: 00, as OpenSC reads an AODF without one.
// There is no block without attributes: a code is never sent in a guessed format.
// Local rules (digits only, 4 or 8 of them) are checked before, in codes.ts.

import type { PinAttributes } from '../pkcs15/aodf.js';
import type { SecretCode } from './secret-code.js';

export class PinFormatError extends Error {
  override readonly name = 'PinFormatError';
}

/**
 * The block for `code` under `attrs`. The caller owns the returned buffer and wipes it
 * (`block.fill(0)`) once sent.
 */
export function buildPinBlock(code: SecretCode, attrs: PinAttributes): Uint8Array {
  const n = code.length;
  if (n < attrs.minLength || (attrs.maxLength !== undefined && attrs.maxLength > 0 && n > attrs.maxLength)) {
    throw new PinFormatError(`${n} digits, outside the card's ${attrs.minLength} to ${attrs.maxLength ?? '?'}`);
  }
  const padChar = attrs.padChar ?? 0x00;
  const padded = attrs.flags.has('needs-padding');
  let bodyLength: number;
  let padLength: number;
  switch (attrs.type) {
    case 'ascii-numeric':
    case 'utf8':
      bodyLength = n;
      padLength = attrs.storedLength;
      break;
    case 'bcd':
      bodyLength = Math.ceil(n / 2);
      padLength = attrs.storedLength >> 1;
      break;
    default:
      throw new PinFormatError(`PIN type ${attrs.type} not supported`);
  }
  if (padded && bodyLength > padLength) throw new PinFormatError('PIN longer than its block');
  const block = new Uint8Array(padded ? Math.max(bodyLength, padLength) : bodyLength);
  if (attrs.type === 'bcd') {
    for (let i = 0; i < n; i += 2) {
      const lo = i + 1 < n ? code.digitAt(i + 1) : padChar & 0x0f;
      block[i >> 1] = (code.digitAt(i) << 4) | lo;
    }
  } else {
    for (let i = 0; i < n; i++) block[i] = 0x30 + code.digitAt(i);
  }
  block.fill(padChar, bodyLength);
  return block;
}
