// What a simulated card remembers across power cycles: its codes and counters. A snapshot is plain
// JSON, so that `cps-audit simulate --state FILE` can keep a test card's state between runs.
// These are a TEST card's codes, the simulator's own memory; no real code is ever stored.

import { t } from '../../i18n/index.js';
import { CODE_MEMORY_LENGTHS, PIN_MAX_TRIES, PUK_MAX_TRIES, PUK_MAX_UNBLOCKS } from './profile.js';

export interface CodeMemory {
  code: string;
  triesLeft: number;
}

export interface CardMemory {
  pin: CodeMemory;
  puk: CodeMemory & { unblocksLeft: number };
}

export const SNAPSHOT_FORMAT = 'cps-audit/simulated-card';

export interface CardSnapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: 1;
  /** The fixture the card was made from (its files); the snapshot holds only what changes. */
  readonly fixture: string;
  readonly pin: { readonly code: string; readonly triesLeft: number };
  readonly puk: { readonly code: string; readonly triesLeft: number; readonly unblocksLeft: number };
}

export function toSnapshot(fixture: string, m: CardMemory): CardSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: 1,
    fixture,
    pin: { code: m.pin.code, triesLeft: m.pin.triesLeft },
    puk: { code: m.puk.code, triesLeft: m.puk.triesLeft, unblocksLeft: m.puk.unblocksLeft },
  };
}

function isInt(v: unknown, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
}

function isCode(v: unknown, min: number, max: number): v is string {
  return typeof v === 'string' && new RegExp(`^[0-9]{${min},${max}}$`).test(v);
}

/** Checks a parsed JSON value; throws with a reason (src/i18n) when it is not a card snapshot. */
export function parseSnapshot(value: unknown): CardSnapshot {
  const bad = (why: string): never => {
    throw new Error(t('simcard.invalid', { why }));
  };
  if (typeof value !== 'object' || value === null) return bad(t('simcard.notObject'));
  const v = value as Record<string, unknown>;
  if (v.format !== SNAPSHOT_FORMAT || v.version !== 1) return bad('format ou version inconnus');
  if (typeof v.fixture !== 'string') return bad(t('simcard.noFixture'));
  const pin = v.pin as Record<string, unknown> | undefined;
  const puk = v.puk as Record<string, unknown> | undefined;
  if (!pin || !isCode(pin.code, CODE_MEMORY_LENGTHS.pin.min, CODE_MEMORY_LENGTHS.pin.max) || !isInt(pin.triesLeft, PIN_MAX_TRIES)) {
    return bad(t('simcard.badPin'));
  }
  if (
    !puk ||
    !isCode(puk.code, CODE_MEMORY_LENGTHS.puk.min, CODE_MEMORY_LENGTHS.puk.max) ||
    !isInt(puk.triesLeft, PUK_MAX_TRIES) ||
    !isInt(puk.unblocksLeft, PUK_MAX_UNBLOCKS)
  ) {
    return bad(t('simcard.badPuk'));
  }
  return {
    format: SNAPSHOT_FORMAT,
    version: 1,
    fixture: v.fixture,
    pin: { code: pin.code, triesLeft: pin.triesLeft },
    puk: { code: puk.code, triesLeft: puk.triesLeft, unblocksLeft: puk.unblocksLeft },
  };
}
