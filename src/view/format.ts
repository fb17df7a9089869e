// How values read from the card are written, in the seed's words (from the catalogue, src/i18n):
// the screens, the accessible mode and the text report share these helpers (view level: below the
// screens, beside the report). Card data (names, labels) is shown as the card has it; how a code
// or a date stands is the card layer's (card/cps/standing.ts), only worded here.

import type { Coded, CodeStatus, GenericNode, GenericRest, GenericView, Readable } from '../card/cps/report.js';
import type { GenericHex } from '../card/tlv/generic.js';
import { cardValidity, certificateValidity, codeStanding, pukStanding, unblocksStanding } from '../card/cps/standing.js';
import { isPlural, t } from '../i18n/index.js';
import { cardFactWords, modelName } from '../i18n/card-facts.js';
import { identifyCard, otherCard } from '../card/cps/identify.js';

export const NOT_READ = '—';

/** "2011-05-15" → "15/05/2011"; anything else is shown as it is. */
export function frenchDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export function frenchDateOf(d: Date): string {
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${d.getUTCFullYear()}`;
}

export function coded(c: Coded): string {
  return c.label ?? t('value.unknownCode', { code: c.code });
}

/**
 * A field's value; one that could not be read shows "—", and its section says why once
 * (unreadNote), so that no field repeats a reason nor nests one inside another.
 */
export function readable<T>(r: Readable<T>, show: (v: T) => string): string {
  return r.ok ? show(r.value) : NOT_READ;
}

/** What the card did not give, said plainly. */
export function notReadOnCard(): string {
  return t('value.notRead');
}

/**
 * One line for a section's fields that no source gave: "— : non lu sur cette carte (why)", each
 * distinct reason once; undefined when every field was read.
 */
export function unreadNote(fields: readonly Readable<unknown>[]): string | undefined {
  const reasons = [...new Set(fields.flatMap((f) => (f.ok ? [] : [cardFactWords(f.reason)])))];
  if (reasons.length === 0) return undefined;
  return t('value.notReadLine', { dash: NOT_READ, notRead: notReadOnCard(), reasons: reasons.join(t('list.separator')) });
}

/** "(d'après le certificat d'authentification)", for fields that came from a certificate. */
export function fromCertificateNote(use: 'signature' | 'authentification' | 'inconnu'): string {
  return t(`value.fromCertificate.${use}`);
}

export function text(r: Readable<string>): string {
  return readable(r, (v) => v);
}

export function tries(n: number): string {
  return isPlural(n) ? t('value.tries.many', { n }) : t('value.tries.one', { n });
}

/** "OK (3 essais sur 3)", "Verrouillé (0 essai sur 3)". */
export function pinStatusText(pin: CodeStatus): string {
  if (pin.triesLeft === null) return t('value.unknownNotTold');
  const count =
    pin.maxTries === null
      ? t(pin.triesLeft > 1 ? 'value.triesLeft.many' : 'value.triesLeft.one', { tries: tries(pin.triesLeft) })
      : t('value.triesOf', { tries: tries(pin.triesLeft), max: pin.maxTries });
  const standing = codeStanding(pin);
  if (standing === 'blocked') return t('value.locked', { count });
  // The last try is a warning in words, not a plain "OK" (issue 11).
  return standing === 'lastTry' ? t('value.lastTry', { count }) : t('value.ok', { count });
}

/** The PUK also tells how many unblocks the card has left in its life, when they run low. */
export function pukStatusText(puk: CodeStatus): string {
  const standing = pukStanding(puk);
  if (standing === 'exhausted') return t('value.exhausted');
  // A CPS4 tells the tries left, never its maximum: say so rather than guess (docs/card.md §3).
  const base =
    puk.maxTries === null && puk.triesLeft !== null ? pinStatusText(puk).replace(/\)$/, t('value.maxUnknown')) : pinStatusText(puk);
  const left = puk.unblocksLeft;
  const unblocks = unblocksStanding(left);
  if (typeof left !== 'number' || (unblocks !== 'few' && unblocks !== 'last') || standing === 'blocked') return base;
  return t(left > 1 ? 'value.unblocksLeft.many' : 'value.unblocksLeft.one', { base, n: left });
}

/** valide / expire dans N jours / expiré / pas encore valide. */
export function validityState(notBefore: Date, notAfter: Date, now: Date): { text: string; tone: 'ok' | 'warning' | 'danger' } {
  const v = certificateValidity(notBefore, notAfter, now);
  if (v.kind === 'expired') return { text: t('value.expired', { date: frenchDateOf(notAfter) }), tone: 'danger' };
  if (v.kind === 'notYetValid') return { text: t('value.notYetValid', { date: frenchDateOf(notBefore) }), tone: 'warning' };
  if (v.kind === 'expiring') {
    const text = v.days <= 0 ? t('value.expiresToday') : t(v.days > 1 ? 'value.expiresIn.many' : 'value.expiresIn.one', { n: v.days });
    return { text, tone: 'warning' };
  }
  return { text: t('value.valid'), tone: 'ok' };
}

/** The card's end of validity; an expired card says so. */
export function cardExpiryText(validTo: Readable<string>, now: Date): { text: string; expired: boolean } {
  if (!validTo.ok) return { text: text(validTo), expired: false };
  const expired = cardValidity(validTo, now).kind === 'expired';
  return { text: frenchDate(validTo.value) + (expired ? t('value.cardExpired') : ''), expired };
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

/** Bytes of the generic view in hex, a long value's cut said in words. */
function hexWords(h: GenericHex): string {
  return typeof h === 'string' ? h : cardFactWords(h);
}

/**
 * The view as lines of plain text, one per TLV, indented by depth: `80 « 2300081197 »` for text,
 * `81 : 80` for bytes, `A0` above its children, then any rest. Used by the screens and any
 * textual report; `indent` is prefixed to every line.
 */
export function genericLines(view: GenericView, indent = ''): string[] {
  const out: string[] = [];
  const walk = (nodes: readonly GenericNode[], rest: GenericRest | undefined, pad: string) => {
    for (const n of nodes) {
      if (n.kind === 'constructed') {
        out.push(`${pad}${n.tag}${n.children.length === 0 && !n.rest ? ` ${t('value.empty')}` : ''}`);
        walk(n.children, n.rest, `${pad}  `);
      } else if (n.kind === 'text') out.push(pad + t('card.tlv.textLine', { tag: n.tag, text: n.text }));
      else out.push(`${pad}${n.tag} : ${n.hex === '' ? t('value.empty') : hexWords(n.hex)}`);
    }
    if (rest) out.push(pad + t('card.tlv.restLine', { offset: rest.offset, reason: cardFactWords(rest.reason), hex: hexWords(rest.hex) }));
  };
  walk(view.nodes, view.rest, indent);
  if (out.length === 0) out.push(`${indent}${t('value.empty')}`);
  return out;
}
