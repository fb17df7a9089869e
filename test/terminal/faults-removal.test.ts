// Through pcscd, as a holder lives it: the built tool in a real terminal, the seed card given by
// `cps-audit simulate` in vsmartcard-vpcd's reader. The seed scenario to the reinserted card, then
// the card pulled while it is read and while it is unblocked: never "code erroné", and once the
// card is back (pcscd untouched) the screen shows its true state, the simulator's saved memory.
// vpcd without quickack (44 ms an APDU, stack.md fault 1) leaves time to pull the card mid-way.

import { describe, expect, it } from 'vitest';
import type { PtySession } from '../support/pty.js';
import { useBench, type Card } from '../support/bench.js';
import { fillUnblock, openUnblock, seedUnblock } from '../support/pty-build.js';
import { EXIT } from '../../src/app/exit-codes.js';

const bench = useBench({ quickack: false });

/**
 * Puts the card back as a holder would, without touching pcscd, and waits for `text`. stack.md's
 * vpcd fault 2 (a reader blinded by a card pulled under a connection) did not show in any run
 * with this tool, which holds no handle once the operation failed; should it show, pcscd is
 * restarted (the user's remedy too) and the run says so.
 */
async function reinsert(card: Card, s: PtySession, text: string | RegExp): Promise<void> {
  await card.insert();
  try {
    await s.waitForText(text, 15_000);
  } catch {
    console.log('défaut 2 de vpcd : lecteur aveugle après le retrait, pcscd redémarré');
    await bench.pcscd.restart();
    await s.waitForText(text, 30_000);
  }
}

describe('faults end to end, through pcscd', () => {
  it('the seed scenario: wrong PUK, right PUK, removed, reinserted, PIN OK', async () => {
    const card = bench.card('seed');
    await card.sim.waitFor('insérée');
    const s = bench.tool();
    await s.waitForText('M DENT-CS0595 EMILE', 30_000);
    await s.waitForText('Verrouillé');
    // The reader and its card were there from the start: never a "no reader" screen on the way.
    expect(s.output()).not.toContain('Aucun lecteur de carte n');
    await seedUnblock(s, () => expect(card.memory().puk.triesLeft).toBe(9));
    bench.show('pcscd : déblocage réussi', s);
    await card.remove();
    await s.waitForText(/[Rr]éinsérez/, 20_000);
    await card.insert();
    await s.waitForText('OK (3 essais sur 3)', 30_000);
    expect(card.memory().pin).toEqual({ code: '4321', triesLeft: 3 });
    bench.show('pcscd : carte réinsérée', s);
    s.write('q');
    // Unblocked, but the seed card expired in 2014: 13, not 0 (issue 17).
    expect((await s.waitForExit()).exitCode).toBe(13);
    expect(await card.sim.stop()).toBe(0);
  });

  it('the card pulled while it is read: said as removed, then read in full once back', async () => {
    const card = bench.card('seed');
    await card.sim.waitFor('insérée');
    const s = bench.tool();
    await s.waitForText('Lecture de la carte', 30_000);
    await card.remove();
    await s.waitForText(/Aucune carte|retirée/, 20_000);
    bench.show('pcscd : carte retirée pendant la lecture', s);
    expect(s.screenText()).not.toMatch(/erron/i);
    await reinsert(card, s, 'M DENT-CS0595 EMILE');
    await s.waitForText('Verrouillé', 20_000);
    expect(card.memory().pin.triesLeft).toBe(0);
    expect(s.screenText()).not.toMatch(/erron/i);
    s.write('q');
    expect((await s.waitForExit()).exitCode).toBe(EXIT.pinBlocked);
    expect(await card.sim.stop()).toBe(0);
  });

  // The unblock, once the card was read and its tries read again as the form opened, is 8 APDUs
  // (the card layer's own count, test/unit/card/first-part.test.ts): the 1st is the READ BINARY
  // of EF.SN.ICC (nothing written yet: the card is checked to be the one on screen), the 8th the
  // RESET RETRY COUNTER that writes the new PIN. `remove-after` pulls the card during that exact
  // APDU through the real pcscd, whatever the link's speed.
  it.each([
    { k: 1, wrote: false },
    { k: 8, wrote: true },
  ])('the card pulled during APDU $k of an unblock: never "erroné", the honest outcome, then its true state', async ({ k, wrote }) => {
    const card = bench.card('puk-last-try');
    await card.sim.waitFor('insérée');
    const s = bench.tool();
    await s.waitForText('99002753', 30_000);
    await s.waitForText('Verrouillé', 30_000);
    const before = card.memory();
    await openUnblock(s);
    await fillUnblock(s, '12345678', '4321', '\r');
    s.write('\r');
    // The PUK's last try: the tool asks for a confirmation first.
    await s.waitForText('oui, envoyer le code à la carte', 10_000);
    await card.armRemoval(k);
    s.write('o');
    await card.pulled();
    await s.waitForText('Carte retirée pendant l’opération', 20_000);
    bench.show(`pcscd : carte retirée pendant l’APDU ${k} du déblocage`, s);
    expect(s.screenText()).not.toMatch(/erron/i);
    const after = card.memory();
    if (wrote) {
      expect(s.screenText()).toMatch(/a\s+pu\s+être\s+appliquée/); // wrapped at 80 columns (before the card is back)
      expect(after.pin).toEqual({ code: '4321', triesLeft: 3 });
    } else {
      expect(s.screenText()).toMatch(/aucun\s+code\s+n’a\s+été\s+modifié/);
      expect(after).toEqual(before);
    }
    // The title bar tells the code's state: the card screen scrolls at 80×24.
    // Nothing written: the PIN still blocked, the PUK at its last try (the title says the latter first).
    const truth = wrote ? 'Code porteur OK' : 'Déblocage : DERNIER ESSAI';
    await reinsert(card, s, truth);
    bench.show(`pcscd : carte réinsérée après le retrait (${truth})`, s);
    expect(s.screenText()).not.toMatch(/erron/i);
    s.write('q');
    // Issue 17: once back, the counters decide. Written: the PIN is back to 3 of 3, the unblock
    // applied; the seed card expired in 2014 (13). Not written: PIN blocked, the PUK on its last try (12).
    expect((await s.waitForExit()).exitCode).toBe(wrote ? EXIT.expired : EXIT.lastTry);
    expect(await card.sim.stop()).toBe(0);
  });
});
