// `cps-audit report [--json] [--reader NAME] [--demo [--card NAME]]`: a non-interactive audit of
// every reader and card, printed for a ticket (text, 80 columns) or a script (JSON). No code is
// ever asked: only what the card screen and its information and certificate tabs show.

import { isTransportError, type TransportError } from '../../card/transport/errors.js';
import { readerMatch } from '../../card/transport/reader-match.js';
import type { ReaderState, Transport } from '../../card/transport/transport.js';
import type { CardService } from '../../card/cps/card-service.js';
import { CARD_IN_USE, readFailureNotice, transportNotice } from '../../machine/messages.js';
import { reportJson } from '../../report/json.js';
import { reportVerdict, type AuditReport, type ReaderEntry, type ServiceState } from '../../report/model.js';
import { reportText } from '../../report/text.js';
import { EXIT, EXIT_TABLE } from '../exit-codes.js';
import { nodeVersion } from '../system-info.js';
import { t } from '../../i18n/index.js';
import type { Command } from '../cli/command-line.js';
import type { TraceFile } from '../trace-file.js';
import type { Source } from '../wiring.js';
import { openSource, unknownDemoCard } from './source.js';
import { noticeWords, readerMismatchWords } from '../../view/failure.js';

/** How long to wait for pcscd's first reader list before calling the service unavailable. */
export const FIRST_LIST_MS = 10_000;

export const exitCodeOf = (v: keyof typeof EXIT): number => EXIT[v];
export const verdictText = (v: keyof typeof EXIT): string => EXIT_TABLE.find((r) => r.name === v)?.means ?? v;

function serviceState(e: TransportError): ServiceState {
  const notice = noticeWords(transportNotice(e));
  const status = e.kind === 'access-refused' ? 'access-refused' : 'unavailable';
  return { status, message: notice.text, ...(notice.remedy ? { remedy: notice.remedy } : {}) };
}

export type FirstState = { readonly service: ServiceState; readonly readers: readonly ReaderState[] };

/** The first settled picture of the service and its readers. */
export function firstState(transport: Transport, timeoutMs: number): Promise<FirstState> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (s: FirstState) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(s);
    };
    const timer = setTimeout(
      () =>
        finish({
          service: {
            status: 'unavailable',
            message: t('report.noList.text'),
            remedy: t('report.noList.remedy'),
          },
          readers: [],
        }),
      timeoutMs,
    );
    transport.watch((event) => {
      if (event.type === 'service' && event.service.status === 'down') finish({ service: serviceState(event.service.error), readers: [] });
      if (event.type === 'readers') finish({ service: { status: 'up' }, readers: event.readers });
    });
  });
}

async function readOne(cards: CardService, r: ReaderState): Promise<ReaderEntry> {
  const base = { name: r.name, ...(r.atr ? { atr: r.atr } : {}) };
  if (!r.atr) return { ...base, status: 'empty' };
  if (r.inUse) {
    const n = noticeWords(CARD_IN_USE);
    return { ...base, status: 'in-use', problem: { message: n.text, ...(n.remedy ? { remedy: n.remedy } : {}) } };
  }
  try {
    const card = await cards.read(r.name);
    return { ...base, status: card.identity.supported ? 'card' : 'unrecognised', card };
  } catch (e) {
    const n = noticeWords(readFailureNotice(e));
    const problem = { message: n.text, ...(n.remedy ? { remedy: n.remedy } : {}) };
    return { ...base, status: isTransportError(e, 'card-in-use') ? 'in-use' : 'read-failed', problem };
  }
}

export interface CollectOptions {
  readonly source: Source;
  readonly demo: boolean;
  readonly reader?: string;
  readonly version: string;
  readonly now?: Date;
  readonly firstListMs?: number;
}

/** Reads every reader (or the one --reader names) and returns the report; never throws for a card. */
export async function collectReport(o: CollectOptions): Promise<AuditReport> {
  const tool = { version: o.version, node: nodeVersion() };
  const generatedAt = o.now ?? new Date();
  const base = { tool, generatedAt, source: o.demo ? ('demo' as const) : ('pcsc' as const) };
  const src = o.source;
  if (!src.ok) {
    const [first, ...rest] = src.message.split('\n');
    return { ...base, service: { status: 'binding-missing', message: first ?? src.message, remedy: rest.join(' ') }, readers: [] };
  }
  const state = await firstState(src.transport, o.firstListMs ?? FIRST_LIST_MS);
  if (state.service.status !== 'up') return { ...base, service: state.service, readers: [] };
  let readers = state.readers;
  let readerProblem: string | undefined;
  if (o.reader !== undefined) {
    const m = readerMatch(
      readers.map((r) => r.name),
      o.reader,
    );
    if (m.ok) readers = readers.filter((r) => r.name === m.name);
    else {
      readerProblem = readerMismatchWords(m);
      readers = [];
    }
  }
  const entries: ReaderEntry[] = [];
  for (const r of readers) entries.push(await readOne(src.cards, r));
  return { ...base, service: state.service, readers: entries, ...(readerProblem !== undefined ? { readerProblem } : {}) };
}

export function renderReport(report: AuditReport, json: boolean): string {
  return json ? JSON.stringify(reportJson(report, exitCodeOf), null, 2) + '\n' : reportText(report, exitCodeOf, verdictText);
}

export function reportExitCode(report: AuditReport): number {
  return exitCodeOf(reportVerdict(report));
}

/** `cps-audit report`: the report on stdout, its exit code. A source that cannot open is said in the report. */
export async function runReport(
  cmd: Extract<Command, { kind: 'report' }>,
  trace: TraceFile | undefined,
  version: string,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const refused = await unknownDemoCard(cmd);
  if (refused !== undefined) return refused;
  const source = await openSource(cmd, trace);
  try {
    const report = await collectReport({
      source,
      demo: cmd.demo,
      version,
      ...(cmd.reader !== undefined ? { reader: cmd.reader } : {}),
    });
    out.write(renderReport(report, cmd.json));
    return reportExitCode(report);
  } finally {
    if (source.ok) await source.close();
  }
}
