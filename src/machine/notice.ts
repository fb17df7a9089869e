// What the machine tells the holder, as a kind and the facts a sentence needs: no words. The
// view (src/view/failure.ts) says each kind once, one sentence and one remedy, from the catalogue.
// The machine's context and snapshot carry these, never a sentence, so that the language is the
// view's business alone.

import type { CodeName } from '../card/cps/errors.js';
import type { KeypadFailure } from '../card/cps/keypad.js';

export type Tone = 'info' | 'success' | 'warning' | 'error';

/** The operations a notice may be about (context.ts's Operation). */
type NoticeOperation = 'unblock' | 'change' | 'situations' | 'test';

/** The PC/SC layer's failures in the holder's terms (the transport's kinds, grouped). */
export type TransportFailureKind =
  'card-in-use' | 'service-down' | 'access-refused' | 'reader-gone' | 'card-removed' | 'card-mute' | 'pcsc-unknown';

/** A notice's kind and its facts. */
export type NoticeFacts =
  | { readonly kind: Exclude<TransportFailureKind, 'pcsc-unknown'> }
  /** `code`: the raw PC/SC code in hex, when the service gave one. */
  | { readonly kind: 'pcsc-unknown'; readonly code?: string }
  | {
      readonly kind:
        | 'no-reader'
        | 'no-card'
        | 'choose-reader'
        | 'not-supported'
        | 'read-unexpected'
        | 'situations-cost'
        | 'situations-pin-blocked'
        | 'no-pin-on-card'
        | 'cannot-be-unblocked'
        | 'puk-unusable'
        | 'unblock-success'
        | 'change-success'
        | 'may-have-applied'
        | 'nothing-applied'
        | 'service-lost-may-have-applied'
        | 'service-lost-nothing-applied'
        | 'write-outcome-unknown'
        | 'other-card'
        | 'serial-unreadable'
        | 'nothing-sent-unexpected'
        | 'pin-now-blocked'
        | 'pin-blocked'
        | 'puk-blocked'
        | 'puk-now-blocked'
        | 'puk-exhausted'
        | 'code-format-unknown'
        | 'unblock-applied'
        | 'unblock-not-applied';
    }
  /** A card this tool does not handle: `card` names a known other card (a Vitale card, issue 22). */
  | { readonly kind: 'cps2ter' | 'unrecognised'; readonly atr: string }
  | { readonly kind: 'other-card-type'; readonly atr: string; readonly card: 'vitale' }
  /** The confirmation before a last try, or tries unknown (null: the card did not tell them). */
  | { readonly kind: 'last-try'; readonly op: NoticeOperation; readonly triesLeft: number | null }
  | { readonly kind: 'wrong-code'; readonly code: CodeName; readonly op: NoticeOperation; readonly triesLeft: number }
  | { readonly kind: 'keypad'; readonly reason: KeypadFailure | 'unavailable' }
  /** A code that breaks the card's rules, refused before any APDU (`length`: the rule, when known). */
  | { readonly kind: 'invalid-code-format'; readonly code: CodeName; readonly length?: { readonly min: number; readonly max: number } }
  /** A transport failure before any write: its kind, and that no code changed. */
  | { readonly kind: 'nothing-changed'; readonly cause: TransportFailureKind; readonly code?: string };

export type NoticeKind = NoticeFacts['kind'];

/** A message for the holder: its kind and facts, its tone, and whether a write may have applied. */
export type Notice = NoticeFacts & {
  readonly tone: Tone;
  /** The write may have applied (classifyFailure decided it): the exit code says so too. */
  readonly mayHaveApplied?: true;
};
