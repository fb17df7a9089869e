// Which card is this, from its ATR alone (docs/card.md §1): exact ATRs first (the CPS2ter ATR also fits
// the CPS3 mask), then the CPS3 mask as OpenSC applies it. Anything else is not a CPS.

import { t } from '../../i18n/index.js';
import { equalBytes, fromHex } from '../bytes.js';
import type { CardIdentity, CardModel } from './report.js';

const EXACT: readonly { readonly atr: Uint8Array; readonly model: CardModel }[] = [
  { atr: fromHex('3B AC 00 40 2A 00 12 25 00 64 80 82 02 12 00 90 00'), model: 'CPS2ter' },
  { atr: fromHex('3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00'), model: 'CPS3' },
  { atr: fromHex('3B 8F 80 01 00 31 B8 64 04 B0 EC C1 73 94 01 80 82 90 00 0E'), model: 'CPS3 sans contact' },
  { atr: fromHex('3B 9B 18 80 01 00 12 25 00 64 80 04 01 00 00 90 44'), model: 'CPS4' },
  { atr: fromHex('3B 9B 18 80 01 00 12 25 00 64 80 00 04 01 00 90 44'), model: 'CPS4' },
  { atr: fromHex('3B DC 18 FF 00 00 12 25 00 64 80 00 04 01 00 90 00'), model: 'CPS4' },
];

const CPS3_ATR = fromHex('3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00');
const CPS3_MASK = fromHex('FF 00 00 00 00 FF FF FF FF FF FF 00 00 00 FF FF FF');

export function identifyCard(atr: Uint8Array): CardIdentity {
  const exact = EXACT.find((e) => equalBytes(e.atr, atr));
  const model: CardModel = exact ? exact.model : matchesMask(atr) ? 'CPS3' : 'inconnu';
  const supported = model === 'CPS3' || model === 'CPS3 sans contact' || model === 'CPS4';
  return { model, atr: atr.slice(), supported, hasPin: supported && model !== 'CPS3 sans contact' };
}

function matchesMask(atr: Uint8Array): boolean {
  if (atr.length !== CPS3_ATR.length) return false;
  for (let i = 0; i < atr.length; i++) {
    if ((atr[i]! & CPS3_MASK[i]!) !== (CPS3_ATR[i]! & CPS3_MASK[i]!)) return false;
  }
  return true;
}

/**
 * The model as a reader of the screen or report says it: the identifiers of `CardModel` that are
 * words (the JSON report keeps the identifiers) in the chosen language.
 */
export function modelName(model: CardModel): string {
  if (model === 'CPS3 sans contact') return t('model.contactless');
  if (model === 'inconnu') return t('model.unknown');
  return model;
}

/** Why a card is not supported, with a remedy (src/i18n), for the report's unreadable fields. */
export function unsupportedReason(identity: CardIdentity): string {
  if (identity.model === 'CPS2ter') {
    return t('cardError.cps2ter');
  }
  return t('cardError.unrecognised');
}

/** ATRs of cards that are not CPS but are met beside one (docs/card.md §1), named in words (issue 22). */
export type OtherCard = 'vitale';

const OTHER_CARDS: readonly { readonly atr: Uint8Array; readonly card: OtherCard }[] = [
  // Vitale 2, the patient's card [PCSC]: in the other slot of a SESAM-Vitale reader.
  { atr: fromHex('3B 75 13 00 00 43 09 EA 90 00'), card: 'vitale' },
];

/** A known card that is not a CPS (a fact: which one); undefined when unknown. */
export function otherCard(atr: Uint8Array): OtherCard | undefined {
  return OTHER_CARDS.find((c) => equalBytes(c.atr, atr))?.card;
}

/** A known card that is not a CPS, in words ("carte Vitale : ce n’est pas une carte CPS"); undefined when unknown. */
export function otherCardName(atr: Uint8Array): string | undefined {
  return otherCard(atr) === 'vitale' ? t('card.i22.vitale') : undefined;
}

/** Which card an ATR says, in a few words, for the reader picker: "carte CPS3", "carte Vitale : …", "carte non reconnue". */
export function cardWords(atr: Uint8Array): string {
  const id = identifyCard(atr);
  if (id.supported) return t('card.i22.cps', { model: modelName(id.model) });
  const other = otherCardName(atr);
  if (other !== undefined) return other;
  if (id.model === 'CPS2ter') return t('card.i22.cps2ter');
  return t('card.i22.unknown');
}
