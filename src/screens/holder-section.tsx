// "Identification du porteur": name, identifier with its type ("0B4005951 (ADELI)"), profession.
// When they come from a certificate (the data objects are in a format this tool does not know),
// the section says so once; a field that no source gives shows "—", and the section says why once.

import type { CardReport } from '../card/cps/report.js';
import { coded, fromCertificateNote, readable, text, unreadNote } from '../view/format.js';
import { Note, notPublished } from './generic-view.js';
import { Field, Section } from './layout.js';
import { t } from '../i18n/index.js';

const W = 21;

/** Card types whose holder has a profession: CPS (00) and CPF (01); a CPE, CDE, CPA has none. */
const WITH_PROFESSION: ReadonlySet<string> = new Set(['00', '01']);

/** No profession on a card type that has none: "sans objet", not a field that failed to read. */
function professionApplies(report: CardReport | undefined): boolean {
  const type = report?.cardType;
  return type === undefined || !type.ok || WITH_PROFESSION.has(type.value.code);
}

export function HolderSection({ report }: { report?: CardReport }) {
  const h = report?.holder;
  const applies = professionApplies(report);
  const unread = h ? unreadNote(applies ? [h.name, h.identifier, h.profession] : [h.name, h.identifier]) : undefined;
  const profession = h === undefined ? '' : !applies && !h.profession.ok ? t('value.notApplicable') : readable(h.profession, coded);
  const undecoded = report?.undecoded.filter((u) => u.section === 'holder').map((u) => u.label) ?? [];
  return (
    <Section title={t('section.holder')}>
      <Field label={t('field.holderName')} width={W} value={h ? text(h.name) : ''} />
      <Field label={t('field.identifier')} width={W} value={h ? readable(h.identifier, (id) => `${id.value} (${coded(id.type)})`) : ''} />
      <Field label={t('field.profession')} width={W} value={profession} />
      {h?.certificate !== undefined && (
        <Note>{`${fromCertificateNote(h.certificate)}${undecoded.length > 0 ? t('value.undecodedInTab', { labels: undecoded.join(', '), notPublished: notPublished() }) : ''}`}</Note>
      )}
      {unread !== undefined && <Note>{unread}</Note>}
    </Section>
  );
}
