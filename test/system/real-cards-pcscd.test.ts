// Issue 12 through the real stack (pcscd + vsmartcard-vpcd): the cps3-public card (a real CPS3's
// public bytes, holder objects in an unknown layout) read as in process, and vpcd's two readers
// as a surgery's two-slot reader, a Vitale card in one, the CPS in the other: the machine goes to
// the CPS without asking.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { createCardService } from '../../src/card/cps/service.js';
import { createFixtureCard } from '../../src/card/simulator/fixtures.js';
import { InProcessTransport } from '../../src/card/transport/in-process.js';
import { createPcscTransport } from '../../src/card/transport/pcsc.js';
import { VirtualCard } from '../../src/card/vpcd/virtual-card.js';
import { auditMachine } from '../../src/machine/machine.js';
import { VPCD_PORTS, VPCD_READERS } from '../support/pcscd.js';
import { usePcscdTransport } from '../support/pcscd-transport.js';
import { until } from '../support/pcscd-wait.js';

const kit = usePcscdTransport();

const [VITALE_SLOT, CPS_SLOT] = VPCD_READERS;
const vitale = new VirtualCard(createFixtureCard('vitale'), { port: VPCD_PORTS[0] });
const cps = new VirtualCard(createFixtureCard('cps3-public'), { port: VPCD_PORTS[1] });

beforeAll(async () => {
  await vitale.insert();
  await cps.insert();
  await until(() => kit.readers().filter((r) => r.atr).length === 2, 10_000, 'Vitale and CPS in the two readers');
});
afterAll(async () => {
  await vitale.remove();
  await cps.remove();
});

/** The report without what differs between two transports (reader name, DER buffers). */
function comparable(r: unknown): unknown {
  return JSON.parse(JSON.stringify(r, (k, v) => (k === 'reader' || k === 'der' || k === 'atr' ? undefined : v)));
}

describe('cps3-public through pcscd', () => {
  it('reads as in process: undecoded objects, holder from the certificate, no "illisible"', async () => {
    const report = await createCardService(kit.transport).read(CPS_SLOT);
    expect(report.serial).toEqual({ ok: true, value: '99213845' });
    expect(report.undecoded.map((u) => u.label)).toEqual(['CPS_ID_CARD', 'CPS_NAME_PS', 'CPS_INFO_PS']);
    expect(report.holder.certificate).toBe('authentification');
    expect(JSON.stringify(report)).not.toMatch(/illisible/);
    const local = new InProcessTransport({ readers: ['local'] });
    local.insert('local', createFixtureCard('cps3-public'));
    expect(comparable(report)).toEqual(comparable(await createCardService(local).read('local')));
    await local.close();
  });

  it('reads situations 01 and 03 with the PIN', async () => {
    const s = await createCardService(kit.transport).readSituations(CPS_SLOT, '1234');
    expect(s.map((x) => (x.ok ? `${x.value.number} ${x.value.layout}` : x.reason))).toEqual(['01 EE', '03 EE']);
  });
});

describe('two-slot reader through pcscd', () => {
  it('the machine goes to the CPS, never asks, never shows the Vitale card', async () => {
    const machineTransport = createPcscTransport();
    const actor = createActor(auditMachine, { input: { transport: machineTransport, cards: createCardService(machineTransport) } });
    const seen = new Set<string>();
    actor.subscribe((s) => {
      if (s.matches('choosingReader')) seen.add('choosingReader');
      if (s.matches('cardUnrecognised')) seen.add('cardUnrecognised');
    });
    actor.start();
    try {
      const s = await waitFor(actor, (x) => x.matches({ card: { codes: 'pinOk' } }), { timeout: 15_000 });
      expect(s.context.selected).toBe(CPS_SLOT);
      expect(s.context.readers.map((r) => r.name)).toEqual(expect.arrayContaining([VITALE_SLOT, CPS_SLOT]));
      expect(s.context.report?.serial).toEqual({ ok: true, value: '99213845' });
      expect([...seen]).toEqual([]);
    } finally {
      actor.stop();
      await machineTransport.close();
    }
  });
});
