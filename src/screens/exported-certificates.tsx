// Issue 21: what the certificates tab's key (`e`) wrote, until Entrée or Échap.

import { Box, Text } from 'ink';
import { t } from '../i18n/index.js';
import { Hanging } from './layout.js';
import { useTheme } from './theme.js';

export function ExportedCertificates({ lines }: { lines: readonly string[] }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      {lines.map((l, i) => (
        <Hanging key={i} prefix="">
          {l}
        </Hanging>
      ))}
      <Text>
        <Text bold color={theme.key}>
          {t('keyname.Entrée')}
        </Text>{' '}
        {t('screen.or')}{' '}
        <Text bold color={theme.key}>
          {t('keyname.Échap')}
        </Text>{' '}
        {t('screen.closeMessage')}
      </Text>
    </Box>
  );
}
