// The pipe between the tool and its PC/SC process (pcsc-process.ts, pcsc-host.ts): frames of
// [JSON length u32][bytes length u32][JSON][bytes]. The bytes carry the APDUs, outside the JSON,
// so that a command holding a code lives only in buffers we zero: the frame the sender wrote,
// once written, and the chunks the receiver read, once parsed. (Node's own IPC channel would
// serialise them into strings and buffers of its own, never zeroed.)

import type { Readable } from 'node:stream';
import { TransportError, isTransportError, type TransportErrorKind } from './errors.js';

export interface Frame {
  readonly json: unknown;
  /** The frame's bytes (an APDU); a copy the receiver owns and must zero once used. */
  readonly bytes: Uint8Array;
}

const HEAD = 8;
/** No message of ours comes near this: a larger length means the pipe is not ours. */
const MAX_PART = 1 << 20;

/** One frame, ready to write; the caller zeroes it once written when `bytes` held a code. */
export function encodeFrame(json: unknown, bytes: Uint8Array = new Uint8Array(0)): Buffer {
  const text = Buffer.from(JSON.stringify(json), 'utf8');
  const out = Buffer.alloc(HEAD + text.length + bytes.length);
  out.writeUInt32BE(text.length, 0);
  out.writeUInt32BE(bytes.length, 4);
  text.copy(out, HEAD);
  out.set(bytes, HEAD + text.length);
  return out;
}

/**
 * Calls `onFrame` for every frame read from `stream`; every chunk read is zeroed once its frames
 * are taken out. A malformed frame ends the reading (`onBroken`).
 */
export function readFrames(stream: Readable, onFrame: (f: Frame) => void, onBroken: () => void): void {
  let pending = Buffer.alloc(0);
  let broken = false;
  stream.on('data', (chunk: Buffer) => {
    if (broken) {
      chunk.fill(0);
      return;
    }
    const joined = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    if (joined !== chunk) {
      pending.fill(0);
      chunk.fill(0);
    }
    let at = 0;
    while (joined.length - at >= HEAD) {
      const jsonLen = joined.readUInt32BE(at);
      const bytesLen = joined.readUInt32BE(at + 4);
      if (jsonLen > MAX_PART || bytesLen > MAX_PART) {
        broken = true;
        joined.fill(0);
        pending = Buffer.alloc(0);
        onBroken();
        return;
      }
      if (joined.length - at < HEAD + jsonLen + bytesLen) break;
      let json: unknown;
      try {
        json = JSON.parse(joined.toString('utf8', at + HEAD, at + HEAD + jsonLen));
      } catch {
        broken = true;
        joined.fill(0);
        pending = Buffer.alloc(0);
        onBroken();
        return;
      }
      const start = at + HEAD + jsonLen;
      const bytes = new Uint8Array(joined.subarray(start, start + bytesLen)); // a copy
      at = start + bytesLen;
      onFrame({ json, bytes });
    }
    pending = Buffer.from(joined.subarray(at)); // a copy: the rest of a frame still coming
    joined.fill(0);
  });
}

/** The one argument that starts the PC/SC process (pcsc-host.ts; importing it for its types runs nothing). */
export const HOST_ARGUMENT = 'pcsc-host';

/** A TransportError across the pipe: its typed facts (kind, PC/SC code, fact) and its English message. */
export interface WireError {
  readonly kind: string;
  readonly message: string;
  readonly code?: number;
  /** The typed fact beyond the kind (TransportError.fact): carried whole. */
  readonly fact?: { readonly reason: 'binding-missing'; readonly detail: string };
}

const KINDS: readonly TransportErrorKind[] = [
  'service-unavailable',
  'access-refused',
  'no-reader',
  'card-removed',
  'reader-removed',
  'card-in-use',
  'timeout',
  'card-unresponsive',
  'unknown',
];

/** The host's side: any failure as wire data. */
export function toWire(e: unknown): WireError {
  if (isTransportError(e))
    return { kind: e.kind, message: e.message, ...(e.code !== undefined ? { code: e.code } : {}), ...(e.fact ? { fact: e.fact } : {}) };
  return { kind: 'unknown', message: e instanceof Error ? e.message : String(e) };
}

/** The tool's side: the same TransportError again (a kind it does not know is 'unknown'). */
export function fromWire(w: WireError): TransportError {
  const kind = (KINDS as readonly string[]).includes(w.kind) ? (w.kind as TransportErrorKind) : 'unknown';
  const fact = w.fact?.reason === 'binding-missing' ? { reason: 'binding-missing' as const, detail: String(w.fact.detail) } : undefined;
  return new TransportError(kind, w.message, w.code, fact);
}
