// The holder's data objects (docs/card.md §5). Each object parses alone, in the layout its
// template names: the OURS A0/A1/A2/A3 layouts (ours.ts), or, for CPS_ACTIVITY_nn_PS, the EE
// layout read on a real ANS test card. An object in any other layout raises UnknownLayoutError
// with a generic BER-TLV view of its bytes, shown as "format non publié": never "illisible".
// A missing field is unreadable, never invented; tags a layout does not name are kept.

import { t as say } from '../../i18n/index.js';
import { ascii, hex, utf8 } from '../bytes.js';
import { safeText } from '../safe-text.js';
import { genericView, type GenericNode, type GenericView } from '../tlv/generic.js';
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
  R01_SPECIALITY,
  R02_SECTOR,
  coded,
} from './nomenclatures.js';
import { ACTIVITY_EE_LAYOUT, DATA_OBJECT_LABELS, HOLDER_LAYOUT } from './ours.js';
import type { Coded, PracticeSituation, Readable } from './report.js';

/** The object is not in a layout this tool knows: its bytes, for the generic view. */
export class UnknownLayoutError extends Error {
  override readonly name = 'UnknownLayoutError';
  readonly content: GenericView;
  constructor(what: string, bytes: Uint8Array) {
    super(say('card.format.unpublished', { what }));
    this.content = genericView(bytes);
  }
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

/** Looked up when used: the language is chosen after this module loads. */
const absent = (): Readable<never> => ({ ok: false, reason: say('card.absent') });

/** The object's template with one of `tags`; anything else (or no TLV at all) is an unknown layout. */
function template(bytes: Uint8Array, tags: readonly number[], what: string): Tlv {
  let tlvs: Tlv[];
  try {
    tlvs = parseTlvs(bytes, { allowPadding: true });
  } catch {
    throw new UnknownLayoutError(what, bytes);
  }
  const t = tlvs.find((x) => tags.includes(x.tag) && x.children);
  if (!t) throw new UnknownLayoutError(what, bytes);
  return t;
}

function text(t: Tlv, tag: number, decode: 'ascii' | 'utf8' = 'ascii'): Readable<string> {
  const f = findChild(t, tag);
  if (!f) return absent();
  const raw = (decode === 'utf8' ? utf8(f.value) : ascii(f.value)).trim();
  if (decode === 'ascii' && /[^\x20-\x7e]/.test(raw)) return { ok: false, reason: `texte invalide (${hex(f.value)})` };
  return { ok: true, value: safeText(raw), source: 'data' };
}

/** The children of `t` whose tags are not in `known`, as the generic view shows them. */
function others(t: Tlv, known: readonly number[]): GenericNode[] {
  const set = new Set(known);
  const tags = (t.children ?? []).map((c) => c.tag);
  return genericView(t.value).nodes.filter((_, i) => !set.has(tags[i]!));
}

function code(t: Tlv, tag: number, table: Readonly<Record<string, string>>): Readable<Coded> {
  const r = text(t, tag);
  return r.ok ? { ok: true, value: coded(table, r.value), source: 'data' } : r;
}

/** A speciality: an RPPS R01 code ("SM26", "SCD01") or else a G100 code ("01"). */
function speciality(t: Tlv, tag: number): Readable<Coded> {
  const r = text(t, tag);
  if (!r.ok) return r;
  return { ok: true, value: coded(/^[A-Z]{2,3}\d{2}$/.test(r.value) ? R01_SPECIALITY : G100_SPECIALITY, r.value), source: 'data' };
}

/** One-byte codes (G01, G02) are written as a byte, shown as two hex digits ("80"). */
function byteCode(t: Tlv, tag: number, table: Readonly<Record<string, string>>): Readable<Coded> {
  const f = findChild(t, tag);
  if (!f) return absent();
  if (f.value.length !== 1) return { ok: false, reason: say('card.codeBytes', { n: f.value.length }) };
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
  const t = template(bytes, [L.template], DATA_OBJECT_LABELS.idCard);
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
  const t = template(bytes, [L.template], DATA_OBJECT_LABELS.name);
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
  const t = template(bytes, [L.template], DATA_OBJECT_LABELS.info);
  return { profession: code(t, L.profession, G15_PROFESSION), speciality: speciality(t, L.speciality) };
}

/** CPS_ACTIVITY_nn_PS, in the layout its template names: EE (evidence) or A3 (OURS). */
export function parseActivity(bytes: Uint8Array, label = 'CPS_ACTIVITY_PS'): PracticeSituation {
  const t = template(bytes, [ACTIVITY_EE_LAYOUT.template, HOLDER_LAYOUT.activity.template], label);
  const fromLabel = DATA_OBJECT_LABELS.activity.exec(label)?.[1];
  return t.tag === ACTIVITY_EE_LAYOUT.template ? activityEe(t, label, fromLabel) : activityA3(t, label, fromLabel);
}

/** A situation field that a layout does not carry. */
function notInLayout(layout: string): Readable<never> {
  return { ok: false, reason: say('card.notInLayout', { layout }) };
}

function activityEe(t: Tlv, label: string, fromLabel: string | undefined): PracticeSituation {
  const L = ACTIVITY_EE_LAYOUT;
  const none = notInLayout('EE');
  return {
    label,
    number: fromLabel ?? '—',
    layout: 'EE',
    otherFields: others(t, [L.companyName, L.structureId, L.sector]),
    mode: none,
    sector: code(t, L.sector, R02_SECTOR),
    structureIdType: none,
    structureId: text(t, L.structureId),
    companyName: text(t, L.companyName, 'utf8'),
    billingNumber: none,
    convention: none,
    speciality: none,
    tariffZone: none,
    ikZone: none,
  };
}

function activityA3(t: Tlv, label: string, fromLabel: string | undefined): PracticeSituation {
  const L = HOLDER_LAYOUT.activity;
  const number = text(t, L.number);
  const zone = text(t, L.tariffZone);
  const { template: _template, ...fields } = L;
  return {
    label,
    number: number.ok ? number.value : (fromLabel ?? '—'),
    layout: 'A3',
    otherFields: others(t, Object.values(fields)),
    mode: code(t, L.mode, G17_PRACTICE_MODE),
    sector: code(t, L.sector, G19_SECTOR),
    structureIdType: code(t, L.structureIdType, G07_STRUCTURE_ID_TYPE),
    structureId: text(t, L.structureId),
    companyName: text(t, L.companyName, 'utf8'),
    billingNumber: text(t, L.billingNumber),
    convention: code(t, L.convention, G101_CONVENTION),
    speciality: speciality(t, L.speciality),
    // G102: the zone is its own label; only 99 has a name.
    tariffZone: zone.ok
      ? {
          ok: true,
          value: G102_TARIFF_ZONE[zone.value]
            ? coded(G102_TARIFF_ZONE, zone.value)
            : /^\d{2}$/.test(zone.value)
              ? { code: zone.value, label: `Zone ${zone.value}` }
              : { code: zone.value },
          source: 'data',
        }
      : zone,
    ikZone: code(t, L.ikZone, G103_IK_ZONE),
  };
}

/**
 * A situation whose object is in no layout this tool knows: every field "format non publié",
 * the object itself in the generic view.
 */
export function undecodedActivity(label: string, content: GenericView): PracticeSituation {
  const no: Readable<never> = { ok: false, reason: say('card.format.unpublished', { what: label }) };
  return {
    label,
    number: DATA_OBJECT_LABELS.activity.exec(label)?.[1] ?? '—',
    layout: null,
    otherFields: [],
    content,
    mode: no,
    sector: no,
    structureIdType: no,
    structureId: no,
    companyName: no,
    billingNumber: no,
    convention: no,
    speciality: no,
    tariffZone: no,
    ikZone: no,
  };
}
