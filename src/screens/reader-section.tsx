// "Sélection du lecteur": how many readers, the one in use, and what card is in it. A field the
// card does not give shows "—", and the section says why once.

import type { CardReport } from '../card/cps/report.js';
import { coded, readable, text, unreadNote } from '../view/format.js';
import { Note } from './generic-view.js';
import { Field, Section } from './layout.js';
import { t } from '../i18n/index.js';
import { modelName } from '../card/cps/identify.js';
import { keypadText } from '../report/reader-features.js';

const W = 21;

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
  // An unsupported card (CPS2ter, not a CPS) shows only its model; its ATR is in the status.
  const known = report?.identity.supported === true ? report : undefined;
  const unread = known ? unreadNote([known.category, known.cardType, known.serial]) : undefined;
  return (
    <Section title={t('section.reader')}>
      <Field label={line} width={W * 3} />
      <Field label={t('field.selectedReader')} width={W} value={reader ?? ''} />
      {removed && <Field label={t('field.card')} width={W} value={t('value.cardRemoved')} tone="warning" />}
      <Field label={t('field.category')} width={W} value={known ? readable(known.category, coded) : ''} />
      <Field label={t('field.cardType')} width={W} value={known ? readable(known.cardType, coded) : ''} />
      <Field label={t('field.model')} width={W} value={report ? modelName(report.identity.model) : ''} />
      <Field label={t('field.serial')} width={W} value={known ? text(known.serial) : ''} />
      {known?.readerFeatures?.verifyPinDirect !== undefined && (
        <Field label={t('field.readerKeypad')} width={W} value={keypadText(known.readerFeatures)} />
      )}
      {unread !== undefined && <Note>{unread}</Note>}
    </Section>
  );
}
