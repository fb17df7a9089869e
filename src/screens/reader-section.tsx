// "Sélection du lecteur": how many readers, the one in use, and what card is in it. A field the
// card does not give shows "—", and the section says why once.

import type { CardReport } from '../card/cps/report.js';
import { coded, readable, text, readerCountText, unreadNote } from './format.js';
import { Note } from './generic-view.js';
import { Field, Section } from './layout.js';

const W = 21;

export function ReaderSection({
  readerCount,
  cardCount,
  reader,
  report,
}: {
  readerCount: number;
  /** Readers holding a card. */
  cardCount: number;
  reader?: string;
  report?: CardReport;
}) {
  // An unsupported card (CPS2ter, not a CPS) shows only its model; its ATR is in the status.
  const known = report?.identity.supported === true ? report : undefined;
  const unread = known ? unreadNote([known.category, known.cardType, known.serial]) : undefined;
  return (
    <Section title="Sélection du lecteur">
      <Field label={readerCountText(readerCount, cardCount)} width={W * 3} />
      <Field label="Lecteur sélectionné" width={W} value={reader ?? ''} />
      <Field label="Catégorie de carte" width={W} value={known ? readable(known.category, coded) : ''} />
      <Field label="Type de carte" width={W} value={known ? readable(known.cardType, coded) : ''} />
      <Field label="Modèle de carte" width={W} value={report ? report.identity.model : ''} />
      <Field label="Numéro de série" width={W} value={known ? text(known.serial) : ''} />
      {unread !== undefined && <Note>{unread}</Note>}
    </Section>
  );
}
