// The app on the cps4 fixture (as `--demo --card cps4` runs it), at 80 columns: model CPS4, the
// counters the card tells and "inconnu" for what it does not; then the seed's scenario: a wrong
// PUK, the right one with a new PIN, success, and the card's PIN really changed.

import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type Harness } from '../../support/app-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

const TAB = '\t';
const ENTER = '\r';

describe('the cps4 card on screen', () => {
  it('shows CPS4, the tries left, and the unknown maximum and unblocks as inconnu', async () => {
    h = await startApp({ card: 'cps4', columns: 80, rows: 40 });
    const f = await h.waitFor('Mme MEDECIN-RPPS0001 Hélène');
    for (const line of [
      'Modèle de carte      CPS4',
      'Numéro de série      99410026',
      'Etat du code porteur utilisateur       Verrouillé (0 essai restant)',
      'Etat du code de déblocage              OK (10 essais restants, max. inconnu)',
      'Déblocages restants (vie de la carte)  inconnu (la carte ne le dit pas)',
      '[d] Débloquer votre code porteur',
    ]) {
      expect(f, line).toContain(line);
    }
    expect(f).not.toContain('sur 3');
    expect(f).not.toContain('sur 10');
  });

  it('the seed scenario: wrong PUK (9 left), then the right PUK and a new PIN twice', async () => {
    const x = (h = await startApp({ card: 'cps4', columns: 80, rows: 40 }));
    await x.waitFor('[d] Débloquer votre code porteur');
    await x.press('d');
    await x.waitFor('Code de déblocage:');
    await x.press(...'87654321'.split(''), TAB, ...'4321'.split(''), TAB, ...'4321'.split(''), TAB);
    await x.waitFor('▶ [ Débloquer ] ◀');
    await x.press(ENTER);
    await x.waitFor(/Code de déblocage erroné\. Il vous reste 9 essais/);
    expect(x.card!.snapshot()).toMatchObject({ pin: { triesLeft: 0 }, puk: { triesLeft: 9 } });

    await x.waitFor('0/8');
    await x.press(...'12345678'.split(''), TAB, ...'4321'.split(''), TAB, ...'4321'.split(''), TAB);
    await x.waitFor('▶ [ Débloquer ] ◀');
    await x.press(ENTER);
    await x.waitFor('Votre code porteur a été débloqué avec succès.');
    expect(x.card!.snapshot()).toMatchObject({ pin: { code: '4321', triesLeft: 3 }, puk: { triesLeft: 10, unblocksLeft: 99 } });
    expect(x.frames().join('\n')).not.toMatch(/87654321|12345678/);
  });
});
