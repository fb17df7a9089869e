// The screens in both languages (src/i18n): the same screen, every word from the catalogue of the
// chosen language, card data as the card has it; the warnings at a glance; the lost letter.

import { afterEach, describe, expect, it } from 'vitest';
import { LANGS, tIn, type Lang } from '../../src/i18n/index.js';
import { startApp, type Harness } from '../support/app-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

const CARD_DATA = ['M DENT-CS0595 EMILE', '0B4005951 (ADELI)', 'Chirurgien-Dentiste', 'Carte de Professionnel de Santé (CPS)'];

describe.each(LANGS.map((l) => [l] as [Lang]))('in %s', (lang) => {
  const w = (k: Parameters<typeof tIn>[1]) => tIn(lang, k as never);

  it('the seed card: sections, title and actions in this language, card data as the card has it', async () => {
    h = await startApp({ card: 'seed', lang });
    const f = await h.waitFor('M DENT-CS0595 EMILE');
    const order = [w('app.name'), w('section.reader'), w('readers.one'), w('section.holder'), w('section.pin'), w('section.content')];
    let at = -1;
    for (const text of order) {
      const i = f.indexOf(text, at + 1);
      expect(i, text).toBeGreaterThan(at);
      at = i;
    }
    expect(f).toContain(w('state.pinBlocked'));
    expect(f).toContain(`[d] ${w('pin.unblock')}`);
    for (const d of CARD_DATA) expect(f).toContain(d);
    if (lang === 'en')
      for (const fr of ['Sélection du lecteur', 'Gestion code porteur', 'Verrouillé', 'quitter']) expect(f).not.toContain(fr);
  });

  it('the unblock form: the disabled button says why, and where to go when the letter is lost', async () => {
    h = await startApp({ card: 'seed', lang });
    await h.waitFor('M DENT-CS0595 EMILE');
    await h.press('d');
    const f = await h.waitFor(`${w('form.field.puk')}:`);
    expect(f).toContain(
      `[ ${w('form.button.unblock')} ] ${tIn(lang, 'form.inactive', { why: tIn(lang, 'form.blocker.puk', { range: tIn(lang, 'codes.range.fixed', { n: 8 }) }) })}`,
    );
    expect(f.replace(/\s+/g, ' ')).toContain('http://esante.gouv.fr/services/espace-cps/assistance/deblocage-de-carte');
  });

  it('a wrong PUK says where to go when the letter is lost', async () => {
    h = await startApp({ card: 'seed', lang });
    await h.waitFor('M DENT-CS0595 EMILE');
    await h.press('d');
    await h.waitFor(`${w('form.field.puk')}:`);
    await h.press(...'87654321'.split(''), '\t', ...'4321'.split(''), '\t', ...'4321'.split(''), '\t', '\r');
    const f = await h.waitFor(tIn(lang, 'msg.wrongPuk.text', { tries: tIn(lang, 'tries.many', { n: 9 }) }));
    // Once in the form's hint, once in the message.
    expect(f.replace(/\s+/g, ' ').split('deblocage-de-carte').length - 1).toBe(2);
  });

  it('a non-digit key in a code field (AZERTY top row without Shift) shows a one-line hint, never the key', async () => {
    h = await startApp({ card: 'seed', lang });
    await h.waitFor('M DENT-CS0595 EMILE');
    await h.press('d');
    await h.waitFor(`${w('form.field.puk')}:`);
    await h.press('é');
    const f = await h.waitFor(w('form.digitsOnly'));
    // The field shows no character, and counts none.
    const field = f.split('\n').find((l) => l.includes(`${w('form.field.puk')}:`)) ?? '';
    expect(field.slice(field.indexOf(':') + 1)).not.toContain('é');
    expect(field).toContain('________');
    expect(field).toContain('0/8');
    await h.press('1');
    expect(await h.waitFor((fr) => !fr.includes(w('form.digitsOnly')))).toContain('1/8');
  });

  it('puk-last-try: the last unblock try is a warning in words in the title and the info tab', async () => {
    h = await startApp({ card: 'puk-last-try', lang });
    const f = await h.waitFor(w('state.pukLastTry'));
    expect(f).toContain(
      tIn(lang, 'value.lastTry', { count: tIn(lang, 'value.triesOf', { tries: tIn(lang, 'value.tries.one', { n: 1 }), max: 10 }) }),
    );
  });

  it('a CPE: no profession on this card type is "sans objet", not unread', async () => {
    h = await startApp({ card: 'cpe', lang });
    const f = await h.waitFor('ACCUEIL-CPE0001');
    expect(f).toMatch(new RegExp(`${w('field.profession')}\\s+${w('value.notApplicable')}`));
  });
});
