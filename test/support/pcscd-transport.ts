// The system tests' kit for the card layer over the real stack: a private pcscd (pcscd.ts) and a
// PC/SC transport watching it, started before a file's tests and closed after them, with the
// reader list as the transport last told it and bounded waits on it. A file's own hooks (a
// virtual card, `cps-audit simulate`) are registered after this one, so they run after the start
// and before the end (vitest runs after-hooks in reverse order). `usePcscd` alone is for the
// files that test the transport itself, each test with transports of its own.

import { afterAll, beforeAll } from 'vitest';
import { hex } from '../../src/card/bytes.js';
import { createPcscTransport } from '../../src/card/transport/pcsc.js';
import type { ReaderState, Transport } from '../../src/card/transport/transport.js';
import { startPcscd, type Pcscd, type PcscdOptions } from './pcscd.js';
import { until } from './pcscd-wait.js';

export interface PcscdTransport {
  readonly pcscd: Pcscd;
  readonly transport: Transport;
  /** The readers as the transport last listed them (none while pcscd is down). */
  readers(): readonly ReaderState[];
  /** The ATR in `reader`, in hex ("3B 7D …"), or undefined without a card. */
  atr(reader: string): string | undefined;
  /** Waits (bounded) until `reader` holds a card, or the card with ATR `atr`. */
  cardIn(reader: string, what: string, atr?: string, ms?: number): Promise<void>;
}

const started = <T>(v: T | undefined): T => {
  if (v === undefined) throw new Error('pcscd et le transport ne sont pas démarrés (beforeAll)');
  return v;
};

/** The private pcscd for a file: started before its tests, disposed after them. */
export function usePcscd(options: PcscdOptions = { quickack: true }): { readonly pcscd: Pcscd } {
  let pcscd: Pcscd | undefined;
  beforeAll(async () => {
    pcscd = await startPcscd(options);
  }, 120_000);
  afterAll(async () => {
    await pcscd?.dispose();
  });
  return {
    get pcscd() {
      return started(pcscd);
    },
  };
}

export function usePcscdTransport(options: PcscdOptions = { quickack: true }): PcscdTransport {
  const kit = usePcscd(options);
  let transport: Transport | undefined;
  let readers: readonly ReaderState[] = [];
  const atr = (reader: string) => {
    const a = readers.find((r) => r.name === reader)?.atr;
    return a ? hex(a) : undefined;
  };
  beforeAll(() => {
    transport = createPcscTransport();
    transport.watch((e) => {
      if (e.type === 'readers') readers = e.readers;
      if (e.type === 'service' && e.service.status === 'down') readers = [];
    });
  });
  afterAll(async () => {
    await transport?.close();
  });
  return {
    get pcscd() {
      return kit.pcscd;
    },
    get transport() {
      return started(transport);
    },
    readers: () => readers,
    atr,
    cardIn: async (reader, what, want, ms = 10_000) => {
      await until(() => (want === undefined ? atr(reader) !== undefined : atr(reader) === want), ms, what);
    },
  };
}
