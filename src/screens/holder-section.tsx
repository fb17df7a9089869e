// "Identification du porteur": name, identifier with its type ("0B4005951 (ADELI)"), profession.
// When they come from a certificate (the data objects are in a format this tool does not know),
// the section says so once; a field that no source gives shows "—", and the section says why once.

import type { CardReport } from '../card/cps/report.js';
import { coded, fromCertificateNote, readable, text, unreadNote } from './format.js';
import { Note, NOT_PUBLISHED } from './generic-view.js';
import { Field, Section } from './layout.js';

const W = 21;

export function HolderSection({ report }: { report?: CardReport }) {
  const h = report?.holder;
  const unread = h ? unreadNote([h.name, h.identifier, h.profession]) : undefined;
  const undecoded = report?.undecoded.filter((u) => u.section === 'porteur').map((u) => u.label) ?? [];
  return (
    <Section title="Identification du porteur">
      <Field label="Nom du porteur" width={W} value={h ? text(h.name) : ''} />
      <Field label="Identifiant" width={W} value={h ? readable(h.identifier, (id) => `${id.value} (${coded(id.type)})`) : ''} />
      <Field label="Profession" width={W} value={h ? readable(h.profession, coded) : ''} />
      {h?.certificate !== undefined && (
        <Note>{`${fromCertificateNote(h.certificate)}${undecoded.length > 0 ? ` : ${undecoded.join(', ')} en ${NOT_PUBLISHED}, contenu dans l’onglet 1` : ''}`}</Note>
      )}
      {unread !== undefined && <Note>{unread}</Note>}
    </Section>
  );
}
