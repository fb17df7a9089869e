// The tool's own name, cps-audit's version, and the state in words.

import { Box, Text } from 'ink';
import type { Status } from '../view/status.js';
import { toneColour } from './layout.js';
import { useTheme } from './theme.js';
import { t } from '../i18n/index.js';

export function TitleBar({ version, status }: { version: string; status: Status }) {
  const theme = useTheme();
  return (
    <Box justifyContent="space-between" flexShrink={0} columnGap={1}>
      <Box flexShrink={1}>
        <Text bold color={theme.title} wrap="truncate-end">
          {t('app.name')} <Text color={theme.muted}>· cps-audit {version}</Text>
        </Text>
      </Box>
      <Box flexShrink={0}>
        <Text bold color={toneColour(theme, status.tone)}>
          {status.name}
        </Text>
      </Box>
    </Box>
  );
}
