// "Identification du porteur": name, identifier with its type ("0B4005951 (ADELI)"), profession.
// The rows are the view's (src/view/present.ts, holderSection); this lays them out.

import type { CardReport } from '../card/cps/report.js';
import { holderSection } from '../view/present.js';
import { Section } from './layout.js';
import { LineList } from './line-list.js';

const W = 21;

export function HolderSection({ report }: { report?: CardReport }) {
  const section = holderSection(report);
  return (
    <Section title={section.title}>
      <LineList lines={section.lines} width={W} />
    </Section>
  );
}
