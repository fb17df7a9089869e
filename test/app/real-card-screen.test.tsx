// The cps3-public card (a real CPS3's public bytes, holder objects in an unknown layout) at
// 80×24, the size users have: no field says "illisible", nothing nests a reason in another; the
// holder comes from the certificate and says so; each undecoded object is shown once, as it is;
// the situations 01 and 03 in the EE layout. The French wording word for word, then the same
// screens in each language from its catalogue (the card's own data stays as the card has it).

import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type Harness } from '../support/app-harness.js';
import { LANG_CASES, row, wordsIn } from '../support/words.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

const DOWN = '\u001b[B';

/** Every frame seen while scrolling the body from top to bottom, joined. */
async function scrollAll(x: Harness, steps = 40): Promise<string> {
  const seen = [x.frame()];
  for (let i = 0; i < steps; i++) {
    await x.press(DOWN);
    seen.push(x.frame());
  }
  return seen.join('\n');
}

describe('cps3-public at 80×24', () => {
  it('card screen: no "illisible", holder from the certificate, undecoded objects once', async () => {
    h = await startApp({ card: 'cps3-public', columns: 80, rows: 24 });
    const top = await h.waitFor('MEDECIN-RPPS0001');
    expect(top.split('\n').length).toBeLessThanOrEqual(24);
    expect(top.split('\n').every((l) => l.length <= 80)).toBe(true);
    expect(top).toContain('Numéro de série      99213845');
    expect(top).toContain('Catégorie de carte   —');
    expect(top).toContain('— : non lu sur cette carte (CPS_ID_CARD : format non publié)');
    expect(top).toContain('Nom du porteur       MEDECIN-RPPS0001 Hélène');
    expect(top).toContain('Identifiant          10101234567 (RPPS)');
    expect(top).toContain('(d’après le certificat d’authentification)');
    const all = await scrollAll(h);
    expect(all).not.toMatch(/illisible/);
    expect(all).toContain('CPS_ID_CARD : format non publié, 40 octets');
    expect(all).toContain('83 « 2500123456 »');
    expect(all).toContain('CPS_INFO_PS : format non publié');
    expect(all).toContain('81 « SM26 »');
  });

  it('each undecoded object is shown once, in the tab where its fields belong', async () => {
    h = await startApp({ card: 'cps3-public', columns: 80, rows: 200 });
    const f = await h.waitFor('CPS_INFO_PS : format non publié');
    for (const label of ['CPS_ID_CARD', 'CPS_NAME_PS', 'CPS_INFO_PS'])
      expect(f.split(`${label} : format non publié, `).length, label).toBe(2);
    expect(f.split('83 « 2500123456 »').length).toBe(2);
    const tab = f.slice(f.indexOf('Informations sur la carte'));
    expect(tab).toContain('CPS_ID_CARD : format non publié');
    expect(f.split('non lu sur cette carte').length).toBe(3); // once in the reader section, once in the tab
  });

  it('situations tab: 01 and 03 in the EE layout, sector with its R02 label, what is not read said once', async () => {
    h = await startApp({ card: 'cps3-public', columns: 80, rows: 24 });
    await h.waitFor('MEDECIN-RPPS0001');
    const x = h;
    const state = (v: object) => x.waitFor(() => x.actor.getSnapshot().matches(v));
    await x.press('2');
    await x.waitFor(() => x.actor.getSnapshot().context.tab === 'situations');
    await x.press('\r');
    await state({ card: { view: { situations: 'entering' } } });
    await x.press('1', '2', '3', '4', '\r', '\r');
    await x.waitFor(() => x.actor.getSnapshot().context.situations !== undefined);
    const all = await scrollAll(x, 30);
    expect(all).toContain('Situation n° 01');
    expect(all).toContain("Secteur d'activité        Cabinet individuel (SA07)");
    expect(all).toContain('Raison sociale            CABINET M DOC0073574');
    expect(all).toContain('Identifiant de structure  499700735741008');
    expect(all).toContain('87 « 01 »');
    expect(all).toContain('Situation n° 03');
    expect(all).toContain('HOPITAL GENERIQUE');
    expect(all).toContain('Etablissement public de santé (SA01)');
    expect(all).not.toContain('Situation n° 02');
    expect(all).toMatch(/Non lu sur cette carte : mode d'exercice, N° PS de facturation,/);
    expect(all).not.toMatch(/illisible/);
  });
});

describe('cps3-cl at 80×24', () => {
  it('is read and offers no PIN action', async () => {
    h = await startApp({ card: 'cps3-cl', columns: 80, rows: 24 });
    const f = await h.waitFor('CPS3 sans contact');
    await h.waitFor('Hélène');
    expect(f).not.toContain('[c]');
    expect(f).not.toContain('[d]');
    expect(h.actor.getSnapshot().can({ type: 'OPEN_CHANGE' })).toBe(false);
    expect(h.actor.getSnapshot().can({ type: 'OPEN_UNBLOCK' })).toBe(false);
  });
});

describe('EF_ACTUA on screen', () => {
  it('the date of the last update when the card has one, nothing when it has none', async () => {
    h = await startApp({ card: 'cps3-rpps', columns: 80, rows: 200 });
    const f = await h.waitFor('15/09/2025');
    expect(f).toMatch(/Dernière mise à jour de la carte +15\/09\/2025/);
    await h.unmount();
    h = await startApp({ card: 'seed', columns: 80, rows: 200 });
    const g = await h.waitFor('31/03/2014');
    expect(g).not.toContain('Dernière mise à jour');
    expect(g).not.toContain('EF_ACTUA');
  });
});

describe.each(LANG_CASES)('real cards in %s at 80×24', (lang) => {
  const w = wordsIn(lang);
  it('cps3-public: rows in this language, holder from the certificate, no "unreadable" anywhere', async () => {
    h = await startApp({ card: 'cps3-public', columns: 80, rows: 24, lang });
    const top = await h.waitFor('MEDECIN-RPPS0001');
    expect(top.split('\n').every((l) => l.length <= 80)).toBe(true);
    expect(top).toMatch(row(w('field.serial'), '99213845'));
    expect(top).toMatch(row(w('field.holderName'), 'MEDECIN-RPPS0001 Hélène'));
    expect(top).toMatch(row(w('field.identifier'), '10101234567 (RPPS)'));
    expect(top).toContain(w('value.fromCertificate.authentification'));
    expect(top).toContain(w('value.notRead'));
    const all = await scrollAll(h);
    expect(all).toContain(`CPS_ID_CARD${w('screen.colon')}${w('value.notPublished')}`);
    expect(all).not.toMatch(/illisible|unreadable/);
  });

  it('cps3-public situations: labels in this language, values as the card has them', async () => {
    h = await startApp({ card: 'cps3-public', columns: 80, rows: 24, lang });
    await h.waitFor('MEDECIN-RPPS0001');
    const x = h;
    await x.press('2');
    await x.waitFor(() => x.actor.getSnapshot().context.tab === 'situations');
    await x.press('\r');
    await x.waitFor(() => x.actor.getSnapshot().matches({ card: { view: { situations: 'entering' } } }));
    await x.press('1', '2', '3', '4', '\r', '\r');
    await x.waitFor(() => x.actor.getSnapshot().context.situations !== undefined);
    const all = await scrollAll(x, 30);
    expect(all).toContain(w('situation.title', { n: '01' }));
    expect(all).toMatch(row(w('situation.sector'), 'Cabinet individuel (SA07)'));
    expect(all).toMatch(row(w('situation.company'), 'CABINET M DOC0073574'));
    expect(all).toContain(w('situation.title', { n: '03' }));
    expect(all).not.toContain(w('situation.title', { n: '02' }));
  });

  it('EF_ACTUA: the last update in this language', async () => {
    h = await startApp({ card: 'cps3-rpps', columns: 80, rows: 200, lang });
    const f = await h.waitFor('15/09/2025');
    expect(f).toMatch(row(w('field.lastUpdate'), '15/09/2025'));
  });
});
