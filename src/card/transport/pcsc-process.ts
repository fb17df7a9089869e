// The Transport over pcscd, with the card's I/O in a process of its own (pcsc-host.ts): the tool's
// main thread never calls the binding, so a card that stops answering cannot stop it (issue 18).
//
// - The process runs pcsc.ts's supervisor (pcscd stopping and coming back) and forwards its
//   events; its requests and answers travel in frames (pcsc-frames.ts), APDUs zeroed once used.
// - It is started in a session of its own (detached): a terminal's hangup or Ctrl-C never reaches
//   it, so an operation the user confirmed is not cut by a lost terminal. It leaves when the
//   tool closes it, or when its pipe closes (the tool died).
// - A connection released while one of its commands is still out (the card went mute, the caller
//   gave up after its bound) cannot be released through the binding: its mutex is held by the
//   stuck transmit. The process is killed (pcscd then ends its context, card handle included) and
//   a new one started at once; the readers are reported again by the new one.
// - close() lets the process release what it holds (a reset: no verified code outlives us), and
//   kills it after CLOSE_MS, at once when a command is still out. It never waits longer.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TransportError } from './errors.js';
import { SCARD, fromPcscCode } from './pcsc-errors.js';
import { HOST_ARGUMENT, encodeFrame, fromWire, readFrames } from './pcsc-frames.js';
import type { HostMessage, HostRequest, WireEvent } from './pcsc-host.js';
import type { CardConnection, Disposition, ReaderState, ServiceStatus, ShareMode, Transport, TransportEvent } from './transport.js';

/** How long close() lets the PC/SC process release the card before it is killed (ms). */
export const CLOSE_MS = 1_000;
/** How long after SIGKILL the process's end is waited for (ms): the kernel ends it at once. */
const KILLED_MS = 1_000;

export interface PcscProcessOptions {
  /** Delay before a new PC/SC process when the last one died on its own (ms). */
  readonly retryMs?: number;
  readonly closeMs?: number;
  /** The node arguments that run the host; pcsc-host.mjs beside the bundle, else pcsc-host.ts with tsx. */
  readonly host?: { readonly args: readonly string[]; readonly cwd?: string };
}

/** The built host beside the bundle (dist/pcsc-host.mjs), else the source under tsx (tests, `npm run dev`). */
export function hostCommand(): { args: string[]; cwd?: string } {
  const built = fileURLToPath(new URL('./pcsc-host.mjs', import.meta.url));
  if (existsSync(built)) return { args: [built] };
  const source = fileURLToPath(new URL('./pcsc-host.ts', import.meta.url));
  return { args: ['--import', 'tsx', source], cwd: fileURLToPath(new URL('../../../', import.meta.url)) };
}

export function createPcscProcessTransport(options: PcscProcessOptions = {}): Transport {
  return new PcscProcessTransport(options);
}

function readerState({ atr, ...rest }: Extract<WireEvent, { type: 'readers' }>['readers'][number]): ReaderState {
  return { ...rest, ...(atr ? { atr: Uint8Array.from(atr) } : {}) };
}

interface Pending {
  readonly resolve: (m: Extract<HostMessage, { type: 'reply'; ok: true }>, bytes: Uint8Array) => void;
  readonly reject: (e: TransportError) => void;
  /** The connection whose command is out (a transmit), if any. */
  readonly transmitOn?: number;
}

/** One PC/SC process and what is waiting for it. */
interface Host {
  readonly proc: ChildProcess;
  readonly pending: Map<number, Pending>;
  readonly exited: Promise<void>;
  dead: boolean;
  /** Killed by us: its end is no news for the listeners. */
  killed: boolean;
}

class PcscProcessTransport implements Transport {
  private readonly listeners: ((e: TransportEvent) => void)[] = [];
  private readonly retryMs: number;
  private readonly closeMs: number;
  private readonly host: { readonly args: readonly string[]; readonly cwd?: string };
  private current: Host | undefined;
  private watching = false;
  private closed = false;
  private nextId = 1;
  private service: ServiceStatus | undefined;
  private readers: ReaderState[] | undefined;
  private readersKey = '';
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(options: PcscProcessOptions) {
    this.retryMs = options.retryMs ?? 1000;
    this.closeMs = options.closeMs ?? CLOSE_MS;
    this.host = options.host ?? hostCommand();
    // Started at once, watching: the process boots and finds the readers while the tool loads
    // its screens (a start on the first watch() cost about 250 ms before the card showed).
    this.watching = true;
    this.ensureHost();
  }

  watch(listener: (event: TransportEvent) => void): void {
    this.listeners.push(listener);
    if (this.service) listener({ type: 'service', service: this.service });
    if (this.service?.status === 'up' && this.readers) listener({ type: 'readers', readers: this.readers });
  }

  async connect(reader: string, mode: ShareMode): Promise<CardConnection> {
    if (this.closed) throw new TransportError('service-unavailable', 'PC/SC transport closed');
    const host = this.ensureHost();
    const id = this.nextId++;
    const reply = await this.ask(host, { op: 'connect', id, reader, mode }, id);
    const conn = reply.message.conn ?? 0;
    const atr = Uint8Array.from(reply.message.atr ?? []);
    let open = true;
    return {
      reader,
      atr,
      transmit: (command: Uint8Array) => {
        if (!open || host.dead) return Promise.reject(new TransportError('card-removed', 'connection to the card closed'));
        const tid = this.nextId++;
        return this.ask(host, { op: 'transmit', id: tid, conn }, tid, command, conn).then((r) => r.bytes);
      },
      control: (code: number, data: Uint8Array, maxResponse?: number) => {
        if (!open || host.dead) return Promise.reject(new TransportError('card-removed', 'connection to the card closed'));
        const cid = this.nextId++;
        const request = { op: 'control', id: cid, conn, code, ...(maxResponse !== undefined ? { maxResponse } : {}) } as const;
        return this.ask(host, request, cid, data, conn).then((r) => r.bytes);
      },
      disconnect: async (disposition: Disposition) => {
        if (!open) return;
        open = false;
        if (host.dead) return;
        // Its command still out, the binding cannot release it (the stuck transmit holds the
        // reader's mutex): end the process, pcscd ends its handle; a new process takes over.
        if ([...host.pending.values()].some((p) => p.transmitOn === conn)) {
          this.kill(host);
          if (this.watching && !this.closed) this.ensureHost();
          return;
        }
        const did = this.nextId++;
        await this.ask(host, { op: 'disconnect', id: did, conn, disposition }, did).catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.length = 0;
    clearTimeout(this.retryTimer);
    const host = this.current;
    if (!host || host.dead) return;
    const commandOut = [...host.pending.values()].some((p) => p.transmitOn !== undefined);
    if (!commandOut) {
      this.request(host, { op: 'close', id: this.nextId++ });
      await Promise.race([host.exited, new Promise((r) => setTimeout(r, this.closeMs).unref())]);
    }
    if (!host.dead) {
      this.kill(host);
      await Promise.race([host.exited, new Promise((r) => setTimeout(r, KILLED_MS).unref())]);
    }
  }

  // --- the process ---------------------------------------------------------------------------

  private ensureHost(): Host {
    if (this.current && !this.current.dead) return this.current;
    clearTimeout(this.retryTimer);
    const proc = spawn(process.execPath, [...this.host.args, HOST_ARGUMENT], {
      stdio: ['pipe', 'pipe', 'ignore'],
      detached: true, // its own session: no SIGHUP or SIGINT from the tool's terminal
      ...(this.host.cwd ? { cwd: this.host.cwd } : {}),
    });
    let ended!: () => void;
    const host: Host = { proc, pending: new Map(), exited: new Promise<void>((r) => (ended = r)), dead: false, killed: false };
    this.current = host;
    proc.stdin?.on('error', () => undefined); // writing to a process that died: its end says it
    proc.stdout?.on('error', () => undefined);
    const onEnd = () => {
      if (host.dead) return;
      host.dead = true;
      proc.stdin?.destroy();
      proc.stdout?.destroy();
      for (const [, p] of host.pending) {
        // A command out may have reached the card: say it was lost, not that the card left.
        p.reject(p.transmitOn !== undefined ? fromPcscCode(SCARD.E_COMM_DATA_LOST) : fromPcscCode(SCARD.E_SERVICE_STOPPED));
      }
      host.pending.clear();
      ended();
      if (this.current === host) this.current = undefined;
      if (host.killed || this.closed) return;
      // It died on its own: the service is down for us until a new one answers.
      this.setService({ status: 'down', error: fromPcscCode(SCARD.E_SERVICE_STOPPED) });
      if (this.watching) this.retryTimer = setTimeout(() => this.ensureHost(), this.retryMs);
    };
    proc.on('exit', onEnd);
    proc.on('error', onEnd);
    if (proc.stdout) {
      readFrames(
        proc.stdout,
        (f) => this.onMessage(host, f.json as HostMessage, f.bytes),
        () => this.kill(host),
      );
    }
    if (this.watching) this.request(host, { op: 'watch' });
    return host;
  }

  private kill(host: Host): void {
    host.killed = true;
    if (this.current === host) this.current = undefined; // the next request starts a new one
    try {
      host.proc.kill('SIGKILL');
    } catch {
      // already gone
    }
  }

  private request(host: Host, request: HostRequest, bytes?: Uint8Array): void {
    if (host.dead || !host.proc.stdin?.writable) return;
    const frame = encodeFrame(request, bytes);
    // The frame may hold a code: zeroed once the kernel has it.
    host.proc.stdin.write(frame, () => frame.fill(0));
  }

  private ask(
    host: Host,
    request: HostRequest,
    id: number,
    bytes?: Uint8Array,
    transmitOn?: number,
  ): Promise<{ message: Extract<HostMessage, { type: 'reply'; ok: true }>; bytes: Uint8Array }> {
    if (host.dead) return Promise.reject(fromPcscCode(SCARD.E_SERVICE_STOPPED));
    return new Promise((resolve, reject) => {
      host.pending.set(id, {
        resolve: (message, b) => resolve({ message, bytes: b }),
        reject,
        ...(transmitOn !== undefined ? { transmitOn } : {}),
      });
      this.request(host, request, bytes);
    });
  }

  private onMessage(host: Host, message: HostMessage, bytes: Uint8Array): void {
    if (message.type === 'event') {
      if (host !== this.current || this.closed) return;
      const e = message.event;
      if (e.type === 'service') {
        this.setService(e.service.status === 'up' ? { status: 'up' } : { status: 'down', error: fromWire(e.service.error) });
      } else {
        this.setReaders(e.readers.map(readerState));
      }
      return;
    }
    const p = host.pending.get(message.id);
    if (!p) return;
    host.pending.delete(message.id);
    if (message.ok) p.resolve(message, bytes);
    else p.reject(fromWire(message.error));
  }

  private setService(service: ServiceStatus): void {
    const same =
      this.service?.status === service.status &&
      (service.status === 'up' || (this.service?.status === 'down' && this.service.error.kind === service.error.kind));
    this.service = service;
    if (service.status === 'down') {
      this.readers = undefined;
      this.readersKey = '';
    }
    if (!same) this.send({ type: 'service', service });
  }

  private setReaders(readers: ReaderState[]): void {
    const key = JSON.stringify(
      readers.map((r) => [r.name, r.atr ? Array.from(r.atr) : null, r.mute ?? false, r.inUse ?? false, r.events ?? null]),
    );
    if (this.readers && key === this.readersKey) return;
    this.readers = readers;
    this.readersKey = key;
    this.send({ type: 'readers', readers });
  }

  private send(event: TransportEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch {
        // A listener's failure must not stop the transport.
      }
    }
  }
}
