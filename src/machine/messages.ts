// Every failure the machine meets, turned into words for the holder, with a remedy, in one
// place. Nothing here ever sees a PIN or a PUK: only error objects and counters.
//
// The words come from the catalogue (src/i18n) and are looked up when a screen reads them (the
// notices' `text` and `remedy` are getters): the machine holds which message and its values,
// never a language, so the language can be chosen once at start-up, after these are built.

import type { CardReport, CodeStatus } from '../card/cps/report.js';
import { hex } from '../card/bytes.js';
import { otherCardName } from '../card/cps/identify.js';
import {
  CardRemovedDuringOperationError,
  CodeBlockedError,
  CodeFormatUnknownError,
  InvalidCodeFormatError,
  KeypadError,
  LastTryUnconfirmedError,
  NotSupportedError,
  OtherCardError,
  PukExhaustedError,
  WriteOutcomeUnknownError,
  WrongCodeError,
  type CodeName,
} from '../card/cps/errors.js';
import { isTransportError, type TransportError } from '../card/transport/errors.js';
import { t } from '../i18n/index.js';
import type { Notice, Operation } from './context.js';

type Words = () => string;

/** A notice whose words are read from the catalogue each time they are shown. */
export function wordsNotice(tone: Notice['tone'], text: Words, remedy?: Words, facts: Pick<Notice, 'mayHaveApplied'> = {}): Notice {
  if (remedy === undefined) {
    return {
      ...facts,
      tone,
      get text() {
        return text();
      },
    };
  }
  return {
    ...facts,
    tone,
    get text() {
      return text();
    },
    get remedy() {
      return remedy();
    },
  };
}

/** What a notice about a write that may have reached the card carries, whatever the language. */
const MAY_HAVE: Pick<Notice, 'mayHaveApplied'> = { mayHaveApplied: true };

const NEW_CARD: Words = () => t('msg.newCard');
const REINSERT: Words = () => t('msg.reinsert');
const MAYBE_DAMAGED: Words = () => t('msg.maybeDamaged', { reinsert: REINSERT() });

export function tries(n: number): string {
  return n === 1 ? t('tries.one') : t('tries.many', { n });
}

export const CARD_IN_USE: Notice = wordsNotice(
  'warning',
  () => t('msg.cardInUse.text'),
  () => t('msg.cardInUse.remedy'),
);

/** The PC/SC layer's failures (service down, access refused, card in use...). */
export function transportNotice(e: TransportError): Notice {
  switch (e.kind) {
    case 'service-unavailable':
      return wordsNotice(
        'error',
        () => t('msg.serviceUnavailable.text'),
        () => t('msg.serviceUnavailable.remedy'),
      );
    case 'access-refused':
      return wordsNotice(
        'error',
        () => t('msg.accessRefused.text'),
        () => t('msg.accessRefused.remedy'),
      );
    case 'no-reader':
    case 'reader-removed':
      return wordsNotice(
        'error',
        () => t('msg.readerRemoved.text'),
        () => t('msg.readerRemoved.remedy'),
      );
    case 'card-removed':
      return wordsNotice(
        'warning',
        () => t('msg.cardRemoved.text'),
        () => t('msg.cardRemoved.remedy'),
      );
    case 'card-in-use':
      return CARD_IN_USE;
    case 'timeout':
    case 'card-unresponsive':
      return wordsNotice('error', () => t('msg.unresponsive.text'), REINSERT);
    case 'unknown': {
      const message = e.message;
      return wordsNotice('error', () => t('msg.pcscUnknown.text', { message }), REINSERT);
    }
  }
}

export const NO_READER: Notice = wordsNotice(
  'info',
  () => t('msg.noReader.text'),
  () => t('msg.noReader.remedy'),
);

export const NO_CARD: Notice = wordsNotice(
  'info',
  () => t('msg.noCard.text'),
  () => t('msg.noCard.remedy'),
);

export const CHOOSE_READER: Notice = wordsNotice(
  'info',
  () => t('msg.chooseReader.text'),
  () => t('msg.chooseReader.remedy'),
);

export function unrecognisedNotice(report: CardReport): Notice {
  const atr = hex(report.identity.atr);
  if (report.identity.model === 'CPS2ter') {
    return wordsNotice(
      'warning',
      () => t('msg.cps2ter.text', { atr }),
      () => t('msg.cps2ter.remedy', { newCard: NEW_CARD() }),
    );
  }
  // A card known to be another (a Vitale card) is named as such (issue 22).
  const other = otherCardName(report.identity.atr);
  if (other !== undefined)
    return wordsNotice(
      'warning',
      () => t('msg.i22.otherCard.text', { card: otherCardName(report.identity.atr) ?? other, atr }),
      () => t('msg.i22.otherCard.remedy'),
    );
  return wordsNotice(
    'warning',
    () => t('msg.unrecognised.text', { atr }),
    () => t('msg.unrecognised.remedy'),
  );
}

/** Any failure of a full read. */
export function readFailureNotice(e: unknown): Notice {
  if (isTransportError(e)) return transportNotice(e);
  if (e instanceof NotSupportedError) return wordsNotice('warning', () => t('msg.notSupported.text'), NEW_CARD);
  return wordsNotice('error', () => t('msg.readUnexpected.text'), MAYBE_DAMAGED);
}

/**
 * What a failed read (the first part, or the certificates after it) means for the flow, decided
 * once here; the read actors throw it (actors.ts, ReadFailed) and the machine's guards read its kind:
 * - inUse: another program holds the card (tried again by itself);
 * - removed: the card or its reader went away (back to the reader list);
 * - serviceDown: pcscd went away or refused access (its error is shown as the service's state);
 * - failed: anything else, with its message.
 */
export type ReadFailure =
  | { readonly kind: 'inUse' | 'removed' | 'failed'; readonly notice: Notice }
  | { readonly kind: 'serviceDown'; readonly notice: Notice; readonly error: TransportError };

export function classifyReadFailure(e: unknown): ReadFailure {
  const notice = readFailureNotice(e);
  if (isTransportError(e)) {
    if (e.kind === 'card-in-use') return { kind: 'inUse', notice };
    if (e.kind === 'card-removed' || e.kind === 'reader-removed') return { kind: 'removed', notice };
    if (e.kind === 'service-unavailable' || e.kind === 'access-refused') return { kind: 'serviceDown', notice, error: e };
  }
  return { kind: 'failed', notice };
}

export const SITUATIONS_COST: Notice = wordsNotice(
  'info',
  () => t('msg.situationsCost.text'),
  () => t('msg.situationsCost.remedy'),
);

export const SITUATIONS_PIN_BLOCKED: Notice = wordsNotice(
  'warning',
  () => t('msg.situationsPinBlocked.text'),
  () => t('msg.situationsPinBlocked.remedy'),
);

export const NO_PIN_ON_CARD: Notice = wordsNotice(
  'info',
  () => t('msg.noPinOnCard.text'),
  () => t('msg.noPinOnCard.remedy'),
);

export const CARD_CANNOT_BE_UNBLOCKED: Notice = wordsNotice('error', () => t('msg.cannotBeUnblocked.text'), NEW_CARD);

export const PUK_UNUSABLE_WARNING: Notice = wordsNotice(
  'warning',
  () => t('msg.pukUnusable.text'),
  () => t('msg.pukUnusable.remedy'),
);

/**
 * The confirmation before sending a code on its last try, or with its tries unknown
 * (`triesLeft` null: the card did not tell them).
 */
export function lastTryWarning(op: Operation, triesLeft: number | null = 1): Notice {
  if (op === 'unblock') {
    return wordsNotice(
      'warning',
      () => (triesLeft === null ? t('msg.lastTry.unblock.unknown') : t('msg.lastTry.unblock.one')),
      () => t('msg.lastTry.unblock.remedy'),
    );
  }
  return wordsNotice(
    'warning',
    () => (triesLeft === null ? t('msg.lastTry.pin.unknown') : t('msg.lastTry.pin.one')),
    () => t('msg.lastTry.pin.remedy'),
  );
}

export const UNBLOCK_SUCCESS: Notice = wordsNotice('success', () => t('msg.unblockSuccess.text'));

export const CHANGE_SUCCESS: Notice = wordsNotice('success', () => t('msg.changeSuccess.text'));

export const MAY_HAVE_APPLIED: Notice = wordsNotice(
  'warning',
  () => t('msg.mayHaveApplied.text'),
  // Still shown once the card is back: true before and after the re-read.
  () => t('msg.mayHaveApplied.remedy'),
  MAY_HAVE,
);

export const NOTHING_APPLIED: Notice = wordsNotice(
  'warning',
  () => t('msg.nothingApplied.text'),
  () => t('msg.nothingApplied.remedy'),
);

const SERVICE_LOST_MAY_HAVE_APPLIED: Notice = wordsNotice(
  'warning',
  () => t('msg.serviceLostMayHaveApplied.text'),
  () => t('msg.serviceLostMayHaveApplied.remedy'),
  MAY_HAVE,
);

const SERVICE_LOST_NOTHING_APPLIED: Notice = wordsNotice(
  'warning',
  () => t('msg.serviceLostNothingApplied.text'),
  () => t('msg.serviceLostNothingApplied.remedy'),
);

/** Another write went out and no clear answer came (the card is there): it is read again. */
export const WRITE_OUTCOME_UNKNOWN: Notice = wordsNotice(
  'warning',
  () => t('msg.writeOutcomeUnknown.text'),
  () => t('msg.writeOutcomeUnknown.remedy'),
  MAY_HAVE,
);

export const OTHER_CARD: Notice = wordsNotice(
  'warning',
  () => t('msg.otherCard.text'),
  () => t('msg.otherCard.remedy'),
);

const SERIAL_UNREADABLE: Notice = wordsNotice(
  'warning',
  () => t('msg.serialUnreadable.text'),
  () => t('msg.serialUnreadable.remedy'),
);

const NOTHING_SENT_UNEXPECTED: Notice = wordsNotice(
  'error',
  () => t('msg.nothingSentUnexpected.text'),
  () => t('msg.nothingSentUnexpected.remedy'),
);

/**
 * What an operation's failure means for the flow:
 * - retry: back to the form (a wrong code with tries left, or nothing was sent);
 * - final: a final message in the form, then the card is read again;
 * - interrupted: the card (or pcscd) went away; the write may have applied or not;
 * - confirm: nothing was sent; the fresh counters say last (or unknown) try: ask first;
 * - reread: a message on the card screen, and the card is read again now (its true state).
 */
export type OperationFailure =
  | { readonly kind: 'retry'; readonly notice: Notice; readonly pinTriesLeft?: number; readonly pukTriesLeft?: number }
  | {
      readonly kind: 'final';
      readonly notice: Notice;
      readonly pinTriesLeft?: number;
      readonly pukTriesLeft?: number;
      readonly pukExhausted?: boolean;
      /** The write may have reached the card ("a pu être appliquée ou non"). */
      readonly mayHaveApplied?: true;
    }
  | { readonly kind: 'interrupted'; readonly notice: Notice; readonly mayHaveApplied?: true }
  | {
      readonly kind: 'confirm';
      readonly notice: Notice;
      readonly code: CodeName;
      readonly counters: { readonly pin: CodeStatus; readonly puk: CodeStatus };
    }
  | { readonly kind: 'reread'; readonly notice: Notice; readonly mayHaveApplied?: true };

/** The certificates tab while the same read brings them (the first part of the card is on screen). */
export function certificatesComing(): string {
  return t('msg.certificatesComing');
}

const PIN_NOW_BLOCKED: Notice = wordsNotice(
  'error',
  () => t('msg.pinNowBlocked.text'),
  () => t('msg.pinNowBlocked.remedy'),
);

const PIN_BLOCKED: Notice = wordsNotice(
  'error',
  () => t('msg.pinBlocked.text'),
  () => t('msg.pinNowBlocked.remedy'),
);

const PUK_BLOCKED: Notice = wordsNotice('error', () => t('msg.pukBlocked.text'), NEW_CARD);

/** The last PUK try was a wrong code: said as wrong first, then what it did (issue 17). */
const PUK_NOW_BLOCKED: Notice = wordsNotice('error', () => t('msg.pukNowBlocked.text'), NEW_CARD);

const PUK_EXHAUSTED: Notice = wordsNotice('error', () => t('msg.pukExhausted.text'), NEW_CARD);

const CODE_FORMAT_UNKNOWN: Notice = wordsNotice('error', () => t('msg.codeFormatUnknown.text'), MAYBE_DAMAGED);

function wrongCode(e: WrongCodeError, op: Operation): OperationFailure {
  const left = e.triesLeft;
  if (e.code === 'puk') {
    if (left === 0) return { kind: 'final', notice: PUK_NOW_BLOCKED, pukTriesLeft: 0 };
    return {
      kind: 'retry',
      pukTriesLeft: left,
      notice: wordsNotice(
        'error',
        () => t('msg.wrongPuk.text', { tries: tries(left) }),
        () => t('msg.wrongPuk.remedy'),
      ),
    };
  }
  if (left === 0) return { kind: 'final', notice: PIN_NOW_BLOCKED, pinTriesLeft: 0 };
  return {
    kind: 'retry',
    pinTriesLeft: left,
    notice: wordsNotice(
      'error',
      () => t(op === 'change' ? 'msg.wrongCurrentPin.text' : 'msg.wrongPin.text', { tries: tries(left) }),
      () => t('msg.wrongPin.remedy'),
    ),
  };
}

/**
 * The card layer says what was sent (errors.ts): a failure before any write changed nothing,
 * a failure once a write went out may have applied. This only turns that into the flow.
 */
export function classifyFailure(op: Operation, e: unknown): OperationFailure {
  if (e instanceof LastTryUnconfirmedError) {
    return { kind: 'confirm', code: e.code, counters: e.counters, notice: lastTryWarning(op, e.counters[e.code].triesLeft) };
  }
  if (e instanceof WrongCodeError) return wrongCode(e, op);
  if (e instanceof CodeBlockedError) {
    return e.code === 'puk'
      ? { kind: 'final', notice: PUK_BLOCKED, pukTriesLeft: 0 }
      : { kind: 'final', pinTriesLeft: 0, notice: PIN_BLOCKED };
  }
  if (e instanceof PukExhaustedError) return { kind: 'final', notice: PUK_EXHAUSTED, pukExhausted: true };
  if (e instanceof CardRemovedDuringOperationError) {
    return e.mayHaveApplied
      ? { kind: 'interrupted', notice: MAY_HAVE_APPLIED, mayHaveApplied: true }
      : { kind: 'interrupted', notice: NOTHING_APPLIED };
  }
  if (e instanceof WriteOutcomeUnknownError) {
    if (e.kind === 'service-unavailable' || e.kind === 'access-refused') {
      return { kind: 'interrupted', notice: SERVICE_LOST_MAY_HAVE_APPLIED, mayHaveApplied: true };
    }
    return { kind: 'reread', notice: WRITE_OUTCOME_UNKNOWN, mayHaveApplied: true };
  }
  if (e instanceof OtherCardError) return { kind: 'reread', notice: e.unreadable ? SERIAL_UNREADABLE : OTHER_CARD };
  if (e instanceof CodeFormatUnknownError) return { kind: 'final', notice: CODE_FORMAT_UNKNOWN };
  // Issue 20: the reader's own answer: the card never saw a code, no try was spent; never "wrong code".
  if (e instanceof KeypadError) {
    const reason = e.reason;
    return {
      kind: 'retry',
      notice: wordsNotice(
        reason === 'cancelled' ? 'info' : 'warning',
        () => t(`cps.keypad.${reason}`),
        () => t(reason === 'unavailable' || reason === 'refused' ? 'msg.keypadUseKeyboard' : 'msg.keypadAgain'),
      ),
    };
  }
  if (e instanceof InvalidCodeFormatError) {
    // The card layer's own sentence (src/card/cps/errors.ts), kept as it is.
    const message = e.message;
    return {
      kind: 'retry',
      notice: wordsNotice(
        'error',
        () => message,
        () => t('msg.typeAgain'),
      ),
    };
  }
  // From here on, nothing was written (the card layer wraps every failure after a write above).
  if (isTransportError(e)) {
    if (e.kind === 'card-in-use') return { kind: 'retry', notice: transportNotice(e) };
    if (e.kind === 'service-unavailable' || e.kind === 'access-refused')
      return { kind: 'interrupted', notice: SERVICE_LOST_NOTHING_APPLIED };
    if (e.kind === 'card-removed' || e.kind === 'reader-removed' || e.kind === 'no-reader')
      return { kind: 'interrupted', notice: NOTHING_APPLIED };
    const base = transportNotice(e);
    return {
      kind: 'reread',
      notice: wordsNotice(
        base.tone,
        () => t('msg.nothingChanged', { text: base.text }),
        () => base.remedy ?? '',
      ),
    };
  }
  return { kind: 'reread', notice: NOTHING_SENT_UNEXPECTED };
}
