// The card test (issue 21, docs/card-test.md): named checks, each passed, skipped (with why) or
// failed (with what to do), over what a read, the PrKDF, the CDF, the IGC-Santé chain and a
// signature of a fresh challenge by each key say. Each check carries a fact (CheckFact) and the
// remedy's kind (CheckRemedy), no words: src/view/card-test-words.ts says them (issue 19). No
// code leaves this file.
//
// The PIN is asked once, by the caller's `askPin`, only when it is needed and may be sent (the
// PIN not blocked, the card's contact interface), after the card was read; it goes to the card
// once, in the exclusive connection of the key checks, with every check of code-operations.ts
// (same card, the AODF's format, fresh tries, last try confirmed). Declined: the key checks are
// skipped, never guessed.

import { randomBytes, verify, X509Certificate } from 'node:crypto';
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
import type { CardKey, CardCertificateEntry, KeyInventory, KeyRole, SignatureOutcome, SignatureRefusal } from './key-test.js';
import type { CardModel, CardReport, CodeStatus, Readable } from './report.js';
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

/** Why a certificate of the card could not be read (the full read's reason). */
export type UnreadableReason = Extract<Readable<unknown>, { ok: false }>['reason'];

/**
 * What a check found (passed), why not (skipped), what is wrong (failed): a fact, worded by the
 * view (src/view/card-test-words.ts). `error`: the failure as the card layer raised it.
 */
export type CheckFact =
  | { readonly kind: 'read.failed'; readonly error: unknown }
  | { readonly kind: 'read.unsupported'; readonly model: CardModel }
  | { readonly kind: 'read.certUnreadable'; readonly reasons: readonly UnreadableReason[] }
  | { readonly kind: 'read.undecoded'; readonly labels: readonly string[] }
  | { readonly kind: 'read.ok'; readonly n: number }
  | { readonly kind: 'skip.notRead' }
  | { readonly kind: 'codes.contactless' | 'codes.pukGone' | 'codes.pinBlocked' }
  | { readonly kind: 'codes.ok'; readonly pin: string; readonly puk: string }
  | { readonly kind: 'cert.noKey' }
  | { readonly kind: 'cert.noCert'; readonly id: string }
  | { readonly kind: 'cert.unparseable'; readonly error: unknown }
  | { readonly kind: 'cert.expired' | 'cert.notYet'; readonly date: Date }
  | { readonly kind: 'cert.usage'; readonly usage: string }
  | { readonly kind: 'cert.modulus'; readonly cert: number; readonly key: number }
  | {
      readonly kind: 'cert.ok';
      readonly from: Date;
      readonly to: Date;
      readonly bits: number | '?';
      readonly usage: string;
      readonly id: string;
    }
  | { readonly kind: 'chain.noCert' }
  | { readonly kind: 'chain'; readonly result: ChainResult }
  | {
      readonly kind:
        | 'key.noTechnical'
        | 'key.missing'
        | 'key.contactless'
        | 'key.pinBlocked'
        | 'key.noPin'
        | 'key.declined'
        | 'key.notSigned'
        | 'key.noCertificate'
        | 'key.mismatch'
        | 'key.lastTryNotConfirmed'
        | 'key.otherCard'
        | 'key.removed';
    }
  | { readonly kind: 'key.refusal'; readonly refusal: SignatureRefusal }
  | { readonly kind: 'key.ok'; readonly bits: number }
  | { readonly kind: 'key.wrongPin'; readonly left: number | null }
  | { readonly kind: 'key.interrupted'; readonly error: unknown };

/** What to do about a failed check (its words: src/view/card-test-words.ts). */
export type CheckRemedy =
  | 'read'
  | 'unsupported'
  | 'pinBlocked'
  | 'pukGone'
  | 'cert'
  | 'certExpired'
  | 'certNotYet'
  | 'chain'
  | 'chainReplace'
  | 'key'
  | 'keyMismatch'
  | 'wrongPin'
  | 'otherCard'
  | 'removed';

export interface CheckResult {
  readonly id: CheckId;
  readonly status: CheckStatus;
  /** What was found (passed), why not (skipped), what is wrong (failed). */
  readonly fact: CheckFact;
  /** failed: what to do. */
  readonly remedy?: CheckRemedy;
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

function check(id: CheckId, status: CheckStatus, fact: CheckFact, remedy?: CheckRemedy): CheckResult {
  return { id, status, fact, ...(remedy !== undefined ? { remedy } : {}) };
}

/** The checks of the card test, in order, for the card in `reader`. Never throws for the card. */
export async function runCardTest(reader: string, o: CardTestOptions): Promise<CardTestResult> {
  const now = (o.now ?? (() => new Date()))();
  const checks: CheckResult[] = [];
  let inspected: Awaited<ReturnType<CardTestVerbs['inspect']>>;
  try {
    inspected = await o.cards.inspect(reader);
  } catch (e) {
    checks.push(check('read', 'failed', { kind: 'read.failed', error: e }, 'read'));
    for (const id of CHECK_IDS.slice(1)) checks.push(check(id, 'skipped', { kind: 'skip.notRead' }));
    return { ...result(reader, null, now, checks), untested: 'unreadable' };
  }
  const { report, inventory } = inspected;
  const serial = report.serial.ok ? report.serial.value : null;
  if (!report.identity.supported) {
    checks.push(check('read', 'failed', { kind: 'read.unsupported', model: report.identity.model }, 'unsupported'));
    for (const id of CHECK_IDS.slice(1)) checks.push(check(id, 'skipped', { kind: 'skip.notRead' }));
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

function readCheck(report: CardReport): CheckResult {
  const unreadable = report.certificates.filter((c) => !c.ok);
  if (unreadable.length > 0) {
    const reasons = unreadable.flatMap((c) => (c.ok ? [] : [c.reason]));
    return check('read', 'failed', { kind: 'read.certUnreadable', reasons }, 'read');
  }
  if (report.undecoded.length > 0) {
    return check('read', 'passed', { kind: 'read.undecoded', labels: report.undecoded.map((u) => u.label) });
  }
  return check('read', 'passed', { kind: 'read.ok', n: report.certificates.length });
}

function codesCheck(report: CardReport): CheckResult {
  const { pin, puk } = report;
  if (!report.identity.hasPin) return check('codes', 'skipped', { kind: 'codes.contactless' });
  const pukStands = pukStanding(puk);
  if (pukStands === 'blocked' || pukStands === 'exhausted') return check('codes', 'failed', { kind: 'codes.pukGone' }, 'pukGone');
  if (codeStanding(pin) === 'blocked') return check('codes', 'failed', { kind: 'codes.pinBlocked' }, 'pinBlocked');
  const count = (c: CodeStatus) => (c.triesLeft === null ? '?' : `${c.triesLeft}/${c.maxTries ?? '?'}`);
  return check('codes', 'passed', { kind: 'codes.ok', pin: count(pin), puk: count(puk) });
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
  if (!key) return check(id, 'failed', { kind: 'cert.noKey' }, 'cert');
  if (!cert) return check(id, 'failed', { kind: 'cert.noCert', id: key.id }, 'cert');
  let x: X509Certificate;
  try {
    x = new X509Certificate(Buffer.from(cert.der));
  } catch (e) {
    return check(id, 'failed', { kind: 'cert.unparseable', error: e }, 'cert');
  }
  const notBefore = new Date(x.validFrom);
  const notAfter = new Date(x.validTo);
  const validity = certificateValidity(notBefore, notAfter, now).kind;
  if (validity === 'expired') return check(id, 'failed', { kind: 'cert.expired', date: notAfter }, 'certExpired');
  if (validity === 'notYetValid') return check(id, 'failed', { kind: 'cert.notYet', date: notBefore }, 'certNotYet');
  const usage = keyUsageOf(cert.der);
  const wanted = role === 'signature' ? 'nonRepudiation' : 'digitalSignature';
  if (usage && !usage.has(wanted)) return check(id, 'failed', { kind: 'cert.usage', usage: wanted }, 'cert');
  const bits = x.publicKey.asymmetricKeyDetails?.modulusLength;
  if (key.modulusLength !== undefined && bits !== undefined && bits !== key.modulusLength) {
    return check(id, 'failed', { kind: 'cert.modulus', cert: bits, key: key.modulusLength }, 'cert');
  }
  return check(id, 'passed', { kind: 'cert.ok', from: notBefore, to: notAfter, bits: bits ?? '?', usage: wanted, id: shortId(key.id) });
}

const shortId = (id: string): string => (id.length > 16 ? `…${id.slice(-8)}` : id);

function chainCheck(inventory: KeyInventory, trust: TrustStore, now: Date): CheckResult {
  const certs = (['authentication', 'signature'] as const).map((r) => certificateFor(inventory, r)).filter((c) => c !== undefined);
  if (certs.length === 0) return check('chain', 'skipped', { kind: 'chain.noCert' });
  const results = certs.map((c) => verifyChain(c.der, trust, now));
  const bad = results.find((r) => r.kind !== 'trusted' && r.kind !== 'test-hierarchy');
  if (bad) return check('chain', 'failed', { kind: 'chain', result: bad }, chainRemedy(bad));
  const test = results.find((r) => r.kind === 'test-hierarchy');
  if (test) return check('chain', 'skipped', { kind: 'chain', result: test });
  const first = results[0]!;
  return check('chain', 'passed', { kind: 'chain', result: first });
}

function chainRemedy(r: ChainResult): CheckRemedy {
  return r.kind === 'authority-expired' || r.kind === 'bad-signature' ? 'chainReplace' : 'chain';
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
    if (!key) out.set(role, check(ROLE_CHECK[role], 'skipped', { kind: role === 'technical' ? 'key.noTechnical' : 'key.missing' }));
  const withPin = present.filter((p) => p.key?.needsPin).map((p) => p.key!);
  const withoutPin = present.filter((p) => p.key && !p.key.needsPin).map((p) => p.key!);
  let pin: PinAnswer = { kind: 'declined' };
  let why: 'key.contactless' | 'key.pinBlocked' | 'key.noPin' | 'key.declined' | undefined;
  if (withPin.length > 0) {
    if (!report.identity.hasPin) why = 'key.contactless';
    else if (codeStanding(report.pin) === 'blocked') why = 'key.pinBlocked';
    else if (o.noPin || !o.askPin) why = 'key.noPin';
    else {
      pin = await o.askPin(report.pin);
      if (pin.kind === 'declined') why = 'key.declined';
    }
    if (why) for (const k of withPin) out.set(k.role, check(ROLE_CHECK[k.role], 'skipped', { kind: why }));
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
      const [fact, remedy] = keyFailure(e);
      for (const key of toSign) out.set(key.role, check(ROLE_CHECK[key.role], 'failed', fact, remedy));
    }
  }
  // The PIN went once (or not at all): its digits are zeroed, whatever happened.
  if (pin.kind === 'pin' && pin.code instanceof SecretCode) pin.code.wipe();
  return { checks: roles.map((r) => out.get(r)!), pinGiven: pin.kind === 'pin' };
}

function signatureCheck(key: CardKey, outcome: SignatureOutcome | undefined, challenge: Uint8Array, inventory: KeyInventory): CheckResult {
  const id = ROLE_CHECK[key.role];
  if (!outcome) return check(id, 'skipped', { kind: 'key.notSigned' });
  if (!outcome.ok) return check(id, 'failed', { kind: 'key.refusal', refusal: outcome.refusal }, 'key');
  const cert = certificateFor(inventory, key.role);
  if (!cert) return check(id, 'failed', { kind: 'key.noCertificate' }, 'cert');
  if (!verifies(cert.der, challenge, outcome.signature)) return check(id, 'failed', { kind: 'key.mismatch' }, 'keyMismatch');
  return check(id, 'passed', { kind: 'key.ok', bits: outcome.signature.length * 8 });
}

/** The signature (PKCS#1 v1.5, SHA-256) of `challenge` verifies with the certificate's public key. */
export function verifies(certificate: Uint8Array, challenge: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify('sha256', challenge, new X509Certificate(Buffer.from(certificate)).publicKey, signature);
  } catch {
    return false;
  }
}

/** A failure of the key checks' connection, as a fact; never "wrong code" unless the card said so. */
function keyFailure(e: unknown): [CheckFact, CheckRemedy | undefined] {
  if (e instanceof WrongCodeError) return [{ kind: 'key.wrongPin', left: e.triesLeft }, 'wrongPin'];
  if (e instanceof CodeBlockedError) return [{ kind: 'key.pinBlocked' }, 'pinBlocked'];
  if (e instanceof LastTryUnconfirmedError) return [{ kind: 'key.lastTryNotConfirmed' }, undefined];
  if (e instanceof OtherCardError) return [{ kind: 'key.otherCard' }, 'otherCard'];
  if (e instanceof CardRemovedDuringOperationError || isTransportError(e, 'card-removed') || isTransportError(e, 'reader-removed')) {
    return [{ kind: 'key.removed' }, 'removed'];
  }
  if (e instanceof CpsError || isTransportError(e)) return [{ kind: 'key.interrupted', error: e }, 'removed'];
  return [{ kind: 'key.interrupted', error: e }, undefined];
}
