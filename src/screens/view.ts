// What the screens see of the machine: its snapshot, read-only. Screens never call the card;
// they read the context and ask the machine which events it would take now.

import type { AuditContext } from '../machine/context.js';
import type { AuditEvent } from '../machine/events.js';

export interface AuditView {
  readonly context: AuditContext;
  // Method syntax on purpose: XState's snapshot, typed with the machine's own state values, fits.
  matches(value: string | Record<string, unknown>): boolean;
  can(event: AuditEvent): boolean;
}

/** Facts from outside the machine that the screens show. */
export interface ScreenEnv {
  readonly version: string;
  readonly demo: boolean;
  /** Today, for "expire dans N jours" and an expired card. */
  readonly now: Date;
}
