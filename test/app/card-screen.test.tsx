// The card screen with the seed's card: the seed's values, as the seed writes them, in the
// seed's order; the three tabs; the help; a terminal too small. In French and in English (the
// words from each catalogue, card data as the card has it); the seed's French wording word for
// word at the end.

import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type Harness } from '../support/app-harness.js';
import { LANG_CASES, expectInOrder, flat, head, row, triesOf, wordsIn } from '../support/words.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

describe.each(LANG_CASES)('card screen (seed card, %s)', (lang) => {
  const w = wordsIn(lang);
  it('shows every section in the seed order with the seed values', async () => {
    h = await startApp({ card: 'seed', lang });
    const f = await h.waitFor('M DENT-CS0595 EMILE');
    expectInOrder(
      f,
      [
        w('app.name'),
        w('section.reader'),
        w('readers.one'),
        w('field.selectedReader'),
        row(w('field.category'), 'Carte test de Professionnel ou Personnel de Santé'),
        row(w('field.cardType'), 'Carte de Professionnel de Santé (CPS)'),
        row(w('field.model'), 'CPS3'),
        row(w('field.serial'), '99002752'),
        w('section.holder'),
        row(w('field.holderName'), 'M DENT-CS0595 EMILE'),
        row(w('field.identifier'), '0B4005951 (ADELI)'),
        row(w('field.profession'), 'Chirurgien-Dentiste'),
        w('section.pin'),
        `[d] ${w('pin.unblock')}`,
        w('section.content'),
        w('tab.info'),
        w('tab.situations'),
        w('tab.certificates'),
        row(w('field.pinState'), w('value.locked', { count: triesOf(w, 0, 3) })),
        row(w('field.pukState'), w('value.ok', { count: triesOf(w, 10, 10) })),
        row(w('field.issuer'), '8025000001'),
        row(w('field.logicalId'), '2300081197'),
        row(w('field.validFrom'), '15/05/2011'),
        row(w('field.validTo'), `31/03/2014${w('value.cardExpired')}`),
      ],
      (at, label) => expect(at, label).toBeGreaterThan(-1),
    );
    expect(f).toContain('cps-audit 9.9.9');
    expect(f).toContain(w('state.pinBlocked'));
    // The change action is not offered while the PIN is blocked.
    expect(f).not.toContain(w('pin.change'));
  });

  it('3 shows the certificates with use, holder, issuer, serial, validity and state', async () => {
    h = await startApp({ card: 'seed', lang });
    await h.waitFor('M DENT-CS0595 EMILE');
    await h.press('3');
    const f = await h.waitFor(w('cert.signature'));
    expect(f).toContain(w('cert.authentification'));
    for (const label of ['field.certHolder', 'field.certIssuer', 'field.serial', 'field.certValidity', 'field.certState'] as const)
      expect(f).toContain(w(label));
    const date = '\\d\\d/\\d\\d/\\d{4}';
    expect(f).toMatch(new RegExp(w('value.validity', { from: date, to: date })));
    expect([w('value.valid'), head(w, 'value.expiresIn.many'), head(w, 'value.expired')].some((state) => f.includes(state))).toBe(true);
    // ← goes back one tab, → forward: from certificates, ← gives the situations tab.
    await h.press('\u001b[D');
    await h.waitFor((fr) => flat(fr).includes(w('msg.situationsPinBlocked.text')));
    await h.press('\u001b[C');
    await h.waitFor(w('cert.signature'));
  });

  it('2 on a blocked PIN says plainly that the card must be unblocked first', async () => {
    h = await startApp({ card: 'seed', lang });
    await h.waitFor('M DENT-CS0595 EMILE');
    await h.press('2');
    const f = flat(await h.waitFor((fr) => flat(fr).includes(w('msg.situationsPinBlocked.text'))));
    expect(f).toContain(w('msg.situationsPinBlocked.remedy'));
    expect(f).not.toContain(w('situation.enterToAsk'));
  });

  it('? opens the help from the key table; q closes it without quitting', async () => {
    h = await startApp({ card: 'seed', lang });
    await h.waitFor('M DENT-CS0595 EMILE');
    await h.press('?');
    const f = await h.waitFor(w('help.title'));
    for (const t of [
      'Ctrl-C',
      'F1',
      w('keyname.Retour arrière'),
      w('keyname.Maj-Tab'),
      w('keyname.Échap'),
      'PgUp',
      w('key.demo.toggle-card.does'),
    ])
      expect(f).toContain(t);
    await h.press('q');
    await h.waitFor('M DENT-CS0595 EMILE');
    expect(h.quits).toBe(0);
    await h.press('q');
    expect(h.quits).toBe(1);
  });

  it('i in --demo asks the app to remove or reinsert the card', async () => {
    h = await startApp({ card: 'seed', lang });
    await h.waitFor('M DENT-CS0595 EMILE');
    await h.press('i');
    expect(h.toggles).toBe(1);
  });

  it('below 80×23 shows only the too-small message and q still quits', async () => {
    h = await startApp({ card: 'seed', columns: 79, rows: 30, lang });
    const f = await h.waitFor(w('tooSmall.title'));
    expect(f).not.toContain('DENT');
    await h.press('q');
    expect(h.quits).toBe(1);
  });

  it('80×23 (tmux or screen on an 80×24 terminal) works: the whole screen in 23 rows, the body scrolls', async () => {
    h = await startApp({ card: 'seed', columns: 80, rows: 23, lang });
    const f = await h.waitFor('M DENT-CS0595 EMILE');
    expect(f).not.toContain(w('tooSmall.title'));
    const rows = f.split('\n');
    expect(rows.length).toBeLessThanOrEqual(23);
    expect(rows[0]).toContain(w('app.name'));
    expect(rows[0]).toContain(w('state.pinBlocked'));
    // The key bar: one line, the last.
    expect(rows.at(-1)).toContain(w('key.card.quit.bar'));
    expect(rows.every((r) => r.length <= 80)).toBe(true);
    // The body scrolls when it is taller than the screen (in French the tab bar takes two rows).
    if (f.includes(`↓ ${w('bar.more')}`)) {
      await h.press('\u001b[6~', '\u001b[6~', '\u001b[6~');
      expect(await h.waitFor(`↑ ${w('bar.top')}`)).toContain(w('field.validTo'));
    } else expect(f).toContain(w('field.validTo'));
  });

  it('at 80×24 the body scrolls: PgDn reaches the end, PgUp the top', async () => {
    h = await startApp({ card: 'seed', columns: 80, rows: 24, lang });
    await h.waitFor('M DENT-CS0595 EMILE');
    await h.press('3');
    await h.waitFor(`↓ ${w('bar.more')}`);
    for (let i = 0; i < 5; i++) await h.press('\u001b[6~');
    const bottom = await h.waitFor(`↑ ${w('bar.top')}`);
    expect(bottom).not.toContain(w('section.reader'));
    expect(bottom.split('\n').length).toBeLessThanOrEqual(24);
    for (let i = 0; i < 5; i++) await h.press('\u001b[5~');
    await h.waitFor(w('section.reader'));
  });
});

describe('card screen: the seed wording, word for word (French)', () => {
  it('the seed rows as the seed writes them', async () => {
    h = await startApp({ card: 'seed' });
    const f = await h.waitFor('M DENT-CS0595 EMILE');
    for (const text of [
      "Outil d'Audit de la carte CPS",
      'Catégorie de carte   Carte test de Professionnel ou Personnel de Santé',
      'Nom du porteur       M DENT-CS0595 EMILE',
      '[d] Débloquer votre code porteur',
      'Etat du code porteur utilisateur       Verrouillé (0 essai sur 3)',
      'Etat du code de déblocage              OK (10 essais sur 10)',
      "Date d'expiration de la carte          31/03/2014 (carte expirée)",
    ])
      expect(f).toContain(text);
  });

  it('80×23: the body scrolls to the expiry date', async () => {
    h = await startApp({ card: 'seed', columns: 80, rows: 23 });
    await h.waitFor('↓ suite');
    await h.press('\u001b[6~', '\u001b[6~', '\u001b[6~');
    expect(await h.waitFor('↑ début')).toContain("Date d'expiration de la carte");
  });

  it('below 80×23: "Terminal trop petit (80×23 minimum)"', async () => {
    h = await startApp({ card: 'seed', columns: 79, rows: 30 });
    await h.waitFor('Terminal trop petit (80×23 minimum)');
  });
});
