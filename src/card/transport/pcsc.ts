// The Transport over pcscd, through the node `pcsclite` binding.
//
// A supervisor owns one binding context at a time. pcscd absent at start, or stopping later
// (the context then emits 'error' and goes quiet), makes the service 'down'; it then tries a new
// context about every second and reports 'up' with the readers again once pcscd answers.
// No card handle is held while idle: connect() opens one per operation, the caller releases it.

import type { CardConnection, Disposition, ReaderState, ServiceStatus, ShareMode, Transport, TransportEvent } from './transport.js';
import { TransportError } from './errors.js';
import { SCARD, bindingMissingError, fromPcscCode, interrupted, toTransportError } from './pcsc-errors.js';
import { loadPcscBinding, type BindingContext, type BindingFactory, type BindingLoad, type BindingReader } from './pcsc-binding.js';

export interface PcscTransportOptions {
  /** Delay between two attempts to reach pcscd while it is down (ms). */
  readonly retryMs?: number;
  /** How long to wait for the first reader statuses before reporting the list (ms). */
  readonly settleMs?: number;
  /** For tests of the missing-library path; defaults to loading `pcsclite`. */
  readonly load?: () => BindingLoad;
}

// Short APDUs only: 256 data bytes + SW1 SW2, with room to spare.
const RESPONSE_MAX = 4096;
const END_SETTLE_MS = 150;
/** How many settle delays the first list may wait for readers that have not reported yet. */
const SETTLE_ROUNDS = 5;

interface Slot {
  readonly reader: BindingReader;
  state: ReaderState;
  /** false until the binding reported this reader's first status. */
  known: boolean;
  /** Held while a connection of ours is open on this reader; `unlock` lets the next one in. */
  busy: Promise<void> | undefined;
  unlock: (() => void) | undefined;
  /** Releases that connection (used when closing with a connection still open). */
  release: ((disposition: Disposition) => Promise<void>) | undefined;
}

/** Whoever waits for this reader must not wait forever: woken, it finds the reader gone. */
function wakeWaiters(slot: Slot): void {
  const unlock = slot.unlock;
  slot.busy = undefined;
  slot.unlock = undefined;
  unlock?.();
}

export function createPcscTransport(options: PcscTransportOptions = {}): Transport {
  return new PcscTransport(options);
}

class PcscTransport implements Transport {
  private readonly listeners: ((e: TransportEvent) => void)[] = [];
  private readonly retryMs: number;
  private readonly settleMs: number;
  private readonly load: () => BindingLoad;
  private factory: BindingFactory | undefined;
  private context: BindingContext | undefined;
  private readonly slots = new Map<string, Slot>();
  private service: ServiceStatus | undefined;
  private readersSent = false;
  private lastReaders = '';
  private started = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private settleTimer: NodeJS.Timeout | undefined;
  private settleRounds = 0;
  private endTimer: NodeJS.Timeout | undefined;

  constructor(options: PcscTransportOptions) {
    this.retryMs = options.retryMs ?? 1000;
    this.settleMs = options.settleMs ?? 300;
    this.load = options.load ?? loadPcscBinding;
  }

  watch(listener: (event: TransportEvent) => void): void {
    this.listeners.push(listener);
    if (!this.started) {
      this.started = true;
      this.start();
      return;
    }
    if (this.service) listener({ type: 'service', service: this.service });
    if (this.service?.status === 'up' && this.readersSent) listener({ type: 'readers', readers: this.readerList() });
  }

  async connect(readerName: string, mode: ShareMode): Promise<CardConnection> {
    if (this.closed) throw new TransportError('service-unavailable', 'PC/SC transport closed');
    if (!this.started) {
      this.started = true;
      this.start();
    }
    if (this.service?.status === 'down') throw this.service.error;
    const slot = this.slots.get(readerName);
    if (!slot) {
      throw new TransportError('no-reader', `reader not connected: ${readerName}`);
    }
    // One connection of ours per reader at a time: the binding keeps one card handle per reader.
    while (slot.busy) await slot.busy;
    if (this.slots.get(readerName) !== slot) {
      throw new TransportError('reader-removed', 'reader unavailable');
    }
    let release!: () => void;
    slot.busy = new Promise<void>((r) => (release = r));
    slot.unlock = release;
    const done = () => {
      if (slot.busy) {
        slot.busy = undefined;
        slot.unlock = undefined;
        release();
        this.emitReaders(); // our own exclusive hold no longer hides as "in use"
      }
    };
    const r = slot.reader;
    const protocolWanted = r.SCARD_PROTOCOL_T0 | r.SCARD_PROTOCOL_T1;
    const share = mode === 'exclusive' ? r.SCARD_SHARE_EXCLUSIVE : r.SCARD_SHARE_SHARED;
    let protocol: number;
    // We hold this reader's lock, so a handle the binding still believes open is a leftover: the
    // binding would skip the real connect (and give no protocol) if it thought itself connected.
    if (r.connected) r.connected = false;
    try {
      protocol = await new Promise<number>((resolve, reject) => {
        r.connect({ share_mode: share, protocol: protocolWanted }, (err, p) =>
          err ? reject(err) : resolve(typeof p === 'number' ? p : protocolWanted),
        );
      });
    } catch (e) {
      done();
      throw toTransportError(e);
    }
    let open = true;
    const atr = slot.state.atr ?? new Uint8Array(0);
    const disconnect = async (disposition: Disposition) => {
      if (!open) return;
      open = false;
      slot.release = undefined;
      const how = disposition === 'reset' ? r.SCARD_RESET_CARD : r.SCARD_LEAVE_CARD;
      try {
        await new Promise<void>((resolve, reject) => r.disconnect(how, (err) => (err ? reject(err) : resolve())));
      } catch {
        // The card or pcscd is gone: the handle is void anyway. The binding would otherwise
        // believe it still connected and skip the next real connect.
        r.connected = false;
      } finally {
        done();
      }
    };
    slot.release = disconnect;
    return {
      reader: readerName,
      atr,
      transmit: (command: Uint8Array) => {
        if (!open) return Promise.reject(new TransportError('card-removed', 'connection to the card closed'));
        return new Promise<Uint8Array>((resolve, reject) => {
          const copy = Buffer.from(command);
          r.transmit(copy, RESPONSE_MAX, protocol, (err, data) => {
            copy.fill(0); // it may have held a PIN or PUK block
            if (err) return reject(toTransportError(err));
            // An empty answer means the exchange broke off (vpcd reports a card pulled mid-APDU
            // this way): the command may or may not have run. A one-byte answer is no removal but
            // a garbled answer (issue 18): it goes up, and the APDU layer says so in words
            // (MalformedResponseError); the card stays shown, to be read again.
            if (data.length === 0) return reject(interrupted());
            resolve(new Uint8Array(data));
          });
        });
      },
      control: (code: number, data: Uint8Array, maxResponse = RESPONSE_MAX) => {
        if (!open) return Promise.reject(new TransportError('card-removed', 'connection to the card closed'));
        return new Promise<Uint8Array>((resolve, reject) => {
          const copy = Buffer.from(data);
          r.control(copy, code, maxResponse, (err, out) => {
            copy.fill(0);
            if (err) return reject(toTransportError(err));
            resolve(new Uint8Array(out));
          });
        });
      },
      disconnect,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    // A connection still open at exit is released with a reset: a verified PIN must not outlive us.
    await Promise.all([...this.slots.values()].map((s) => s.release?.('reset') ?? Promise.resolve()));
    this.dropContext();
    this.listeners.length = 0;
  }

  // --- supervisor -------------------------------------------------------------------------

  private start(): void {
    const loaded = this.load();
    if (!loaded.ok) {
      // Nothing to retry: the library will not appear while we run.
      this.setService({ status: 'down', error: bindingMissingError(loaded.detail) });
      return;
    }
    this.factory = loaded.create;
    this.attempt();
  }

  private attempt(): void {
    if (this.closed || !this.factory) return;
    let ctx: BindingContext;
    try {
      ctx = this.factory();
    } catch (e) {
      this.setService({ status: 'down', error: toTransportError(e) });
      this.retryTimer = setTimeout(() => this.attempt(), this.retryMs);
      return;
    }
    this.context = ctx;
    ctx.on('error', (e: unknown) => {
      if (this.context !== ctx) return;
      this.dropContext();
      const error = toTransportError(e);
      this.setService({
        status: 'down',
        error: error.kind === 'service-unavailable' ? error : fromPcscCode(SCARD.E_SERVICE_STOPPED),
      });
      this.retryTimer = setTimeout(() => this.attempt(), this.retryMs);
    });
    ctx.on('reader', (reader: BindingReader) => this.addReader(ctx, reader));
    this.readersSent = false;
    this.setService({ status: 'up' });
    // The first list waits for the readers' first statuses, so that a card already inserted
    // is not reported as absent for an instant.
    this.settleRounds = 0;
    this.settleTimer = setTimeout(() => this.settle(ctx), this.settleMs);
  }

  // A busy start (the first screen drawn, a loaded machine) can hold the event loop past the
  // settle delay: the timer then runs before the binding's pending answers. Let those in first
  // (setImmediate runs after them), and wait a few more rounds for readers still silent: a list
  // with one card of two would let the machine pick that reader without offering the choice.
  private settle(ctx: BindingContext): void {
    setImmediate(() => {
      if (this.context !== ctx || this.readersSent) return;
      const silent = this.slots.size === 0 || [...this.slots.values()].some((s) => !s.known);
      if (silent && ++this.settleRounds < SETTLE_ROUNDS) {
        this.settleTimer = setTimeout(() => this.settle(ctx), this.settleMs);
        return;
      }
      this.emitReaders(true);
    });
  }

  private dropContext(): void {
    const ctx = this.context;
    this.context = undefined;
    clearTimeout(this.settleTimer);
    clearTimeout(this.endTimer);
    for (const slot of this.slots.values()) {
      slot.reader.removeAllListeners('status');
      try {
        slot.reader.close();
      } catch {
        // already stopped
      }
      wakeWaiters(slot);
    }
    this.slots.clear();
    this.lastReaders = '';
    this.readersSent = false;
    if (ctx) {
      try {
        ctx.close();
      } catch {
        // already stopped
      }
    }
  }

  private addReader(ctx: BindingContext, reader: BindingReader): void {
    if (this.context !== ctx) return;
    const slot: Slot = { reader, state: { name: reader.name }, known: false, busy: undefined, unlock: undefined, release: undefined };
    this.slots.set(reader.name, slot);
    // An unhandled 'error' would throw; a reader's status errors end with 'end' or a context error.
    reader.on('error', () => undefined);
    reader.on('end', () => {
      if (this.slots.get(reader.name) !== slot) return;
      this.slots.delete(reader.name);
      // pcscd stopping may end the readers before the context's error: the context then no
      // longer knows this slot, so its waiters are woken here.
      wakeWaiters(slot);
      // When pcscd stops, every reader ends just before the context reports its error: wait a
      // moment so that the user sees "service stopped", not "no reader" then "service stopped".
      clearTimeout(this.endTimer);
      this.endTimer = setTimeout(() => this.emitReaders(), END_SETTLE_MS);
    });
    reader.on('status', (status: { state: number; atr?: Buffer }) => {
      const present = (status.state & reader.SCARD_STATE_PRESENT) !== 0;
      const mute = (status.state & reader.SCARD_STATE_MUTE) !== 0;
      const exclusive = (status.state & reader.SCARD_STATE_EXCLUSIVE) !== 0;
      const atr = present && !mute && status.atr && status.atr.length > 0 ? new Uint8Array(status.atr) : undefined;
      // pcsc-lite counts the reader's card events in the high 16 bits of the state.
      const events = status.state >>> 16;
      slot.state = {
        name: reader.name,
        ...(atr ? { atr } : {}),
        ...(atr && exclusive ? { inUse: true } : {}),
        ...(present && mute ? { mute: true } : {}),
        events,
      };
      slot.known = true;
      this.emitReaders();
    });
  }

  private readerList(): ReaderState[] {
    return [...this.slots.values()]
      .map((s) => {
        if (!(s.busy && s.state.inUse)) return s.state;
        const { inUse: _, ...mine } = s.state; // our own exclusive hold is not "another program"
        return mine;
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private emitReaders(settled = false): void {
    if (this.service?.status !== 'up') return;
    if (!this.readersSent && !settled && [...this.slots.values()].some((s) => !s.known)) return;
    if (!this.readersSent && !settled && this.slots.size === 0) return;
    const readers = this.readerList();
    const key = JSON.stringify(readers.map((r) => [r.name, r.atr ? Array.from(r.atr) : null, r.inUse ?? false, r.events ?? null]));
    if (this.readersSent && key === this.lastReaders) return;
    this.readersSent = true;
    this.lastReaders = key;
    clearTimeout(this.settleTimer);
    this.send({ type: 'readers', readers });
  }

  private setService(service: ServiceStatus): void {
    const same =
      this.service?.status === service.status &&
      (service.status === 'up' || (this.service?.status === 'down' && this.service.error.kind === service.error.kind));
    this.service = service;
    if (!same) this.send({ type: 'service', service });
  }

  private send(event: TransportEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch {
        // A listener's failure must not stop the supervisor.
      }
    }
  }
}
