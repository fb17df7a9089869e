// Before the last try of a code: what is at stake, and an explicit yes (o in French, y in English) or no (Échap / n).
// The words are the view's (src/view/present.ts); this draws them in a double frame.

import { Box, Text } from 'ink';
import type { NoticeModel } from '../view/present.js';
import { NoticeView } from './notice.js';
import { useTheme } from './theme.js';
import { t } from '../i18n/index.js';

export function ConfirmLastTry({ title, warning }: { title: string; warning: NoticeModel }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={theme.warning} paddingX={1}>
      <Text bold>{title}</Text>
      <NoticeView notice={warning} />
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
