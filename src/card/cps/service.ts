// CardService over any Transport: one connection per verb, released in `finally` (no card
// handle while idle). Shared to read; exclusive when a code is presented, so that no other
// program interleaves; the card is reset on release after a code went to it, so that no
// verified PIN outlives the operation.

import type { TraceEntry } from '../apdu/trace.js';
import type { ShareMode, Transport } from '../transport/transport.js';
import type { CardService } from './card-service.js';
import { assertValidCode } from './codes.js';
import { CpsSession } from './session.js';

export interface CardServiceOptions {
  /** Every APDU exchanged, PIN and PUK data masked (src/card/apdu/trace.ts). */
  readonly onTrace?: (entry: TraceEntry) => void;
}

export function createCardService(transport: Transport, options: CardServiceOptions = {}): CardService {
  async function withSession<T>(reader: string, mode: ShareMode, op: (s: CpsSession) => Promise<T>): Promise<T> {
    const connection = await transport.connect(reader, mode);
    let session: CpsSession | null = null;
    try {
      session = new CpsSession(connection, options.onTrace ? { onTrace: options.onTrace } : {});
      return await op(session);
    } finally {
      try {
        await connection.disconnect(session?.codePresented ? 'reset' : 'leave');
      } catch {
        // The card may be gone already; the operation's own outcome is what matters.
      }
    }
  }

  return {
    read: (reader) => withSession(reader, 'shared', (s) => s.readAll()),
    readCodes: (reader) => withSession(reader, 'shared', (s) => s.readCodes()),
    readSituations: async (reader, pin) => {
      assertValidCode('pin', pin);
      return withSession(reader, 'exclusive', (s) => s.readSituations(pin));
    },
    unblockPin: async (reader, puk, newPin) => {
      assertValidCode('puk', puk);
      assertValidCode('pin', newPin);
      await withSession(reader, 'exclusive', (s) => s.unblockPin(puk, newPin));
    },
    changePin: async (reader, currentPin, newPin) => {
      assertValidCode('pin', currentPin);
      assertValidCode('pin', newPin);
      await withSession(reader, 'exclusive', (s) => s.changePin(currentPin, newPin));
    },
  };
}
