// What the view (and the screens) see of the machine: its snapshot, read-only. They never call the card;
// they read the context and ask the machine which events it would take now.

import type { MachineView } from '../machine/selectors.js';

/** The snapshot as the screens read it: the machine's own view type. */
export type AuditView = MachineView;

/** Facts from outside the machine that the screens show. */
export interface ScreenEnv {
  readonly version: string;
  readonly demo: boolean;
  /** Today, for "expire dans N jours" and an expired card. */
  readonly now: Date;
  /**
   * A one-line hint about the last key in a code field (a non-digit key, a paste cut short),
   * from the app's key handling; it never says which characters were typed.
   */
  readonly keyHint?: string | undefined;
  /**
   * An operation of the last run on a card, ended after its terminal went away (src/app/last-run.ts):
   * said on that card's screen (issue 18).
   */
  readonly lastRun?: LastRunNote | undefined;
}

/** The words about the last run, and the serial number of the card they are about. */
export interface LastRunNote {
  readonly serial: string;
  readonly lines: readonly string[];
}
