// The holder as the report shows it: from the data objects (OURS layout, docs/card.md §5) when they parse, else
// from the authentication certificate's subject (KNOWN: CN=<type digit><identifier>+SN+GN,
// title= or OU=<profession label>). Both present and different: a warning.

import { fact, type CardFact } from '../fact.js';
import type { ParsedCertificate } from '../pkcs15/certificate.js';
import type { InfoPs, NamePs } from './holder-data.js';
import { G08_PERSON_ID_TYPE, G15_PROFESSION, coded, professionCodeFromLabel } from './nomenclatures.js';
import type { CertificateUse, Coded, Holder, Readable } from './report.js';

/** `certUse`: which certificate `cert` is (the holder then says where its fields came from). */
export function buildHolder(
  name: Readable<NamePs>,
  info: Readable<InfoPs>,
  cert: ParsedCertificate | null,
  warnings: CardFact[],
  certUse: CertificateUse = 'authentification',
): Holder {
  const fromData = {
    name: name.ok ? displayName(name.value) : name,
    identifier: name.ok ? identifierOf(name.value) : name,
    profession: info.ok ? info.value.profession : info,
  };
  if (!cert) return fromData;
  const fromCert = certificateHolder(cert);
  compare(fromData, fromCert, warnings);
  const holder = {
    name: fromData.name.ok ? fromData.name : or(fromCert.name, fromData.name),
    identifier: fromData.identifier.ok ? fromData.identifier : or(fromCert.identifier, fromData.identifier),
    profession: fromData.profession.ok ? fromData.profession : or(fromCert.profession, fromData.profession),
  };
  const fromCertificate = [holder.name, holder.identifier, holder.profession].some((f) => f.ok && f.source === 'certificate');
  return fromCertificate ? { ...holder, certificate: certUse } : holder;
}

function or<T>(a: Readable<T>, fallback: Readable<T>): Readable<T> {
  return a.ok ? a : { ok: false, reason: fact('card.holder.bothUnread', { data: fallback.ok ? '' : fallback.reason, cert: a.reason }) };
}

/** "M DENT-CS0595 EMILE": civility abbreviation, surname, given name (as the seed shows it). */
function displayName(n: NamePs): Readable<string> {
  if (!n.surname.ok) return n.surname;
  const civility = n.civility.ok ? (n.civility.value.label ?? n.civility.value.code) : null;
  const parts = [civility, n.surname.value, n.givenName.ok ? n.givenName.value : null].filter((p): p is string => !!p);
  return { ok: true, value: parts.join(' '), source: 'data' };
}

function identifierOf(n: NamePs): Readable<{ value: string; type: Coded }> {
  if (!n.identifier.ok) return n.identifier;
  if (!n.idType.ok) return n.idType;
  return { ok: true, value: { value: n.identifier.value, type: n.idType.value }, source: 'data' };
}

export interface CertificateHolder {
  readonly name: Readable<string>;
  readonly identifier: Readable<{ value: string; type: Coded }>;
  readonly profession: Readable<Coded>;
}

export function certificateHolder(c: ParsedCertificate): CertificateHolder {
  const surname = c.surname?.trim();
  const given = c.givenName?.trim();
  const name: Readable<string> = surname
    ? { ok: true, value: [surname, given].filter(Boolean).join(' '), source: 'certificate' }
    : { ok: false, reason: fact('card.cert.noName') };
  const cn = c.commonName?.trim() ?? '';
  const identifier: Readable<{ value: string; type: Coded }> = /^\d\S+$/.test(cn)
    ? { ok: true, value: { value: cn.slice(1), type: coded(G08_PERSON_ID_TYPE, cn[0]!) }, source: 'certificate' }
    : { ok: false, reason: fact('card.cert.noId', { cn: cn || '—' }) };
  const labels = [c.title, ...c.organizationalUnits].filter((l): l is string => !!l);
  let profession: Readable<Coded> = { ok: false, reason: fact('card.cert.noProfession') };
  for (const l of labels) {
    const code = professionCodeFromLabel(l);
    if (code) {
      profession = { ok: true, value: { code, label: G15_PROFESSION[code]! }, source: 'certificate' };
      break;
    }
  }
  if (!profession.ok && c.title) profession = { ok: false, reason: fact('card.cert.unknownProfession', { title: c.title }) };
  return { name, identifier, profession };
}

function compare(data: CertificateHolder, cert: CertificateHolder, warnings: CardFact[]): void {
  const norm = (s: string): string => s.normalize('NFC').toUpperCase().replace(/\s+/g, ' ').trim();
  if (data.name.ok && cert.name.ok && !norm(data.name.value).endsWith(norm(cert.name.value))) {
    warnings.push(fact('card.mismatch.name', { card: data.name.value, cert: cert.name.value }));
  }
  if (data.identifier.ok && cert.identifier.ok) {
    const a = data.identifier.value;
    const b = cert.identifier.value;
    if (a.value !== b.value || a.type.code !== b.type.code) {
      warnings.push(fact('card.mismatch.id', { card: `${a.type.code}${a.value}`, cert: `${b.type.code}${b.value}` }));
    }
  }
  if (data.profession.ok && cert.profession.ok && data.profession.value.code !== cert.profession.value.code) {
    warnings.push(
      fact('card.mismatch.profession', {
        card: data.profession.value.label ?? data.profession.value.code,
        cert: cert.profession.value.label ?? '',
      }),
    );
  }
}
