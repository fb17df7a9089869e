// What the APDU layer tells an observer (support report, --trace). A PIN or PUK never leaves
// this file: the data field of VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER is masked
// before the entry is built, so no caller can log it by mistake.

import { hex } from '../bytes.js';
import { INS } from './command.js';

export interface TraceEntry {
  /** 1 for the first APDU of the connection. */
  readonly seq: number;
  /** The command as hex; a secret data field shows as "**" per byte. */
  readonly command: string;
  /** true when the data field was masked. */
  readonly masked: boolean;
  /** Issue 20: sent by the reader from the keys on its keypad; `command` is its template. */
  readonly keypad?: boolean;
  /** The response as hex (data then SW1 SW2), absent when the exchange failed. */
  readonly response?: string;
  readonly sw?: number;
  /** Transport failure kind ("card-removed"…) when the exchange failed. */
  readonly error?: string;
  readonly ms: number;
}

/** INS whose data field is a PIN or PUK block. */
export const SECRET_INS: ReadonlySet<number> = new Set([INS.VERIFY, INS.CHANGE_REFERENCE_DATA, INS.RESET_RETRY_COUNTER]);

/**
 * A command that presents or writes a code (VERIFY with data, CHANGE REFERENCE DATA, RESET RETRY
 * COUNTER): never sent twice for one action of the user. An empty VERIFY only reads a counter.
 */
export function carriesCodeOrWrites(command: { readonly ins: number; readonly data?: Uint8Array }): boolean {
  if (command.ins === INS.VERIFY) return (command.data?.length ?? 0) > 0;
  return command.ins === INS.CHANGE_REFERENCE_DATA || command.ins === INS.RESET_RETRY_COUNTER;
}

/** Hex of a command APDU with the data field of secret-bearing commands masked. */
export function maskedCommandHex(command: Uint8Array): { text: string; masked: boolean } {
  const ins = command[1];
  if (command.length <= 5 || ins === undefined || !SECRET_INS.has(ins)) {
    return { text: hex(command), masked: false };
  }
  // Header and Lc stay; everything after Lc (data, and Le if any) is hidden.
  const head = hex(command.subarray(0, 5));
  const hidden = Array.from({ length: command.length - 5 }, () => '**').join(' ');
  return { text: `${head} ${hidden}`, masked: true };
}
