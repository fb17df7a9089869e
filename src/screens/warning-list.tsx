// The warnings of src/report/warnings.ts (the same list the text and JSON reports print), shown
// on the card screen. Each tab shows the warnings it does not already state in its own rows.

import { Box } from 'ink';
import type { CardReport } from '../card/cps/report.js';
import { cardWarnings, type CardWarning, type WarningCode } from '../report/warnings.js';
import { Hanging, toneColour } from './layout.js';
import { useTheme } from './theme.js';

/** Warnings about the certificates, for the certificates tab. */
const CERTIFICATE: ReadonlySet<WarningCode> = new Set(['certificate-expired', 'certificate-expiring', 'certificate-not-yet-valid']);
/** Already said by the information tab's own rows ("31/03/2014 (carte expirée)"). */
const INLINE_ON_INFO: ReadonlySet<WarningCode> = new Set(['card-expired']);

export function infoTabWarnings(report: CardReport, now: Date): CardWarning[] {
  return cardWarnings(report, now).filter((w) => !CERTIFICATE.has(w.code) && !INLINE_ON_INFO.has(w.code));
}

export function certificateTabWarnings(report: CardReport, now: Date): CardWarning[] {
  return cardWarnings(report, now).filter((w) => CERTIFICATE.has(w.code));
}

export function WarningList({ warnings }: { warnings: readonly CardWarning[] }) {
  const theme = useTheme();
  if (warnings.length === 0) return null;
  return (
    <Box flexDirection="column">
      {warnings.map((w, i) => (
        <Hanging key={i} prefix={w.severity === 'danger' ? '✖ ' : '⚠ '} bold color={toneColour(theme, w.severity)}>
          {w.message}
        </Hanging>
      ))}
    </Box>
  );
}
