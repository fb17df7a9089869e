// What the APDU layer tells an observer (support report, --trace). A PIN or PUK never leaves
// this file: the data field of VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER is masked
// before the entry is built, so no caller can log it by mistake.

import { hex } from '../bytes.js';

export interface TraceEntry {
  /** 1 for the first APDU of the connection. */
  readonly seq: number;
  /** The command as hex; a secret data field shows as "**" per byte. */
  readonly command: string;
  /** true when the data field was masked. */
  readonly masked: boolean;
  /** The response as hex (data then SW1 SW2), absent when the exchange failed. */
  readonly response?: string;
  readonly sw?: number;
  /** Transport failure kind ("card-removed"…) when the exchange failed. */
  readonly error?: string;
  readonly ms: number;
}

/** INS whose data field is a PIN or PUK block. */
export const SECRET_INS: ReadonlySet<number> = new Set([0x20, 0x24, 0x2c]);

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
