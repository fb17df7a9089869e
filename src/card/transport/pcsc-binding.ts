// The node `pcsclite` binding, loaded lazily so that the tool starts (and says what to install)
// where the native addon or libpcsclite is missing. Its own typings are loose: this is the part
// of its API the transport uses, as read from its lib/pcsclite.js and src/*.cpp (v1.0.1).

import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';

type Callback<T> = (err: Error | null | undefined, value: T) => void;

export interface BindingReader extends EventEmitter {
  readonly name: string;
  connected: boolean;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_EXCLUSIVE: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_LEAVE_CARD: number;
  readonly SCARD_RESET_CARD: number;
  connect(options: { share_mode: number; protocol: number }, cb: Callback<number>): void;
  disconnect(disposition: number, cb: (err: Error | null | undefined) => void): void;
  transmit(data: Buffer, resLen: number, protocol: number, cb: Callback<Buffer>): void;
  control(data: Buffer, code: number, resLen: number, cb: Callback<Buffer>): void;
  close(): void;
}

export interface BindingContext extends EventEmitter {
  close(): void;
}

/** Creates a context; throws at once (with the PC/SC code in the message) when pcscd is absent. */
export type BindingFactory = () => BindingContext;

export type BindingLoad = { readonly ok: true; readonly create: BindingFactory } | { readonly ok: false; readonly detail: string };

export function loadPcscBinding(): BindingLoad {
  try {
    const require = createRequire(import.meta.url);
    const create = require('pcsclite') as BindingFactory;
    if (typeof create !== 'function') return { ok: false, detail: 'module pcsclite inattendu' };
    return { ok: true, create };
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e) };
  }
}
