// The state in a sentence, with what to do about it, shown above the sections.

import { Box, Text } from 'ink';
import type { Status } from './status.js';
import { toneColour } from './layout.js';
import { useTheme } from './theme.js';

export function StatusPanel({ status }: { status: Status }) {
  const theme = useTheme();
  if (status.text === undefined && status.remedy === undefined) return null;
  const marker = status.tone === 'danger' ? '✖ ' : status.tone === 'warning' ? '⚠ ' : status.tone === 'ok' ? '✔ ' : '› ';
  return (
    <Box flexDirection="column">
      {status.text !== undefined && (
        <Text bold color={toneColour(theme, status.tone)}>
          {marker}
          {status.text}
        </Text>
      )}
      {status.remedy !== undefined && <Text>{`  ${status.remedy}`}</Text>}
    </Box>
  );
}
