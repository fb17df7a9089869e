// The PC/SC service and the readers misbehaving, end to end: the built tool in a real terminal,
// a private pcscd with vpcd, `cps-audit simulate` as the cards, a second program holding a card.
// - pcscd absent at start: the message says how to start it; started, the tool recovers alone;
// - pcscd restarted while the tool idles on a card: it reads the card again, no restart needed;
// - two readers with a CPS each: the choice is offered; --reader forces one;
// - a card held exclusively by another program: "utilisée par un autre programme", then read
//   once that program lets go.

import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { createCardService } from '../../src/card/cps/service.js';
import { createPcscTransport } from '../../src/card/transport/pcsc.js';
import type { TransportEvent } from '../../src/card/transport/transport.js';
import { auditMachine } from '../../src/machine/machine.js';
import { VPCD_READERS } from '../support/pcscd.js';
import { holdExclusively, pcscdSeesCards, useBench } from '../support/bench.js';
import { EXIT } from '../../src/app/exit-codes.js';

const bench = useBench({ quickack: true });

describe('pcscd and readers, end to end', () => {
  it('pcscd absent at start: says how to start it, then recovers once it runs', async () => {
    await bench.pcscd.stop();
    let down = true;
    try {
      const card = bench.card('seed'); // retries every second until vpcd is there
      const s = bench.tool();
      await s.waitForText('Service PC/SC indisponible', 20_000);
      await s.waitForText(/pcscd\) ne répond pas|pcscd\) n’est pas démarré/);
      await s.waitForText('sudo systemctl start pcscd');
      bench.show('pcscd absent', s);
      await bench.pcscd.start();
      down = false;
      await card.sim.waitFor('insérée', 1, 20_000);
      await s.waitForText('M DENT-CS0595 EMILE', 30_000);
      await s.waitForText('Verrouillé', 20_000);
      bench.show('pcscd démarré : carte lue sans relancer l’outil', s);
      s.write('q');
      expect((await s.waitForExit()).exitCode).toBe(EXIT.pinBlocked);
    } finally {
      if (down) await bench.pcscd.start();
    }
  });

  it('pcscd restarted while the tool idles: the card is read again', async () => {
    const card = bench.card('cps3-rpps');
    await card.sim.waitFor('insérée');
    const s = bench.tool();
    await s.waitForText('MEDECIN-RPPS0001', 30_000);
    await s.waitForText('OK (3 essais sur 3)', 20_000);
    const shown = s.output().length;
    await bench.pcscd.restart();
    // The service went away (said on screen), then came back with the card.
    await s.waitFor(() => /pcscd|PC\/SC/.test(s.output().slice(shown)), 'la perte du service à l’écran', 20_000);
    await card.sim.waitFor('insérée', 2, 20_000);
    await s.waitForText('MEDECIN-RPPS0001', 30_000);
    await s.waitForText('OK (3 essais sur 3)', 20_000);
    expect(s.screenText()).not.toMatch(/pcscd\) n’est pas démarré/);
    bench.show('pcscd redémarré : carte relue', s);
    s.write('q');
    expect((await s.waitForExit()).exitCode).toBe(0);
  });

  it('two readers with a CPS each: the choice is offered; --reader forces one', async () => {
    const seed = bench.card('seed', 0);
    const rpps = bench.card('cps3-rpps', 1);
    await seed.sim.waitFor('insérée');
    await rpps.sim.waitFor('insérée');
    // Both cards in place before the tool starts: a card that arrives later does not take the
    // screen from the one already read (a choice is offered only among cards present at once).
    await pcscdSeesCards(VPCD_READERS);
    const s = bench.tool();
    await s.waitForText('Choix du lecteur', 30_000);
    await s.waitForText(`${VPCD_READERS[0]} (carte CPS3)`);
    await s.waitForText(`${VPCD_READERS[1]} (carte CPS3)`);
    bench.show('deux lecteurs : le choix', s);
    expect(s.screenText()).not.toContain('MEDECIN-RPPS0001');
    s.write('2');
    await s.waitForText('MEDECIN-RPPS0001', 30_000);
    s.write('q');
    expect((await s.waitForExit()).exitCode).toBe(0);

    const forced = bench.tool(['--reader', '00 00']);
    await forced.waitForText('M DENT-CS0595 EMILE', 30_000);
    expect(forced.screenText()).not.toContain('Choix du lecteur');
    bench.show('--reader "00 00"', forced);
    forced.write('q');
    expect((await forced.waitForExit()).exitCode).toBe(EXIT.pinBlocked);
  });

  it('a slow start (event loop held 600 ms) still gives the whole first list, and the choice', async () => {
    // The first screen drawn on a loaded machine holds the loop past the transport's settle delay;
    // the first list must still wait for every reader's status (it once showed one card of two,
    // and the machine then picked that reader without asking).
    const seed = bench.card('seed', 0);
    const rpps = bench.card('cps3-rpps', 1);
    await seed.sim.waitFor('insérée');
    await rpps.sim.waitFor('insérée');
    await pcscdSeesCards(VPCD_READERS);
    const transport = createPcscTransport();
    const events: TransportEvent[] = [];
    transport.watch((e) => events.push(e));
    const actor = createActor(auditMachine, { input: { transport, cards: createCardService(transport) } }).start();
    const end = Date.now() + 600;
    while (Date.now() < end) {
      // busy, as a slow first render
    }
    try {
      await waitFor(actor, (s) => s.matches('choosingReader') || s.matches('reading') || s.matches('card'), { timeout: 10_000 });
      const first = events.find((e) => e.type === 'readers');
      expect(first?.type === 'readers' && first.readers.map((r) => [r.name, r.atr !== undefined])).toEqual([
        [VPCD_READERS[0], true],
        [VPCD_READERS[1], true],
      ]);
      expect(actor.getSnapshot().matches('choosingReader')).toBe(true);
    } finally {
      actor.stop();
      await transport.close();
    }
  });

  it('a card held exclusively by another program: said so, then read once released', async () => {
    const card = bench.card('seed');
    await card.sim.waitFor('insérée');
    const other = holdExclusively(VPCD_READERS[0]);
    try {
      await other.held;
      const s = bench.tool();
      await s.waitForText('utilisée par un autre programme', 30_000);
      bench.show('carte tenue par un autre programme', s);
      expect(s.screenText()).not.toContain('M DENT-CS0595 EMILE');
      await other.release();
      await s.waitForText('M DENT-CS0595 EMILE', 30_000);
      await s.waitForText('Verrouillé', 20_000);
      bench.show('carte libérée : lue', s);
      s.write('q');
      expect((await s.waitForExit()).exitCode).toBe(EXIT.pinBlocked);
    } finally {
      other.child.kill();
    }
  });
});
