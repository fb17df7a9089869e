// "Information sur les certificats": use, holder, issuer, serial, validity and state of each.
// The rows are the view's (src/view/present.ts, certificateLines); this lays them out.

import type { CardReport, CertificateInfo, Readable } from '../card/cps/report.js';
import { certificateLines } from '../view/present.js';
import { LineList } from './line-list.js';

export const CERTIFICATES_WIDTH = 20;

export function CertificatesTab({
  certificates,
  now,
  report,
}: {
  certificates: readonly Readable<CertificateInfo>[];
  now: Date;
  report?: CardReport;
}) {
  return <LineList lines={certificateLines(certificates, now, report)} width={CERTIFICATES_WIDTH} />;
}
