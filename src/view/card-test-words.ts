// Issue 21 + 19: the card test's facts (src/card/cps/card-test.ts: CheckFact, CheckRemedy) in
// words, from the catalogue: each check's name, what it found, what to do. The command, the full
// screen, the accessible mode, the journal and the saved report all say a check from here.

import { hex } from '../card/bytes.js';
import type { CardTestResult, CheckFact, CheckId, CheckRemedy, CheckResult, UnreadableReason } from '../card/cps/card-test.js';
import type { SignatureRefusal } from '../card/cps/key-test.js';
import { cardFactWords, modelName } from '../i18n/card-facts.js';
import type { ChainResult } from '../card/trust/chain.js';
import { t } from '../i18n/index.js';
import type { WordedCardTest, WordedCheck } from '../report/model.js';
import { errorWords } from './failure.js';

/** dd/mm/yyyy, as the test has always said its dates. */
const day = (d: Date): string => d.toISOString().slice(0, 10).split('-').reverse().join('/');

/** A check's name, in the chosen language. */
export const checkName = (id: CheckId): string => t(`cardTest.name.${id}`);

/** The words of a chain result (also shown beside each exported certificate). */
export function chainWords(r: ChainResult): string {
  switch (r.kind) {
    case 'trusted':
      return t(r.source === 'test' ? 'cardTest.chain.trustedTest' : 'cardTest.chain.trusted', { path: r.path.join(' → ') });
    case 'test-hierarchy':
      return t('cardTest.chain.testHierarchy', { issuer: r.issuer });
    case 'unknown-issuer':
      return t('cardTest.chain.unknownIssuer', { issuer: r.issuer });
    case 'bad-signature':
      return t('cardTest.chain.badSignature', { subject: r.subject, issuer: r.issuer });
    case 'authority-expired':
      return t('cardTest.chain.expired', { authority: r.authority, date: day(r.notAfter) });
    case 'authority-not-yet-valid':
      return t('cardTest.chain.notYet', { authority: r.authority, date: day(r.notBefore) });
    case 'not-an-authority':
      return t('cardTest.chain.notCa', { authority: r.authority });
    case 'untrusted-root':
      return t('cardTest.chain.untrustedRoot', { root: r.root });
    case 'unreadable':
      return t('cardTest.chain.unreadable');
  }
}

/** Why the card gave no signature. */
export function refusalWords(r: SignatureRefusal): string {
  return r.kind === 'no-reference'
    ? t('cardTest.key.noReference')
    : t('cardTest.key.refused', { step: r.step, sw: hex(Uint8Array.of(r.sw >> 8, r.sw & 0xff)) });
}

/** A certificate's reason for being unreadable, as the full read gave it. */
const unreadableWords = (r: UnreadableReason): string => cardFactWords(r);

/** What a check found, why it was skipped or what is wrong, in one sentence. */
export function checkDetail(f: CheckFact): string {
  switch (f.kind) {
    case 'read.failed':
      return t('cardTest.read.failed', { reason: errorWords(f.error) });
    case 'read.unsupported':
      return t('cardTest.read.unsupported', { model: modelName(f.model) });
    case 'read.certUnreadable':
      return t('cardTest.read.certUnreadable', { reasons: f.reasons.map(unreadableWords).join(t('list.separator')) });
    case 'read.undecoded':
      return t('cardTest.read.undecoded', { labels: f.labels.join(', ') });
    case 'read.ok':
      return t('cardTest.read.ok', { n: f.n });
    case 'skip.notRead':
      return t('cardTest.skip.notRead');
    case 'codes.contactless':
    case 'codes.pukGone':
    case 'codes.pinBlocked':
    case 'cert.noKey':
    case 'chain.noCert':
    case 'key.noTechnical':
    case 'key.missing':
    case 'key.contactless':
    case 'key.pinBlocked':
    case 'key.noPin':
    case 'key.declined':
    case 'key.notSigned':
    case 'key.noCertificate':
    case 'key.mismatch':
    case 'key.lastTryNotConfirmed':
    case 'key.otherCard':
    case 'key.removed':
      return t(`cardTest.${f.kind}`);
    case 'codes.ok':
      return t('cardTest.codes.ok', { pin: f.pin, puk: f.puk });
    case 'cert.noCert':
      return t('cardTest.cert.noCert', { id: f.id });
    case 'cert.unparseable':
      return errorWords(f.error);
    case 'cert.expired':
      return t('cardTest.cert.expired', { date: day(f.date) });
    case 'cert.notYet':
      return t('cardTest.cert.notYet', { date: day(f.date) });
    case 'cert.usage':
      return t('cardTest.cert.usage', { usage: f.usage });
    case 'cert.modulus':
      return t('cardTest.cert.modulus', { cert: f.cert, key: f.key });
    case 'cert.ok':
      return t('cardTest.cert.ok', { from: day(f.from), to: day(f.to), bits: f.bits, usage: f.usage, id: f.id });
    case 'chain':
      return chainWords(f.result);
    case 'key.refusal':
      return refusalWords(f.refusal);
    case 'key.ok':
      return t('cardTest.key.ok', { bits: f.bits });
    case 'key.wrongPin':
      return t('cardTest.key.wrongPin', { left: f.left ?? '?' });
    case 'key.interrupted':
      return t('cardTest.key.interrupted', { reason: errorWords(f.error) });
  }
}

const REMEDY_KEY = {
  read: 'cardTest.read.remedy',
  unsupported: 'cardTest.read.unsupportedRemedy',
  pinBlocked: 'cardTest.codes.pinBlockedRemedy',
  pukGone: 'cardTest.codes.pukGoneRemedy',
  cert: 'cardTest.cert.remedy',
  certExpired: 'cardTest.cert.expiredRemedy',
  certNotYet: 'cardTest.cert.notYetRemedy',
  chain: 'cardTest.chain.remedy',
  chainReplace: 'cardTest.chain.replaceRemedy',
  key: 'cardTest.key.remedy',
  keyMismatch: 'cardTest.key.mismatchRemedy',
  wrongPin: 'cardTest.key.wrongPinRemedy',
  otherCard: 'cardTest.key.otherCardRemedy',
  removed: 'cardTest.key.removedRemedy',
} as const satisfies Readonly<Record<CheckRemedy, string>>;

/** What to do about a failed check. */
export const checkRemedy = (r: CheckRemedy): string => t(REMEDY_KEY[r]);

/** One check in words: its id and status stay, its name, detail and remedy are sentences. */
export function checkWords(c: CheckResult): WordedCheck {
  return {
    id: c.id,
    status: c.status,
    name: checkName(c.id),
    detail: checkDetail(c.fact),
    ...(c.remedy !== undefined ? { remedy: checkRemedy(c.remedy) } : {}),
  };
}

/** The whole result in words (the command's text and JSON, the screens, the saved report). */
export function cardTestWords(r: CardTestResult): WordedCardTest {
  return { reader: r.reader, serial: r.serial, at: r.at, checks: r.checks.map(checkWords), counts: r.counts };
}
