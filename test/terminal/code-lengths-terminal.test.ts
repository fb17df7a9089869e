// Issue 17 through a real pcscd, in a real pseudo-terminal, as a holder would meet it: a CPS3
// whose AODF says PIN 4 to 8 digits and whose holder chose 6 (cps3-pin6). The 6-digit PIN reads
// the situations and is changed without losing a try; a bracketed paste never types its markers;
// a 4-digit card (the seed) stays as it was. The simulated card's saved memory says what it holds.

import { describe, expect, it } from 'vitest';
import { useBench } from '../support/bench.js';

const bench = useBench();

describe('a PIN of 6 digits on a card that allows 4 to 8 (cps3-pin6), through pcscd', () => {
  it('reads the situations with it, then changes it to 4 digits: no try lost, the card holds the new code', async () => {
    const card = bench.card('cps3-pin6');
    await card.sim.waitFor('insérée');
    const s = bench.tool();
    await s.waitForText('MEDECIN-RPPS0001', 30_000);

    // The situations, with the 6 digits: before issue 17 the field stopped at 4 and 1234 went to the card.
    s.write('2');
    await s.waitForText('Entrée lire les situations');
    s.write('\r');
    await s.waitForText('0 chiffres (4 à 8)');
    await s.type([...'123456']);
    await s.waitForText('6 chiffres (4 à 8)');
    s.write('\r');
    await s.waitForText('▶ [ Lire les situations ] ◀');
    s.write('\r');
    await s.waitForText('Situation n° 01', 20_000);
    expect(card.memory().pin).toEqual({ code: '123456', triesLeft: 3 });

    // The change: the current PIN of 6 digits, a new one of 4, pasted (bracketed) into each field.
    s.write('c');
    await s.waitForText('Code porteur actuel:');
    await s.waitForText('deux fois le nouveau code porteur (4 à 8 chiffres)');
    s.write('\u001b[200~123456\u001b[201~');
    await s.waitForText('6 chiffres (4 à 8)');
    s.write('\t\u001b[200~4321\u001b[201~');
    await s.waitForText('4 chiffres (4 à 8)');
    await s.type(['\t', ...'4321', '\t']);
    await s.waitForText('▶ [ Changer ] ◀');
    s.write('\r');
    await s.waitForText('Votre code porteur a été changé avec succès', 20_000);
    expect(card.memory().pin).toEqual({ code: '4321', triesLeft: 3 });
    // (the RPPS identifier 10101234567 holds 123456: only the new code is looked for)
    expect(s.output()).not.toMatch(/\b4321\b/);
    s.write('q');
    await s.waitForExit();
  });

  it('a PIN longer than the card allows is never sent: the button stays grey, the card untouched', async () => {
    const card = bench.card('seed', 0, (m) => ({ ...m, pin: { ...m.pin, triesLeft: 3 } }));
    await card.sim.waitFor('insérée');
    const s = bench.tool();
    await s.waitForText('DENT-CS0595', 30_000);
    s.write('c');
    await s.waitForText('Code porteur actuel:');
    // The seed's AODF fixes the PIN at 4 digits: the field takes 4, the 5th is said.
    await s.waitForText('0/4 chiffres');
    await s.type([...'12345']);
    await s.waitForText('Champ complet (4 chiffres)');
    expect(card.memory().pin).toEqual({ code: '1234', triesLeft: 3 });
    s.write('\u0003');
    await s.waitForExit();
  });
});
