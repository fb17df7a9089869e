// The card screen with the seed's card: the seed's values, as the seed writes them, in the
// seed's order; the three tabs; the help; a terminal too small.

import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

describe('card screen (seed card)', () => {
  it('shows every section in the seed order with the seed values', async () => {
    h = await startApp({ card: 'seed' });
    const f = await h.waitFor('M DENT-CS0595 EMILE');
    const order = [
      "Outil d'Audit de la carte CPS",
      'Sélection du lecteur',
      'Un lecteur de carte connecté.',
      'Lecteur sélectionné',
      'Catégorie de carte   Carte test de Professionnel ou Personnel de Santé',
      'Type de carte        Carte de Professionnel de Santé (CPS)',
      'Modèle de carte      CPS3',
      'Numéro de série      99002752',
      'Identification du porteur',
      'Nom du porteur       M DENT-CS0595 EMILE',
      'Identifiant          0B4005951 (ADELI)',
      'Profession           Chirurgien-Dentiste',
      'Gestion code porteur',
      '[d] Débloquer votre code porteur',
      'Contenu de la carte',
      'Informations sur la carte',
      "Situation d'exercice",
      'Information sur les certificats',
      'Etat du code porteur utilisateur       Verrouillé (0 essai sur 3)',
      'Etat du code de déblocage              OK (10 essais sur 10)',
      "Identifiant de l'émetteur de la carte  8025000001",
      'Identifiant logique de la carte        2300081197',
      'Date de début de validité de la carte  15/05/2011',
      "Date d'expiration de la carte          31/03/2014 (carte expirée)",
    ];
    let at = -1;
    for (const text of order) {
      const i = f.indexOf(text, at + 1);
      expect(i, text).toBeGreaterThan(at);
      at = i;
    }
    expect(f).toContain('cps-audit 9.9.9');
    expect(f).toContain('Code porteur verrouillé');
    // The change action is not offered while the PIN is blocked.
    expect(f).not.toContain('Changer votre code porteur');
  });

  it('3 shows the certificates with use, holder, issuer, serial, validity and state', async () => {
    h = await startApp({ card: 'seed' });
    await h.waitFor('M DENT-CS0595 EMILE');
    await h.press('3');
    const f = await h.waitFor('Certificat de signature');
    expect(f).toContain("Certificat d'authentification");
    for (const label of ['Titulaire', 'Émetteur', 'Numéro de série', 'Validité', 'État']) expect(f).toContain(label);
    expect(f).toMatch(/du \d\d\/\d\d\/\d{4} au \d\d\/\d\d\/\d{4}/);
    expect(f).toMatch(/valide|expire dans \d+ jours?|expiré/);
    // ← goes back one tab, → forward: from certificates, ← gives the situations tab.
    await h.press('\u001b[D');
    await h.waitFor('les situations d’exercice ne peuvent pas être lues');
    await h.press('\u001b[C');
    await h.waitFor('Certificat de signature');
  });

  it('2 on a blocked PIN says plainly that the card must be unblocked first', async () => {
    h = await startApp({ card: 'seed' });
    await h.waitFor('M DENT-CS0595 EMILE');
    await h.press('2');
    const f = await h.waitFor('Votre code porteur est bloqué : les situations d’exercice ne peuvent pas être lues.');
    expect(f).toContain('Débloquez d’abord votre code porteur');
    expect(f).not.toContain('saisir le code porteur pour lire les situations');
  });

  it('? opens the help from the key table; q closes it without quitting', async () => {
    h = await startApp({ card: 'seed' });
    await h.waitFor('M DENT-CS0595 EMILE');
    await h.press('?');
    const f = await h.waitFor('Aide : les touches');
    for (const t of ['Ctrl-C', 'F1', 'Retour arrière', 'Maj-Tab', 'Échap', 'PgUp', 'retire ou réinsère la carte simulée'])
      expect(f).toContain(t);
    await h.press('q');
    await h.waitFor('M DENT-CS0595 EMILE');
    expect(h.quits).toBe(0);
    await h.press('q');
    expect(h.quits).toBe(1);
  });

  it('i in --demo asks the app to remove or reinsert the card', async () => {
    h = await startApp({ card: 'seed' });
    await h.waitFor('M DENT-CS0595 EMILE');
    await h.press('i');
    expect(h.toggles).toBe(1);
  });

  it('below 80×23 shows only "Terminal trop petit (80×23 minimum)" and q still quits', async () => {
    h = await startApp({ card: 'seed', columns: 79, rows: 30 });
    const f = await h.waitFor('Terminal trop petit (80×23 minimum)');
    expect(f).not.toContain('DENT');
    await h.press('q');
    expect(h.quits).toBe(1);
  });

  it('80×23 (tmux or screen on an 80×24 terminal) works: the whole screen in 23 rows, the body scrolls', async () => {
    h = await startApp({ card: 'seed', columns: 80, rows: 23 });
    const f = await h.waitFor('M DENT-CS0595 EMILE');
    expect(f).not.toContain('Terminal trop petit');
    const rows = f.split('\n');
    expect(rows.length).toBeLessThanOrEqual(23);
    expect(rows[0]).toContain("Outil d'Audit de la carte CPS");
    expect(rows[0]).toContain('Code porteur verrouillé');
    expect(rows.slice(-2).join(' ')).toContain('quitter');
    expect(rows.every((r) => r.length <= 80)).toBe(true);
    await h.press('\u001b[6~', '\u001b[6~', '\u001b[6~');
    expect(await h.waitFor('début')).toContain("Date d'expiration de la carte");
  });

  it('at 80×24 the body scrolls: PgDn reaches the end, PgUp the top', async () => {
    h = await startApp({ card: 'seed', columns: 80, rows: 24 });
    await h.waitFor('M DENT-CS0595 EMILE');
    await h.press('3');
    await h.waitFor('↓ suite');
    for (let i = 0; i < 5; i++) await h.press('\u001b[6~');
    const bottom = await h.waitFor('↑ début');
    expect(bottom).not.toContain('Sélection du lecteur');
    expect(bottom.split('\n').length).toBeLessThanOrEqual(24);
    for (let i = 0; i < 5; i++) await h.press('\u001b[5~');
    await h.waitFor('Sélection du lecteur');
  });
});
