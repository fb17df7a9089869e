// CardReport → text that fits 80 columns, for `cps-audit report`, a ticket, and the TUI's save.
// The same sections and labels as the card screen (Sélection du lecteur, Identification du
// porteur, Informations sur la carte, Information sur les certificats: the screen's own catalogue
// keys), then the warnings; every word from the catalogue (src/i18n), in the chosen language.

import type { CardReport } from '../card/cps/report.js';
import { hex } from '../card/bytes.js';
import {
  cardExpiryText,
  coded,
  frenchDate,
  frenchDateOf,
  pinStatusText,
  pukStatusText,
  readable,
  text as readableText,
  validityState,
} from '../view/format.js';
import { t } from '../i18n/index.js';
import { modelName } from '../card/cps/identify.js';
import { safeLines, safeText } from '../card/safe-text.js';
import { readerFeatureFields } from './reader-features.js';
import { readerWarnings, reportVerdict, type AuditReport, type ReaderEntry, type Verdict } from './model.js';

export const WIDTH = 80;
const LABEL = 40;

/** Splits `s` into lines of at most `width` columns, at spaces when it can. */
export function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  let rest = s.trim();
  while ([...rest].length > width) {
    const chars = [...rest];
    let cut = chars.slice(0, width + 1).lastIndexOf(' ');
    if (cut <= 0) cut = width;
    out.push(chars.slice(0, cut).join('').trimEnd());
    rest = chars.slice(cut).join('').trimStart();
  }
  if (rest.length > 0 || out.length === 0) out.push(rest);
  return out;
}

function field(label: string, value: string, indent = '  '): string[] {
  const v = safeText(value);
  const head = `${indent}${label}`;
  const room = WIDTH - LABEL;
  if ([...head].length >= LABEL) {
    return [...wrap(head, WIDTH), ...wrap(v, WIDTH - LABEL).map((l) => ' '.repeat(LABEL) + l)];
  }
  const lines = wrap(v, room);
  return lines.map((l, i) => (i === 0 ? head.padEnd(LABEL) : ' '.repeat(LABEL)) + l);
}

function title(s: string): string[] {
  return ['', s, '-'.repeat(Math.min(WIDTH, [...s].length))];
}

const STATUS_TEXT = (status: ReaderEntry['status']): string => t(`report.status.${status}`);

function cardLines(card: CardReport, now: Date): string[] {
  const lines: string[] = [];
  lines.push(...title(t('section.reader')));
  lines.push(...field(t('field.model'), modelName(card.identity.model)));
  lines.push(...field('ATR', hex(card.identity.atr)));
  for (const f of readerFeatureFields(card.readerFeatures)) lines.push(...field(f.label, f.value));
  if (!card.identity.supported) return lines;
  lines.push(...field(t('field.category'), readable(card.category, coded)));
  lines.push(...field(t('field.cardType'), readable(card.cardType, coded)));
  lines.push(...field(t('field.serial'), readableText(card.serial)));

  lines.push(...title(t('section.holder')));
  const h = card.holder;
  lines.push(...field(t('field.holderName'), readableText(h.name)));
  lines.push(
    ...field(
      t('field.identifier'),
      readable(h.identifier, (id) => `${id.value} (${coded(id.type)})`),
    ),
  );
  lines.push(...field(t('field.profession'), readable(h.profession, coded)));

  lines.push(...title(t('tab.info')));
  if (card.identity.hasPin) {
    lines.push(...field(t('field.pinState'), pinStatusText(card.pin)));
    lines.push(...field(t('field.pukState'), pukStatusText(card.puk)));
    if (card.puk.unblocksLeft === null) lines.push(...field(t('field.unblocksLeft'), t('value.unknownNotTold')));
    else if (typeof card.puk.unblocksLeft === 'number') lines.push(...field(t('field.unblocksLeft'), String(card.puk.unblocksLeft)));
  } else {
    lines.push(...field(t('report.pin'), t('report.pin.none')));
  }
  lines.push(...field(t('field.issuer'), readableText(card.issuer)));
  lines.push(...field(t('field.logicalId'), readableText(card.logicalId)));
  lines.push(...field(t('field.validFrom'), readable(card.validFrom, frenchDate)));
  lines.push(...field(t('field.validTo'), cardExpiryText(card.validTo, now).text));

  lines.push(...title(t('tab.certificates')));
  if (card.certificates.length === 0) lines.push(`  ${t('cert.none')}`);
  card.certificates.forEach((c, i) => {
    if (!c.ok) {
      lines.push(...wrap(`  ${t('report.cert.unreadable', { n: i + 1, reason: safeText(c.reason) })}`, WIDTH));
      return;
    }
    const cert = c.value;
    lines.push(`  ${t(`cert.${cert.use}`)}`);
    lines.push(...field(t('field.certHolder'), cert.holder, '    '));
    lines.push(...field(t('field.certIssuer'), cert.issuer, '    '));
    lines.push(...field(t('field.serial'), cert.serial, '    '));
    lines.push(
      ...field(
        t('field.certValidity'),
        t('value.validity', { from: frenchDateOf(cert.notBefore), to: frenchDateOf(cert.notAfter) }),
        '    ',
      ),
    );
    lines.push(...field(t('field.certState'), validityState(cert.notBefore, cert.notAfter, now).text, '    '));
  });
  return lines;
}

/** The whole report as text; every line fits 80 columns. */
export function reportText(r: AuditReport, exitCodeOf: (v: Verdict) => number, verdictText: (v: Verdict) => string): string {
  const lines: string[] = [];
  const stamp = r.generatedAt
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  lines.push(t('report.head', { version: r.tool.version, node: r.tool.node, stamp }));
  lines.push(r.source === 'demo' ? t('report.source.demo') : t('report.source', { service: t(`report.service.${r.service.status}`) }));
  if (r.service.status !== 'up') {
    lines.push('');
    lines.push(...wrap(r.service.message, WIDTH));
    if (r.service.remedy) lines.push(...wrap(t('report.remedy', { remedy: r.service.remedy }), WIDTH));
  }
  if (r.readerProblem !== undefined) {
    lines.push('');
    for (const l of safeLines(r.readerProblem).split('\n')) lines.push(...wrap(l, WIDTH));
  }
  if (r.service.status === 'up' && r.readers.length === 0 && r.readerProblem === undefined) {
    lines.push('', t('report.noReader'));
  }
  r.readers.forEach((reader, i) => {
    lines.push('', '='.repeat(WIDTH));
    lines.push(...wrap(t('report.reader', { n: i + 1, name: safeText(reader.name) }), WIDTH));
    lines.push(...wrap(t('report.state', { status: STATUS_TEXT(reader.status) }), WIDTH));
    if (reader.problem) {
      lines.push(...wrap(safeText(reader.problem.message), WIDTH));
      if (reader.problem.remedy) lines.push(...wrap(t('report.remedy', { remedy: safeText(reader.problem.remedy) }), WIDTH));
    }
    if (reader.card) lines.push(...cardLines(reader.card, r.generatedAt));
    const warnings = readerWarnings(reader, r.generatedAt);
    if (warnings.length > 0) {
      lines.push(...title(t('report.warnings')));
      for (const w of warnings)
        lines.push(
          ...wrap(`${w.severity === 'danger' ? '✖' : '⚠'} ${w.message}`, WIDTH - 4).map((l, j) => (j === 0 ? `  ${l}` : `    ${l}`)),
        );
    }
  });
  const v = reportVerdict(r);
  lines.push('', '='.repeat(WIDTH));
  lines.push(t('report.result', { code: exitCodeOf(v) }));
  lines.push(...wrap(verdictText(v), WIDTH - 2).map((l) => `  ${l}`));
  return lines.map((l) => l.trimEnd()).join('\n') + '\n';
}
