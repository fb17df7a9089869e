// Each kind of notice the machine classifies (src/machine/notice.ts) said once: one sentence and
// one remedy, from the catalogue, in the language chosen at start. Every place that shows a
// notice (the screens, the accessible mode, the report, the exit line, the journal) asks here.

import { MalformedResponseError } from '../card/apdu/errors.js';
import { swHex } from '../card/apdu/status-words.js';
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
  UnexpectedCardResponseError,
  WriteOutcomeUnknownError,
  WrongCodeError,
} from '../card/cps/errors.js';
import { modelName } from '../card/cps/identify.js';
import type { CardModel } from '../card/cps/report.js';
import { SimStateError, type SimStateProblem } from '../card/simulator/memory.js';
import { TransportError } from '../card/transport/errors.js';
import type { ReaderMismatch } from '../card/transport/reader-match.js';
import { saidMasked } from './mask.js';
import { transportNotice } from '../machine/messages.js';
import type { Notice, TransportFailureKind } from '../machine/notice.js';
import { t } from '../i18n/index.js';

export interface Words {
  readonly text: string;
  readonly remedy?: string;
}

/** "un seul essai", "2 essais". */
export function tries(n: number): string {
  return n === 1 ? t('tries.one') : t('tries.many', { n });
}

/** "4 chiffres", "4 à 8 chiffres", "des chiffres seulement": a code's rule in words. */
export function rangeWords(l: { readonly min: number; readonly max: number } | undefined): string {
  if (l === undefined) return t('codes.range.digitsOnly');
  return l.min === l.max ? t('codes.range.fixed', { n: l.min }) : t('codes.range.span', { min: l.min, max: l.max });
}

const newCard = (): string => t('msg.newCard');
const reinsert = (): string => t('msg.reinsert');
const maybeDamaged = (): string => t('msg.maybeDamaged', { reinsert: reinsert() });

/** A PC/SC failure in words (`code`: the raw PC/SC code, when there was one). */
export function transportWords(kind: TransportFailureKind, code?: string): Words {
  switch (kind) {
    case 'card-in-use':
      return { text: t('msg.cardInUse.text'), remedy: t('msg.cardInUse.remedy') };
    case 'service-down':
      return { text: t('msg.serviceUnavailable.text'), remedy: t('msg.serviceUnavailable.remedy') };
    case 'access-refused':
      return { text: t('msg.accessRefused.text'), remedy: t('msg.accessRefused.remedy') };
    case 'reader-gone':
      return { text: t('msg.readerRemoved.text'), remedy: t('msg.readerRemoved.remedy') };
    case 'card-removed':
      return { text: t('msg.cardRemoved.text'), remedy: t('msg.cardRemoved.remedy') };
    case 'card-mute':
      return { text: t('msg.unresponsive.text'), remedy: reinsert() };
    case 'pcsc-unknown':
      return { text: t('msg.pcscUnknown.text', { code: code ?? '?' }), remedy: reinsert() };
  }
}

/** The one sentence and the one remedy of a notice. */
export function noticeWords(n: Notice): Words {
  switch (n.kind) {
    case 'card-in-use':
    case 'service-down':
    case 'access-refused':
    case 'reader-gone':
    case 'card-removed':
    case 'card-mute':
      return transportWords(n.kind);
    case 'pcsc-unknown':
      return transportWords(n.kind, n.code);
    case 'nothing-changed': {
      const base = transportWords(n.cause, n.code);
      return { text: t('msg.nothingChanged', { text: base.text }), ...(base.remedy !== undefined ? { remedy: base.remedy } : {}) };
    }
    case 'no-reader':
      return { text: t('msg.noReader.text'), remedy: t('msg.noReader.remedy') };
    case 'no-card':
      return { text: t('msg.noCard.text'), remedy: t('msg.noCard.remedy') };
    case 'choose-reader':
      return { text: t('msg.chooseReader.text'), remedy: t('msg.chooseReader.remedy') };
    case 'cps2ter':
      return { text: t('msg.cps2ter.text', { atr: n.atr }), remedy: t('msg.cps2ter.remedy', { newCard: newCard() }) };
    case 'other-card-type':
      return { text: t('msg.i22.otherCard.text', { card: t('card.i22.vitale'), atr: n.atr }), remedy: t('msg.i22.otherCard.remedy') };
    case 'unrecognised':
      return { text: t('msg.unrecognised.text', { atr: n.atr }), remedy: t('msg.unrecognised.remedy') };
    case 'not-supported':
      return { text: t('msg.notSupported.text'), remedy: newCard() };
    case 'read-unexpected':
      return { text: t('msg.readUnexpected.text'), remedy: maybeDamaged() };
    case 'situations-cost':
      return { text: t('msg.situationsCost.text'), remedy: t('msg.situationsCost.remedy') };
    case 'situations-pin-blocked':
      return { text: t('msg.situationsPinBlocked.text'), remedy: t('msg.situationsPinBlocked.remedy') };
    case 'no-pin-on-card':
      return { text: t('msg.noPinOnCard.text'), remedy: t('msg.noPinOnCard.remedy') };
    case 'cannot-be-unblocked':
      return { text: t('msg.cannotBeUnblocked.text'), remedy: newCard() };
    case 'puk-unusable':
      return { text: t('msg.pukUnusable.text'), remedy: t('msg.pukUnusable.remedy') };
    case 'last-try':
      if (n.op === 'unblock') {
        return {
          text: n.triesLeft === null ? t('msg.lastTry.unblock.unknown') : t('msg.lastTry.unblock.one'),
          remedy: t('msg.lastTry.unblock.remedy'),
        };
      }
      return { text: n.triesLeft === null ? t('msg.lastTry.pin.unknown') : t('msg.lastTry.pin.one'), remedy: t('msg.lastTry.pin.remedy') };
    case 'unblock-success':
      return { text: t('msg.unblockSuccess.text') };
    case 'change-success':
      return { text: t('msg.changeSuccess.text') };
    case 'may-have-applied':
      return { text: t('msg.mayHaveApplied.text'), remedy: t('msg.mayHaveApplied.remedy') };
    case 'nothing-applied':
      return { text: t('msg.nothingApplied.text'), remedy: t('msg.nothingApplied.remedy') };
    case 'service-lost-may-have-applied':
      return { text: t('msg.serviceLostMayHaveApplied.text'), remedy: t('msg.serviceLostMayHaveApplied.remedy') };
    case 'service-lost-nothing-applied':
      return { text: t('msg.serviceLostNothingApplied.text'), remedy: t('msg.serviceLostNothingApplied.remedy') };
    case 'write-outcome-unknown':
      return { text: t('msg.writeOutcomeUnknown.text'), remedy: t('msg.writeOutcomeUnknown.remedy') };
    case 'other-card':
      return { text: t('msg.otherCard.text'), remedy: t('msg.otherCard.remedy') };
    case 'serial-unreadable':
      return { text: t('msg.serialUnreadable.text'), remedy: t('msg.serialUnreadable.remedy') };
    case 'nothing-sent-unexpected':
      return { text: t('msg.nothingSentUnexpected.text'), remedy: t('msg.nothingSentUnexpected.remedy') };
    case 'pin-now-blocked':
      return { text: t('msg.pinNowBlocked.text'), remedy: t('msg.pinNowBlocked.remedy') };
    case 'pin-blocked':
      return { text: t('msg.pinBlocked.text'), remedy: t('msg.pinNowBlocked.remedy') };
    case 'puk-blocked':
      return { text: t('msg.pukBlocked.text'), remedy: newCard() };
    case 'puk-now-blocked':
      return { text: t('msg.pukNowBlocked.text'), remedy: newCard() };
    case 'puk-exhausted':
      return { text: t('msg.pukExhausted.text'), remedy: newCard() };
    case 'code-format-unknown':
      return { text: t('msg.codeFormatUnknown.text'), remedy: maybeDamaged() };
    case 'wrong-code':
      if (n.code === 'puk') return { text: t('msg.wrongPuk.text', { tries: tries(n.triesLeft) }), remedy: t('msg.wrongPuk.remedy') };
      return {
        text: t(n.op === 'change' ? 'msg.wrongCurrentPin.text' : 'msg.wrongPin.text', { tries: tries(n.triesLeft) }),
        remedy: t('msg.wrongPin.remedy'),
      };
    case 'keypad':
      return {
        text: t(`cps.keypad.${n.reason}`),
        remedy: t(n.reason === 'unavailable' || n.reason === 'refused' ? 'msg.keypadUseKeyboard' : 'msg.keypadAgain'),
      };
    case 'invalid-code-format': {
      const range = rangeWords(n.length);
      return { text: n.code === 'pin' ? t('cps.pinFormat', { range }) : t('cps.pukFormat', { range }), remedy: t('msg.typeAgain') };
    }
    case 'unblock-applied':
      return { text: t('msg.unblockApplied.text'), remedy: t('msg.unblockApplied.remedy') };
    case 'unblock-not-applied':
      return { text: t('msg.unblockNotApplied.text'), remedy: t('msg.unblockNotApplied.remedy') };
  }
}

/** The sentence of a notice (absent notice: ''). */
export const noticeText = (n: Notice | undefined): string => (n === undefined ? '' : noticeWords(n).text);

/** The remedy of a notice, if it has one. */
export const noticeRemedy = (n: Notice | undefined): string | undefined => (n === undefined ? undefined : noticeWords(n).remedy);

/**
 * What fixes a missing libpcsclite or pcsclite module: the module is native, built at install
 * time only where libpcsclite-dev and a compiler were there, so it must be built again.
 */
export const pcscInstallRemedy = (): string => t('pcsc.installRemedy');

/** A transport failure as one line of words: its sentence and its remedy (diagnose, the report). */
export function transportErrorWords(e: TransportError): string {
  if (e.fact?.reason === 'binding-missing') return t('pcsc.bindingMissing', { remedy: pcscInstallRemedy(), detail: e.fact.detail });
  const w = noticeWords(transportNotice(e));
  return w.remedy !== undefined ? `${w.text} ${w.remedy}` : w.text;
}

/** Why `--reader NAME` names no usable reader, in words, with the readers to choose from. */
export function readerMismatchWords(m: ReaderMismatch): string {
  const listing =
    m.readers.length === 0 ? t('readerMatch.none') : t('readerMatch.present', { list: m.readers.map((n) => `  - ${n}`).join('\n') });
  const wanted = saidMasked(m.wanted);
  switch (m.problem) {
    case 'empty-name':
      return t('readerMatch.emptyName', { listing });
    case 'no-match':
      return t('readerMatch.noMatch', { wanted, listing });
    case 'several':
      return t('readerMatch.several', { wanted, listing });
  }
}

/** Why a card is not supported, with a remedy, for the report's unreadable fields. */
export function unsupportedWords(model: CardModel): string {
  return model === 'CPS2ter' ? t('cardError.cps2ter') : t('cardError.unrecognised');
}

/** Why a simulated card's saved state is refused, in words. */
function simStateWords(p: SimStateProblem): string {
  switch (p.why) {
    case 'no-state':
      return t('simcard.noState');
    case 'unknown-fixture':
      return t('simcard.invalid', { why: t('simcard.unknownFixture', { card: p.card }) });
    case 'other-fixture':
      return t('simcard.invalid', { why: t('simcard.otherFixture', { saved: p.saved, card: p.card }) });
    case 'not-object':
      return t('simcard.invalid', { why: t('simcard.notObject') });
    case 'format':
      return t('simcard.invalid', { why: t('simcard.format') });
    case 'no-fixture':
      return t('simcard.invalid', { why: t('simcard.noFixture') });
    case 'bad-pin':
      return t('simcard.invalid', { why: t('simcard.badPin') });
    case 'bad-puk':
      return t('simcard.invalid', { why: t('simcard.badPuk') });
  }
}

/** What was wrong with a card's answer, in words. */
function malformedWords(e: MalformedResponseError): string {
  const m = e.malformation;
  const detail = m.reason === 'too-short' ? t('card.apdu.tooShort', { n: m.n }) : t('card.apdu.endlessChain');
  return t('card.apdu.malformed', { step: e.step, detail });
}

/**
 * Any failure the card layer raises, in one line of words (diagnose, the card test, an export):
 * the card layer carries facts and English developer messages only.
 */
export function errorWords(e: unknown): string {
  if (e instanceof TransportError) return transportErrorWords(e);
  if (e instanceof WrongCodeError) return e.code === 'pin' ? t('cps.wrongPin', { n: e.triesLeft }) : t('cps.wrongPuk', { n: e.triesLeft });
  if (e instanceof CodeBlockedError) return e.code === 'pin' ? t('cps.pinBlocked') : t('cps.pukBlocked');
  if (e instanceof PukExhaustedError) return t('cps.pukExhausted');
  if (e instanceof InvalidCodeFormatError)
    return noticeWords({ tone: 'error', kind: 'invalid-code-format', code: e.code, ...(e.length ? { length: e.length } : {}) }).text;
  if (e instanceof CardRemovedDuringOperationError)
    return e.mayHaveApplied ? t('cps.removedMayHaveApplied') : t('cps.removedNothingChanged');
  if (e instanceof WriteOutcomeUnknownError) return t('cps.writeOutcomeUnknown', { detail: e.detail });
  if (e instanceof LastTryUnconfirmedError) return e.code === 'pin' ? t('cps.pinLastTryUnconfirmed') : t('cps.pukLastTryUnconfirmed');
  if (e instanceof OtherCardError) return e.unreadable ? t('cps.serialUnreadable') : t('cps.otherCard');
  if (e instanceof CodeFormatUnknownError) return t('cps.codeFormatUnknown', { reason: e.reason });
  if (e instanceof UnexpectedCardResponseError)
    return t('cps.unexpectedResponse', { detail: `${e.step}${e.sw === undefined ? '' : `, SW ${swHex(e.sw)}`}` });
  if (e instanceof KeypadError) return t(`cps.keypad.${e.reason}`);
  if (e instanceof NotSupportedError) {
    if (e.reason === 'contactless') return t('card.contactless.noPin');
    if (e.reason === 'operation') return t('card.op.unsupported', { model: modelName(e.model) });
    return unsupportedWords(e.model);
  }
  if (e instanceof MalformedResponseError) return malformedWords(e);
  if (e instanceof SimStateError) return simStateWords(e.problem);
  return e instanceof Error ? e.message : String(e);
}
