// Issue 12 in a real terminal (80×24) through pcscd, with the built tool: vpcd's two readers as a
// surgery's two-slot reader, `simulate --card vitale` in one and `simulate --card cps3-public` (a
// real CPS3's public bytes) in the other. The tool goes to the CPS without asking; its screen
// says what it cannot read plainly, never "illisible"; the situations 01 and 03 read with the PIN.

import { describe, expect, it } from 'vitest';
import { useBench } from '../support/bench.js';

const bench = useBench({ quickack: true });

describe('cps3-public beside a Vitale card, through pcscd, in a terminal', () => {
  it('goes to the CPS, shows the card screen and the situations tab without "illisible"', async () => {
    const vitale = bench.card('vitale', 0);
    const cps = bench.card('cps3-public', 1);
    await vitale.sim.waitFor('insérée');
    await cps.sim.waitFor('insérée');
    const s = bench.tool();
    await s.waitForText('MEDECIN-RPPS0001', 30_000);
    const screen = s.screenText();
    bench.show('cps3-public à côté d’une carte Vitale', s);
    expect(screen).toContain('2 lecteurs de carte connectés.');
    expect(screen).toContain('Lecteur sélectionné  Virtual PCD 00 01');
    expect(screen).toContain('Numéro de série      99213845');
    expect(screen).toContain('— : non lu sur cette carte (CPS_ID_CARD : format non publié)');
    expect(screen).toContain('(d’après le certificat d’authentification)');
    expect(s.output()).not.toMatch(/illisible|Carte non reconnue|Choisissez/);

    s.write('2');
    await s.waitForText('Entrée lire les situations');
    s.write('\r');
    await s.waitForText('Code porteur:');
    await s.type([...'1234', '\r']);
    await s.waitForText('▶ [ Lire les situations ] ◀');
    s.write('\r');
    await s.waitForText('Situation n° 01', 20_000);
    await s.type(Array.from({ length: 30 }, () => '\u001b[B'));
    await s.waitForText('Situation n° 03');
    bench.show('cps3-public : situations d’exercice', s);
    const tab = s.screenText();
    expect(tab).toContain('Cabinet individuel (SA07)');
    expect(tab).toContain('HOPITAL GENERIQUE');
    expect(s.output()).not.toContain('illisible');
    expect(s.output()).not.toMatch(/\b1234\b/);
    s.write('q');
    expect((await s.waitForExit()).exitCode).toBe(0);
  });
});
