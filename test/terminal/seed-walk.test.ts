// The seed's scenario, as a holder would live it: the built tool in a real pseudo-terminal at
// 80×24, driven by keys, read back from the screen. The final screens are printed for the record.

import { describe, expect, it } from 'vitest';
import { fillUnblock, openUnblock, useTool } from '../support/pty-build.js';
import { showScreen, type PtySession } from '../support/pty.js';

const kit = useTool();

/** Everything the screen shows from top to bottom, paging down until the end. */
async function readAllPages(s: PtySession): Promise<string> {
  let seen = s.screenText();
  for (let i = 0; i < 6; i++) {
    const before = s.screenText();
    s.write('\u001b[6~'); // PgDn
    try {
      await s.waitFor(() => s.screenText() !== before, 'un défilement', 1_500);
    } catch {
      break; // nothing more below
    }
    seen += '\n' + s.screenText();
  }
  s.write('\u001b[5~'.repeat(8)); // back to the top
  return seen;
}

describe('the seed scenario in a real terminal', () => {
  it('shows the seed card, refuses a wrong PUK with the tries left, unblocks, and gives the terminal back', async () => {
    const s = kit.tool(['--demo']);
    await s.waitForText('M DENT-CS0595 EMILE', 15_000);
    expect(s.onAlternateBuffer()).toBe(true);
    // At 80×24 the whole card screen fits: the last row of the first tab is on the first screen.
    await s.waitForText("Date d'expiration de la carte          31/03/2014");
    await s.waitForNoText('↓ suite');
    showScreen('Carte du seed lue', s);

    const all = await readAllPages(s);
    for (const value of [
      "Outil d'Audit de la carte CPS",
      'M DENT-CS0595 EMILE',
      '0B4005951 (ADELI)',
      'Chirurgien-Dentiste',
      'CPS3',
      '99002752',
      '8025000001',
      '2300081197',
      '15/05/2011',
      '31/03/2014',
      'Verrouillé',
      'Carte test de Professionnel ou Personnel de Santé',
    ]) {
      expect(all, value).toContain(value);
    }

    // d opens the unblock form; a wrong PUK typed key by key costs one try and says how many are left.
    await openUnblock(s);
    await fillUnblock(s, '87654321', '4321', '\t', 'typed');
    s.write('\r');
    await s.waitForText(/Code de déblocage erroné\. Il vous reste 9 essais/);
    showScreen('Code de déblocage erroné', s);

    // The right PUK arrives in one burst (a paste, a slow SSH link): all 8 digits are kept.
    await s.waitForText('0/8');
    await fillUnblock(s, '12345678', '4321', '\r');
    s.write('\r');
    await s.waitForText('Votre code porteur a été débloqué avec succès. Veuillez retirer puis réinsérer votre carte.', 15_000);
    showScreen('Déblocage réussi', s);

    // i takes the simulated card out, i again puts it back: read again, the PIN is OK at 3 tries.
    s.write('i');
    await s.waitForText(/[Rr]éinsérez/);
    s.write('i');
    await s.waitForText('OK (3 essais sur 3)', 15_000);
    await s.waitForText("Date d'expiration de la carte          31/03/2014");
    await s.waitForNoText('↓ suite');
    showScreen('Carte réinsérée', s);

    // No code ever reached the screen: not in the frames, not echoed by the terminal.
    for (const code of ['87654321', '12345678']) expect(s.output()).not.toContain(code);

    s.write('q');
    const exit = await s.waitForExit();
    // Unblocked, but the seed card expired in 2014: 13, not 0 (issue 17).
    expect(exit.exitCode).toBe(13);
    expect(s.onAlternateBuffer()).toBe(false);
  });
});
