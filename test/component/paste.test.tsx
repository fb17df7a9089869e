// A paste longer than the code field says what was cut, in counts only: one line under the field
// ("12 chiffres collés, 8 gardés"), in both languages; the code itself appears nowhere.

import { afterEach, describe, expect, it } from 'vitest';
import { LANGS, tIn, type Lang } from '../../src/i18n/index.js';
import { startApp, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

async function unblockForm(lang: Lang): Promise<Harness> {
  h = await startApp({ card: 'seed', lang });
  await h.waitFor('M DENT-CS0595 EMILE');
  await h.readDone();
  await h.press('d');
  await h.waitFor(`${tIn(lang, 'form.field.puk')}:`);
  return h;
}

describe.each(LANGS.map((l) => [l] as [Lang]))('a paste into a code field (%s)', (lang) => {
  it('12 digits into the 8-digit field: 8 kept, one line says so in counts, never the digits', async () => {
    const x = await unblockForm(lang);
    // One write: the terminal hands a paste over as one chunk.
    await x.press('918273645546');
    const said = tIn(lang, 'form.pasted', { pasted: 12, kept: 8 });
    const f = await x.waitFor(said);
    expect(f).toContain('8/8');
    const lines = f.split('\n');
    const field = lines.findIndex((l) => l.includes(`${tIn(lang, 'form.field.puk')}:`));
    const hint = lines.findIndex((l) => l.includes(said));
    expect(hint).toBeGreaterThan(field);
    // No run of the pasted digits anywhere on screen, nor in the machine's snapshot.
    for (const run of ['9182', '2736', '3645', '5546']) expect(f).not.toContain(run);
    expect(JSON.stringify(x.actor.getSnapshot().toJSON())).not.toMatch(/9182|5546/);
    // The next key takes the line away.
    await x.press('\t');
    await x.waitFor((fr) => !fr.includes(said));
  });

  it('a paste onto digits already typed counts what the field still had room for', async () => {
    const x = await unblockForm(lang);
    await x.press('1', '2', '3');
    await x.waitFor('3/8');
    await x.press('45678901');
    await x.waitFor(tIn(lang, 'form.pasted', { pasted: 8, kept: 5 }));
  });

  it('a paste that fits says nothing; nor does a paste of the whole form', async () => {
    const x = await unblockForm(lang);
    await x.press('87654321\t4321\t4321');
    const f = await x.waitFor((fr) => fr.includes('4/4') && fr.split('4/4').length === 3);
    expect(f).not.toContain(tIn(lang, 'form.pasted', { pasted: 8, kept: 8 }).split(':')[0]!);
  });
});

describe('the reference wording', () => {
  it('French: "12 chiffres collés, 8 gardés"', async () => {
    const x = await unblockForm('fr');
    await x.press('918273645546');
    await x.waitFor('⚠ Collage trop long : 12 chiffres collés, 8 gardés. Vérifiez le code.');
  });
});
