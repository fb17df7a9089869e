// What a simulated card remembers across power cycles: its codes and counters. A snapshot is plain
// JSON, so that `cps-audit simulate --state FILE` can keep a test card's state between runs.
// These are a TEST card's codes, the simulator's own memory; no real code is ever stored.

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

/** Why a simulated card's saved state is refused (worded by the view: src/view/failure.ts, errorWords). */
export type SimStateProblem =
  | { readonly why: 'no-state' | 'not-object' | 'format' | 'no-fixture' | 'bad-pin' | 'bad-puk' }
  | { readonly why: 'unknown-fixture'; readonly card: string }
  | { readonly why: 'other-fixture'; readonly saved: string; readonly card: string };

/** A simulated card's state refused: a typed fact, a short English message. */
export class SimStateError extends Error {
  override readonly name = 'SimStateError';
  constructor(readonly problem: SimStateProblem) {
    super(`simulated card state refused: ${problem.why}`);
  }
}

/** Checks a parsed JSON value; throws a SimStateError when it is not a card snapshot. */
export function parseSnapshot(value: unknown): CardSnapshot {
  const bad = (why: 'not-object' | 'format' | 'no-fixture' | 'bad-pin' | 'bad-puk'): never => {
    throw new SimStateError({ why });
  };
  if (typeof value !== 'object' || value === null) return bad('not-object');
  const v = value as Record<string, unknown>;
  if (v.format !== SNAPSHOT_FORMAT || v.version !== 1) return bad('format');
  if (typeof v.fixture !== 'string') return bad('no-fixture');
  const pin = v.pin as Record<string, unknown> | undefined;
  const puk = v.puk as Record<string, unknown> | undefined;
  if (!pin || !isCode(pin.code, CODE_MEMORY_LENGTHS.pin.min, CODE_MEMORY_LENGTHS.pin.max) || !isInt(pin.triesLeft, PIN_MAX_TRIES)) {
    return bad('bad-pin');
  }
  if (
    !puk ||
    !isCode(puk.code, CODE_MEMORY_LENGTHS.puk.min, CODE_MEMORY_LENGTHS.puk.max) ||
    !isInt(puk.triesLeft, PUK_MAX_TRIES) ||
    !isInt(puk.unblocksLeft, PUK_MAX_UNBLOCKS)
  ) {
    return bad('bad-puk');
  }
  return {
    format: SNAPSHOT_FORMAT,
    version: 1,
    fixture: v.fixture,
    pin: { code: pin.code, triesLeft: pin.triesLeft },
    puk: { code: puk.code, triesLeft: puk.triesLeft, unblocksLeft: puk.unblocksLeft },
  };
}
