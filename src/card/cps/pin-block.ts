// The bytes a PIN or PUK becomes in VERIFY / CHANGE / RESET RETRY COUNTER, built from the AODF
// PinAttributes as OpenSC and the Cryptolib do (spec §3). Without an AODF: 4 ASCII digits, no
// padding. Local rules (digits only, 4 or 8 of them) are checked before, in codes.ts.

import type { PinAttributes } from '../pkcs15/aodf.js';

export class PinFormatError extends Error {
  override readonly name = 'PinFormatError';
}

export function buildPinBlock(code: string, attrs?: PinAttributes): Uint8Array {
  if (!/^\d+$/.test(code)) throw new PinFormatError('code non numérique');
  if (!attrs) return Uint8Array.from(code, (c) => c.charCodeAt(0));
  if (code.length < attrs.minLength || (attrs.maxLength !== undefined && attrs.maxLength > 0 && code.length > attrs.maxLength)) {
    throw new PinFormatError(`longueur ${code.length} hors des bornes de la carte (${attrs.minLength}–${attrs.maxLength ?? '?'})`);
  }
  let body: number[];
  switch (attrs.type) {
    case 'ascii-numeric':
    case 'utf8':
      body = Array.from(code, (c) => c.charCodeAt(0));
      break;
    case 'bcd': {
      // Two digits per byte; an odd last digit gets the pad nibble (F unless padChar says).
      const padNibble = attrs.padChar === undefined ? 0x0f : attrs.padChar & 0x0f;
      body = [];
      for (let i = 0; i < code.length; i += 2) {
        const hi = code.charCodeAt(i) - 48;
        const lo = i + 1 < code.length ? code.charCodeAt(i + 1) - 48 : padNibble;
        body.push((hi << 4) | lo);
      }
      break;
    }
    default:
      throw new PinFormatError(`type de code « ${attrs.type} » non géré`);
  }
  if (attrs.flags.has('needs-padding')) {
    if (body.length > attrs.storedLength) throw new PinFormatError('code plus long que la longueur stockée');
    const pad = attrs.padChar ?? 0x00;
    while (body.length < attrs.storedLength) body.push(pad);
  }
  return Uint8Array.from(body);
}
