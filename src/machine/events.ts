// Every event the audit machine takes. The screens send the user's intents (keys already mapped
// by src/app/keys.ts according to `keyMode(snapshot)`); the transport's watch is turned into the
// TRANSPORT.* events by the machine itself.
//
// State names (ids under `#audit`), as `snapshot.matches(...)` sees them:
//   starting                     before the transport's first report
//   serviceUnavailable           pcscd not running / gone (context.serviceError)
//   accessRefused                the PC/SC service refused this user (polkit, over SSH)
//   noReader                     no reader, or `--reader NAME` matches none / several
//   noCard                       reader(s) but no card
//   choosingReader               several cards: the user picks one (never silently the first)
//   cardInUse                    another program holds the card; recovers when it is released
//   reading                      full read of the card in the selected reader
//   cardUnrecognised             unknown or unsupported card (its ATR in context.report)
//   readFailed                   the read failed for another reason (message + RETRY)
//   card                         card loaded; parallel regions:
//     card.codes.{pinOk | pinBlocked | pukUnusable | noPin | unknown}
//       (pukUnusable: PIN blocked and PUK blocked or exhausted; a PIN still OK stays pinOk)
//     card.view.browsing          the three tabs (context.tab)
//     card.view.situations.{checking | entering | confirmLastTry | sending}
//     card.view.unblock.{checking | entering | confirmLastTry | sending | final}
//     card.view.change.{checking | entering | confirmLastTry | sending | final}
//       checking: the counters are read again as the form opens (typing already works, and an
//         Enter on the button is kept and acted on once they are in)
//       sending → confirmLastTry when the card layer, reading the counters again just before
//         sending, finds the last (or an unknown) try the user had not confirmed: nothing sent
//     card.view.test.{checking | entering | confirmLastTry | sending | final}   (issue 21, `t`)
//       checking: the card read in full with its keys; entering only when a key needs the PIN
//         and it may be sent (Esc there declines it: sending without it); final: the checks
//   done.{waitRemoval | waitReinsert}   after a successful unblock or change
//   interrupted                  card removed (or pcscd gone) during a PIN operation; waits for the card
// Help is a flag (context.helpOpen), not a state: it can open over any of these.

import { SecretCode } from '../card/cps/secret-code.js';
import type { TransportEvent } from '../card/transport/transport.js';

export type Tab = 'info' | 'situations' | 'certificates';
export const TABS: readonly Tab[] = ['info', 'situations', 'certificates'];

/** From the transport (sent by the machine's own watch actor; tests may send them directly). */
export type TransportMachineEvent =
  | { type: 'TRANSPORT.READERS'; readers: Extract<TransportEvent, { type: 'readers' }>['readers'] }
  | { type: 'TRANSPORT.SERVICE'; service: Extract<TransportEvent, { type: 'service' }>['service'] };

/** Card screen. */
export type CardScreenEvent =
  | { type: 'TAB'; tab: Tab }
  | { type: 'NEXT_TAB' }
  | { type: 'PREV_TAB' }
  /**
   * `d`: opens the unblock form (only when the PIN is blocked and the PUK usable, or when this
   * card's last unblock was cut short mid-write: context.unblockInterrupted).
   */
  | { type: 'OPEN_UNBLOCK' }
  /** `c`: opens the change form (only when the PIN is not blocked). */
  | { type: 'OPEN_CHANGE' }
  /** Enter on the "Situation d'exercice" tab: asks for the PIN to read the situations. */
  | { type: 'ASK_SITUATIONS' }
  /** `l`: choose the reader again (when there are several). */
  | { type: 'CHOOSE_READER' }
  /** Issue 21: `t`, the card test (its PIN asked in a form when a key needs it). */
  | { type: 'START_TEST' };

/** Reader list (choosingReader). */
export type ReaderChoiceEvent =
  | { type: 'SELECT_READER'; name: string }
  /** Esc in the list: back to the card already loaded, if any. */
  | { type: 'CANCEL_CHOICE' };

/** Forms (unblock, change, PIN for the situations). */
export type FormEvent =
  /**
   * Typed or pasted digits (non-digits already dropped), held as a secret from the keystroke on;
   * the focused field takes them up to its length. Made by digitsEvent().
   */
  | { type: 'DIGITS'; digits: SecretCode }
  | { type: 'BACKSPACE' }
  /** Enter or Tab on a field. */
  | { type: 'NEXT_FIELD' }
  /** Shift-Tab. */
  | { type: 'PREV_FIELD' }
  /** Enter on the button: accepted only when `snapshot.can({ type: 'SUBMIT' })`. */
  | { type: 'SUBMIT' }
  /** Last-try step: send anyway / go back to the form. */
  | { type: 'CONFIRM' }
  | { type: 'CANCEL' }
  /** Esc: closes the form; nothing typed is kept. Also closes a final message. */
  | { type: 'CLOSE_FORM' }
  /** Issue 20: codes on the reader's keypad, or on the computer's keyboard, for this form. */
  | { type: 'TOGGLE_KEYPAD' };

/** The DIGITS event for what a key or a paste typed. */
export function digitsEvent(text: string): Extract<FormEvent, { type: 'DIGITS' }> {
  return { type: 'DIGITS', digits: SecretCode.fromText(text) };
}

/** Anywhere. */
export type GlobalEvent =
  | { type: 'HELP_OPEN' }
  | { type: 'HELP_CLOSE' }
  /** Reads the card again (readFailed, cardUnrecognised, cardInUse). */
  | { type: 'RETRY' }
  /** Hides the notice shown on the card screen (e.g. "la modification a pu être appliquée"). */
  | { type: 'DISMISS_NOTICE' }
  /**
   * Ctrl-C. Sets context.quitRequested; no new PIN operation starts afterwards. The app quits
   * as soon as `canQuitNow(snapshot)` (no PIN operation in flight).
   */
  | { type: 'QUIT' };

export type AuditEvent = TransportMachineEvent | CardScreenEvent | ReaderChoiceEvent | FormEvent | GlobalEvent;
