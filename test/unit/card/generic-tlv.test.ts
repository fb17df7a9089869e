// The generic BER-TLV view of objects in a layout this tool does not know (issue 12): every tag,
// printable text as text, other bytes in hex, and whatever is not TLV kept with its reason.

import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../src/card/bytes.js';
import { genericView } from '../../../src/card/tlv/generic.js';
import { genericLines } from '../../../src/view/format.js';
import { cardFactWords } from '../../../src/i18n/card-facts.js';
import type { CardFact } from '../../../src/card/fact.js';

/** The view with every `reason` in words, as the screens and the report say it (the card layer keeps facts). */
function worded(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(worded);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'reason' ? cardFactWords(x as CardFact) : worded(x)]));
}

describe('generic BER-TLV view', () => {
  it('shows a valid constructed object: tags, text fields, bytes in hex', () => {
    const v = genericView(fromHex('E1 0F 81 01 80 83 0A 32 35 30 30 31 32 33 34 35 36'));
    expect(v.size).toBe(17);
    expect(v.rest).toBeUndefined();
    expect(v.nodes).toEqual([
      {
        tag: 'E1',
        kind: 'constructed',
        children: [
          { tag: '81', kind: 'bytes', hex: '80' },
          { tag: '83', kind: 'text', text: '2500123456' },
        ],
      },
    ]);
    expect(genericLines(v)).toEqual(['E1', '  81 : 80', '  83 « 2500123456 »']);
  });

  it('keeps unknown and multi-byte tags, UTF-8 text and empty values', () => {
    const v = genericView(fromHex('BF 81 01 0C 5F 20 06 48 C3 A9 6C C3 A8 9F 1F 00'));
    expect(genericLines(v)).toEqual(['BF8101', '  5F20 « Hélè »', '  9F1F : (vide)']);
  });

  it('shows non-printable bytes in hex, never as text (no control character reaches the screen)', () => {
    const v = genericView(fromHex('80 05 1B 5D 35 32 07 81 02 C3 28'));
    expect(v.nodes).toEqual([
      { tag: '80', kind: 'bytes', hex: '1B 5D 35 32 07' },
      { tag: '81', kind: 'bytes', hex: 'C3 28' },
    ]);
  });

  it('keeps a truncated object as bytes with the reason, after what could be read', () => {
    const top = genericView(fromHex('80 02 34 30 A0 09 80 02 34 30'));
    expect(top.nodes).toEqual([{ tag: '80', kind: 'text', text: '40' }]);
    expect(worded(top.rest)).toEqual({ offset: 4, hex: 'A0 09 80 02 34 30', reason: 'étiquette A0 : 9 octet(s) annoncé(s), 4 présent(s)' });
    const inner = genericView(fromHex('A0 08 80 02 34 30 81 05 41 42'));
    expect(worded(inner.nodes)).toEqual([
      {
        tag: 'A0',
        kind: 'constructed',
        children: [{ tag: '80', kind: 'text', text: '40' }],
        rest: { offset: 6, hex: '81 05 41 42', reason: 'étiquette 81 : 5 octet(s) annoncé(s), 2 présent(s)' },
      },
    ]);
    expect(genericLines(inner)).toEqual([
      'A0',
      '  80 « 40 »',
      '  non TLV à l’octet 6 (étiquette 81 : 5 octet(s) annoncé(s), 2 présent(s)) : 81 05 41 42',
    ]);
  });

  it('stops at padding, and shows bytes that are no TLV at all in hex', () => {
    expect(worded(genericView(fromHex('80 01 31 FF FF FF 00')).rest)).toMatchObject({ reason: 'octets qui ne sont pas du BER-TLV' });
    expect(genericView(fromHex('80 01 31 FF FF FF'))).toEqual({ size: 6, nodes: [{ tag: '80', kind: 'text', text: '1' }] });
    expect(genericLines(genericView(fromHex('00 00')))).toEqual(['(vide)']);
    const raw = genericView(fromHex('1F'));
    expect(worded(raw.rest)).toMatchObject({ hex: '1F', reason: 'étiquette tronquée' });
  });
});
