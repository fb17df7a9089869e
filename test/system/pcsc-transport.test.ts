// The PC/SC transport through a real pcscd and vsmartcard-vpcd, with a tiny card of the test's own.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApduCard } from '../../src/card/simulator/apdu-card.js';
import { isTransportError } from '../../src/card/transport/errors.js';
import { createPcscTransport } from '../../src/card/transport/pcsc.js';
import type { ReaderState, Transport, TransportEvent } from '../../src/card/transport/transport.js';
import { VirtualCard } from '../../src/card/vpcd/virtual-card.js';
import { VPCD_READERS } from '../support/pcscd.js';
import { usePcscd } from '../support/pcscd-transport.js';
import { until } from '../support/pcscd-wait.js';

// pcscd only: each test makes the transports it tests (one while pcscd is away, a late listener…).
const kit = usePcscd();

const ATR = Uint8Array.from([0x3b, 0x02, 0x14, 0x50]);
const READER = VPCD_READERS[0];

class EchoCard implements ApduCard {
  readonly atr = ATR;
  resets = 0;
  transmit(c: Uint8Array): Uint8Array {
    return Uint8Array.from([...c.slice(0, 4), 0x90, 0x00]);
  }
  reset(): void {
    this.resets++;
  }
}

class Watcher {
  readonly events: TransportEvent[] = [];
  constructor(readonly transport: Transport) {
    transport.watch((e) => this.events.push(e));
  }
  get last(): TransportEvent | undefined {
    return this.events.at(-1);
  }
  readers(): readonly ReaderState[] | undefined {
    const ev = [...this.events].reverse().find((e) => e.type === 'readers' || e.type === 'service');
    return ev?.type === 'readers' ? ev.readers : undefined;
  }
  reader(name = READER): ReaderState | undefined {
    return this.readers()?.find((r) => r.name === name);
  }
  service(): string | undefined {
    const ev = [...this.events].reverse().find((e) => e.type === 'service');
    return ev?.type === 'service' ? ev.service.status : undefined;
  }
}

const card = new EchoCard();
const vcard = new VirtualCard(card);

afterAll(async () => {
  await vcard.remove();
});

/** A transport of the test's own and its watcher, the card seen in READER first; closed after `body`. */
async function withCard(body: (t: Transport, w: Watcher) => Promise<void>): Promise<void> {
  const t = createPcscTransport();
  const w = new Watcher(t);
  try {
    await until(() => w.reader()?.atr, 10_000, 'ATR');
    await body(t, w);
  } finally {
    await t.close();
  }
}

describe('PC/SC transport over pcscd', () => {
  it('sees both virtual readers, then the card and its ATR when inserted', async () => {
    const w = new Watcher(createPcscTransport());
    try {
      await until(() => w.readers()?.length === 2, 10_000, 'two readers');
      expect(w.service()).toBe('up');
      expect(w.readers()!.map((r) => r.name)).toEqual([...VPCD_READERS]);
      expect(w.reader()?.atr).toBeUndefined();
      await vcard.insert();
      await until(() => w.reader()?.atr, 10_000, 'ATR');
      expect(w.reader()!.atr).toEqual(ATR);
      expect(w.reader()!.inUse).toBeUndefined();
    } finally {
      await w.transport.close();
    }
  });

  it('gives the current state at once to a late listener', async () => {
    await withCard(async (t) => {
      const late: TransportEvent[] = [];
      t.watch((e) => late.push(e));
      expect(late.map((e) => e.type)).toEqual(['service', 'readers']);
    });
  });

  it('exchanges APDUs in a shared connection and holds nothing after disconnect', async () => {
    await withCard(async (t) => {
      const c = await t.connect(READER, 'shared');
      expect(c.atr).toEqual(ATR);
      const r = await c.transmit(Uint8Array.from([0x00, 0xb0, 0x00, 0x00, 0x10]));
      expect(Array.from(r)).toEqual([0x00, 0xb0, 0x00, 0x00, 0x90, 0x00]);
      await c.disconnect('leave');
      await expect(c.transmit(Uint8Array.from([0, 0xb0, 0, 0, 0]))).rejects.toSatisfy((e) => isTransportError(e, 'card-removed'));
      // Another program can now take the card exclusively: nothing of ours is held.
      const other = createPcscTransport();
      new Watcher(other);
      try {
        await until(() => true, 10, '');
        const x = await until(async () => other.connect(READER, 'exclusive').catch(() => undefined), 5000, 'exclusive connect');
        await x.disconnect('leave');
      } finally {
        await other.close();
      }
    });
  });

  // pcscd signals no status change when a program takes the card exclusively, so "in use" is
  // learnt from the refused connection, not from the readers' list.
  it('disconnects with a reset when asked (the card forgets a verified PIN), and leaves it otherwise', async () => {
    await withCard(async (t) => {
      const before = card.resets;
      const c = await t.connect(READER, 'exclusive');
      await c.transmit(Uint8Array.from([0x00, 0x20, 0x00, 0x01]));
      await c.disconnect('leave');
      const d = await t.connect(READER, 'exclusive');
      await d.transmit(Uint8Array.from([0x00, 0x20, 0x00, 0x01]));
      expect(card.resets).toBe(before); // 'leave': no reset reached the card in between
      await d.disconnect('reset');
      await until(() => card.resets > before, 5000, 'reset reached the card');
    });
  });

  it('an exclusive connection keeps another program out', async () => {
    const mine = createPcscTransport();
    const theirs = createPcscTransport();
    const wm = new Watcher(mine);
    const wt = new Watcher(theirs);
    try {
      await until(() => wm.reader()?.atr && wt.reader()?.atr, 10_000, 'ATR on both');
      const c = await mine.connect(READER, 'exclusive');
      await expect(theirs.connect(READER, 'shared')).rejects.toSatisfy((e) => isTransportError(e, 'card-in-use'));
      expect(wm.reader()?.inUse).toBeFalsy(); // our own hold is never "another program"
      await c.disconnect('reset');
      const d = await theirs.connect(READER, 'shared');
      await d.disconnect('leave');
    } finally {
      await mine.close();
      await theirs.close();
    }
  });

  it('queues a second connection of ours to the same reader until the first is released', async () => {
    await withCard(async (t) => {
      const first = await t.connect(READER, 'exclusive');
      let second: Awaited<ReturnType<Transport['connect']>> | undefined;
      const pending = t.connect(READER, 'shared').then((c) => (second = c));
      await first.transmit(Uint8Array.from([0x00, 0xb0, 0x00, 0x00, 0x01])); // a full round trip
      expect(second).toBeUndefined();
      await first.disconnect('leave');
      await pending;
      expect(Array.from(await second!.transmit(Uint8Array.from([0x00, 0xb0, 0x00, 0x00, 0x01])))).toEqual([0, 0xb0, 0, 0, 0x90, 0]);
      await second!.disconnect('leave');
    });
  });

  it('a connection waiting for the reader fails, never hangs, when pcscd goes away', async () => {
    const t = createPcscTransport();
    const w = new Watcher(t);
    try {
      await until(() => w.reader()?.atr, 10_000, 'ATR');
      const first = await t.connect(READER, 'exclusive');
      const waiting = t.connect(READER, 'shared').then(
        () => 'connected',
        (e: unknown) => e,
      );
      await vcard.remove();
      await kit.pcscd.stop();
      expect(isTransportError(await waiting)).toBe(true);
      await first.disconnect('reset');
    } finally {
      await t.close();
      await kit.pcscd.start();
      await vcard.insert();
    }
  });

  it('reports removal and reinsertion', async () => {
    const w = new Watcher(createPcscTransport());
    try {
      await until(() => w.reader()?.atr, 10_000, 'ATR');
      await vcard.remove();
      await until(() => w.reader() && !w.reader()!.atr, 10_000, 'card gone');
      await vcard.insert();
      await until(() => w.reader()?.atr, 10_000, 'card back');
    } finally {
      await w.transport.close();
    }
  });

  it('a card pulled during a connection fails with card-removed, never something else', async () => {
    await withCard(async (t, w) => {
      const c = await t.connect(READER, 'exclusive');
      await vcard.remove();
      await until(() => !w.reader()?.atr, 10_000, 'card gone');
      await expect(c.transmit(Uint8Array.from([0, 0xb0, 0, 0, 0]))).rejects.toSatisfy((e) => isTransportError(e, 'card-removed'));
      await c.disconnect('reset');
      await expect(t.connect(READER, 'shared')).rejects.toSatisfy((e) => isTransportError(e, 'card-removed'));
    });
    // vpcd fault 2: after a removal under a handle, only a pcscd restart lets the reader see a card.
    await kit.pcscd.restart();
    await vcard.insert();
  });

  it('survives pcscd stopping and restarting: down, then up with the readers, within 10 s', async () => {
    const w = new Watcher(createPcscTransport());
    try {
      await until(() => w.reader()?.atr, 10_000, 'ATR');
      await kit.pcscd.stop();
      await until(() => w.service() === 'down', 10_000, 'service down');
      const down = [...w.events].reverse().find((e) => e.type === 'service');
      expect(down?.type === 'service' && down.service.status === 'down' && down.service.error.kind).toBe('service-unavailable');
      await kit.pcscd.start();
      const t0 = Date.now();
      await until(() => w.service() === 'up' && w.readers()?.length === 2, 10_000, 'service up with readers');
      const upAfter = Date.now() - t0;
      expect(upAfter).toBeLessThan(10_000);
      await vcard.insert().catch(() => undefined);
      await until(() => w.reader()?.atr, 10_000, 'card seen again');
    } finally {
      await w.transport.close();
    }
  });

  it('starts down when pcscd is absent, and comes up by itself', async () => {
    await vcard.remove();
    await kit.pcscd.stop();
    const w = new Watcher(createPcscTransport());
    try {
      await until(() => w.service() === 'down', 5000, 'down at start');
      expect(w.events.some((e) => e.type === 'readers')).toBe(false);
      await expect(w.transport.connect(READER, 'shared')).rejects.toSatisfy((e) => isTransportError(e, 'service-unavailable'));
      await kit.pcscd.start();
      await until(() => w.service() === 'up' && w.readers()?.length === 2, 10_000, 'up');
    } finally {
      await w.transport.close();
    }
  });

  it('lets the process exit after close(), and stays idle while watching (with pcscd up, then down)', async () => {
    // A separate process: the binding's threads must not keep it alive after close().
    const code = `
      import { createPcscTransport } from './src/card/transport/pcsc.ts';
      const t = createPcscTransport();
      let events = 0;
      t.watch(() => events++);
      await new Promise((r) => setTimeout(r, 500));
      const c0 = process.cpuUsage();
      await new Promise((r) => setTimeout(r, 2000));
      const c = process.cpuUsage(c0);
      await t.close();
      console.log(JSON.stringify({ events, cpuMs: (c.user + c.system) / 1000 }));
    `;
    const run = async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
        cwd: path.resolve(import.meta.dirname, '../..'),
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exit = new Promise<number | null>((r) => child.once('exit', r));
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const status = await exit;
      clearTimeout(timer);
      expect(status, 'the process did not exit by itself after close()').toBe(0);
      return JSON.parse(out.trim().split('\n').at(-1)!) as { events: number; cpuMs: number };
    };
    const up = await run();
    expect(up.events).toBeGreaterThanOrEqual(2);
    await kit.pcscd.stop();
    try {
      const down = await run(); // retrying every second while pcscd is away
      console.log(`transport idle CPU over 2 s: ${up.cpuMs.toFixed(1)} ms with pcscd up, ${down.cpuMs.toFixed(1)} ms while it is down`);
      expect(up.cpuMs).toBeLessThan(500); // no busy loop (a spinning watcher burns ~2000 ms here)
      expect(down.cpuMs).toBeLessThan(500);
    } finally {
      await kit.pcscd.start();
    }
  });
});
