// What `cps-audit report` (and the TUI's save) puts in a report: the service, every reader, and
// for each card what the card screen and its information and certificate tabs show (never the
// practice situations: no code is ever asked). Pure data; the builders are text.ts and json.ts.

import type { CardTestResult } from '../card/cps/card-test.js';
import type { CardReport } from '../card/cps/report.js';
import { cardWarnings, type CardWarning } from './warnings.js';

export type ServiceState =
  | { readonly status: 'up' }
  | { readonly status: 'unavailable' | 'access-refused' | 'binding-missing'; readonly message: string; readonly remedy?: string };

export type ReaderStatus = 'card' | 'empty' | 'in-use' | 'unrecognised' | 'read-failed';

/** The verdict on one reader or on the whole report; app/exit-codes.ts gives each its number. */
export type Verdict =
  | 'ok'
  | 'pinBlocked'
  | 'cannotUnblock'
  | 'lastTry'
  | 'serviceUnavailable'
  | 'accessRefused'
  | 'bindingMissing'
  | 'noReader'
  | 'noCard'
  | 'cardInUse'
  | 'cardUnrecognised'
  | 'readFailed';

export interface ReaderEntry {
  readonly name: string;
  readonly atr?: Uint8Array;
  readonly status: ReaderStatus;
  /** The full read (also for an unrecognised card: its identity and ATR). */
  readonly card?: CardReport;
  /** Why the card could not be read, in French, with the remedy. */
  readonly problem?: { readonly message: string; readonly remedy?: string };
}

export interface AuditReport {
  readonly tool: { readonly version: string; readonly node: string };
  readonly generatedAt: Date;
  /** demo: the in-process simulated card; pcsc: the readers of pcscd. */
  readonly source: 'pcsc' | 'demo';
  readonly service: ServiceState;
  readonly readers: readonly ReaderEntry[];
  /** `--reader NAME` that matched nothing: said, with the readers present. */
  readonly readerProblem?: string;
  /** Issue 21: the last card test (`t`) on the card of this report, when one ran; no code in it. */
  readonly cardTest?: CardTestResult;
}

/** How a card stands, as a verdict (and so an exit code). */
export function cardVerdict(card: CardReport): Verdict {
  if (!card.identity.supported) return 'cardUnrecognised';
  if (!card.identity.hasPin) return 'ok';
  const pukDead = card.puk.triesLeft === 0 || card.puk.unblocksLeft === 0;
  if (card.pin.triesLeft === 0) return pukDead ? 'cannotUnblock' : 'pinBlocked';
  if (card.pin.triesLeft === 1 || (card.puk.triesLeft === 1 && !pukDead)) return 'lastTry';
  return 'ok';
}

export function readerVerdict(r: ReaderEntry): Verdict {
  switch (r.status) {
    case 'empty':
      return 'noCard';
    case 'in-use':
      return 'cardInUse';
    case 'unrecognised':
      return 'cardUnrecognised';
    case 'read-failed':
      return 'readFailed';
    case 'card':
      return r.card ? cardVerdict(r.card) : 'readFailed';
  }
}

const ORDER: readonly Verdict[] = ['cannotUnblock', 'pinBlocked', 'lastTry', 'readFailed', 'cardUnrecognised', 'cardInUse', 'ok'];

/**
 * The whole report's verdict: the service first; then, among the readers holding a card, the one
 * that needs a person most (an empty reader beside a read card is no problem); no card at all
 * is noCard, no reader noReader.
 */
export function reportVerdict(r: AuditReport): Verdict {
  if (r.service.status === 'unavailable') return 'serviceUnavailable';
  if (r.service.status === 'access-refused') return 'accessRefused';
  if (r.service.status === 'binding-missing') return 'bindingMissing';
  if (r.readerProblem !== undefined) return 'noReader';
  if (r.readers.length === 0) return 'noReader';
  const withCard = r.readers.filter((x) => x.status !== 'empty');
  if (withCard.length === 0) return 'noCard';
  let worst: Verdict = 'ok';
  for (const x of withCard) {
    const v = readerVerdict(x);
    if (ORDER.indexOf(v) < ORDER.indexOf(worst)) worst = v;
  }
  return worst;
}

export function readerWarnings(r: ReaderEntry, now: Date): CardWarning[] {
  return r.card && r.card.identity.supported ? cardWarnings(r.card, now) : [];
}
