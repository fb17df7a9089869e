// What the card layer found wrong or worth a remark while reading a card (issue 19, "words"): a
// kind and its values, never a sentence. The view level says each kind once, from the catalogue
// (src/i18n/card-facts.ts, `cardFactWords`); the kinds are named like the catalogue's keys that
// word them, and a value may itself be a fact (a reason inside a warning).

/** The kinds of fact the card layer reports; each is worded by the catalogue key of the same name. */
export type CardFactKind =
  // the card report's reasons and warnings (application.ts, card-reading.ts, holder*.ts, counters.ts, sn-icc.ts)
  | 'card.file.absent'
  | 'card.apdu.malformed'
  | 'card.apdu.tooShort'
  | 'card.apdu.endlessChain'
  | 'card.dir.noApp'
  | 'card.dir.unreadable'
  | 'card.dir.elsewhere'
  | 'card.file.unreadable'
  | 'card.entry.unreadable'
  | 'card.pinNeeded'
  | 'card.counters.unreadable'
  | 'card.labelMismatch'
  | 'card.actua.unreadable'
  | 'card.object.absent'
  | 'card.cdf.entryUnreadable'
  | 'card.counters.noObject'
  | 'card.counters.no9B'
  | 'card.counters.length'
  | 'card.format.unpublished'
  | 'card.absent'
  | 'card.codeBytes'
  | 'card.notInLayout'
  | 'card.cert.noName'
  | 'card.cert.noId'
  | 'card.cert.noProfession'
  | 'card.cert.unknownProfession'
  | 'card.mismatch.name'
  | 'card.mismatch.id'
  | 'card.mismatch.profession'
  | 'card.holder.bothUnread'
  | 'card.sn.length'
  | 'card.sn.start'
  | 'card.sn.notBcd'
  | 'card.sn.issuer'
  | 'card.sn.checkDigit'
  | 'card.text.invalid'
  | 'card.date.invalid'
  | 'card.digits.expected'
  | 'card.object.unreadable'
  // the PKCS#15 readers (pkcs15/*.ts)
  | 'card.p15.authNotPin'
  | 'card.p15.authAttrs'
  | 'card.p15.pinLengths'
  | 'card.p15.pinPath'
  | 'card.p15.padChar'
  | 'card.p15.certNoPath'
  | 'card.p15.certPath'
  | 'card.p15.certAttrs'
  | 'card.p15.certId'
  | 'card.p15.certUnreadable'
  | 'card.p15.dirTemplate'
  | 'card.p15.noAid'
  | 'card.p15.dataNotOpaque'
  | 'card.p15.dataAttrs'
  | 'card.p15.dataNoPath'
  | 'card.p15.dataPath'
  | 'card.p15.odfEntry'
  | 'card.p15.keyNotRsa'
  | 'card.p15.keyAttrs'
  | 'card.p15.commonAttrs'
  | 'card.p15.flags'
  | 'card.p15.x509Attrs'
  | 'card.p15.path'
  | 'card.p15.index'
  | 'card.p15.length'
  | 'card.p15.keyId'
  | 'card.p15.keyUsage'
  | 'card.p15.keyRef'
  | 'card.p15.modulus'
  | 'card.p15.tokenNoSerial'
  | 'card.asn1.absent'
  | 'card.asn1.tag'
  | 'card.asn1.integer'
  | 'card.asn1.emptyBits'
  | 'card.asn1.unusedBits'
  | 'card.asn1.boolean'
  | 'card.asn1.path'
  | 'card.asn1.part'
  | 'card.p15.pinType'
  | 'card.p15.certNotX509'
  // the BER-TLV parser (tlv/tlv.ts)
  | 'card.tlv.invalid'
  | 'card.tlv.oneExpected'
  | 'card.tlv.tagCut'
  | 'card.tlv.tagTooLong'
  | 'card.tlv.tag00'
  | 'card.tlv.noLength'
  | 'card.tlv.indefinite'
  | 'card.tlv.lengthBytes'
  | 'card.tlv.lengthCut'
  | 'card.tlv.beyond'
  | 'card.tlv.tooDeep'
  // the generic view (tlv/generic.ts)
  | 'card.tlv.notBer'
  | 'card.tlv.noLengthAfter'
  | 'card.tlv.badLengthAfter'
  | 'card.tlv.lengthCutAfter'
  | 'card.tlv.valueCut'
  | 'card.tlv.hexCut'
  // the model and a card not supported (identify.ts)
  | 'model.contactless'
  | 'model.unknown'
  | 'cardError.cps2ter'
  | 'cardError.unrecognised';

/** A value of a fact: a number, text (from the card or a name of ours), or another fact. */
export type CardFactValue = string | number | CardFact;

/**
 * A fact of the card layer. `message`: an error that is not a fact of ours (a status word, an
 * answer the card should not give), shown by its own message as before.
 */
export type CardFact =
  | { readonly kind: CardFactKind; readonly values?: Readonly<Record<string, CardFactValue>> }
  | { readonly kind: 'message'; readonly text: string };

/** A fact of `kind` with its values. */
export function fact(kind: CardFactKind, values?: Readonly<Record<string, CardFactValue>>): CardFact {
  return values ? { kind, values } : { kind };
}

/** A short English line for developers and logs (never shown to a holder as such). */
export function factMessage(f: CardFact): string {
  if (f.kind === 'message') return f.text;
  const values = Object.entries(f.values ?? {}).map(([k, v]) => `${k}=${typeof v === 'object' ? `(${factMessage(v)})` : String(v)}`);
  return values.length === 0 ? f.kind : `${f.kind}: ${values.join(', ')}`;
}

/** An error that carries a fact of the card layer, with the fact's English line as its message. */
export class CardFactError extends Error {
  constructor(
    readonly fact: CardFact,
    options?: ErrorOptions,
  ) {
    super(factMessage(fact), options);
  }
}

/** What an error says as a fact: its own fact, else its message. */
export function factOf(e: unknown): CardFact {
  if (e instanceof CardFactError) return e.fact;
  return { kind: 'message', text: e instanceof Error ? e.message : String(e) };
}
