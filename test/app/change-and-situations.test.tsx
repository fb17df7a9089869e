// "Changer votre code porteur" and the practice situations, on a card whose PIN works (1234), in
// French and in English (each catalogue's words); the French wording itself at the end.

import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_READER } from '../../src/card/transport/in-process.js';
import { startApp, type Harness } from '../support/app-harness.js';
import { LANG_CASES, flat, head, triesOf, wordsIn, type Words } from '../support/words.js';
import type { Lang } from '../../src/i18n/index.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

const TAB = '\t';
const ENTER = '\r';
const digits = (s: string) => s.split('');

/** Fills the change form and presses Enter once the button is enabled (focused: ▶ [ Changer ] ◀). */
async function submit(x: Harness, w: Words, current: string, next: string): Promise<void> {
  await x.waitFor(w('form.typed', { typed: 0, length: 4 }));
  await x.press(...digits(current), TAB, ...digits(next), TAB, ...digits(next), TAB);
  await x.waitFor(`▶ [ ${w('form.button.change')} ] ◀`);
  await x.press(ENTER);
}

async function ready(lang: Lang): Promise<Harness> {
  h = await startApp({ card: 'cps3-rpps', lang });
  await h.waitFor(`[c] ${wordsIn(lang)('pin.change')}`);
  await h.readDone();
  return h;
}

describe.each(LANG_CASES)('change form (%s)', (lang) => {
  const w = wordsIn(lang);
  const current = `${w('form.field.currentPin')}:`;
  it('offers only the change on a working PIN, with the current PIN, the new one and its confirmation', async () => {
    const x = await ready(lang);
    expect(x.frame()).toContain(w('value.ok', { count: triesOf(w, 3, 3) }));
    expect(x.frame()).not.toContain('[d]');
    await x.press('d');
    expect(x.frame()).not.toContain(`${w('form.field.puk')}:`);
    await x.press('c');
    const f = await x.waitFor(current);
    expect(f).toContain(`${w('form.field.newPin')}:`);
    expect(f).toContain(`${w('form.field.confirmPin')}:`);
    expect(f).toContain(
      `[ ${w('form.button.change')} ] ${w('form.inactive', { why: w('form.blocker.currentPin', { range: w('codes.range.fixed', { n: 4 }) }) })}`,
    );
  });

  it('a wrong current PIN tells the tries left; the right one changes it, then remove and reinsert', async () => {
    const x = await ready(lang);
    await x.press('c');
    await x.waitFor(current);
    await submit(x, w, '9999', '5678');
    await x.waitFor((f) => flat(f).includes(w('tries.many', { n: 2 })) && f.includes(w('form.typed', { typed: 0, length: 4 })));
    await submit(x, w, '1234', '5678');
    await x.waitFor((f) => flat(f).includes(w('msg.changeSuccess.text')));
    x.transport.remove(DEFAULT_READER);
    await x.waitFor(w('state.doneReinsert'));
    x.transport.insert(DEFAULT_READER, x.card!);
    await x.waitFor(w('value.ok', { count: triesOf(w, 3, 3) }));
  });

  it('before the last PIN try: warning and explicit confirmation', async () => {
    const x = await ready(lang);
    await x.press('c');
    for (const left of [w('tries.many', { n: 2 }), w('tries.one')]) {
      await submit(x, w, '9999', '5678');
      await x.waitFor((f) => flat(f).includes(left));
    }
    await submit(x, w, '9999', '5678');
    const f = await x.waitFor(w('confirm.yes'));
    expect(f).toContain(w('confirm.title'));
    expect(flat(f)).toContain(w('msg.lastTry.pin.one'));
    await x.press('\u001b');
    await x.waitFor(current);
  });

  it('a card pulled during the change says the change may or may not have applied, never "erroné"', async () => {
    const x = await ready(lang);
    await x.press('c');
    await x.waitFor(current);
    await x.press(...digits('1234'), TAB, ...digits('5678'), TAB, ...digits('5678'), TAB);
    await x.waitFor(`▶ [ ${w('form.button.change')} ] ◀`);
    // The card leaves on the first APDU of the operation: nothing can have been written.
    x.transport.injectFault({ at: 1, kind: 'remove-card', executed: false });
    await x.press(ENTER);
    const f = await x.waitFor(w('state.interrupted'));
    expect(f).not.toContain(head(w, 'msg.wrongPin.text'));
    expect(f).toContain(w('state.doneReinsert'));
  });
});

describe.each(LANG_CASES)('situations (%s)', (lang) => {
  const w = wordsIn(lang);
  it('say what a wrong PIN costs, ask for the PIN, then list the situations', async () => {
    const x = await ready(lang);
    await x.press('2');
    let f = flat(await x.waitFor((fr) => flat(fr).includes(w('msg.situationsCost.text'))));
    expect(f).toContain(w('msg.situationsCost.remedy'));
    expect(f).toContain(w('situation.triesLeft', { tries: w('tries.many', { n: 3 }) }).trim());
    await x.press(ENTER);
    await x.waitFor(`${w('form.field.pin')}:`);
    await x.press(...digits('1234'), ENTER);
    await x.waitFor(`▶ [ ${w('form.button.situations')} ] ◀`);
    await x.press(ENTER);
    f = await x.waitFor(head(w, 'situation.title'));
    for (const label of ['situation.mode', 'situation.sector', 'situation.company', 'situation.billing'] as const)
      expect(f).toContain(w(label));
    expect(f).not.toMatch(/\b1234\b/);
  });
});

describe('change and situations: the reference wording (French)', () => {
  it('a wrong current PIN, the success, the situations prompt, word for word', async () => {
    const x = await ready('fr');
    await x.press('2');
    await x.waitFor('La lecture des situations d’exercice demande votre code porteur.');
    expect(x.frame()).toContain('Il vous reste 3 essais sur le code porteur.');
    await x.press('1', 'c');
    await x.waitFor('Code porteur actuel:');
    expect(x.frame()).toContain('[ Changer ] (inactif : Code porteur actuel incomplet (4 chiffres))');
    await submit(x, wordsIn('fr'), '9999', '5678');
    await x.waitFor('Code porteur actuel erroné. Il vous reste 2 essais.');
    await submit(x, wordsIn('fr'), '1234', '5678');
    await x.waitFor('Votre code porteur a été changé avec succès.');
  });
});
