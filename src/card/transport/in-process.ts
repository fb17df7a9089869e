// A Transport with simulated readers and cards in this process: for tests, demos and the
// `--simulate` mode. It behaves as pcscd does where the card layer can tell (asynchronous calls,
// sharing rules, a reset on disconnect, the same error kinds), and it can break on purpose: each
// APDU is counted, so a test can make the k-th APDU of an operation fail in a chosen way.

import type { ApduCard } from '../simulator/apdu-card.js';
import { exchangeMs, linkFromAtr, type LinkOptions } from '../simulator/link-speed.js';
import { TransportError } from './errors.js';
import type { CardConnection, Disposition, ReaderState, ShareMode, Transport, TransportEvent } from './transport.js';

export const DEFAULT_READER = 'Lecteur simulé 00';

/** What happens to the k-th APDU from the moment the fault is injected (at: 1 is the next one). */
export type Fault =
  /** The card leaves: that APDU gets no answer. `executed` (default true): the card ran it first. */
  | { readonly at: number; readonly kind: 'remove-card'; readonly executed?: boolean }
  /** The answer is this status word alone; the card does not run the command. */
  | { readonly at: number; readonly kind: 'status'; readonly sw: number }
  /** The card runs the command, the answer arrives as these bytes (default A5 5A 3C). */
  | { readonly at: number; readonly kind: 'garbage'; readonly bytes?: Uint8Array }
  /** The card runs the command, only the first `keep` bytes arrive (default: all but the last). */
  | { readonly at: number; readonly kind: 'truncate'; readonly keep?: number }
  /** The card stays mute; the command is not run. */
  | { readonly at: number; readonly kind: 'unresponsive' }
  /** The exchange never ends: no answer, no error (a card or a service that hangs). */
  | { readonly at: number; readonly kind: 'hang' }
  /** The reader is unplugged during that APDU; the command is not run. */
  | { readonly at: number; readonly kind: 'remove-reader' };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const DEFAULT_GARBAGE = Uint8Array.of(0xa5, 0x5a, 0x3c);

interface Slot {
  card: ApduCard | undefined;
  /** A new object at every insertion and removal: connections to an earlier one are stale. */
  insertion: object;
  /** Card insertions and removals so far (pcsc-lite's event counter). */
  events: number;
  readonly connections: Set<InProcessConnection>;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const removed = (): TransportError => new TransportError('card-removed', 'card removed');

class InProcessConnection implements CardConnection {
  closed = false;

  constructor(
    private readonly transport: InProcessTransport,
    readonly reader: string,
    readonly atr: Uint8Array,
    readonly mode: ShareMode,
    readonly insertion: object,
  ) {}

  transmit(command: Uint8Array): Promise<Uint8Array> {
    return this.transport.transmitOn(this, command);
  }

  disconnect(disposition: Disposition): Promise<void> {
    return this.transport.disconnectOn(this, disposition);
  }
}

export class InProcessTransport implements Transport {
  private readonly slots = new Map<string, Slot>();
  private readonly listeners = new Set<(event: TransportEvent) => void>();
  private serviceUp = true;
  private closed = false;
  private count = 0;
  private faults: { index: number; fault: Fault }[] = [];

  private readonly apduDelayMs: number;
  private readonly link: LinkOptions | undefined;

  /**
   * readers: the readers' names (default one, DEFAULT_READER). apduDelayMs: time each APDU takes
   * (default 0; a contact card through pcscd and Debian's vpcd takes about 44 ms). realSpeed:
   * each exchange also takes its bytes' time at the card's F and D (link-speed.ts).
   */
  constructor(options: { readonly readers?: readonly string[]; readonly apduDelayMs?: number; readonly realSpeed?: LinkOptions } = {}) {
    this.apduDelayMs = options.apduDelayMs ?? 0;
    this.link = options.realSpeed;
    for (const name of options.readers ?? [DEFAULT_READER]) this.addReader(name);
  }

  /** APDUs transmitted so far, faults included. */
  get apduCount(): number {
    return this.count;
  }

  readers(): ReaderState[] {
    return [...this.slots].map(([name, slot]) => {
      const inUse = [...slot.connections].some((c) => c.mode === 'exclusive');
      return { name, ...(slot.card ? { atr: slot.card.atr } : {}), ...(inUse ? { inUse } : {}), events: slot.events };
    });
  }

  // ----- the test bench -----

  addReader(name: string): void {
    if (this.slots.has(name)) throw new Error(`lecteur déjà présent : ${name}`);
    this.slots.set(name, { card: undefined, insertion: {}, connections: new Set(), events: 0 });
    this.changed();
  }

  removeReader(name: string): void {
    const slot = this.slot(name);
    for (const c of slot.connections) c.closed = true;
    this.slots.delete(name);
    this.changed();
  }

  /** Puts a card in (powering it up: it forgets any verified code). Replaces a card already there. */
  insert(reader: string, card: ApduCard): void {
    const slot = this.slot(reader);
    slot.connections.clear();
    card.reset();
    // A card replacing another is a removal and an insertion.
    slot.events += slot.card ? 2 : 1;
    slot.card = card;
    slot.insertion = {};
    this.changed();
  }

  remove(reader: string): void {
    const slot = this.slot(reader);
    if (slot.card) slot.events += 1;
    slot.connections.clear();
    slot.card = undefined;
    slot.insertion = {};
    this.changed();
  }

  /** pcscd stops: 'service' down, every call fails until startService(). */
  stopService(): void {
    if (!this.serviceUp) return;
    this.serviceUp = false;
    for (const slot of this.slots.values()) {
      for (const c of slot.connections) c.closed = true;
      slot.connections.clear();
    }
    this.emit({
      type: 'service',
      service: { status: 'down', error: new TransportError('service-unavailable', 'PC/SC service stopped') },
    });
  }

  startService(): void {
    if (this.serviceUp) return;
    this.serviceUp = true;
    this.emit({ type: 'service', service: { status: 'up' } });
    this.changed();
  }

  injectFault(fault: Fault): void {
    if (!Number.isInteger(fault.at) || fault.at < 1) throw new Error('une panne se place à l’APDU 1 ou après');
    this.faults.push({ index: this.count + fault.at, fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  // ----- Transport -----

  watch(listener: (event: TransportEvent) => void): void {
    this.listeners.add(listener);
    if (this.serviceUp) listener({ type: 'readers', readers: this.readers() });
    else {
      listener({
        type: 'service',
        service: { status: 'down', error: new TransportError('service-unavailable', 'PC/SC service stopped') },
      });
    }
  }

  async connect(reader: string, mode: ShareMode): Promise<CardConnection> {
    await tick();
    this.checkService();
    const slot = this.slots.get(reader);
    if (!slot) throw new TransportError('no-reader', `no reader named ${reader}`);
    if (!slot.card) throw new TransportError('card-removed', 'no card in the reader');
    const others = [...slot.connections];
    if (others.some((c) => c.mode === 'exclusive') || (mode === 'exclusive' && others.length > 0)) {
      throw new TransportError('card-in-use', 'card in use by another program');
    }
    const connection = new InProcessConnection(this, reader, slot.card.atr, mode, slot.insertion);
    slot.connections.add(connection);
    if (mode === 'exclusive') this.changed();
    return connection;
  }

  close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    for (const slot of this.slots.values()) {
      for (const c of slot.connections) c.closed = true;
      slot.connections.clear();
    }
    return Promise.resolve();
  }

  // ----- connections -----

  /** @internal */
  async transmitOn(connection: InProcessConnection, command: Uint8Array): Promise<Uint8Array> {
    if (this.apduDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.apduDelayMs));
    else await tick();
    const card = this.live(connection);
    this.count += 1;
    const hit = this.faults.find((f) => f.index === this.count);
    if (hit) this.faults = this.faults.filter((f) => f !== hit);
    const fault = hit?.fault;
    const run = (): Uint8Array => card.transmit(Uint8Array.from(command));
    if (!fault) {
      const response = Uint8Array.from(run());
      if (this.link) await sleep(exchangeMs(linkFromAtr(card.atr, this.link), command.length, response.length));
      return response;
    }
    switch (fault.kind) {
      case 'remove-card':
        if (fault.executed ?? true) run();
        this.remove(connection.reader);
        throw removed();
      case 'status':
        return Uint8Array.of(fault.sw >> 8, fault.sw & 0xff);
      case 'garbage':
        run();
        return Uint8Array.from(fault.bytes ?? DEFAULT_GARBAGE);
      case 'truncate': {
        const response = run();
        const keep = fault.keep ?? response.length - 1;
        return response.slice(0, Math.max(0, Math.min(keep, response.length - 1)));
      }
      case 'unresponsive':
        throw new TransportError('card-unresponsive', 'card unresponsive');
      case 'hang':
        return new Promise<Uint8Array>(() => undefined);
      case 'remove-reader':
        this.removeReader(connection.reader);
        throw new TransportError('reader-removed', 'reader unavailable');
    }
  }

  /** @internal */
  async disconnectOn(connection: InProcessConnection, disposition: Disposition): Promise<void> {
    await tick();
    if (connection.closed) return;
    connection.closed = true;
    const slot = this.slots.get(connection.reader);
    if (!slot || !slot.connections.delete(connection)) return;
    if (disposition === 'reset' && slot.card && slot.insertion === connection.insertion) slot.card.reset();
    if (connection.mode === 'exclusive') this.changed();
  }

  private live(connection: InProcessConnection): ApduCard {
    this.checkService();
    if (connection.closed) {
      const gone = !this.slots.has(connection.reader);
      throw gone
        ? new TransportError('reader-removed', 'reader unavailable')
        : new TransportError('unknown', 'connection to the card closed');
    }
    const slot = this.slots.get(connection.reader);
    if (!slot) throw new TransportError('reader-removed', 'reader unavailable');
    if (!slot.card || slot.insertion !== connection.insertion) throw removed();
    return slot.card;
  }

  private checkService(): void {
    if (this.closed || !this.serviceUp) {
      throw new TransportError('service-unavailable', 'PC/SC service does not answer');
    }
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`lecteur inconnu : ${name}`);
    return slot;
  }

  private changed(): void {
    if (this.serviceUp) this.emit({ type: 'readers', readers: this.readers() });
  }

  // Events arrive asynchronously, as from pcscd, never from inside the call that caused them.
  private emit(event: TransportEvent): void {
    if (this.listeners.size === 0) return;
    queueMicrotask(() => {
      for (const l of this.listeners) l(event);
    });
  }
}
