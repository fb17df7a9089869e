// The state in a sentence, with what to do about it, shown above the sections.

import { Box } from 'ink';
import type { Status } from '../view/status.js';
import { Hanging, toneColour } from './layout.js';
import { useTheme } from './theme.js';

export function StatusPanel({ status }: { status: Status }) {
  const theme = useTheme();
  if (status.text === undefined && status.remedy === undefined) return null;
  const marker = status.tone === 'danger' ? '✖ ' : status.tone === 'warning' ? '⚠ ' : status.tone === 'ok' ? '✔ ' : '› ';
  return (
    <Box flexDirection="column">
      {status.text !== undefined && (
        <Hanging prefix={marker} bold color={toneColour(theme, status.tone)}>
          {status.text}
        </Hanging>
      )}
      {status.remedy !== undefined && <Hanging prefix="  ">{status.remedy}</Hanging>}
    </Box>
  );
}
