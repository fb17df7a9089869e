// "Débloquer votre code porteur" on the real machine and simulated cards: the button's state and
// reason, wrong PUK, last try, PUK blocked, success, removal in the middle.

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

async function openForm(card: 'seed' | 'puk-last-try' = 'seed'): Promise<Harness> {
  h = await startApp({ card });
  await h.waitFor('[d] Débloquer votre code porteur');
  // Opening the form before the certificates are in is fine, but it reads the counters after them.
  await h.readDone();
  await h.press('d');
  await h.waitFor('Code de déblocage:');
  return h;
}

async function fill(x: Harness, puk: string, pin: string, confirm: string): Promise<void> {
  await x.press(...puk.split(''), TAB, ...pin.split(''), TAB, ...confirm.split(''), TAB);
}

describe('unblock form', () => {
  it('has the seed fields, masks the digits, and keeps the button greyed with its reason until ready', async () => {
    const x = await openForm();
    let f = x.frame();
    expect(f).toContain('Code de déblocage:');
    expect(f).toContain('Nouveau code porteur:');
    expect(f).toContain('Confirmation du nouveau code porteur:');
    expect(f).toContain('[ Débloquer ] (inactif : Code de déblocage incomplet (8 chiffres))');
    await x.press(...'1234'.split(''));
    f = await x.waitFor('4/8');
    expect(f).toContain('••••____');
    expect(f).not.toContain('1234');
    await x.press(...'5678'.split(''), TAB, ...'4321'.split(''), TAB, ...'4322'.split(''));
    await x.waitFor('(inactif : La confirmation diffère du nouveau code)');
    expect(x.actor.getSnapshot().can({ type: 'SUBMIT' })).toBe(false);
    const apdusBefore = x.transport.apduCount;
    await x.press('\u007f', '1');
    // Enabled exactly when the machine would take SUBMIT.
    await x.waitFor((fr) => !fr.includes('inactif'));
    expect(x.actor.getSnapshot().can({ type: 'SUBMIT' })).toBe(true);
    // Enter on a field moves on; it never sends. Only Enter on the focused button does.
    await x.press(TAB);
    await x.waitFor('▶ [ Débloquer ] ◀');
    expect(x.actor.getSnapshot().matches({ card: { view: { unblock: 'entering' } } })).toBe(true);
    expect(x.transport.apduCount).toBe(apdusBefore);
  });

  it('keeps all 8 digits of a PUK written in one burst', async () => {
    const x = await openForm();
    await x.press('12345678');
    await x.waitFor('8/8');
    await x.press('9');
    expect(x.frame()).toContain('8/8');
  });

  it('a wrong PUK says how many tries are left and empties the fields', async () => {
    const x = await openForm();
    await fill(x, '87654321', '4321', '4321');
    await x.press(ENTER);
    const f = await x.waitFor('Code de déblocage erroné. Il vous reste 9 essais.');
    expect(f).toContain('0/8');
  });

  it('Esc closes the form and forgets what was typed', async () => {
    const x = await openForm();
    await x.press('1', '2', '3');
    await x.waitFor('3/8');
    await x.press('\u001b');
    await x.waitFor('[d] Débloquer votre code porteur');
    await x.press('d');
    await x.waitFor('0/8');
  });

  it('the right PUK unblocks with the seed message, then waits for the card to leave and come back', async () => {
    const x = await openForm();
    await fill(x, '12345678', '4321', '4321');
    await x.press(ENTER);
    await x.waitFor('Votre code porteur a été débloqué avec succès. Veuillez retirer puis réinsérer votre carte.');
    await x.waitFor('Retirez la carte');
    x.transport.remove(DEFAULT_READER);
    await x.waitFor('Réinsérez la carte');
    x.transport.insert(DEFAULT_READER, x.card!);
    const f = await x.waitFor('OK (3 essais sur 3)');
    expect(f).toContain('[c] Changer votre code porteur');
  });

  it('before the last PUK try: a warning and an explicit o; Enter does not send', async () => {
    const x = await openForm('puk-last-try');
    await fill(x, '87654321', '4321', '4321');
    await x.press(ENTER);
    let f = await x.waitFor('DERNIER ESSAI');
    expect(f).toContain('il ne reste qu’un seul essai au code de déblocage');
    await x.press(ENTER, ENTER);
    f = x.frame();
    expect(f).toContain('DERNIER ESSAI');
    // n goes back to the form, nothing sent: the PUK still has its one try.
    await x.press('n');
    await x.waitFor('Code de déblocage:');
    expect(x.actor.getSnapshot().context.report?.puk.triesLeft).toBe(1);
    await x.press(ENTER);
    await x.waitFor('DERNIER ESSAI');
    await x.press('o');
    f = await x.waitFor('Le code de déblocage est bloqué : cette carte ne peut plus être débloquée.');
    expect(f).toContain('Agence du Numérique en Santé');
    await x.press(ENTER);
    await x.waitFor('Déblocage impossible');
  });

  it('a card with a blocked PUK offers no unblocking and says to ask the ANS for a new card', async () => {
    h = await startApp({ card: 'puk-blocked' });
    const f = await h.waitFor('Déblocage impossible');
    expect(f).toContain('la carte ne peut plus être débloquée');
    expect(f).toContain('Agence du Numérique en Santé');
    expect(f).not.toContain('[d]');
    await h.press('d');
    expect(h.frame()).not.toContain('Code de déblocage:');
  });

  it('a card pulled during the unblock is never shown as a wrong code', async () => {
    const x = await openForm();
    await fill(x, '12345678', '4321', '4321');
    // The card leaves at the second APDU of the operation, after the card ran it.
    x.transport.injectFault({ at: 2, kind: 'remove-card' });
    await x.press(ENTER);
    const f = await x.waitFor(/retirée pendant l’opération/);
    expect(f).not.toMatch(/erroné/);
    expect(f).toMatch(/Réinsérez la carte/);
  });
});
