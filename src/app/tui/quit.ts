// Quitting never cuts a PIN operation short: wait for the APDU sequence in flight to end, within
// a bound (a card that stopped answering must not keep the terminal hostage).

import type { Actor } from 'xstate';
import type { AuditMachine } from '../../machine/machine.js';
import { isPinOperationInFlight as operationInFlight } from '../../machine/selectors.js';

/**
 * How long quitting waits for the operation in flight: with the way out after it (the screen
 * unmounted, the PC/SC process released or killed, the terminal restored: about 150 ms, measured
 * in docs/benchmarks.md; 1 s of margin on a loaded machine), quitting takes 5 s at most, as the
 * README promises (issue 18).
 */
export const QUIT_GRACE_MS = 4_000;

/**
 * After a hangup nobody waits at the terminal: the operation runs to its end, within the card
 * layer's own bounds (15 s an exchange, service.ts; a CPS4 unblock is 3 code-bearing commands and
 * a few reads). This is only a last guard against an exchange that never ends.
 */
export const HANGUP_GRACE_MS = 120_000;

/** Resolves true once no PIN operation is in flight, false if `graceMs` passed first. */
export function whenSafeToQuit(actor: Actor<AuditMachine>, graceMs = QUIT_GRACE_MS): Promise<boolean> {
  if (!operationInFlight(actor.getSnapshot())) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.unsubscribe();
      resolve(false);
    }, graceMs);
    const sub = actor.subscribe({
      next: (snap) => {
        if (operationInFlight(snap)) return;
        clearTimeout(timer);
        sub.unsubscribe();
        resolve(true);
      },
      error: () => {
        clearTimeout(timer);
        resolve(true);
      },
    });
  });
}
