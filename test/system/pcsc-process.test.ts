// The PC/SC process (src/card/transport/pcsc-process.ts and pcsc-host.ts) through a real pcscd and
// vsmartcard-vpcd (issue 18 point 3): the same Transport as before, but the binding's calls run in
// a process of the tool's own, in a session of its own, killed when a mute card holds it.

import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApduCard } from '../../src/card/simulator/apdu-card.js';
import { MUTE } from '../../src/card/simulator/quirks.js';
import { isTransportError } from '../../src/card/transport/errors.js';
import { createPcscProcessTransport } from '../../src/card/transport/pcsc-process.js';
import type { ReaderState, Transport, TransportEvent } from '../../src/card/transport/transport.js';
import { VirtualCard } from '../../src/card/vpcd/virtual-card.js';
import { VPCD_READERS } from '../support/pcscd.js';
import { usePcscd } from '../support/pcscd-transport.js';
import { until } from '../support/pcscd-wait.js';

const kit = usePcscd();

const ATR = Uint8Array.from([0x3b, 0x02, 0x14, 0x50]);
const READER = VPCD_READERS[0];

/** Echoes the command's header with 90 00; says nothing once `mute`. */
class EchoCard implements ApduCard {
  readonly atr = ATR;
  mute = false;
  transmit(c: Uint8Array): Uint8Array {
    if (this.mute) return MUTE;
    return Uint8Array.from([...c.slice(0, 4), 0x90, 0x00]);
  }
  reset(): void {
    this.mute = false;
  }
}

const card = new EchoCard();
let vcard = new VirtualCard(card);

afterAll(async () => {
  await vcard.remove();
});

function watch(t: Transport): {
  events: TransportEvent[];
  readers: () => readonly ReaderState[] | undefined;
  service: () => string | undefined;
} {
  const events: TransportEvent[] = [];
  t.watch((e) => events.push(e));
  return {
    events,
    readers: () => {
      const ev = [...events].reverse().find((e) => e.type === 'readers' || e.type === 'service');
      return ev?.type === 'readers' ? ev.readers : undefined;
    },
    service: () => {
      const ev = [...events].reverse().find((e) => e.type === 'service');
      return ev?.type === 'service' ? ev.service.status : undefined;
    },
  };
}

/** The PC/SC processes this test process started (its children running pcsc-host). */
function hosts(): number[] {
  const kids = fs.readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return kids.filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pcsc-host');
    } catch {
      return false;
    }
  });
}

function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) [ZX] /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Field `n` (1-based, as in proc(5)) of /proc/PID/stat. */
function stat(pid: number | 'self', n: number): number {
  const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[n - 3]);
}

describe('the PC/SC process', () => {
  it('lists the readers and the card, and exchanges APDUs, from a process in a session of its own', async () => {
    await vcard.insert();
    const t = createPcscProcessTransport();
    const w = watch(t);
    try {
      await until(() => w.readers()?.find((r) => r.name === READER)?.atr !== undefined, 10_000, 'la carte vue');
      const c = await t.connect(READER, 'shared');
      expect(Array.from(c.atr)).toEqual(Array.from(ATR));
      expect(Array.from(await c.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x00)))).toEqual([0x00, 0xa4, 0x04, 0x00, 0x90, 0x00]);
      await c.disconnect('leave');
      const [host] = hosts();
      expect(host).toBeDefined();
      // Its own session: a hangup of the tool's terminal, or Ctrl-C, never reaches it.
      expect(stat(host!, 6)).not.toBe(stat('self', 6));
      expect(stat(host!, 6)).toBe(host);
    } finally {
      await t.close();
    }
    expect(hosts()).toEqual([]);
  });

  it('a process that dies is reported as the service down, and a new one brings the readers back', async () => {
    const t = createPcscProcessTransport({ retryMs: 200 });
    const w = watch(t);
    try {
      await until(() => w.readers()?.find((r) => r.name === READER)?.atr !== undefined, 10_000, 'la carte vue');
      const [host] = hosts();
      process.kill(host!, 'SIGKILL');
      await until(() => w.service() === 'down', 5_000, 'service arrêté');
      await until(() => w.readers()?.find((r) => r.name === READER)?.atr !== undefined, 10_000, 'la carte revue');
      expect(hosts()).toHaveLength(1);
      expect(hosts()[0]).not.toBe(host);
    } finally {
      await t.close();
    }
  });

  it('a mute card: the connection is released at once, close() returns at once, no process is left', async () => {
    const t = createPcscProcessTransport();
    const w = watch(t);
    try {
      await until(() => w.readers()?.find((r) => r.name === READER)?.atr !== undefined, 10_000, 'la carte vue');
      const c = await t.connect(READER, 'exclusive');
      card.mute = true;
      const out = c.transmit(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x10));
      let settled = false;
      out.then(
        () => (settled = true),
        () => (settled = true),
      );
      await new Promise((r) => setTimeout(r, 1_000));
      expect(settled).toBe(false); // pcscd waits for the card, with no end
      const [stuck] = hosts();
      const t0 = performance.now();
      await c.disconnect('reset');
      expect(performance.now() - t0).toBeLessThan(1_000);
      await expect(out).rejects.toSatisfy((e: unknown) => isTransportError(e));
      await until(() => !alive(stuck!), 2_000, 'le processus bloqué tué');
      await until(() => hosts().length === 1, 5_000, 'un nouveau processus PC/SC');
      const t1 = performance.now();
      await t.close();
      expect(performance.now() - t1).toBeLessThan(2_000);
      await until(() => hosts().length === 0, 2_000, 'plus de processus PC/SC');
    } finally {
      await t.close();
      // The card never answered: vpcd waits on it until it leaves; put a fresh one back.
      await vcard.remove();
      card.mute = false;
      vcard = new VirtualCard(card);
    }
  });

  it('close() with a command out kills the process at once', async () => {
    await vcard.insert();
    const t = createPcscProcessTransport();
    const w = watch(t);
    try {
      await until(() => w.readers()?.find((r) => r.name === READER)?.atr !== undefined, 10_000, 'la carte vue');
      const c = await t.connect(READER, 'shared');
      card.mute = true;
      void c.transmit(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x10)).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 500));
      const t0 = performance.now();
      await t.close();
      expect(performance.now() - t0).toBeLessThan(1_500);
      expect(hosts()).toEqual([]);
    } finally {
      await t.close();
      await vcard.remove();
      card.mute = false;
    }
  });
});

void kit;
