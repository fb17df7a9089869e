// Which reader the tool works with. Never silently the first: automatic only when the choice is
// obvious. In a surgery a two-slot reader shows as two PC/SC readers, the patient's Vitale card in
// one, the CPS in the other: exactly one CPS is that obvious choice, whatever else is inserted, and
// the tool asks only between two CPS (or, with no CPS at all, between several cards).

import { readerMatch, type ReaderMismatch } from '../card/transport/reader-match.js';
import type { ReaderState } from '../card/transport/transport.js';
import type { AuditContext } from './context.js';

export function readerNamed(readers: readonly ReaderState[], name: string | undefined): ReaderState | undefined {
  return name === undefined ? undefined : readers.find((r) => r.name === name);
}

export function withCard(readers: readonly ReaderState[]): readonly ReaderState[] {
  return readers.filter((r) => r.atr !== undefined);
}

export interface ReaderPick {
  readonly selected?: string;
  readonly readerProblem?: ReaderMismatch;
}

export function pickReader(ctx: PickInput): ReaderPick {
  const { readers } = ctx;
  if (ctx.forcedReader !== undefined) {
    if (readers.length === 0) return {};
    const m = readerMatch(
      readers.map((r) => r.name),
      ctx.forcedReader,
    );
    return m.ok ? { selected: m.name } : { readerProblem: { problem: m.problem, wanted: m.wanted, readers: m.readers } };
  }
  const current = readerNamed(readers, ctx.selected);
  if (current !== undefined && ctx.userChose) return { selected: current.name };
  const cps = cpsReaders(ctx);
  // The reader in use keeps its card, unless that card is no CPS and exactly one CPS is elsewhere.
  if (current?.atr !== undefined && (ctx.isCps(current.atr) || cps.length !== 1)) return { selected: current.name };
  if (cps.length === 1) return { selected: cps[0]!.name };
  if (cps.length >= 2) return {}; // ask (mustChoose)
  // No CPS anywhere: the reader in use waits for its card rather than jump to the patient's.
  if (current !== undefined) return { selected: current.name };
  const cards = withCard(readers);
  if (cards.length === 1) return { selected: cards[0]!.name };
  return {};
}

/** The readers holding a card that identifies as a CPS. */
export function cpsReaders(ctx: Pick<AuditContext, 'readers' | 'isCps'>): readonly ReaderState[] {
  return withCard(ctx.readers).filter((r) => r.atr !== undefined && ctx.isCps(r.atr));
}

type PickInput = Pick<AuditContext, 'readers' | 'forcedReader' | 'userChose' | 'isCps' | 'selected'>;

export function selectedReader(ctx: Pick<AuditContext, 'readers' | 'selected'>): ReaderState | undefined {
  return readerNamed(ctx.readers, ctx.selected);
}

export function selectedHasCard(ctx: Pick<AuditContext, 'readers' | 'selected'>): boolean {
  return selectedReader(ctx)?.atr !== undefined;
}

/** The same readers, with the card of `name` taken out (the card layer just said it is gone). */
export function withoutCard(readers: readonly ReaderState[], name: string | undefined): readonly ReaderState[] {
  return readers.map((r) => (r.name === name ? { name: r.name } : r));
}
