// "Identification du porteur": name, identifier with its type ("0B4005951 (ADELI)"), profession.

import type { CardReport } from '../card/cps/report.js';
import { coded, readable, text } from './format.js';
import { Field, Section } from './layout.js';

const W = 21;

export function HolderSection({ report }: { report?: CardReport }) {
  const h = report?.holder;
  return (
    <Section title="Identification du porteur">
      <Field label="Nom du porteur" width={W} value={h ? text(h.name) : ''} />
      <Field label="Identifiant" width={W} value={h ? readable(h.identifier, (id) => `${id.value} (${coded(id.type)})`) : ''} />
      <Field label="Profession" width={W} value={h ? readable(h.profession, coded) : ''} />
    </Section>
  );
}
