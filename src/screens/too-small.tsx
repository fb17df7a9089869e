// Below 80×24 the screens cannot be read: one message, and quitting still works.

import { Box, Text } from 'ink';
import { t } from '../i18n/index.js';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Box flexDirection="column">
      <Text bold>{t('tooSmall.title')}</Text>
      <Text>{t('tooSmall.size', { columns, rows })}</Text>
      <Text>{t('tooSmall.quit')}</Text>
    </Box>
  );
}
