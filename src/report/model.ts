// What `cps-audit report` (and the TUI's save) puts in a report: the service, every reader, and
// for each card what the card screen and its information and certificate tabs show (never the
// practice situations: no code is ever asked). Pure data; the builders are text.ts and json.ts.

import type { CheckId, CheckStatus } from '../card/cps/card-test.js';
import type { CardReport } from '../card/cps/report.js';
import { standing } from '../card/cps/standing.js';
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
  | 'expired'
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
  readonly cardTest?: WordedCardTest;
}

/** A card test's check in words (src/view/card-test-words.ts): ids and statuses stable, the rest sentences. */
export interface WordedCheck {
  readonly id: CheckId;
  readonly status: CheckStatus;
  readonly name: string;
  readonly detail: string;
  readonly remedy?: string;
}

/** A card test's result in words, as the report and `cps-audit test --json` give it. */
export interface WordedCardTest {
  readonly reader: string;
  readonly serial: string | null;
  readonly at: Date;
  readonly checks: readonly WordedCheck[];
  readonly counts: { readonly total: number; readonly passed: number; readonly skipped: number; readonly failed: number };
}

/** The card, or one of its certificates, is past its end date (card/cps/standing.ts). */
export function isExpired(card: CardReport, now: Date = new Date()): boolean {
  return standing(card, now).expired;
}

/**
 * How a card stands, as a verdict (and so an exit code), what stands first between the holder
 * and the card first: a card that can no longer be unblocked (11); one try left before a loss
 * for good (12: the PIN's last try, or a blocked PIN whose PUK has one try left: the next wrong
 * PUK ends the card); a blocked PIN (10: the tool can fix it now); an expired card or
 * certificate (13: to renew, also once its PIN works again); else ok. The standing is
 * card/cps/standing.ts's; this only orders it.
 */
export function cardVerdict(card: CardReport, now: Date = new Date()): Verdict {
  if (!card.identity.supported) return 'cardUnrecognised';
  const s = standing(card, now);
  if (!s.hasPin) return s.expired ? 'expired' : 'ok';
  if (s.codes === 'pukUnusable') return 'cannotUnblock';
  if (s.lastTry !== undefined) return 'lastTry';
  if (s.codes === 'pinBlocked') return 'pinBlocked';
  return s.expired ? 'expired' : 'ok';
}

export function readerVerdict(r: ReaderEntry, now: Date = new Date()): Verdict {
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
      return r.card ? cardVerdict(r.card, now) : 'readFailed';
  }
}

const ORDER: readonly Verdict[] = [
  'cannotUnblock',
  'lastTry',
  'expired',
  'pinBlocked',
  'readFailed',
  'cardUnrecognised',
  'cardInUse',
  'ok',
];

/** A reader whose card was read as a CPS (a card this tool knows). */
const holdsCps = (x: ReaderEntry): boolean => x.status === 'card' && x.card?.identity.supported === true;

/**
 * The whole report's verdict: the service first; then, among the readers holding a card, the one
 * that needs a person most (an empty reader beside a read card is no problem); no card at all
 * is noCard, no reader noReader. Once a CPS was read, a card this tool does not know beside it
 * (a Vitale card in the other slot) is a note in its reader's entry, not the verdict.
 */
export function reportVerdict(r: AuditReport): Verdict {
  if (r.service.status === 'unavailable') return 'serviceUnavailable';
  if (r.service.status === 'access-refused') return 'accessRefused';
  if (r.service.status === 'binding-missing') return 'bindingMissing';
  if (r.readerProblem !== undefined) return 'noReader';
  if (r.readers.length === 0) return 'noReader';
  const occupied = r.readers.filter((x) => x.status !== 'empty');
  if (occupied.length === 0) return 'noCard';
  const cpsRead = occupied.some(holdsCps);
  const withCard = cpsRead ? occupied.filter((x) => readerVerdict(x) !== 'cardUnrecognised') : occupied;
  let worst: Verdict = 'ok';
  for (const x of withCard) {
    const v = readerVerdict(x, r.generatedAt);
    if (ORDER.indexOf(v) < ORDER.indexOf(worst)) worst = v;
  }
  return worst;
}

export function readerWarnings(r: ReaderEntry, now: Date): CardWarning[] {
  return r.card && r.card.identity.supported ? cardWarnings(r.card, now) : [];
}
