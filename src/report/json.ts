// CardReport → JSON, for `cps-audit report --json` and the TUI's save. The shape is documented
// by docs/report.schema.json (schemaVersion below); a field added to CardReport appears here by
// itself (toJsonValue walks the report), and the schema lists it once someone documents it.

import { createHash } from 'node:crypto';
import type { CardReport, CertificateInfo, Readable } from '../card/cps/report.js';
import type { CardFact } from '../card/fact.js';
import { hex } from '../card/bytes.js';
import { codeStanding, pukStanding } from '../card/cps/standing.js';
import { language } from '../i18n/index.js';
import { cardFactWords } from '../i18n/card-facts.js';
import { safeLines, safeText } from '../card/safe-text.js';
import {
  readerVerdict,
  readerWarnings,
  reportVerdict,
  type AuditReport,
  type ReaderEntry,
  type Verdict,
  type WordedCardTest,
} from './model.js';

/** Bumped on any change that can break a reader of the JSON (a field removed or retyped). */
/**
 * 2 (issue 22, issue 20): readerFeatures and keypadLengths of the card (issue 20); the card's own
 * `warnings` are gone; they are in `readers[].warnings` (code card-data), once. Issue 17: each
 * code's `length` (min, max, source), `undecoded[].section` in language-neutral identifiers.
 */
/** 3 (issue 21): `cardTest`, the last card test's checks when one ran in the full screen (`t`) before the save. */
export const SCHEMA_VERSION = 3;

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Any value from the card layer, as JSON: bytes as hex, dates as ISO text, strings cleaned. */
export function toJsonValue(v: unknown): Json {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return safeText(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Uint8Array) return hex(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (Array.isArray(v)) return v.map(toJsonValue);
  // A fact of the card layer (a field's reason, a warning, a long value cut short): in words, as before.
  if (isCardFact(v)) return safeText(cardFactWords(v));
  if (typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toJsonValue(x);
    return out;
  }
  // Nothing else comes from the card layer; a bigint counts, a function or a symbol is not data.
  return typeof v === 'bigint' ? v.toString() : null;
}

/** A fact of the card layer (card/fact.ts): its kind is a catalogue key ("card.tlv.hexCut") or 'message'. */
function isCardFact(v: unknown): v is CardFact {
  if (typeof v !== 'object' || v === null || !('kind' in v) || typeof v.kind !== 'string') return false;
  return v.kind === 'message' ? 'text' in v && typeof v.text === 'string' : v.kind.includes('.');
}

function certificateJson(c: Readable<CertificateInfo>): Json {
  if (!c.ok) return { ok: false, reason: safeText(cardFactWords(c.reason)) };
  const { der, ...rest } = c.value;
  return { ok: true, value: { ...(toJsonValue(rest) as { [k: string]: Json }), sha256: createHash('sha256').update(der).digest('hex') } };
}

export function pinState(card: CardReport): 'ok' | 'blocked' | 'unknown' | 'none' {
  if (!card.identity.hasPin) return 'none';
  const pin = codeStanding(card.pin);
  return pin === 'lastTry' || pin === 'usable' ? 'ok' : pin;
}

export function pukState(card: CardReport): 'ok' | 'blocked' | 'exhausted' | 'unknown' | 'none' {
  if (!card.identity.hasPin) return 'none';
  const puk = pukStanding(card.puk);
  return puk === 'lastTry' || puk === 'usable' ? 'ok' : puk;
}

export function cardJson(card: CardReport): Json {
  // The card's warnings are the reader's (warnings.ts, code card-data): one field for them, not two.
  const { certificates, warnings: _inReaderWarnings, ...rest } = card;
  void _inReaderWarnings;
  return {
    ...(toJsonValue(rest) as { [k: string]: Json }),
    pinState: pinState(card),
    pukState: pukState(card),
    certificates: certificates.map(certificateJson),
  };
}

function readerJson(r: ReaderEntry, now: Date, exitCodeOf: (v: Verdict) => number): Json {
  const verdict = readerVerdict(r, now);
  return {
    name: safeText(r.name),
    atr: r.atr ? hex(r.atr) : null,
    status: r.status,
    verdict,
    exitCode: exitCodeOf(verdict),
    ...(r.problem ? { problem: toJsonValue(r.problem) } : {}),
    warnings: toJsonValue(readerWarnings(r, now)),
    card: r.card ? cardJson(r.card) : null,
  };
}

/** Issue 21: a card test's result, as `cps-audit test --json` gives its checks (ids and statuses stable, words in `lang`). */
export function cardTestJson(r: WordedCardTest): Json {
  return {
    reader: safeText(r.reader),
    serial: r.serial === null ? null : safeText(r.serial),
    at: r.at.toISOString(),
    checks: r.checks.map((c) => ({
      id: c.id,
      status: c.status,
      name: safeText(c.name),
      detail: safeLines(c.detail),
      ...(c.remedy !== undefined ? { remedy: safeLines(c.remedy) } : {}),
    })),
    counts: { ...r.counts },
  };
}

/** The whole report as a JSON object (JSON.stringify it to print). */
export function reportJson(r: AuditReport, exitCodeOf: (v: Verdict) => number): Json {
  const verdict = reportVerdict(r);
  return {
    schemaVersion: SCHEMA_VERSION,
    // The language of the human sentences (warnings' messages, problems, remedies); keys and codes never change.
    lang: language(),
    tool: { name: 'cps-audit', version: r.tool.version, node: r.tool.node },
    generatedAt: r.generatedAt.toISOString(),
    source: r.source,
    service: toJsonValue(r.service),
    ...(r.readerProblem !== undefined ? { readerProblem: safeLines(r.readerProblem) } : {}),
    readers: r.readers.map((x) => readerJson(x, r.generatedAt, exitCodeOf)),
    ...(r.cardTest !== undefined ? { cardTest: cardTestJson(r.cardTest) } : {}),
    verdict,
    exitCode: exitCodeOf(verdict),
  };
}
