// Pastes and bursts into a code field (issue 17, points 2 and 3): a bracketed paste is taken whole
// or refused whole, with words, and no byte of its markers is ever a digit; a burst mixing digits
// and letters is refused whole; a digit typed into a full field is said. The words give counts,
// never the digits; the machine's snapshot holds none.

import { afterEach, describe, expect, it } from 'vitest';
import { LANGS, tIn, type Lang } from '../../src/i18n/index.js';
import { field } from '../../src/machine/forms.js';
import { digitsOf } from '../support/codes.js';
import { startApp, type Harness } from '../support/app-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

const START = '\u001b[200~';
const END = '\u001b[201~';
const pasted = (text: string) => `${START}${text}${END}`;

async function unblockForm(lang: Lang): Promise<Harness> {
  h = await startApp({ card: 'seed', lang });
  await h.waitFor('M DENT-CS0595 EMILE');
  await h.readDone();
  await h.press('d');
  await h.waitFor(`${tIn(lang, 'form.field.puk')}:`);
  await h.waitFor('0/8');
  return h;
}

/** The frame's words on one line (a long hint wraps under its ⚠). */
const flat = (fr: string) => fr.replace(/\s+/g, ' ');
const saying = (words: string) => (fr: string) => flat(fr).includes(words);

const puk = (x: Harness) => digitsOf(field(x.actor.getSnapshot().context.form, 'puk'));
const eight = (lang: Lang) => tIn(lang, 'codes.range.fixed', { n: 8 });

describe.each(LANGS.map((l) => [l] as [Lang]))('a paste into a code field (%s)', (lang) => {
  it('a bracketed paste of the 8 digits: the field holds them, and none of the markers’ (200, 201)', async () => {
    const x = await unblockForm(lang);
    await x.press(pasted('12345678'));
    const f = await x.waitFor('8/8');
    // Before issue 17 the start marker's "200" became the first PUK digits: 20012345 was sent.
    expect(puk(x)).toBe('12345678');
    expect(f).not.toContain('⚠');
    // Split across two writes, and with the end of a copied line: the same.
    await x.press('\u007f'.repeat(8));
    await x.waitFor('0/8');
    await x.press(`${START}1234`, `5678\r\n${END}`);
    await x.waitFor('8/8');
    expect(puk(x)).toBe('12345678');
  });

  it('too long: refused whole, with words, and nothing typed', async () => {
    const x = await unblockForm(lang);
    await x.press(pasted('123456789'));
    const said = tIn(lang, 'form.paste.tooLong', { pasted: 9, range: eight(lang) });
    const f = await x.waitFor(saying(said));
    expect(f).toContain('0/8');
    expect(puk(x)).toBe('');
    for (const run of ['1234', '6789']) expect(f).not.toContain(run);
    expect(JSON.stringify(x.actor.getSnapshot().toJSON())).not.toMatch(/1234|6789/);
    // The next key takes the line away.
    await x.press('\t');
    await x.waitFor((fr) => !flat(fr).includes(said));
  });

  it('letters in a paste: refused whole, never filtered', async () => {
    const x = await unblockForm(lang);
    await x.press(pasted('1234abcd5678'));
    await x.waitFor(saying(tIn(lang, 'form.paste.letters', { others: 4 })));
    expect(puk(x)).toBe('');
  });

  it('onto digits already typed: refused when the field has no room for all of it', async () => {
    const x = await unblockForm(lang);
    await x.press('1', '2', '3');
    await x.waitFor('3/8');
    await x.press(pasted('45678901'));
    await x.waitFor(saying(tIn(lang, 'form.paste.noRoom', { pasted: 8, room: 5, range: eight(lang) })));
    expect(puk(x)).toBe('123');
    await x.press(pasted('45678'));
    await x.waitFor('8/8');
    expect(puk(x)).toBe('12345678');
  });

  it('an end marker nobody asked for types nothing; a paste on the card screen is no key', async () => {
    const x = await unblockForm(lang);
    await x.press(END, '1');
    await x.waitFor('1/8');
    expect(puk(x)).toBe('1');
    await x.press('\u001b');
    await x.waitFor((fr) => !fr.includes(`${tIn(lang, 'form.field.puk')}:`));
    // "d" pasted on the card screen does not open the unblock form.
    await x.press(pasted('d'));
    await new Promise((r) => setTimeout(r, 200));
    expect(x.actor.getSnapshot().matches({ card: { view: 'browsing' } })).toBe(true);
  });
});

describe.each(LANGS.map((l) => [l] as [Lang]))('typed bursts (%s)', (lang) => {
  it('8 digits then 4 more without Tab: the 4 are said, not dropped silently, and not called a paste', async () => {
    const x = await unblockForm(lang);
    await x.press('87654321');
    await x.waitFor('8/8');
    await x.press('1', '2', '3', '4');
    const f = await x.waitFor(saying(tIn(lang, 'form.full', { n: 1, range: eight(lang) })));
    expect(puk(x)).toBe('87654321');
    expect(f).not.toContain(lang === 'fr' ? 'Collage' : 'Paste');
    await x.press('1234');
    await x.waitFor(saying(tIn(lang, 'form.full', { n: 4, range: eight(lang) })));
  });

  it('digits and letters in one burst (a paste without markers): refused whole', async () => {
    const x = await unblockForm(lang);
    await x.press('1234abcd5678');
    await x.waitFor(saying(tIn(lang, 'form.burst.mixed')));
    expect(puk(x)).toBe('');
  });
});

describe('the reference wording', () => {
  it('French: "Collage refusé : 9 chiffres pour un code de 8 chiffres."', async () => {
    const x = await unblockForm('fr');
    await x.press(pasted('123456789'));
    await x.waitFor(saying('⚠ Collage refusé : 9 chiffres pour un code de 8 chiffres. Rien n’a été saisi.'));
  });
});
