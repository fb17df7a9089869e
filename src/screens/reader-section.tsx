// "Sélection du lecteur": how many readers, the one in use, and what card is in it. A field the
// card does not give shows "—", and the section says why once. The rows are the view's
// (src/view/present.ts, readerSection); this lays them out.

import type { CardReport } from '../card/cps/report.js';
import { readerSection, type SectionModel } from '../view/present.js';
import { Section } from './layout.js';
import { LineList } from './line-list.js';

const W = 21;

export function ReaderSectionView({ section }: { section: SectionModel }) {
  return (
    <Section title={section.title}>
      <LineList lines={section.lines} width={W} />
    </Section>
  );
}

export function ReaderSection({
  line,
  reader,
  report,
  removed = false,
}: {
  /** The seed's reader line (readerStatusLine, src/machine/selectors.ts). */
  line: string;
  reader?: string;
  report?: CardReport;
  /** The card shown before was taken out: say so, and show none of its values. */
  removed?: boolean;
}) {
  return <ReaderSectionView section={readerSection(line, reader, report, removed)} />;
}
