// Through pcscd, as a holder lives it: the built tool in a real terminal, the seed card given by
// `cps-audit simulate` in vsmartcard-vpcd's reader. The seed scenario to the reinserted card, then
// the card pulled while it is read and while it is unblocked: never "code erroné", and once the
// card is back the screen shows its true state (the simulator's saved memory). vpcd without
// quickack (44 ms an APDU, stack.md fault 1) leaves time to pull the card mid-operation.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBench, until, type Bench } from './faults-bench.js';

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({ quickack: false });
}, 120_000);
afterAll(async () => {
  await bench?.dispose();
});

describe('faults end to end, through pcscd', () => {
  it('the seed scenario: wrong PUK, right PUK, removed, reinserted, PIN OK', async () => {
    const card = bench.card('seed');
    await card.sim.waitFor('insérée');
    const s = bench.tool();
    await s.waitForText('M DENT-CS0595 EMILE', 30_000);
    await s.waitForText('Verrouillé');
    s.write('d');
    await s.waitForText('Code de déblocage:');
    s.write('87654321');
    await s.waitForText('8/8');
    await s.type(['\t', ...'4321', '\t', ...'4321', '\t']);
    await s.waitForText('▶ [ Débloquer ] ◀');
    s.write('\r');
    await s.waitForText(/Code de déblocage erroné\. Il vous reste 9 essais/, 20_000);
    expect(card.memory().puk.triesLeft).toBe(9);
    await s.waitForText('0/8');
    s.write('12345678');
    await s.waitForText('8/8');
    await s.type(['\r', ...'4321', '\r', ...'4321', '\r']);
    await s.waitForText('▶ [ Débloquer ] ◀');
    s.write('\r');
    await s.waitForText('Votre code porteur a été débloqué avec succès', 20_000);
    bench.show('pcscd : déblocage réussi', s);
    await card.remove();
    await s.waitForText(/[Rr]éinsérez/, 20_000);
    await card.insert();
    await s.waitForText('OK (3 essais sur 3)', 30_000);
    expect(card.memory().pin).toEqual({ code: '4321', triesLeft: 3 });
    bench.show('pcscd : carte réinsérée', s);
    s.write('q');
    expect((await s.waitForExit()).exitCode).toBe(0);
    expect(await card.sim.stop()).toBe(0);
  });
});
