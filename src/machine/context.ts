// What the machine remembers. Codes typed in a form live here (so that a burst of keys is never
// lost to a stale React closure) and are cleared on every exit from a form.

import type { CardService } from '../card/cps/card-service.js';
import type { CodeLengths } from '../card/cps/codes.js';
import type { CardReport, PracticeSituation, Readable } from '../card/cps/report.js';
import type { TransportError } from '../card/transport/errors.js';
import type { ReaderMismatch } from '../card/transport/reader-match.js';
import type { ReaderState, Transport } from '../card/transport/transport.js';
import type { SecretCode } from '../card/cps/secret-code.js';
import type { Tab } from './events.js';
import type { CardTestResult } from '../card/cps/card-test.js';
import type { KeyInventory } from '../card/cps/key-test.js';
import type { TrustStore } from '../card/trust/chain.js';
import type { UnblockMemory } from './unblock-resume.js';
import type { Notice } from './notice.js';

export interface AuditInput {
  readonly transport: Transport;
  readonly cards: CardService;
  /** `--reader NAME`: exact name or a part matching one reader only. */
  readonly reader?: string;
  /** Whether an ATR identifies as a CPS (default: the card layer's identifyCard). */
  readonly isCps?: (atr: Uint8Array) => boolean;
  /** An unblock cut short in an earlier run, from the state file (src/app/last-run.ts): unblock-resume.ts. */
  readonly unblockInterrupted?: string;
  /** Issue 20: false (`--no-pinpad`): codes are typed on the computer even on a reader with a keypad. */
  readonly pinpad?: boolean;
  /** Issue 21: the authorities the card test's chain is verified against (default: the shipped IGC-Santé store). */
  readonly trust?: TrustStore;
}

/** The rest of a read (its certificates) once the first part is on screen; never rejects. */
export type ReadRest = Promise<{ readonly ok: true; readonly report: CardReport } | { readonly ok: false; readonly error: unknown }>;

/** A message for the holder: its kind and facts, no words (notice.ts; the view words it). */
export type { Notice, Tone } from './notice.js';

export type FormKind = 'unblock' | 'change' | 'situations' | 'test';

export interface FormState {
  readonly kind: FormKind;
  /** How many digits each code may have: the card's rule (src/card/cps/codes.ts), the default until it has said. */
  readonly lengths: CodeLengths;
  /** One entry per field of FORM_FIELDS[kind]: the digits typed, masked in any print. */
  readonly fields: readonly SecretCode[];
  /** 0..fields.length-1: a field; fields.length: the button. */
  readonly focus: number;
  /** SUBMIT came while the counters were being read: acted on once they are in. */
  readonly submitPending?: boolean;
  /** The user confirmed sending on the last (or an unknown) try, for the next send only. */
  readonly lastTryConfirmed?: boolean;
  /** The code whose last try the confirmation is about, with its count read just before (null: unknown). */
  readonly lastTry?: { readonly code: 'pin' | 'puk'; readonly triesLeft: number | null };
  /** The card's answer to the last try (wrong code, tries left), shown in the form. */
  readonly error?: Notice;
  /** Issue 20: the holder chose the computer's keyboard over the reader's keypad for this form. */
  readonly keyboard?: boolean;
}

/** 'test': the card test's PIN (issue 21), asked in a form like the others. */
export type Operation = 'unblock' | 'change' | 'situations' | 'test';

/** `unblockInterrupted` (an unblock cut short mid-write, offered again): unblock-resume.ts. */
export interface AuditContext extends UnblockMemory {
  readonly transport: Transport;
  readonly cards: CardService;
  readonly isCps: (atr: Uint8Array) => boolean;
  readonly forcedReader?: string;
  /** Issue 20: false when `--no-pinpad` turned the reader's keypad off (absent: allowed). */
  readonly pinpadAllowed?: boolean;
  /** Why `--reader NAME` matches nothing usable (a fact: the view words it, listing the readers). */
  readonly readerProblem?: ReaderMismatch;

  readonly readers: readonly ReaderState[];
  readonly serviceError?: TransportError;
  readonly selected?: string;
  /** The user picked `selected` in the list: keep it even while it holds no card. */
  readonly userChose: boolean;
  /** The selected reader was seen without its card since the last operation began. */
  readonly cardLeft: boolean;

  readonly report?: CardReport;
  /** The report on screen is the first part of a read still going on: the rest comes here. */
  readonly rest?: ReadRest;
  readonly situations?: readonly Readable<PracticeSituation>[];
  readonly tab: Tab;
  readonly form?: FormState;
  /** A failed read (readFailed, cardInUse, cardUnrecognised). */
  readonly problem?: Notice;
  /** The result of an operation: final message in a form, or the success before removal. */
  readonly outcome?: Notice;
  /** A banner on the card screen (kept across a re-read: "la modification a pu être appliquée…"). */
  readonly notice?: Notice;
  readonly helpOpen: boolean;
  readonly quitRequested: boolean;
  /** Issue 21: the card test's authorities (AuditInput.trust). */
  readonly trust?: TrustStore;
  /** Issue 21: the test under way: what `inspect` read (public data), and whether the holder declined the PIN. */
  readonly testRun?: { readonly inspection?: { readonly report: CardReport; readonly inventory: KeyInventory }; readonly declined?: true };
  /** Issue 21: the last card test's result (no code in it), kept for the report of that card. */
  readonly cardTest?: CardTestResult;
}
