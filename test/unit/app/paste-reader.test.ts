// Issue 17, point 2: bracketed-paste markers are never keys, wherever a read cuts them (the
// accessible mode reads raw bytes), and a paste is one whole Paste.

import { describe, expect, it } from 'vitest';
import { PASTE_GIVE_UP, PASTE_LIMIT, PasteReader, stripPasteMarkers } from '../../../src/app/tui/key-decoder.js';
import { digitsOf } from '../../support/codes.js';

const show = (parts: ReturnType<PasteReader['read']>) =>
  parts.map((p) => (p.kind === 'text' ? p.text : `[paste ${digitsOf(p.digits)} +${p.others}${p.overflow ? ' overflow' : ''}]`));

describe('PasteReader', () => {
  it('one read: text, the paste whole, text', () => {
    expect(show(new PasteReader().read('a\u001b[200~12345678\u001b[201~b'))).toEqual(['a', '[paste 12345678 +0]', 'b']);
  });

  it('an Esc typed alone is held, then given by flush() as an Esc; a marker is never flushed as text', () => {
    const r = new PasteReader();
    expect(show(r.read('\u001b'))).toEqual([]);
    expect(r.holding).toBe(true);
    expect(show(r.flush())).toEqual(['\u001b']);
    expect(r.holding).toBe(false);
    expect(r.flush()).toEqual([]);
    // The rest of a marker that follows in time is a paste, not an Esc.
    const m = new PasteReader();
    expect(show(m.read('\u001b'))).toEqual([]);
    expect(show(m.read('[200~12\u001b[201~'))).toEqual(['[paste 12 +0]']);
    expect(m.holding).toBe(false);
    // Inside a paste nothing is held as an Esc.
    const p = new PasteReader();
    p.read('\u001b[200~12\u001b');
    expect(p.holding).toBe(false);
    expect(p.flush()).toEqual([]);
  });

  it('markers cut anywhere across reads: no byte of them is text', () => {
    const whole = '\u001b[200~1234\r\n\u001b[201~9';
    for (let i = 1; i < whole.length; i++) {
      const r = new PasteReader();
      const parts = [...r.read(whole.slice(0, i)), ...r.read(whole.slice(i))];
      expect(show(parts).join('|'), `cut at ${i}`).toBe('[paste 1234 +0]|9');
    }
  });

  it('letters counted, an end marker never asked for dropped, a paste far too long refused', () => {
    expect(show(new PasteReader().read('\u001b[200~12ab\u001b[201~'))).toEqual(['[paste 12 +2]']);
    expect(show(new PasteReader().read('1\u001b[201~2'))).toEqual(['12']);
    const r = new PasteReader();
    expect(show(r.read(`\u001b[200~${'1'.repeat(PASTE_LIMIT + 1)}\u001b[201~`))).toEqual(['[paste  +0 overflow]']);
    // A start marker whose end never comes: keys are keys again after PASTE_GIVE_UP characters.
    const stuck = new PasteReader();
    expect(show(stuck.read(`\u001b[200~${'x'.repeat(PASTE_GIVE_UP + 1)}`))).toEqual(['[paste  +0 overflow]']);
    expect(show(stuck.read('q'))).toEqual(['q']);
  });

  it('the save dialog drops the markers Ink hands over as text', () => {
    expect(stripPasteMarkers('[200~/tmp/r.txt[201~')).toBe('/tmp/r.txt');
  });
});
