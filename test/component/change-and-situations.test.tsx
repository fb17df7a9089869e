// "Changer votre code porteur" and the practice situations, on a card whose PIN works (1234).

import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_READER } from '../../src/card/transport/in-process.js';
import { startApp, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

const TAB = '\t';
const ENTER = '\r';
const digits = (s: string) => s.split('');

/** Fills the change form and presses Enter once the button is enabled (focused: ▶ [ Changer ] ◀). */
async function submit(x: Harness, current: string, next: string): Promise<void> {
  await x.waitFor('0/4');
  await x.press(...digits(current), TAB, ...digits(next), TAB, ...digits(next), TAB);
  await x.waitFor('▶ [ Changer ] ◀');
  await x.press(ENTER);
}

async function ready(): Promise<Harness> {
  h = await startApp({ card: 'cps3-rpps' });
  await h.waitFor('[c] Changer votre code porteur');
  await h.readDone();
  return h;
}

describe('change form', () => {
  it('offers only the change on a working PIN, with the current PIN, the new one and its confirmation', async () => {
    const x = await ready();
    expect(x.frame()).toContain('OK (3 essais sur 3)');
    expect(x.frame()).not.toContain('[d]');
    await x.press('d');
    expect(x.frame()).not.toContain('Code de déblocage:');
    await x.press('c');
    const f = await x.waitFor('Code porteur actuel:');
    expect(f).toContain('Nouveau code porteur:');
    expect(f).toContain('Confirmation du nouveau code porteur:');
    expect(f).toContain('[ Changer ] (inactif : Code porteur actuel incomplet (4 chiffres))');
  });

  it('a wrong current PIN tells the tries left; the right one changes it, then remove and reinsert', async () => {
    const x = await ready();
    await x.press('c');
    await x.waitFor('Code porteur actuel:');
    await submit(x, '9999', '5678');
    await x.waitFor('Code porteur actuel erroné. Il vous reste 2 essais.');
    await submit(x, '1234', '5678');
    await x.waitFor('Votre code porteur a été changé avec succès.');
    x.transport.remove(DEFAULT_READER);
    await x.waitFor('Réinsérez la carte');
    x.transport.insert(DEFAULT_READER, x.card!);
    await x.waitFor('OK (3 essais sur 3)');
  });

  it('before the last PIN try: warning and explicit confirmation', async () => {
    const x = await ready();
    await x.press('c');
    for (const left of ['2 essais', 'un seul essai']) {
      await submit(x, '9999', '5678');
      await x.waitFor(`Il vous reste ${left}`);
    }
    await submit(x, '9999', '5678');
    const f = await x.waitFor('DERNIER ESSAI');
    expect(f).toContain('il ne reste qu’un seul essai au code porteur');
    await x.press('\u001b');
    await x.waitFor('Code porteur actuel:');
  });

  it('a card pulled during the change says the change may or may not have applied, never "erroné"', async () => {
    const x = await ready();
    await x.press('c');
    await x.press(...digits('1234'), TAB, ...digits('5678'), TAB, ...digits('5678'), TAB);
    await x.waitFor('▶ [ Changer ] ◀');
    // The card leaves on the first APDU of the operation: nothing can have been written.
    x.transport.injectFault({ at: 1, kind: 'remove-card', executed: false });
    await x.press(ENTER);
    const f = await x.waitFor(/retirée pendant l’opération/);
    expect(f).not.toMatch(/erroné/);
    expect(f).toMatch(/Réinsérez/);
  });
});

describe('situations', () => {
  it('say what a wrong PIN costs, ask for the PIN, then list the situations', async () => {
    const x = await ready();
    await x.press('2');
    let f = await x.waitFor('La lecture des situations d’exercice demande votre code porteur.');
    expect(f).toContain('Chaque code erroné coûte un essai');
    expect(f).toContain('Il vous reste 3 essais sur le code porteur.');
    await x.press(ENTER);
    await x.waitFor('Code porteur:');
    await x.press(...digits('1234'), ENTER);
    await x.waitFor('▶ [ Lire les situations ] ◀');
    await x.press(ENTER);
    f = await x.waitFor('Situation n°');
    for (const label of ["Mode d'exercice", "Secteur d'activité", 'Raison sociale', 'N° PS de facturation']) expect(f).toContain(label);
    expect(f).not.toMatch(/\b1234\b/);
  });
});
