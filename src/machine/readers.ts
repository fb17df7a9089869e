// Which reader the tool works with. Never silently the first: automatic only when the choice is
// obvious (one reader holds a CPS, or one reader holds a card at all).

import { readerMatch } from '../card/transport/reader-match.js';
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
  readonly readerProblem?: string;
}

export function pickReader(ctx: PickInput): ReaderPick {
  const { readers } = ctx;
  if (ctx.forcedReader !== undefined) {
    if (readers.length === 0) return {};
    const m = readerMatch(readers.map((r) => r.name), ctx.forcedReader);
    return m.ok ? { selected: m.name } : { readerProblem: m.message };
  }
  const current = readerNamed(readers, ctx.selected);
  if (current !== undefined && (current.atr !== undefined || ctx.userChose)) return { selected: current.name };
  const cards = withCard(readers);
  const cps = cards.filter((r) => r.atr !== undefined && ctx.isCps(r.atr));
  if (cps.length === 1) return { selected: cps[0]?.name };
  if (cards.length === 1) return { selected: cards[0]?.name };
  return {};
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
