// The card test (issue 21, docs/card-test.md): named checks, each passed, skipped (with why) or
// failed (with what to do), over what a read, the PrKDF, the CDF, the IGC-Santé chain and a
// signature of a fresh challenge by each key say. The words are the catalogue's (src/i18n); no
// status word and no code leaves this file.
//
// The PIN is asked once, by the caller's `askPin`, only when it is needed and may be sent (the
// PIN not blocked, the card's contact interface), after the card was read; it goes to the card
// once, in the exclusive connection of the key checks, with every check of code-operations.ts
// (same card, the AODF's format, fresh tries, last try confirmed). Declined: the key checks are
// skipped, never guessed.

import { randomBytes, verify, X509Certificate } from 'node:crypto';
import { t } from '../../i18n/index.js';
import { isTransportError } from '../transport/errors.js';
import { keyUsageOf } from '../pkcs15/certificate.js';
import { verifyChain, type ChainResult, type TrustStore } from '../trust/chain.js';
import type { Code, CodeOperation } from './card-service.js';
import {
  CardRemovedDuringOperationError,
  CodeBlockedError,
  CpsError,
  LastTryUnconfirmedError,
  OtherCardError,
  WrongCodeError,
} from './errors.js';
import type { CardKey, CardCertificateEntry, KeyInventory, KeyRole, SignatureOutcome } from './key-test.js';
import type { CardReport, CodeStatus } from './report.js';
import { modelName } from './identify.js';
import { SecretCode } from './secret-code.js';
import { certificateValidity, codeStanding, pukStanding } from './standing.js';

export const CHECK_IDS = [
  'read',
  'codes',
  'certificate-signature',
  'certificate-authentication',
  'chain',
  'key-authentication',
  'key-signature',
  'key-technical',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];
export type CheckStatus = 'passed' | 'skipped' | 'failed';

export interface CheckResult {
  readonly id: CheckId;
  readonly status: CheckStatus;
  /** The check's name, in the chosen language. */
  readonly name: string;
  /** What was found (passed), why not (skipped), what is wrong (failed). */
  readonly detail: string;
  /** failed: what to do. */
  readonly remedy?: string;
}

export interface CardTestResult {
  readonly reader: string;
  readonly serial: string | null;
  readonly at: Date;
  readonly checks: readonly CheckResult[];
  readonly counts: { readonly total: number; readonly passed: number; readonly skipped: number; readonly failed: number };
  /** The card could not be tested at all: 'unreadable' (the read failed), 'unsupported' (not a CPS3/CPS4). */
  readonly untested?: 'unreadable' | 'unsupported';
  /** What the read said of the card (for the journal of operations): its model and tries before the test. */
  readonly card?: { readonly model: string; readonly pin: number | null; readonly puk: number | null };
  /** The holder gave the PIN (it then went to the card at most once, after every check). */
  readonly pinGiven?: boolean;
}

/** The card service's verbs for the test (service.ts). */
export interface CardTestVerbs {
  /** A full read, then the PrKDF's keys and the CDF's certificates, in one shared connection. */
  inspect(reader: string): Promise<{ readonly report: CardReport; readonly inventory: KeyInventory }>;
  /**
   * One exclusive connection: the PIN (when given) once, then each key signs `challenge`.
   * Throws the code operation's errors (WrongCodeError, CodeBlockedError, LastTryUnconfirmedError,
   * OtherCardError, CardRemovedDuringOperationError…) and transport failures.
   */
  signWithKeys(
    reader: string,
    pin: Code | null,
    keys: readonly CardKey[],
    challenge: Uint8Array,
    op?: CodeOperation,
  ): Promise<ReadonlyMap<KeyRole, SignatureOutcome>>;
}

/** What the holder answered when asked for the PIN. */
export type PinAnswer = { readonly kind: 'pin'; readonly code: Code; readonly lastTryConfirmed: boolean } | { readonly kind: 'declined' };

export interface CardTestOptions {
  readonly cards: CardTestVerbs;
  readonly trust: TrustStore;
  readonly now?: () => Date;
  /** Asked once, with the PIN's state read just now; absent or `noPin`: no PIN. */
  readonly askPin?: (pin: CodeStatus) => Promise<PinAnswer>;
  readonly noPin?: boolean;
}

const ROLE_CHECK: Readonly<Record<KeyRole, CheckId>> = {
  signature: 'key-signature',
  authentication: 'key-authentication',
  technical: 'key-technical',
};

function check(id: CheckId, status: CheckStatus, detail: string, remedy?: string): CheckResult {
  return { id, status, name: t(`cardTest.name.${id}`), detail, ...(remedy !== undefined ? { remedy } : {}) };
}

const day = (d: Date): string => d.toISOString().slice(0, 10).split('-').reverse().join('/');

/** The checks of the card test, in order, for the card in `reader`. Never throws for the card. */
export async function runCardTest(reader: string, o: CardTestOptions): Promise<CardTestResult> {
  const now = (o.now ?? (() => new Date()))();
  const checks: CheckResult[] = [];
  let inspected: Awaited<ReturnType<CardTestVerbs['inspect']>>;
  try {
    inspected = await o.cards.inspect(reader);
  } catch (e) {
    checks.push(check('read', 'failed', t('cardTest.read.failed', { reason: reasonOf(e) }), t('cardTest.read.remedy')));
    for (const id of CHECK_IDS.slice(1)) checks.push(check(id, 'skipped', t('cardTest.skip.notRead')));
    return { ...result(reader, null, now, checks), untested: 'unreadable' };
  }
  const { report, inventory } = inspected;
  const serial = report.serial.ok ? report.serial.value : null;
  if (!report.identity.supported) {
    checks.push(
      check(
        'read',
        'failed',
        t('cardTest.read.unsupported', { model: modelName(report.identity.model) }),
        t('cardTest.read.unsupportedRemedy'),
      ),
    );
    for (const id of CHECK_IDS.slice(1)) checks.push(check(id, 'skipped', t('cardTest.skip.notRead')));
    return { ...result(reader, serial, now, checks), untested: 'unsupported' };
  }
  checks.push(readCheck(report));
  checks.push(codesCheck(report));
  const certs = { signature: certificateFor(inventory, 'signature'), authentication: certificateFor(inventory, 'authentication') };
  checks.push(certificateCheck('signature', certs.signature, inventory, now));
  checks.push(certificateCheck('authentication', certs.authentication, inventory, now));
  checks.push(chainCheck(inventory, o.trust, now));
  const keys = await keyChecks(reader, report, inventory, o, serial);
  checks.push(...keys.checks);
  const card = { model: report.identity.model, pin: report.pin.triesLeft, puk: report.puk.triesLeft };
  return { ...result(reader, serial, now, checks), card, pinGiven: keys.pinGiven };
}

function result(reader: string, serial: string | null, at: Date, checks: CheckResult[]): CardTestResult {
  const n = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return { reader, serial, at, checks, counts: { total: checks.length, passed: n('passed'), skipped: n('skipped'), failed: n('failed') } };
}

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function readCheck(report: CardReport): CheckResult {
  const unreadable = report.certificates.filter((c) => !c.ok);
  if (unreadable.length > 0) {
    const reasons = unreadable.map((c) => (c.ok ? '' : c.reason)).join(t('list.separator'));
    return check('read', 'failed', t('cardTest.read.certUnreadable', { reasons }), t('cardTest.read.remedy'));
  }
  if (report.undecoded.length > 0) {
    return check('read', 'passed', t('cardTest.read.undecoded', { labels: report.undecoded.map((u) => u.label).join(', ') }));
  }
  return check('read', 'passed', t('cardTest.read.ok', { n: report.certificates.length }));
}

function codesCheck(report: CardReport): CheckResult {
  const { pin, puk } = report;
  if (!report.identity.hasPin) return check('codes', 'skipped', t('cardTest.codes.contactless'));
  const pukStands = pukStanding(puk);
  if (pukStands === 'blocked' || pukStands === 'exhausted')
    return check('codes', 'failed', t('cardTest.codes.pukGone'), t('cardTest.codes.pukGoneRemedy'));
  if (codeStanding(pin) === 'blocked')
    return check('codes', 'failed', t('cardTest.codes.pinBlocked'), t('cardTest.codes.pinBlockedRemedy'));
  const count = (c: CodeStatus) => (c.triesLeft === null ? '?' : `${c.triesLeft}/${c.maxTries ?? '?'}`);
  return check('codes', 'passed', t('cardTest.codes.ok', { pin: count(pin), puk: count(puk) }));
}

function keyFor(inventory: KeyInventory, role: KeyRole): CardKey | undefined {
  return inventory.keys.find((k) => k.role === role);
}

/** The certificate of a role: the CDF entry whose id is that key's. */
function certificateFor(inventory: KeyInventory, role: KeyRole): CardCertificateEntry | undefined {
  const key = keyFor(inventory, role);
  return key ? inventory.certificates.find((c) => c.id === key.id) : undefined;
}

function certificateCheck(
  role: 'signature' | 'authentication',
  cert: CardCertificateEntry | undefined,
  inventory: KeyInventory,
  now: Date,
): CheckResult {
  const id: CheckId = role === 'signature' ? 'certificate-signature' : 'certificate-authentication';
  const key = keyFor(inventory, role);
  if (!key) return check(id, 'failed', t('cardTest.cert.noKey'), t('cardTest.cert.remedy'));
  if (!cert) return check(id, 'failed', t('cardTest.cert.noCert', { id: key.id }), t('cardTest.cert.remedy'));
  let x: X509Certificate;
  try {
    x = new X509Certificate(Buffer.from(cert.der));
  } catch (e) {
    return check(id, 'failed', reasonOf(e), t('cardTest.cert.remedy'));
  }
  const notBefore = new Date(x.validFrom);
  const notAfter = new Date(x.validTo);
  const validity = certificateValidity(notBefore, notAfter, now).kind;
  if (validity === 'expired')
    return check(id, 'failed', t('cardTest.cert.expired', { date: day(notAfter) }), t('cardTest.cert.expiredRemedy'));
  if (validity === 'notYetValid')
    return check(id, 'failed', t('cardTest.cert.notYet', { date: day(notBefore) }), t('cardTest.cert.notYetRemedy'));
  const usage = keyUsageOf(cert.der);
  const wanted = role === 'signature' ? 'nonRepudiation' : 'digitalSignature';
  if (usage && !usage.has(wanted)) return check(id, 'failed', t('cardTest.cert.usage', { usage: wanted }), t('cardTest.cert.remedy'));
  const bits = x.publicKey.asymmetricKeyDetails?.modulusLength;
  if (key.modulusLength !== undefined && bits !== undefined && bits !== key.modulusLength) {
    return check(id, 'failed', t('cardTest.cert.modulus', { cert: bits, key: key.modulusLength }), t('cardTest.cert.remedy'));
  }
  return check(
    id,
    'passed',
    t('cardTest.cert.ok', { from: day(notBefore), to: day(notAfter), bits: bits ?? '?', usage: wanted, id: shortId(key.id) }),
  );
}

const shortId = (id: string): string => (id.length > 16 ? `…${id.slice(-8)}` : id);

function chainCheck(inventory: KeyInventory, trust: TrustStore, now: Date): CheckResult {
  const certs = (['authentication', 'signature'] as const).map((r) => certificateFor(inventory, r)).filter((c) => c !== undefined);
  if (certs.length === 0) return check('chain', 'skipped', t('cardTest.chain.noCert'));
  const results = certs.map((c) => verifyChain(c.der, trust, now));
  const bad = results.find((r) => r.kind !== 'trusted' && r.kind !== 'test-hierarchy');
  if (bad) return check('chain', 'failed', chainWords(bad), chainRemedy(bad));
  const test = results.find((r) => r.kind === 'test-hierarchy');
  if (test) return check('chain', 'skipped', chainWords(test));
  const first = results[0]!;
  return check('chain', 'passed', chainWords(first));
}

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

function chainRemedy(r: ChainResult): string {
  return r.kind === 'authority-expired' || r.kind === 'bad-signature' ? t('cardTest.chain.replaceRemedy') : t('cardTest.chain.remedy');
}

async function keyChecks(
  reader: string,
  report: CardReport,
  inventory: KeyInventory,
  o: CardTestOptions,
  serial: string | null,
): Promise<{ readonly checks: CheckResult[]; readonly pinGiven: boolean }> {
  const roles: KeyRole[] = ['authentication', 'signature', 'technical'];
  const present = roles.map((role) => ({ role, key: keyFor(inventory, role) }));
  const out = new Map<KeyRole, CheckResult>();
  for (const { role, key } of present)
    if (!key)
      out.set(role, check(ROLE_CHECK[role], 'skipped', role === 'technical' ? t('cardTest.key.noTechnical') : t('cardTest.key.missing')));
  const withPin = present.filter((p) => p.key?.needsPin).map((p) => p.key!);
  const withoutPin = present.filter((p) => p.key && !p.key.needsPin).map((p) => p.key!);
  let pin: PinAnswer = { kind: 'declined' };
  let why: string | undefined;
  if (withPin.length > 0) {
    if (!report.identity.hasPin) why = t('cardTest.key.contactless');
    else if (codeStanding(report.pin) === 'blocked') why = t('cardTest.key.pinBlocked');
    else if (o.noPin || !o.askPin) why = t('cardTest.key.noPin');
    else {
      pin = await o.askPin(report.pin);
      if (pin.kind === 'declined') why = t('cardTest.key.declined');
    }
    if (why) for (const k of withPin) out.set(k.role, check(ROLE_CHECK[k.role], 'skipped', why));
  }
  const toSign = [...(pin.kind === 'pin' ? withPin : []), ...withoutPin];
  if (toSign.length > 0) {
    const challenge = Uint8Array.from(randomBytes(32));
    try {
      const signatures = await o.cards.signWithKeys(reader, pin.kind === 'pin' ? pin.code : null, toSign, challenge, {
        expectedSerial: serial,
        lastTryConfirmed: pin.kind === 'pin' && pin.lastTryConfirmed,
      });
      for (const key of toSign) out.set(key.role, signatureCheck(key, signatures.get(key.role), challenge, inventory));
    } catch (e) {
      const [detail, remedy] = keyFailure(e);
      for (const key of toSign) out.set(key.role, check(ROLE_CHECK[key.role], 'failed', detail, remedy));
    }
  }
  // The PIN went once (or not at all): its digits are zeroed, whatever happened.
  if (pin.kind === 'pin' && pin.code instanceof SecretCode) pin.code.wipe();
  return { checks: roles.map((r) => out.get(r)!), pinGiven: pin.kind === 'pin' };
}

function signatureCheck(key: CardKey, outcome: SignatureOutcome | undefined, challenge: Uint8Array, inventory: KeyInventory): CheckResult {
  const id = ROLE_CHECK[key.role];
  if (!outcome) return check(id, 'skipped', t('cardTest.key.notSigned'));
  if (!outcome.ok) return check(id, 'failed', outcome.reason, t('cardTest.key.remedy'));
  const cert = certificateFor(inventory, key.role);
  if (!cert) return check(id, 'failed', t('cardTest.key.noCertificate'), t('cardTest.cert.remedy'));
  if (!verifies(cert.der, challenge, outcome.signature))
    return check(id, 'failed', t('cardTest.key.mismatch'), t('cardTest.key.mismatchRemedy'));
  return check(id, 'passed', t('cardTest.key.ok', { bits: outcome.signature.length * 8 }));
}

/** The signature (PKCS#1 v1.5, SHA-256) of `challenge` verifies with the certificate's public key. */
export function verifies(certificate: Uint8Array, challenge: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify('sha256', challenge, new X509Certificate(Buffer.from(certificate)).publicKey, signature);
  } catch {
    return false;
  }
}

/** A failure of the key checks' connection, in the user's words; never "wrong code" unless the card said so. */
function keyFailure(e: unknown): [string, string | undefined] {
  if (e instanceof WrongCodeError) return [t('cardTest.key.wrongPin', { left: e.triesLeft ?? '?' }), t('cardTest.key.wrongPinRemedy')];
  if (e instanceof CodeBlockedError) return [t('cardTest.key.pinBlocked'), t('cardTest.codes.pinBlockedRemedy')];
  if (e instanceof LastTryUnconfirmedError) return [t('cardTest.key.lastTryNotConfirmed'), undefined];
  if (e instanceof OtherCardError) return [t('cardTest.key.otherCard'), t('cardTest.key.otherCardRemedy')];
  if (e instanceof CardRemovedDuringOperationError || isTransportError(e, 'card-removed') || isTransportError(e, 'reader-removed')) {
    return [t('cardTest.key.removed'), t('cardTest.key.removedRemedy')];
  }
  if (e instanceof CpsError || isTransportError(e))
    return [t('cardTest.key.interrupted', { reason: reasonOf(e) }), t('cardTest.key.removedRemedy')];
  return [t('cardTest.key.interrupted', { reason: reasonOf(e) }), undefined];
}
