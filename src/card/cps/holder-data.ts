// The holder's data objects, read with the OURS layout of spec §5 (ours.ts). Each object parses
// alone; a missing field is unreadable, never invented; unknown tags are skipped.

import { ascii, hex, utf8 } from '../bytes.js';
import { findChild, parseTlvs, type Tlv } from '../tlv/tlv.js';
import {
  G01_CATEGORY,
  G02_CARD_TYPE,
  G03_CIVILITY,
  G07_STRUCTURE_ID_TYPE,
  G08_PERSON_ID_TYPE,
  G100_SPECIALITY,
  G101_CONVENTION,
  G102_TARIFF_ZONE,
  G103_IK_ZONE,
  G15_PROFESSION,
  G17_PRACTICE_MODE,
  G19_SECTOR,
  coded,
} from './nomenclatures.js';
import { HOLDER_LAYOUT } from './ours.js';
import type { Coded, PracticeSituation, Readable } from './report.js';

export class HolderDataError extends Error {
  override readonly name = 'HolderDataError';
}

export interface IdCard {
  readonly category: Readable<Coded>;
  readonly cardType: Readable<Coded>;
  readonly logicalId: Readable<string>;
  readonly validFrom: Readable<string>;
  readonly validTo: Readable<string>;
}

export interface NamePs {
  readonly civility: Readable<Coded>;
  readonly idType: Readable<Coded>;
  readonly identifier: Readable<string>;
  readonly surname: Readable<string>;
  readonly givenName: Readable<string>;
}

export interface InfoPs {
  readonly profession: Readable<Coded>;
  readonly speciality: Readable<Coded>;
}

const ABSENT: Readable<never> = { ok: false, reason: 'absent de la carte' };

function template(bytes: Uint8Array, tag: number, what: string): Tlv {
  let tlvs: Tlv[];
  try {
    tlvs = parseTlvs(bytes, { allowPadding: true });
  } catch (e) {
    throw new HolderDataError(`${what} illisible (${e instanceof Error ? e.message : String(e)})`);
  }
  const t = tlvs.find((x) => x.tag === tag);
  if (!t || !t.children) throw new HolderDataError(`${what} : modèle ${tag.toString(16).toUpperCase()} absent`);
  return t;
}

function text(t: Tlv, tag: number, decode: 'ascii' | 'utf8' = 'ascii'): Readable<string> {
  const f = findChild(t, tag);
  if (!f) return ABSENT;
  const s = (decode === 'utf8' ? utf8(f.value) : ascii(f.value)).trim();
  if (decode === 'ascii' && /[^\x20-\x7e]/.test(s)) return { ok: false, reason: `texte invalide (${hex(f.value)})` };
  return { ok: true, value: s, source: 'data' };
}

function code(t: Tlv, tag: number, table: Readonly<Record<string, string>>): Readable<Coded> {
  const r = text(t, tag);
  return r.ok ? { ok: true, value: coded(table, r.value), source: 'data' } : r;
}

/** One-byte codes (G01, G02) are written as a byte, shown as two hex digits ("80"). */
function byteCode(t: Tlv, tag: number, table: Readonly<Record<string, string>>): Readable<Coded> {
  const f = findChild(t, tag);
  if (!f) return ABSENT;
  if (f.value.length !== 1) return { ok: false, reason: `code de ${f.value.length} octet(s) au lieu de 1` };
  return { ok: true, value: coded(table, hex(f.value)), source: 'data' };
}

function date(t: Tlv, tag: number): Readable<string> {
  const r = text(t, tag);
  if (!r.ok) return r;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(r.value);
  if (!m) return { ok: false, reason: `date invalide (${r.value})` };
  const [, y, mo, d] = m;
  const iso = `${y}-${mo}-${d}`;
  const check = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso) return { ok: false, reason: `date invalide (${r.value})` };
  return { ok: true, value: iso, source: 'data' };
}

function digits(r: Readable<string>, n: number): Readable<string> {
  if (!r.ok) return r;
  return new RegExp(`^\\d{${n}}$`).test(r.value) ? r : { ok: false, reason: `${n} chiffres attendus (${r.value})` };
}

export function parseIdCard(bytes: Uint8Array): IdCard {
  const L = HOLDER_LAYOUT.idCard;
  const t = template(bytes, L.template, 'CPS_ID_CARD');
  return {
    category: byteCode(t, L.category, G01_CATEGORY),
    cardType: byteCode(t, L.cardType, G02_CARD_TYPE),
    logicalId: digits(text(t, L.logicalId), 10),
    validFrom: date(t, L.validFrom),
    validTo: date(t, L.validTo),
  };
}

export function parseNamePs(bytes: Uint8Array): NamePs {
  const L = HOLDER_LAYOUT.name;
  const t = template(bytes, L.template, 'CPS_NAME_PS');
  return {
    civility: code(t, L.civility, G03_CIVILITY),
    idType: code(t, L.idType, G08_PERSON_ID_TYPE),
    identifier: text(t, L.identifier),
    surname: text(t, L.surname, 'utf8'),
    givenName: text(t, L.givenName, 'utf8'),
  };
}

export function parseInfoPs(bytes: Uint8Array): InfoPs {
  const L = HOLDER_LAYOUT.info;
  const t = template(bytes, L.template, 'CPS_INFO_PS');
  return { profession: code(t, L.profession, G15_PROFESSION), speciality: code(t, L.speciality, G100_SPECIALITY) };
}

export function parseActivity(bytes: Uint8Array): PracticeSituation {
  const L = HOLDER_LAYOUT.activity;
  const t = template(bytes, L.template, 'CPS_ACTIVITY_PS');
  const number = text(t, L.number);
  const zone = text(t, L.tariffZone);
  return {
    number: number.ok ? number.value : '—',
    mode: code(t, L.mode, G17_PRACTICE_MODE),
    sector: code(t, L.sector, G19_SECTOR),
    structureIdType: code(t, L.structureIdType, G07_STRUCTURE_ID_TYPE),
    structureId: text(t, L.structureId),
    companyName: text(t, L.companyName, 'utf8'),
    billingNumber: text(t, L.billingNumber),
    convention: code(t, L.convention, G101_CONVENTION),
    speciality: code(t, L.speciality, G100_SPECIALITY),
    // G102: the zone is its own label; only 99 has a name.
    tariffZone: zone.ok ? { ok: true, value: G102_TARIFF_ZONE[zone.value] ? coded(G102_TARIFF_ZONE, zone.value) : /^\d{2}$/.test(zone.value) ? { code: zone.value, label: `Zone ${zone.value}` } : { code: zone.value }, source: 'data' } : zone,
    ikZone: code(t, L.ikZone, G103_IK_ZONE),
  };
}
