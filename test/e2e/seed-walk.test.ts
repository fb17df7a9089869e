// The seed's scenario, as a holder would live it: the built tool in a real pseudo-terminal at
// 80×24, driven by keys, read back from the screen. The final screens are printed for the record.

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/pty-build.js';
import { startPty, type PtySession } from '../support/pty.js';

let bundle = '';
let session: PtySession | undefined;

beforeAll(() => {
  bundle = ensureBuilt();
}, 120_000);

afterEach(() => {
  session?.kill();
  session = undefined;
});

function show(title: string, s: PtySession): void {
  process.stdout.write(
    `\n===== ${title} (80×24) =====\n${s
      .screen()
      .map((l) => `|${l.padEnd(80)}|`)
      .join('\n')}\n`,
  );
}

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
    const s = (session = startPty({ args: [bundle, '--demo'] }));
    await s.waitForText('M DENT-CS0595 EMILE', 15_000);
    expect(s.onAlternateBuffer()).toBe(true);
    // At 80×24 the whole card screen fits: the last row of the first tab is on the first screen.
    await s.waitForText("Date d'expiration de la carte          31/03/2014");
    await s.waitForNoText('↓ suite');
    show('Carte du seed lue', s);

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
    s.write('d');
    await s.waitForText('Code de déblocage:');
    await s.type('87654321'.split(''));
    await s.waitForText('8/8');
    await s.type(['\t', ...'4321'.split(''), '\t', ...'4321'.split(''), '\t']);
    await s.waitForText('▶ [ Débloquer ] ◀');
    s.write('\r');
    await s.waitForText(/Code de déblocage erroné\. Il vous reste 9 essais/);
    show('Code de déblocage erroné', s);

    // The right PUK arrives in one burst (a paste, a slow SSH link): all 8 digits are kept.
    await s.waitForText('0/8');
    s.write('12345678');
    await s.waitForText('8/8');
    await s.type(['\r', ...'4321'.split(''), '\r', ...'4321'.split(''), '\r']);
    await s.waitForText('▶ [ Débloquer ] ◀');
    s.write('\r');
    await s.waitForText('Votre code porteur a été débloqué avec succès. Veuillez retirer puis réinsérer votre carte.', 15_000);
    show('Déblocage réussi', s);

    // i takes the simulated card out, i again puts it back: read again, the PIN is OK at 3 tries.
    s.write('i');
    await s.waitForText(/[Rr]éinsérez/);
    s.write('i');
    await s.waitForText('OK (3 essais sur 3)', 15_000);
    await s.waitForText("Date d'expiration de la carte          31/03/2014");
    await s.waitForNoText('↓ suite');
    show('Carte réinsérée', s);

    // No code ever reached the screen: not in the frames, not echoed by the terminal.
    for (const code of ['87654321', '12345678']) expect(s.output()).not.toContain(code);

    s.write('q');
    const exit = await s.waitForExit();
    expect(exit.exitCode).toBe(0);
    expect(s.onAlternateBuffer()).toBe(false);
  });
});
