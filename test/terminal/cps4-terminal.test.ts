// The seed's scenario on the CPS4 fixture in a real terminal (80×24), with the built tool:
// in process (`--demo --card cps4`), then through pcscd with `cps-audit simulate --card cps4`.
// The screen says CPS4, shows the tries left and "inconnu" for what the card does not tell.

import { describe, expect, it } from 'vitest';
import type { PtySession } from '../support/pty.js';
import { useBench } from '../support/bench.js';
import { seedUnblock } from '../support/pty-build.js';

const bench = useBench({ quickack: true });

/** The card screen of the cps4 fixture, whatever the transport. */
async function cps4Screen(s: PtySession): Promise<void> {
  await s.waitForText('MEDECIN-RPPS0001', 30_000);
  await s.waitForText('Verrouillé (0 essai restant)', 20_000);
  const text = s.screenText();
  if (!text.includes('max. inconnu')) bench.show('écran CPS4', s);
  expect(text).toContain('Modèle de carte      CPS4');
  expect(text).toContain('OK (10 essais restants, max. inconnu)');
  expect(text).toContain('inconnu (la carte ne le dit pas)');
}

describe('the cps4 card in a real terminal', () => {
  it('--demo --card cps4: CPS4 on screen, the seed scenario, the PIN OK once reinserted', async () => {
    const s = bench.tool(['--demo', '--card', 'cps4']);
    await cps4Screen(s);
    bench.show('--demo --card cps4', s);
    await seedUnblock(s);
    s.write('i');
    await s.waitForText(/[Rr]éinsérez/);
    s.write('i');
    await s.waitForText('OK (3 essais restants)', 15_000);
    for (const code of ['87654321', '12345678']) expect(s.output()).not.toContain(code);
    s.write('q');
    expect((await s.waitForExit()).exitCode).toBe(0);
  });

  it('through pcscd: the seed scenario on `simulate --card cps4`, removed, reinserted, PIN OK', async () => {
    const card = bench.card('cps4');
    await card.sim.waitFor('insérée');
    const s = bench.tool();
    await cps4Screen(s);
    await seedUnblock(s);
    expect(card.memory().pin).toEqual({ code: '4321', triesLeft: 3 });
    expect(card.memory().puk).toMatchObject({ triesLeft: 10, unblocksLeft: 99 });
    bench.show('pcscd : CPS4 débloquée', s);
    await card.remove();
    await s.waitForText(/[Rr]éinsérez/, 20_000);
    await card.insert();
    await s.waitForText('OK (3 essais restants)', 30_000);
    bench.show('pcscd : CPS4 réinsérée', s);
    s.write('q');
    expect((await s.waitForExit()).exitCode).toBe(0);
    expect(await card.sim.stop()).toBe(0);
  });
});
