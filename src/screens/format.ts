// How values read from the card are written on screen, in the seed's words.

import type { Coded, CodeStatus, Readable } from '../card/cps/report.js';

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
  return c.label ?? `${c.code} (code inconnu)`;
}

/**
 * A field's value; one that could not be read shows "—", and its section says why once
 * (unreadNote), so that no field repeats a reason nor nests one inside another.
 */
export function readable<T>(r: Readable<T>, show: (v: T) => string): string {
  return r.ok ? show(r.value) : NOT_READ;
}

/** What the card did not give, said plainly. */
export const NOT_READ_ON_CARD = 'non lu sur cette carte';

/**
 * One line for a section's fields that no source gave: "— : non lu sur cette carte (why)", each
 * distinct reason once; undefined when every field was read.
 */
export function unreadNote(fields: readonly Readable<unknown>[]): string | undefined {
  const reasons = [...new Set(fields.flatMap((f) => (f.ok ? [] : [f.reason])))];
  if (reasons.length === 0) return undefined;
  return `${NOT_READ} : ${NOT_READ_ON_CARD} (${reasons.join(' ; ')})`;
}

/** "(d'après le certificat d'authentification)", for fields that came from a certificate. */
export function fromCertificateNote(use: 'signature' | 'authentification' | 'inconnu'): string {
  const which = use === 'signature' ? 'de signature' : use === 'authentification' ? 'd’authentification' : '';
  return `(d’après le certificat ${which})`.replace(' )', ')');
}

export function text(r: Readable<string>): string {
  return readable(r, (v) => v);
}

export function tries(n: number): string {
  return `${n} essai${n > 1 ? 's' : ''}`;
}

/** "OK (3 essais sur 3)", "Verrouillé (0 essai sur 3)". */
export function pinStatusText(pin: CodeStatus): string {
  if (pin.triesLeft === null) return 'inconnu (la carte ne le dit pas)';
  const count =
    pin.maxTries === null
      ? tries(pin.triesLeft) + ' restant' + (pin.triesLeft > 1 ? 's' : '')
      : `${tries(pin.triesLeft)} sur ${pin.maxTries}`;
  return pin.triesLeft === 0 ? `Verrouillé (${count})` : `OK (${count})`;
}

/** The PUK also tells how many unblocks the card has left in its life, when they run low. */
export function pukStatusText(puk: CodeStatus): string {
  if (puk.unblocksLeft === 0) return 'Épuisé (plus aucun déblocage possible)';
  // A CPS4 tells the tries left, never its maximum: say so rather than guess (docs/card.md §3).
  const base = puk.maxTries === null && puk.triesLeft !== null ? pinStatusText(puk).replace(/\)$/, ', max. inconnu)') : pinStatusText(puk);
  const left = puk.unblocksLeft;
  if (left === undefined || left === null || left > 10 || puk.triesLeft === 0) return base;
  return `${base}, plus que ${left} déblocage${left > 1 ? 's' : ''}`;
}

const DAY = 24 * 3600 * 1000;

/** Whole days from `now` to `later` (negative when past). */
export function daysUntil(later: Date, now: Date): number {
  return Math.floor((later.getTime() - now.getTime()) / DAY);
}

/** valide / expire dans N jours / expiré / pas encore valide. */
export function validityState(notBefore: Date, notAfter: Date, now: Date): { text: string; tone: 'ok' | 'warning' | 'danger' } {
  if (now.getTime() > notAfter.getTime()) return { text: `expiré (depuis le ${frenchDateOf(notAfter)})`, tone: 'danger' };
  if (now.getTime() < notBefore.getTime()) return { text: `pas encore valide (à partir du ${frenchDateOf(notBefore)})`, tone: 'warning' };
  const days = daysUntil(notAfter, now);
  if (days <= 90) return { text: days <= 0 ? "expire aujourd'hui" : `expire dans ${days} jour${days > 1 ? 's' : ''}`, tone: 'warning' };
  return { text: 'valide', tone: 'ok' };
}

/** The card's end of validity; an expired card says so. */
export function cardExpiryText(validTo: Readable<string>, now: Date): { text: string; expired: boolean } {
  if (!validTo.ok) return { text: text(validTo), expired: false };
  const end = new Date(`${validTo.value}T23:59:59Z`);
  const expired = !Number.isNaN(end.getTime()) && end.getTime() < now.getTime();
  return { text: frenchDate(validTo.value) + (expired ? ' (carte expirée)' : ''), expired };
}

/**
 * The seed's status line: "Aucun lecteur ou carte présent." until a card is in a reader, then
 * the readers: "Un lecteur de carte connecté.", "2 lecteurs de carte connectés.".
 */
export function readerCountText(readers: number, withCard: number): string {
  if (readers === 0 || withCard === 0) return 'Aucun lecteur ou carte présent.';
  if (readers === 1) return 'Un lecteur de carte connecté.';
  return `${readers} lecteurs de carte connectés.`;
}
