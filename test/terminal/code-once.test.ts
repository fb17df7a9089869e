// Issue 9 through the real stack: the built tool in a real pseudo-terminal, a real pcscd, the
// vsmartcard virtual reader and `cps-audit simulate` behind it. One action of the user costs at
// most one try; the last try is confirmed on the numbers the card gives just before sending.

import { describe, expect, it } from 'vitest';
import { createPcscTransport } from '../../src/card/transport/pcsc.js';
import type { ReaderState } from '../../src/card/transport/transport.js';
import { VPCD_READERS } from '../support/pcscd.js';
import { fillUnblock, openUnblock } from '../support/pty-build.js';
import { pcscProgram, useBench, until } from '../support/bench.js';

const READER = VPCD_READERS[0];
const bench = useBench({ quickack: true });

/**
 * Another program (a separate process through the same pcscd) presents `n` wrong PUKs to the card
 * in `reader`, as a second application could while the tool's form is open.
 */
async function spendPukTries(reader: string, n: number): Promise<void> {
  const script = `
    const pcsc = require('pcsclite')();
    const wrong = Buffer.from('0020000208' + '39'.repeat(8), 'hex');
    pcsc.on('reader', (r) => {
      if (r.name !== ${JSON.stringify(reader)}) return;
      let started = false;
      r.on('status', (s) => {
        if (started || !(s.state & r.SCARD_STATE_PRESENT)) return;
        started = true;
        const attempt = () => r.connect({ share_mode: r.SCARD_SHARE_EXCLUSIVE }, (err, protocol) => {
          if (err) return setTimeout(attempt, 100); // the tool may hold it for a moment
          let left = ${n};
          const next = () => {
            if (left-- === 0) return r.disconnect(r.SCARD_RESET_CARD, () => { console.log('fait'); r.close(); pcsc.close(); process.exit(0); });
            r.transmit(wrong, 258, protocol, (e, data) => { if (e) { console.log('erreur ' + e.message); process.exit(3); } next(); });
          };
          next();
        });
        attempt();
      });
    });
    pcsc.on('error', (e) => { console.log('erreur ' + e.message); process.exit(4); });
  `;
  await pcscProgram(script, 'l’autre programme').wait('fait');
}

describe('every code sent once, on purpose, through pcscd', () => {
  it('a wrong PUK on a card that answers 6C 08 costs exactly one try, and is not shown as a wrong code', async () => {
    const card = bench.card('seed', 0, undefined, ['--quirk', '6c-on-refused-code']);
    await card.sim.waitFor('insérée');
    const s = bench.tool();
    await s.waitForText('[d] Débloquer votre code porteur', 30_000);
    await openUnblock(s);
    await fillUnblock(s, '87654321', '4321', '\t', 'typed');
    s.write('\r');
    await s.waitForText(/aucun code n’a été modifié/, 20_000);
    // Read again at once: the card's own count, one try less.
    await s.waitForText('OK (9 essais sur 10)', 20_000);
    expect(card.memory().puk.triesLeft).toBe(9);
    expect(s.screenText()).not.toMatch(/erroné/);
    bench.show('6C 08 : un seul essai compté', s);
  });

  it('d, the PUK, Tab, the PIN, Tab, the PIN, Tab, Enter in one burst: the unblock is sent, once', async () => {
    const card = bench.card('seed');
    await card.sim.waitFor('insérée');
    const s = bench.tool();
    await s.waitForText('[d] Débloquer votre code porteur', 30_000);
    s.write('d12345678\t4321\t4321\t\r');
    await s.waitForText('Votre code porteur a été débloqué avec succès', 20_000);
    expect(card.memory().pin).toEqual({ code: '4321', triesLeft: 3 });
    expect(card.memory().puk).toMatchObject({ triesLeft: 10, unblocksLeft: 99 });
    bench.show('rafale : déblocage envoyé', s);
  });

  it('another program spends PUK tries while the form is open: the confirmation is asked with the fresh number', async () => {
    const card = bench.card('seed');
    await card.sim.waitFor('insérée');
    const s = bench.tool();
    await s.waitForText('[d] Débloquer votre code porteur', 30_000);
    await openUnblock(s);
    // The form read 10 tries as it opened; now another program leaves one.
    await spendPukTries(READER, 9);
    expect(card.memory().puk.triesLeft).toBe(1);
    await fillUnblock(s, '12345678', '4321', '\t', 'typed');
    s.write('\r');
    // The confirmation itself (the title bar also says DERNIER ESSAI once the count is 1).
    await s.waitForText('oui, envoyer le code à la carte', 20_000);
    await s.waitForText(/il ne reste qu’un seul essai au code de déblocage/);
    // Nothing was sent: the count is still 1.
    expect(card.memory().puk.triesLeft).toBe(1);
    bench.show('dernier essai, sur le nombre relu', s);
    s.write('o');
    await s.waitForText('Votre code porteur a été débloqué avec succès', 20_000);
    expect(card.memory().pin).toEqual({ code: '4321', triesLeft: 3 });
    expect(card.memory().puk.triesLeft).toBe(10);
  });

  it('pcsc-lite’s event counter moves on a removal and an insertion, not on a connection of ours', async () => {
    const card = bench.card('seed');
    await card.sim.waitFor('insérée');
    const transport = createPcscTransport();
    let readers: readonly ReaderState[] = [];
    transport.watch((e) => {
      if (e.type === 'readers') readers = e.readers;
    });
    const mine = () => readers.find((r) => r.name === READER);
    try {
      await until(() => mine()?.atr !== undefined, 20_000, 'la carte dans le lecteur');
      const first = mine()!.events;
      expect(first).toBeTypeOf('number');
      const c = await transport.connect(READER, 'exclusive');
      await c.transmit(Uint8Array.from([0x00, 0xa4, 0x00, 0x0c, 0x02, 0x3f, 0x00]));
      await c.disconnect('reset');
      await new Promise((r) => setTimeout(r, 500));
      expect(mine()!.events).toBe(first);
      await card.remove();
      await until(() => mine() !== undefined && mine()!.atr === undefined, 20_000, 'la carte retirée');
      await card.insert();
      await until(() => mine()?.atr !== undefined, 20_000, 'la carte réinsérée');
      expect(mine()!.events).not.toBe(first);
    } finally {
      await transport.close();
    }
  });
});
