// Below 80×23 the screens cannot be read: one message, and quitting still works.

import { Box, Text } from 'ink';
import { t } from '../i18n/index.js';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 23; // 80×23: tmux or screen on an 80×24 terminal (their status line takes one)

export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Box flexDirection="column">
      <Text bold>{t('tooSmall.title')}</Text>
      <Text>{t('tooSmall.size', { columns, rows })}</Text>
      <Text>{t('tooSmall.i22.accessible')}</Text>
      <Text>{t('tooSmall.quit')}</Text>
    </Box>
  );
}
