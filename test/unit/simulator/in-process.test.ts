// The in-process transport: readers, events, sharing, dispositions, and injected faults.

import { describe, expect, it, vi } from 'vitest';
import { fromHex, hex } from '../../../src/card/bytes.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { isTransportError } from '../../../src/card/transport/errors.js';
import type { TransportEvent } from '../../../src/card/transport/transport.js';
import { encodeBlock } from '../../../src/card/simulator/cps3-card.js';
import { PIN_FORMAT } from '../../../src/card/simulator/profile.js';

const VERIFY_1234 = `00 20 00 01 08 ${hex(encodeBlock('1234', PIN_FORMAT))}`;
const VERIFY_0000 = `00 20 00 01 08 ${hex(encodeBlock('0000', PIN_FORMAT))}`;

function recorder(t: InProcessTransport) {
  const events: TransportEvent[] = [];
  t.watch((e) => events.push(e));
  const last = () => events[events.length - 1];
  const readers = () => {
    const e = last();
    return e?.type === 'readers' ? e.readers : undefined;
  };
  return { events, last, readers };
}

async function tx(c: { transmit(b: Uint8Array): Promise<Uint8Array> }, command: string): Promise<string> {
  return hex(await c.transmit(fromHex(command)));
}

async function rejectsWith(p: Promise<unknown>, kind: string): Promise<void> {
  await expect(p).rejects.toSatisfy((e: unknown) => isTransportError(e) && e.kind === kind);
}

describe('readers and events', () => {
  it('starts with one empty reader, told at once to a watcher', () => {
    const t = new InProcessTransport();
    const { events } = recorder(t);
    expect(events).toEqual([{ type: 'readers', readers: [{ name: DEFAULT_READER, events: 0 }] }]);
    expect(DEFAULT_READER).toBe('Lecteur simulé 00');
  });

  it('sends the whole list after every change, asynchronously', async () => {
    const t = new InProcessTransport();
    const { events, readers } = recorder(t);
    const card = createFixtureCard('seed');
    t.insert(DEFAULT_READER, card);
    expect(events).toHaveLength(1); // not from inside the call
    await vi.waitFor(() => expect(readers()).toEqual([{ name: DEFAULT_READER, atr: card.atr, events: 1 }]), { timeout: 2000 });
    t.addReader('Lecteur simulé 01');
    await vi.waitFor(() => expect(readers()?.map((r) => r.name)).toEqual([DEFAULT_READER, 'Lecteur simulé 01']));
    t.remove(DEFAULT_READER);
    await vi.waitFor(() => expect(readers()?.[0]).toEqual({ name: DEFAULT_READER, events: 2 }));
    t.removeReader('Lecteur simulé 01');
    await vi.waitFor(() => expect(readers()).toHaveLength(1));
    expect(events.filter((e) => e.type === 'readers')).toHaveLength(5);
  });

  it('reports the service going down and up', async () => {
    const t = new InProcessTransport();
    const { last } = recorder(t);
    t.stopService();
    await vi.waitFor(() => expect(last()).toMatchObject({ type: 'service', service: { status: 'down' } }));
    await rejectsWith(t.connect(DEFAULT_READER, 'shared'), 'service-unavailable');
    t.startService();
    await vi.waitFor(() => expect(last()?.type).toBe('readers'));
  });

  it('stops telling after close()', async () => {
    const t = new InProcessTransport();
    const { events } = recorder(t);
    await t.close();
    t.insert(DEFAULT_READER, createFixtureCard('seed'));
    await new Promise((r) => setImmediate(r));
    expect(events).toHaveLength(1);
  });
});

describe('connections', () => {
  it('connects and exchanges APDUs with the card', async () => {
    const t = new InProcessTransport();
    t.insert(DEFAULT_READER, createFixtureCard('seed'));
    const c = await t.connect(DEFAULT_READER, 'shared');
    expect(hex(c.atr)).toBe('3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00');
    expect(await tx(c, '00 A4 09 0C 04 3F 00 D0 03')).toBe('90 00');
    expect(await tx(c, '00 B0 00 00 0C')).toBe('5A 0A 80 25 00 00 01 99 00 27 52 3F 90 00');
    expect(t.apduCount).toBe(2);
  });

  it('can take time per APDU, like a real reader', async () => {
    const t = new InProcessTransport({ apduDelayMs: 30 });
    t.insert(DEFAULT_READER, createFixtureCard('seed'));
    const c = await t.connect(DEFAULT_READER, 'shared');
    const start = Date.now();
    await tx(c, '00 20 00 01');
    await tx(c, '00 20 00 01');
    expect(Date.now() - start).toBeGreaterThanOrEqual(55);
  });

  it('refuses a missing reader and an empty one', async () => {
    const t = new InProcessTransport();
    await rejectsWith(t.connect('Lecteur absent', 'shared'), 'no-reader');
    await rejectsWith(t.connect(DEFAULT_READER, 'shared'), 'card-removed');
  });

  it("refuses 'exclusive' while another connection holds the card, and shares 'shared'", async () => {
    const t = new InProcessTransport();
    const { readers } = recorder(t);
    t.insert(DEFAULT_READER, createFixtureCard('seed'));
    const a = await t.connect(DEFAULT_READER, 'shared');
    const b = await t.connect(DEFAULT_READER, 'shared');
    await rejectsWith(t.connect(DEFAULT_READER, 'exclusive'), 'card-in-use');
    await a.disconnect('leave');
    await b.disconnect('leave');
    const x = await t.connect(DEFAULT_READER, 'exclusive');
    await vi.waitFor(() => expect(readers()?.[0]?.inUse).toBe(true));
    await rejectsWith(t.connect(DEFAULT_READER, 'shared'), 'card-in-use');
    await x.disconnect('leave');
    await vi.waitFor(() => expect(readers()?.[0]?.inUse).toBeUndefined());
    await (await t.connect(DEFAULT_READER, 'exclusive')).disconnect('leave');
  });

  it("'reset' makes the card forget the PIN; 'leave' keeps it", async () => {
    const t = new InProcessTransport();
    t.insert(DEFAULT_READER, createFixtureCard('cps3-rpps'));
    let c = await t.connect(DEFAULT_READER, 'exclusive');
    expect(await tx(c, VERIFY_1234)).toBe('90 00');
    await c.disconnect('leave');
    c = await t.connect(DEFAULT_READER, 'exclusive');
    expect(await tx(c, '00 20 00 01')).toBe('90 00');
    await c.disconnect('reset');
    c = await t.connect(DEFAULT_READER, 'exclusive');
    expect(await tx(c, '00 20 00 01')).toBe('63 C3');
    await rejectsWith(
      (async () => {
        await c.disconnect('leave');
        return c.transmit(fromHex('00 20 00 01'));
      })(),
      'unknown',
    );
  });

  it('a card removed and put back: the old connection is dead, the card forgot the PIN', async () => {
    const t = new InProcessTransport();
    const card = createFixtureCard('cps3-rpps');
    t.insert(DEFAULT_READER, card);
    const c = await t.connect(DEFAULT_READER, 'shared');
    await tx(c, VERIFY_1234);
    t.remove(DEFAULT_READER);
    await rejectsWith(c.transmit(fromHex('00 20 00 01')), 'card-removed');
    t.insert(DEFAULT_READER, card);
    await rejectsWith(c.transmit(fromHex('00 20 00 01')), 'card-removed');
    const d = await t.connect(DEFAULT_READER, 'shared');
    expect(await tx(d, '00 20 00 01')).toBe('63 C3');
  });

  it('a reader unplugged: reader-removed', async () => {
    const t = new InProcessTransport();
    t.insert(DEFAULT_READER, createFixtureCard('seed'));
    const c = await t.connect(DEFAULT_READER, 'shared');
    t.removeReader(DEFAULT_READER);
    await rejectsWith(c.transmit(fromHex('00 20 00 01')), 'reader-removed');
  });
});

describe('faults at the k-th APDU', () => {
  async function setup() {
    const t = new InProcessTransport();
    const card = createFixtureCard('cps3-rpps');
    t.insert(DEFAULT_READER, card);
    const c = await t.connect(DEFAULT_READER, 'exclusive');
    return { t, card, c };
  }

  it('remove-card: that APDU runs (a try is spent) and gets no answer; the card is gone', async () => {
    const { t, card, c } = await setup();
    const { readers } = recorder(t);
    t.injectFault({ at: 2, kind: 'remove-card' });
    expect(await tx(c, '00 20 00 01')).toBe('63 C3');
    await rejectsWith(c.transmit(fromHex(VERIFY_0000)), 'card-removed');
    await vi.waitFor(() => expect(readers()?.[0]?.atr).toBeUndefined());
    await rejectsWith(c.transmit(fromHex('00 20 00 01')), 'card-removed');
    expect(card.snapshot()?.pin.triesLeft).toBe(2);
  });

  it('remove-card with executed false: the card never saw it', async () => {
    const { t, card, c } = await setup();
    t.injectFault({ at: 1, kind: 'remove-card', executed: false });
    await rejectsWith(c.transmit(fromHex(VERIFY_0000)), 'card-removed');
    expect(card.snapshot()?.pin.triesLeft).toBe(3);
  });

  it('status: the chosen status word instead of running the command', async () => {
    const { t, card, c } = await setup();
    t.injectFault({ at: 1, kind: 'status', sw: 0x6f00 });
    expect(await tx(c, VERIFY_0000)).toBe('6F 00');
    expect(card.snapshot()?.pin.triesLeft).toBe(3);
    expect(await tx(c, '00 20 00 01')).toBe('63 C3');
  });

  it('garbage and truncate: the card ran the command, the answer is damaged', async () => {
    const { t, card, c } = await setup();
    t.injectFault({ at: 1, kind: 'garbage' });
    t.injectFault({ at: 2, kind: 'truncate' });
    t.injectFault({ at: 3, kind: 'truncate', keep: 0 });
    t.injectFault({ at: 4, kind: 'garbage', bytes: Uint8Array.of(0x90) });
    expect(await tx(c, VERIFY_0000)).toBe('A5 5A 3C');
    expect(await tx(c, VERIFY_0000)).toBe('63');
    expect(await tx(c, '00 20 00 01')).toBe('');
    expect(await tx(c, '00 20 00 01')).toBe('90');
    expect(card.snapshot()?.pin.triesLeft).toBe(1);
    expect(await tx(c, '00 20 00 01')).toBe('63 C1');
  });

  it('unresponsive and remove-reader', async () => {
    const { t, c } = await setup();
    t.injectFault({ at: 1, kind: 'unresponsive' });
    t.injectFault({ at: 2, kind: 'remove-reader' });
    await rejectsWith(c.transmit(fromHex('00 20 00 01')), 'card-unresponsive');
    await rejectsWith(c.transmit(fromHex('00 20 00 01')), 'reader-removed');
    expect(t.readers()).toEqual([]);
  });

  it('counts from the moment of injection, so k can run over a whole operation', async () => {
    const operation = async (c: { transmit(b: Uint8Array): Promise<Uint8Array> }) => {
      await c.transmit(fromHex('00 A4 00 0C 02 3F 00'));
      await c.transmit(fromHex('00 CB 3F FF 0A 4D 08 70 06 BF 81 01 02 A0 80 00'));
      await c.transmit(fromHex('00 C0 00 00 18'));
      return hex(await c.transmit(fromHex(VERIFY_1234)));
    };
    const clean = await setup();
    const before = clean.t.apduCount;
    expect(await operation(clean.c)).toBe('90 00');
    const length = clean.t.apduCount - before;
    expect(length).toBe(4);
    for (let k = 1; k <= length; k++) {
      const { t, c } = await setup();
      t.injectFault({ at: k, kind: 'remove-card' });
      await rejectsWith(operation(c), 'card-removed');
      expect(t.apduCount).toBe(k);
    }
    expect(() => clean.t.injectFault({ at: 0, kind: 'unresponsive' })).toThrow();
  });
});
