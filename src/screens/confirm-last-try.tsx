// Before the last try of a code: what is at stake, and an explicit yes (o in French, y in English) or no (Échap / n).

import { Box, Text } from 'ink';
import type { Operation } from '../machine/context.js';
import { lastTryWarning } from '../machine/messages.js';
import { NoticeView } from './notice.js';
import { useTheme } from './theme.js';
import { t } from '../i18n/index.js';

/** `triesLeft`: the count read just before (null: the card did not give it). */
export function ConfirmLastTry({ operation, triesLeft = 1 }: { operation: Operation; triesLeft?: number | null }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={theme.warning} paddingX={1}>
      <Text bold>{t('confirm.title')}</Text>
      <NoticeView notice={lastTryWarning(operation, triesLeft)} />
      <Text>
        <Text bold color={theme.key}>
          {t('keyname.yes')}
        </Text>{' '}
        {t('confirm.yes')}{' '}
        <Text bold color={theme.key}>
          {t('keyname.Échap')}
        </Text>{' '}
        {t('screen.or')}{' '}
        <Text bold color={theme.key}>
          n
        </Text>{' '}
        {t('confirm.no')}
      </Text>
    </Box>
  );
}
