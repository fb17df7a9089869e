// When pcscd stops, the binding may report each reader's end before the context's error, or
// after: the order varies from run to run on the real stack. Here the order is forced with a
// scripted binding (the real one cannot be made to choose), to pin the case that hung.

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { BindingContext } from '../../../src/card/transport/pcsc-binding.js';
import { isTransportError } from '../../../src/card/transport/errors.js';
import { createPcscTransport } from '../../../src/card/transport/pcsc.js';

class ScriptedReader extends EventEmitter {
  connected = false;
  readonly SCARD_SHARE_SHARED = 2;
  readonly SCARD_SHARE_EXCLUSIVE = 1;
  readonly SCARD_PROTOCOL_T0 = 1;
  readonly SCARD_PROTOCOL_T1 = 2;
  readonly SCARD_STATE_PRESENT = 0x20;
  readonly SCARD_STATE_EXCLUSIVE = 0x80;
  readonly SCARD_STATE_MUTE = 0x200;
  readonly SCARD_LEAVE_CARD = 0;
  readonly SCARD_RESET_CARD = 1;
  constructor(readonly name: string) {
    super();
  }
  connect(_o: unknown, cb: (err: Error | null, p: number) => void): void {
    this.connected = true;
    setImmediate(() => cb(null, 1));
  }
  disconnect(_d: number, cb: (err: Error | null) => void): void {
    this.connected = false;
    setImmediate(() => cb(null));
  }
  transmit(_d: Buffer, _l: number, _p: number, cb: (err: Error | null, b: Buffer) => void): void {
    setImmediate(() => cb(null, Buffer.from([0x90, 0x00])));
  }
  close(): void {}
}

const until = async (cond: () => boolean, ms: number, what: string) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`attente dépassée : ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('PC/SC transport, pcscd stopping while a connection waits for ours', () => {
  for (const order of ['reader end, then context error', 'context error, then reader end'] as const) {
    it(`the waiting connection fails at once (${order})`, async () => {
      const ctx = new EventEmitter() as unknown as BindingContext;
      (ctx as unknown as { close: () => void }).close = () => undefined;
      const reader = new ScriptedReader('Lecteur 0');
      const t = createPcscTransport({ load: () => ({ ok: true, create: () => ctx }), retryMs: 60_000, settleMs: 1 });
      let ready = false;
      t.watch((e) => {
        if (e.type === 'readers' && e.readers[0]?.atr) ready = true;
      });
      ctx.emit('reader', reader);
      reader.emit('status', { state: 0x20, atr: Buffer.from([0x3b, 0x00]) });
      await until(() => ready, 2000, 'card reported');

      const first = await t.connect('Lecteur 0', 'exclusive');
      let settled: unknown = 'pending';
      void t.connect('Lecteur 0', 'shared').then(
        () => (settled = 'connected'),
        (e: unknown) => (settled = e),
      );
      const stop = new Error('SCardGetStatusChange error: Service was stopped. (0x8010001e)');
      if (order === 'reader end, then context error') {
        reader.emit('end');
        ctx.emit('error', stop);
      } else {
        ctx.emit('error', stop);
        reader.emit('end');
      }
      // Our first connection is still open: the waiter must not wait for it.
      await until(() => settled !== 'pending', 2000, 'the waiting connection settles');
      expect(isTransportError(settled)).toBe(true);
      await first.disconnect('reset');
      await t.close();
    });
  }
});
