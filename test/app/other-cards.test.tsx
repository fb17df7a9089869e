// Other cards and readers in words (issue 22): a Vitale card is named as such on screen and in
// the exit line, the reader picker says which card is in which reader, two empty readers say so,
// and the too-small screen offers --accessible and report. The real app on the simulated cards.

import { afterEach, describe, expect, it } from 'vitest';
import { waitFor as waitForSnapshot } from 'xstate';
import { exitCodeFor, exitLine } from '../../src/app/tui/outcome.js';
import { createAudit } from '../../src/app/wiring.js';
import { createFixtureCard } from '../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../src/card/transport/in-process.js';
import { setLanguage } from '../../src/i18n/index.js';
import { readerLine } from '../../src/screens/reader-list.js';
import { startApp, type Harness } from '../support/app-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

describe('other cards and readers, in words', () => {
  it('a Vitale card: named on screen, and in the exit line, never "n° illisible (inconnu)"', async () => {
    h = await startApp({ card: 'vitale' });
    const f = await h.waitFor('carte Vitale : ce n’est pas une carte CPS');
    expect(f).toContain('insérez votre carte CPS');
    expect(f).not.toContain('Carte non reconnue (ATR');

    setLanguage('fr');
    const transport = new InProcessTransport();
    transport.insert(DEFAULT_READER, createFixtureCard('vitale'));
    const actor = createAudit(transport);
    actor.start();
    await waitForSnapshot(actor, (s) => s.matches('cardUnrecognised'), { timeout: 5_000 });
    const snap = actor.getSnapshot();
    const line = exitLine(snap, undefined, exitCodeFor(snap, undefined, false));
    actor.stop();
    expect(line).toContain('carte Vitale : ce n’est pas une carte CPS');
    expect(line).not.toContain('illisible');
  });

  it('the picker says which card is in which reader', async () => {
    h = await startApp({
      card: 'seed',
      readers: ['Lecteur A', 'Lecteur B'],
      more: [['Lecteur B', 'cps4']],
    });
    const f = await h.waitFor('Lecteur B (carte CPS4)');
    expect(f).toContain('Lecteur A (carte CPS3)');
    // The patient's card beside it, as the picker would word it.
    expect(readerLine({ name: 'Lecteur B', atr: createFixtureCard('vitale').atr })).toBe(
      'Lecteur B (carte Vitale : ce n’est pas une carte CPS)',
    );
  });

  it('two empty readers say so', async () => {
    h = await startApp({ readers: ['Lecteur A', 'Lecteur B'] });
    const f = await h.waitFor('2 lecteurs connectés, aucune carte insérée.');
    expect(f).not.toContain('Aucun lecteur ou carte présent.');
  });

  it('at 60×20 the too-small screen offers --accessible and report', async () => {
    h = await startApp({ card: 'seed', columns: 60, rows: 20 });
    const f = (await h.waitFor('Terminal trop petit')).replace(/\s+/g, ' ');
    expect(f).toContain('cps-audit --accessible');
    expect(f).toContain('cps-audit report');
  });
});
