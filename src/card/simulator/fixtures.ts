// The simulated cards by name, for tests, the in-process transport and `cps-audit simulate`.

import type { ApduCard } from './apdu-card.js';
import { SimulatedCps3Card } from './cps3-card.js';
import { buildCps3Files, type CardCertificates } from './cps3-files.js';
import { SimulatedCps4Card } from './cps4-card.js';
import { buildCps4Files } from './cps4-files.js';
import { FIXTURE_CERTIFICATES, type FixtureCertificate } from './fixture-certificates.js';
import { CPE_HOLDER, CPS4_HOLDER, RPPS_HOLDER, SEED_HOLDER, type CertifiedHolderName, type HolderData } from './fixture-holders.js';
import { parseSnapshot, type CardMemory, type CardSnapshot } from './memory.js';
import { PIN_MAX_TRIES, PUK_MAX_TRIES, PUK_MAX_UNBLOCKS } from './profile.js';
import { UnknownCard } from './unknown-card.js';

export const FIXTURE_NAMES = [
  'seed',
  'cps3-rpps',
  'puk-last-try',
  'puk-blocked',
  'puk-exhausted',
  'cpe',
  'cps4',
  'unknown',
] as const;

export type FixtureName = (typeof FIXTURE_NAMES)[number];

/** One line each, in French, for `cps-audit simulate --help`. */
export const FIXTURE_DESCRIPTIONS: Readonly<Record<FixtureName, string>> = {
  seed: 'CPS3 de test du guide ASIP : M DENT-CS0595 EMILE, code porteur bloqué, déblocage 12345678',
  'cps3-rpps': 'CPS3 de test valide (RPPS, médecin, deux situations d’exercice), code porteur 1234',
  'puk-last-try': 'code porteur bloqué, plus qu’un essai pour le code de déblocage (12345678)',
  'puk-blocked': 'code porteur et code de déblocage bloqués (carte à remplacer)',
  'puk-exhausted': 'code porteur bloqué, plus aucun déblocage possible dans la vie de la carte',
  cpe: 'CPE de test (personnel d’établissement, FINESS), code porteur 1234',
  cps4: 'CPS4 de test (ChipDoc, canal logique 1) : Hélène MEDECIN-RPPS0001, code porteur bloqué, déblocage 12345678',
  unknown: 'carte qui n’est pas une CPS',
};

/** A simulated card whose codes and counters can be saved (null: the card keeps none). */
export interface SimulatedCard extends ApduCard {
  readonly fixture: FixtureName;
  snapshot(): CardSnapshot | null;
  /** Takes back a snapshot of the same fixture (throws, in French, otherwise). */
  restore(snapshot: unknown): void;
}

// Test-card defaults (spec §3): PIN 1234, PUK 12345678.
function memory(pinTries: number, pukTries = PUK_MAX_TRIES, unblocks = PUK_MAX_UNBLOCKS): CardMemory {
  return {
    pin: { code: '1234', triesLeft: pinTries },
    puk: { code: '12345678', triesLeft: pukTries, unblocksLeft: unblocks },
  };
}

function bytes(base64: string): Uint8Array {
  return Uint8Array.from(Buffer.from(base64, 'base64'));
}

function certificates(holder: CertifiedHolderName): CardCertificates {
  const set = FIXTURE_CERTIFICATES[holder];
  const one = (c: FixtureCertificate) => ({ der: bytes(c.der), keyId: Uint8Array.from(Buffer.from(c.keyId, 'hex')) });
  return { signature: one(set.signature), authentication: one(set.authentication) };
}

interface Cps3Recipe {
  readonly holder: HolderData;
  readonly certificates: CertifiedHolderName;
  readonly memory: CardMemory;
}

// The PUK-state cards are the seed's holder on cards of their own (other serial numbers).
const CPS3_FIXTURES: Readonly<Record<Exclude<FixtureName, 'unknown' | 'cps4'>, Cps3Recipe>> = {
  seed: { holder: SEED_HOLDER, certificates: 'seed', memory: memory(0) },
  'cps3-rpps': { holder: RPPS_HOLDER, certificates: 'cps3-rpps', memory: memory(PIN_MAX_TRIES) },
  'puk-last-try': { holder: { ...SEED_HOLDER, serial: '99002753' }, certificates: 'seed', memory: memory(0, 1) },
  'puk-blocked': { holder: { ...SEED_HOLDER, serial: '99002754' }, certificates: 'seed', memory: memory(0, 0) },
  'puk-exhausted': {
    holder: { ...SEED_HOLDER, serial: '99002755' },
    certificates: 'seed',
    memory: memory(0, PUK_MAX_TRIES, 0),
  },
  cpe: { holder: CPE_HOLDER, certificates: 'cpe', memory: memory(PIN_MAX_TRIES) },
};

// The CPS4 (OURS test codes as the CPS3's: PIN 1234, blocked; PUK 12345678, 10 tries, 100 unblocks).
const CPS4_FIXTURE: Cps3Recipe = { holder: CPS4_HOLDER, certificates: 'cps3-rpps', memory: memory(0) };

class Cps3FixtureCard extends SimulatedCps3Card implements SimulatedCard {
  declare readonly fixture: FixtureName;
}

export class Cps4FixtureCard extends SimulatedCps4Card implements SimulatedCard {
  declare readonly fixture: FixtureName;
}

class UnknownFixture extends UnknownCard implements SimulatedCard {
  readonly fixture = 'unknown' as const;
  snapshot(): null {
    return null;
  }
  restore(): void {
    throw new Error('cette carte simulée n’a pas d’état à reprendre');
  }
}

export function isFixtureName(name: string): name is FixtureName {
  return (FIXTURE_NAMES as readonly string[]).includes(name);
}

/** A new card, as it comes from the fixture (fresh counters). */
export function createFixtureCard(name: FixtureName): SimulatedCard {
  if (name === 'unknown') return new UnknownFixture();
  if (name === 'cps4') {
    const f = CPS4_FIXTURE;
    return new Cps4FixtureCard({ fixture: name, files: buildCps4Files(f.holder, certificates(f.certificates)), memory: f.memory });
  }
  const f = CPS3_FIXTURES[name];
  return new Cps3FixtureCard({
    fixture: name,
    files: buildCps3Files(f.holder, certificates(f.certificates)),
    memory: f.memory,
  });
}

/** The card a snapshot was taken from, with its saved codes and counters. */
export function cardFromSnapshot(value: unknown): SimulatedCard {
  const s = parseSnapshot(value);
  if (!isFixtureName(s.fixture)) throw new Error(`état de carte simulée invalide : carte « ${s.fixture} » inconnue`);
  const card = createFixtureCard(s.fixture);
  card.restore(s);
  return card;
}
