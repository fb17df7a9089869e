// CardReport → text that fits 80 columns, for `cps-audit report`, a ticket, and the TUI's save.
// The same sections and labels as the card screen (Sélection du lecteur, Identification du
// porteur, Informations sur la carte, Information sur les certificats), then the warnings.

import type { CardReport, CertificateInfo } from '../card/cps/report.js';
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
} from '../screens/format.js';
import { cleanText } from './clean.js';
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
  const v = cleanText(value);
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

const USE: Record<CertificateInfo['use'], string> = {
  signature: 'Certificat de signature',
  authentification: "Certificat d'authentification",
  inconnu: 'Certificat (usage inconnu)',
};

const STATUS_TEXT: Record<ReaderEntry['status'], string> = {
  card: 'carte lue',
  empty: 'aucune carte',
  'in-use': 'carte utilisée par un autre programme',
  unrecognised: 'carte non reconnue',
  'read-failed': 'lecture impossible',
};

function cardLines(card: CardReport, now: Date): string[] {
  const lines: string[] = [];
  lines.push(...title('Sélection du lecteur'));
  lines.push(...field('Modèle de carte', card.identity.model));
  lines.push(...field('ATR', hex(card.identity.atr)));
  if (!card.identity.supported) return lines;
  lines.push(...field('Catégorie de carte', readable(card.category, coded)));
  lines.push(...field('Type de carte', readable(card.cardType, coded)));
  lines.push(...field('Numéro de série', readableText(card.serial)));

  lines.push(...title('Identification du porteur'));
  const h = card.holder;
  lines.push(...field('Nom du porteur', readableText(h.name)));
  lines.push(
    ...field(
      'Identifiant',
      readable(h.identifier, (id) => `${id.value} (${coded(id.type)})`),
    ),
  );
  lines.push(...field('Profession', readable(h.profession, coded)));

  lines.push(...title('Informations sur la carte'));
  if (card.identity.hasPin) {
    lines.push(...field('Etat du code porteur utilisateur', pinStatusText(card.pin)));
    lines.push(...field('Etat du code de déblocage', pukStatusText(card.puk)));
    if (card.puk.unblocksLeft === null) lines.push(...field('Déblocages restants (vie de la carte)', 'inconnu (la carte ne le dit pas)'));
    else if (typeof card.puk.unblocksLeft === 'number')
      lines.push(...field('Déblocages restants (vie de la carte)', String(card.puk.unblocksLeft)));
  } else {
    lines.push(...field('Code porteur', 'aucun sur cette interface (sans contact)'));
  }
  lines.push(...field("Identifiant de l'émetteur de la carte", readableText(card.issuer)));
  lines.push(...field('Identifiant logique de la carte', readableText(card.logicalId)));
  lines.push(...field('Date de début de validité de la carte', readable(card.validFrom, frenchDate)));
  lines.push(...field("Date d'expiration de la carte", cardExpiryText(card.validTo, now).text));

  lines.push(...title('Information sur les certificats'));
  if (card.certificates.length === 0) lines.push('  Aucun certificat trouvé sur la carte.');
  card.certificates.forEach((c, i) => {
    if (!c.ok) {
      lines.push(...wrap(`  Certificat ${i + 1} illisible (${cleanText(c.reason)})`, WIDTH));
      return;
    }
    const cert = c.value;
    lines.push(`  ${USE[cert.use]}`);
    lines.push(...field('Titulaire', cert.holder, '    '));
    lines.push(...field('Émetteur', cert.issuer, '    '));
    lines.push(...field('Numéro de série', cert.serial, '    '));
    lines.push(...field('Validité', `du ${frenchDateOf(cert.notBefore)} au ${frenchDateOf(cert.notAfter)}`, '    '));
    lines.push(...field('État', validityState(cert.notBefore, cert.notAfter, now).text, '    '));
  });
  return lines;
}

const SERVICE_TEXT: Record<AuditReport['service']['status'], string> = {
  up: 'service PC/SC disponible',
  unavailable: 'service PC/SC (pcscd) indisponible',
  'access-refused': 'accès refusé par le service PC/SC',
  'binding-missing': 'bibliothèque PC/SC absente',
};

/** The whole report as text; every line fits 80 columns. */
export function reportText(r: AuditReport, exitCodeOf: (v: Verdict) => number, verdictText: (v: Verdict) => string): string {
  const lines: string[] = [];
  const stamp = r.generatedAt
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  lines.push(`Rapport cps-audit ${r.tool.version} (Node ${r.tool.node}) — ${stamp}`);
  lines.push(
    r.source === 'demo' ? 'Source : démonstration (carte simulée, aucun lecteur réel)' : `Source : ${SERVICE_TEXT[r.service.status]}`,
  );
  if (r.service.status !== 'up') {
    lines.push('');
    lines.push(...wrap(r.service.message, WIDTH));
    if (r.service.remedy) lines.push(...wrap(`Que faire : ${r.service.remedy}`, WIDTH));
  }
  if (r.readerProblem !== undefined) {
    lines.push('');
    for (const l of cleanText(r.readerProblem.replace(/\n/g, '\u2028')).split('\u2028')) lines.push(...wrap(l, WIDTH));
  }
  if (r.service.status === 'up' && r.readers.length === 0 && r.readerProblem === undefined) {
    lines.push('', 'Aucun lecteur de carte n’est branché. Branchez le lecteur, puis relancez.');
  }
  r.readers.forEach((reader, i) => {
    lines.push('', '='.repeat(WIDTH));
    lines.push(...wrap(`Lecteur ${i + 1} : ${cleanText(reader.name)}`, WIDTH));
    lines.push(...wrap(`État : ${STATUS_TEXT[reader.status]}`, WIDTH));
    if (reader.problem) {
      lines.push(...wrap(cleanText(reader.problem.message), WIDTH));
      if (reader.problem.remedy) lines.push(...wrap(`Que faire : ${cleanText(reader.problem.remedy)}`, WIDTH));
    }
    if (reader.card) lines.push(...cardLines(reader.card, r.generatedAt));
    const warnings = readerWarnings(reader, r.generatedAt);
    if (warnings.length > 0) {
      lines.push(...title('Avertissements'));
      for (const w of warnings)
        lines.push(
          ...wrap(`${w.severity === 'danger' ? '✖' : '⚠'} ${w.message}`, WIDTH - 4).map((l, j) => (j === 0 ? `  ${l}` : `    ${l}`)),
        );
    }
  });
  const v = reportVerdict(r);
  lines.push('', '='.repeat(WIDTH));
  lines.push(`Résultat : code de sortie ${exitCodeOf(v)}`);
  lines.push(...wrap(verdictText(v), WIDTH - 2).map((l) => `  ${l}`));
  return lines.map((l) => l.trimEnd()).join('\n') + '\n';
}
