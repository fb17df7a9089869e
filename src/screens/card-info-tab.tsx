// "Informations sur la carte": the codes' state, the card's identifiers and dates, the date of its
// last update when it has one (EF_ACTUA), every data object this tool cannot decode, and the
// warnings. The rows are the view's (src/view/present.ts, infoLines); this lays them out.

import type { CardReport } from '../card/cps/report.js';
import { infoLines } from '../view/present.js';
import { LineList } from './line-list.js';

export const INFO_WIDTH = 39;

export function CardInfoTab({ report, now }: { report?: CardReport; now: Date }) {
  return <LineList lines={infoLines(report, now)} width={INFO_WIDTH} />;
}
