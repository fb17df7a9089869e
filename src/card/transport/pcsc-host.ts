// The PC/SC process: the only place where the tool calls the pcsclite binding (pcsc.ts's
// supervisor, unchanged), started by pcsc-process.ts with one argument, HOST_ARGUMENT. It needs no
// language: its failures cross the pipe as typed facts (a TransportError's kind, PC/SC code and
// English developer message; pcsc-frames.ts), worded by the tool's view. It reads requests on
// stdin and answers on stdout, in frames (pcsc-frames.ts).
//
// Why a process of its own (issue 18): the binding's SCardTransmit runs on a libuv worker with no
// timeout, holding the reader's mutex; the binding's CardReader::Close and its status callback
// take that mutex on the main thread. A mute card thus froze the tool's main thread (no timer, no
// signal handler, no redraw), and Node's exit joins the worker pool, so even process.exit waited
// for the card. Here a stuck card can only stop this process, which the tool kills.

import { createPcscTransport } from './pcsc.js';
import { HOST_ARGUMENT, encodeFrame, readFrames, toWire, type WireError } from './pcsc-frames.js';
import type { CardConnection, Disposition, ShareMode, TransportEvent } from './transport.js';

export type HostRequest =
  | { readonly op: 'watch' }
  | { readonly op: 'connect'; readonly id: number; readonly reader: string; readonly mode: ShareMode }
  | { readonly op: 'transmit'; readonly id: number; readonly conn: number }
  | { readonly op: 'control'; readonly id: number; readonly conn: number; readonly code: number; readonly maxResponse?: number }
  | { readonly op: 'disconnect'; readonly id: number; readonly conn: number; readonly disposition: Disposition }
  | { readonly op: 'close'; readonly id: number };

export type { WireError } from './pcsc-frames.js';

export type WireEvent =
  | {
      readonly type: 'readers';
      readonly readers: readonly { name: string; atr?: number[]; mute?: boolean; inUse?: boolean; events?: number }[];
    }
  | { readonly type: 'service'; readonly service: { readonly status: 'up' } | { readonly status: 'down'; readonly error: WireError } };

export type HostMessage =
  | { readonly type: 'event'; readonly event: WireEvent }
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly conn?: number; readonly atr?: number[] }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: WireError };

function wire(event: TransportEvent): WireEvent {
  if (event.type === 'service') {
    if (event.service.status === 'up') return { type: 'service', service: { status: 'up' } };
    return { type: 'service', service: { status: 'down', error: toWire(event.service.error) } };
  }
  return {
    type: 'readers',
    // Every field as it is (a field added to ReaderState passes through), the ATR as numbers.
    readers: event.readers.map(({ atr, ...rest }) => ({ ...rest, ...(atr ? { atr: Array.from(atr) } : {}) })),
  };
}

export function runPcscHost(): void {
  const transport = createPcscTransport();
  const connections = new Map<number, CardConnection>();
  let nextConn = 1;
  let leaving = false;

  const send = (message: HostMessage, bytes?: Uint8Array) => {
    if (!process.stdout.writable) return;
    process.stdout.write(encodeFrame(message, bytes));
  };
  const fail = (id: number, e: unknown) => send({ type: 'reply', id, ok: false, error: toWire(e) });

  const leave = () => {
    if (leaving) return;
    leaving = true;
    // Connections still open are released with a reset (pcsc.ts), then the context; the tool
    // kills this process if a stuck card holds that up.
    void transport.close().finally(() => process.exit(0));
  };

  const handle = (request: HostRequest, bytes: Uint8Array) => {
    switch (request.op) {
      case 'watch':
        transport.watch((event) => send({ type: 'event', event: wire(event) }));
        return;
      case 'connect':
        transport.connect(request.reader, request.mode).then(
          (c) => {
            const conn = nextConn++;
            connections.set(conn, c);
            send({ type: 'reply', id: request.id, ok: true, conn, atr: Array.from(c.atr) });
          },
          (e: unknown) => fail(request.id, e),
        );
        return;
      case 'transmit': {
        const c = connections.get(request.conn);
        if (!c) return fail(request.id, new Error('connection'));
        c.transmit(bytes).then(
          (answer) => send({ type: 'reply', id: request.id, ok: true }, answer),
          (e: unknown) => fail(request.id, e),
        );
        bytes.fill(0); // the binding copied it (pcsc.ts zeroes its own copy once sent)
        return;
      }
      case 'control': {
        // SCardControl (PC/SC part 10: the reader's features, a code typed on its keypad). Like a
        // transmit it may wait long (the keypad's timeout), so the tool treats it as a command out.
        const c = connections.get(request.conn);
        if (!c?.control) return fail(request.id, new Error('connection'));
        c.control(request.code, bytes, request.maxResponse).then(
          (answer) => send({ type: 'reply', id: request.id, ok: true }, answer),
          (e: unknown) => fail(request.id, e),
        );
        bytes.fill(0);
        return;
      }
      case 'disconnect': {
        const c = connections.get(request.conn);
        connections.delete(request.conn);
        if (!c) return send({ type: 'reply', id: request.id, ok: true });
        c.disconnect(request.disposition).then(
          () => send({ type: 'reply', id: request.id, ok: true }),
          (e: unknown) => fail(request.id, e),
        );
        return;
      }
      case 'close':
        leave();
        return;
    }
  };

  readFrames(
    process.stdin,
    (f) => handle(f.json as HostRequest, f.bytes),
    () => leave(),
  );
  // The tool went away (or closed the pipe): release and leave.
  process.stdin.on('end', leave);
  process.stdin.on('error', leave);
  process.stdout.on('error', leave);
}

if (process.argv[2] === HOST_ARGUMENT) runPcscHost();
