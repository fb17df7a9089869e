// The simulated cards by name, for tests, the in-process transport and `cps-audit simulate`.

import type { ApduCard } from './apdu-card.js';
import { SimulatedCps3Card } from './cps3-card.js';
import { buildCps3Files, type CardCertificates, type CodeFormats, type Cps3FilesOptions } from './cps3-files.js';
import { SimulatedCps4Card } from './cps4-card.js';
import { buildCps4Files } from './cps4-files.js';
import {
  BROKEN_CERTIFICATES,
  FIXTURE_CERTIFICATES,
  TEST_CA_CERTIFICATE,
  TEST_EXPIRED_CA_CERTIFICATE,
  TEST_ROOT_CERTIFICATE,
  type FixtureCertificate,
} from './fixture-certificates.js';
import { FIXTURE_KEYS } from './fixture-keys.js';
import type { CardKeySet } from './card-keys.js';
import { CPE_HOLDER, CPS4_HOLDER, RPPS_HOLDER, SEED_HOLDER, type CertifiedHolderName, type HolderData } from './fixture-holders.js';
import { SimStateError, parseSnapshot, type CardMemory, type CardSnapshot } from './memory.js';
import { KEY_REF, PIN_FORMAT_4_TO_8, PIN_MAX_TRIES, PUK_MAX_TRIES, PUK_MAX_UNBLOCKS } from './profile.js';
import { UnknownCard, VITALE_CARD_ATR } from './unknown-card.js';
import { CPS3_PUBLIC_SERIAL, PUBLIC_COUNTER_RULES, publicEfDir, publicFiles } from './fixture-public.js';
import { CPS3_CONTACT_ATR, type ReceivedCode } from './cps3-card.js';
import { fromHex } from '../bytes.js';
import { ef } from './file-system.js';

export const FIXTURE_NAMES = [
  'seed',
  'cps3-rpps',
  'cps3-pin6',
  'puk-last-try',
  'puk-blocked',
  'puk-exhausted',
  'cpe',
  'cps4',
  'cps4-rc',
  'cps4-t0',
  'cps3-public',
  'cps3-cl',
  'vitale',
  'unknown',
  // For the card test (issue 21): each breaks one thing, everything else is cps3-rpps's.
  'key-mismatch',
  'ca-expired',
  'unknown-issuer',
  'bad-cert-signature',
] as const;

export type FixtureName = (typeof FIXTURE_NAMES)[number];

/** One line each, in French, for `cps-audit simulate --help`. */
/** A simulated card whose codes and counters can be saved (null: the card keeps none). */
export interface SimulatedCard extends ApduCard {
  readonly fixture: FixtureName;
  /** Every code block the card received (cps3-card.ts): tests prove with it what was, and was not, sent. */
  readonly received: readonly ReceivedCode[];
  snapshot(): CardSnapshot | null;
  /** Takes back a snapshot of the same fixture (throws, in French, otherwise). */
  restore(snapshot: unknown): void;
}

// Test-card defaults (docs/card.md §3): PIN 1234, PUK 12345678.
function memory(pinTries: number, pukTries = PUK_MAX_TRIES, unblocks = PUK_MAX_UNBLOCKS, pin = '1234'): CardMemory {
  return {
    pin: { code: pin, triesLeft: pinTries },
    puk: { code: '12345678', triesLeft: pukTries, unblocksLeft: unblocks },
  };
}

function bytes(base64: string): Uint8Array {
  return Uint8Array.from(Buffer.from(base64, 'base64'));
}

type CertificateSet = Record<'signature' | 'authentication', FixtureCertificate>;

function certificates(holder: CertifiedHolderName | CertificateSet): CardCertificates {
  const set = typeof holder === 'string' ? FIXTURE_CERTIFICATES[holder] : holder;
  const one = (c: FixtureCertificate) => ({ der: bytes(c.der), keyId: Uint8Array.from(Buffer.from(c.keyId, 'hex')) });
  return { signature: one(set.signature), authentication: one(set.authentication) };
}

/** The private keys of a holder's certificates, by key reference (docs/card.md §9: 81 and 82). */
function keysOf(holder: CertifiedHolderName, authentication: CertifiedHolderName = holder): CardKeySet {
  return new Map([
    [KEY_REF.SIG, FIXTURE_KEYS[holder].signature],
    [KEY_REF.AUT, FIXTURE_KEYS[authentication].authentication],
  ]);
}

/** The cps3-rpps authentication certificate with one bit of its issuer's signature flipped. */
function brokenSignature(): CertificateSet {
  const set = FIXTURE_CERTIFICATES['cps3-rpps'];
  const der = Buffer.from(set.authentication.der, 'base64');
  der[der.length - 1]! ^= 0x01; // the last byte of the signature BIT STRING
  return { signature: set.signature, authentication: { der: der.toString('base64'), keyId: set.authentication.keyId } };
}

interface Cps3Recipe {
  readonly holder: HolderData;
  readonly certificates: CertifiedHolderName | CertificateSet;
  /** The card's private keys; by default those of `certificates` (a holder's name). */
  readonly keys?: CardKeySet;
  readonly memory: CardMemory;
  readonly files?: Cps3FilesOptions;
  readonly atr?: Uint8Array;
  readonly counterRules?: { readonly pin?: readonly number[]; readonly puk?: readonly number[] };
  /** The codes' formats, in its AODF and as the card checks them (default: PIN 4 digits, PUK 8). */
  readonly formats?: CodeFormats;
}

// The PUK-state cards are the seed's holder on cards of their own (other serial numbers).
export type Cps3Fixture = Exclude<FixtureName, 'unknown' | 'vitale' | 'cps4' | 'cps4-rc' | 'cps4-t0'>;

/**
 * EF_ACTUA of the cps3-rpps card (OURS: the file's layout is not public): the date of its last
 * update, 15/09/2025, as 4 BCD bytes.
 */
const RPPS_ACTUA = ef(0xd010, fromHex('20 25 09 15'));

const CPS3_FIXTURES: Readonly<Record<Cps3Fixture, Cps3Recipe>> = {
  seed: { holder: SEED_HOLDER, certificates: 'seed', memory: memory(0) },
  'cps3-rpps': { holder: RPPS_HOLDER, certificates: 'cps3-rpps', memory: memory(PIN_MAX_TRIES), files: { mfFiles: [RPPS_ACTUA] } },
  // A real card's public bytes (fixture-public.ts); PIN 3/3, PUK 10/10 and 100 unblocks, as traced.
  'cps3-public': {
    holder: { ...RPPS_HOLDER, serial: CPS3_PUBLIC_SERIAL, situations: [] },
    certificates: 'cps3-rpps',
    memory: memory(PIN_MAX_TRIES),
    files: publicFiles(),
    counterRules: PUBLIC_COUNTER_RULES,
  },
  // The contactless interface (OURS beyond the ATR and AID): its own application 3F00/0002.
  'cps3-cl': {
    holder: { ...RPPS_HOLDER, serial: '99104418' },
    certificates: 'cps3-rpps',
    memory: memory(PIN_MAX_TRIES),
    files: { efDir: publicEfDir(), app: { fid: 0x0002, aid: fromHex('E8 28 BD 08 0F 80 25 00 00 01 FF 00 20') } },
    atr: fromHex('3B 8F 80 01 00 31 B8 64 04 B0 EC C1 73 94 01 80 82 90 00 0E'),
  },
  // The card of issue 17 (OURS): its AODF says PIN 4 to 8 digits (stored on 8, padded FF), and its
  // holder chose 6 digits, 123456; PIN 3/3. A tool that stops at 4 digits sends 1234 and spends a try.
  'cps3-pin6': {
    holder: { ...RPPS_HOLDER, serial: '99104419' },
    certificates: 'cps3-rpps',
    memory: memory(PIN_MAX_TRIES, PUK_MAX_TRIES, PUK_MAX_UNBLOCKS, '123456'),
    formats: { pin: PIN_FORMAT_4_TO_8 },
  },
  'puk-last-try': { holder: { ...SEED_HOLDER, serial: '99002753' }, certificates: 'seed', memory: memory(0, 1) },
  'puk-blocked': { holder: { ...SEED_HOLDER, serial: '99002754' }, certificates: 'seed', memory: memory(0, 0) },
  'puk-exhausted': {
    holder: { ...SEED_HOLDER, serial: '99002755' },
    certificates: 'seed',
    memory: memory(0, PUK_MAX_TRIES, 0),
  },
  cpe: { holder: CPE_HOLDER, certificates: 'cpe', memory: memory(PIN_MAX_TRIES) },
  // The authentication key is another holder's: its certificate does not match it.
  'key-mismatch': {
    holder: { ...RPPS_HOLDER, serial: '99002760' },
    certificates: 'cps3-rpps',
    keys: keysOf('cps3-rpps', 'cpe'),
    memory: memory(PIN_MAX_TRIES),
  },
  // Certified by a test intermediate that expired on 31/12/2020.
  'ca-expired': {
    holder: { ...RPPS_HOLDER, serial: '99002761' },
    certificates: BROKEN_CERTIFICATES['expired-ca'],
    keys: keysOf('cps3-rpps'),
    memory: memory(PIN_MAX_TRIES),
  },
  // Certified by an authority that is neither the IGC-Santé nor a test hierarchy.
  'unknown-issuer': {
    holder: { ...RPPS_HOLDER, serial: '99002762' },
    certificates: BROKEN_CERTIFICATES['unknown-issuer'],
    keys: keysOf('cps3-rpps'),
    memory: memory(PIN_MAX_TRIES),
  },
  // The authentication certificate's signature is broken (one bit).
  'bad-cert-signature': {
    holder: { ...RPPS_HOLDER, serial: '99002763' },
    certificates: brokenSignature(),
    keys: keysOf('cps3-rpps'),
    memory: memory(PIN_MAX_TRIES),
  },
};

function recipeKeys(f: Cps3Recipe): CardKeySet {
  if (f.keys) return f.keys;
  return typeof f.certificates === 'string' ? keysOf(f.certificates) : new Map();
}

// The CPS4 (OURS test codes as the CPS3's: PIN 1234, blocked; PUK 12345678, 10 tries, 100 unblocks).
const CPS4_FIXTURE: Cps3Recipe = { holder: CPS4_HOLDER, certificates: 'cps3-rpps', memory: memory(0) };

/** The other two CPS4 ATRs of the Cryptolib (KNOWN [CL]): the same simulated card behind each. */
const CPS4_ATRS: Readonly<Record<'cps4' | 'cps4-rc' | 'cps4-t0', Uint8Array | undefined>> = {
  cps4: undefined,
  'cps4-rc': fromHex('3B 9B 18 80 01 00 12 25 00 64 80 00 04 01 00 90 44'),
  'cps4-t0': fromHex('3B DC 18 FF 00 00 12 25 00 64 80 00 04 01 00 90 00'),
};

class Cps3FixtureCard extends SimulatedCps3Card implements SimulatedCard {
  declare readonly fixture: FixtureName;
}

export class Cps4FixtureCard extends SimulatedCps4Card implements SimulatedCard {
  declare readonly fixture: FixtureName;
}

class UnknownFixture extends UnknownCard implements SimulatedCard {
  readonly received: readonly ReceivedCode[] = [];
  constructor(readonly fixture: 'unknown' | 'vitale') {
    super(fixture === 'vitale' ? VITALE_CARD_ATR : undefined);
  }
  snapshot(): null {
    return null;
  }
  restore(): void {
    throw new SimStateError({ why: 'no-state' });
  }
}

export function isFixtureName(name: string): name is FixtureName {
  return (FIXTURE_NAMES as readonly string[]).includes(name);
}

/** A new card, as it comes from the fixture (fresh counters). */
export function createFixtureCard(name: FixtureName): SimulatedCard {
  if (name === 'unknown' || name === 'vitale') return new UnknownFixture(name);
  if (name === 'cps4' || name === 'cps4-rc' || name === 'cps4-t0') {
    const f = CPS4_FIXTURE;
    const atr = CPS4_ATRS[name];
    return new Cps4FixtureCard({
      fixture: name,
      files: buildCps4Files(f.holder, certificates(f.certificates)),
      memory: f.memory,
      keys: recipeKeys(f),
      ...(atr ? { atr } : {}),
    });
  }
  const f = CPS3_FIXTURES[name];
  return new Cps3FixtureCard({
    fixture: name,
    files: buildCps3Files(f.holder, certificates(f.certificates), { ...f.files, ...(f.formats ? { formats: f.formats } : {}) }),
    memory: f.memory,
    keys: recipeKeys(f),
    atr: f.atr ?? CPS3_CONTACT_ATR,
    ...(f.counterRules ? { counterRules: f.counterRules } : {}),
    ...(f.formats ? { formats: f.formats } : {}),
  });
}

/**
 * A CPS3 fixture's card with parts of its files laid out otherwise (`files` replaces the fixture's
 * own options field by field): the card layer's tests of layouts real cards may have.
 */
export function createCps3Variant(name: Cps3Fixture, files: Cps3FilesOptions): SimulatedCard {
  const f = CPS3_FIXTURES[name];
  return new Cps3FixtureCard({
    fixture: name,
    files: buildCps3Files(f.holder, certificates(f.certificates), { ...f.files, ...(f.formats ? { formats: f.formats } : {}), ...files }),
    memory: f.memory,
    keys: recipeKeys(f),
    atr: f.atr ?? CPS3_CONTACT_ATR,
    ...(f.counterRules ? { counterRules: f.counterRules } : {}),
    ...(f.formats ? { formats: f.formats } : {}),
  });
}

/** The card a snapshot was taken from, with its saved codes and counters. */
export function cardFromSnapshot(value: unknown): SimulatedCard {
  const s = parseSnapshot(value);
  if (!isFixtureName(s.fixture)) throw new SimStateError({ why: 'unknown-fixture', card: s.fixture });
  const card = createFixtureCard(s.fixture);
  card.restore(s);
  return card;
}

/**
 * The simulated test hierarchy (root and both intermediates) as PEM: what a test trusts through
 * the test-only option (`--trust-test-root FILE`, TrustStore's test anchors). Never trusted by default.
 */
export function testHierarchyPem(): string {
  return [TEST_ROOT_CERTIFICATE, TEST_CA_CERTIFICATE, TEST_EXPIRED_CA_CERTIFICATE]
    .map((b64) => `-----BEGIN CERTIFICATE-----\n${b64.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`)
    .join('');
}
