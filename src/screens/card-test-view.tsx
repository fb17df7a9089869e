// Issue 21: the card test's result in the full screen: each named check passed, skipped (with
// why) or failed (with what to do), then "N tests : X réussis, Y ignorés, Z échoués".

import { Box, Text } from 'ink';
import type { CardTestResult, CheckStatus } from '../card/cps/card-test.js';
import { t } from '../i18n/index.js';
import { Hanging } from './layout.js';
import { CHECK_MARK } from '../view/card-test-lines.js';
import { checkWords } from '../view/card-test-words.js';
import { useTheme } from './theme.js';

export function CardTestView({ result }: { result: CardTestResult }) {
  const theme = useTheme();
  const tone: Readonly<Record<CheckStatus, string | undefined>> = { passed: theme.ok, skipped: theme.muted, failed: theme.danger };
  return (
    <Box flexDirection="column">
      <Text bold>
        {t('cardTest.title', { serial: result.serial ? t('cardTest.serial', { serial: result.serial }) : '', reader: result.reader })}
      </Text>
      {result.checks.map(checkWords).map((c) => (
        <Box key={c.id} flexDirection="column">
          <Text>
            <Text color={tone[c.status]}>{CHECK_MARK[c.status]}</Text> <Text bold>{c.name}</Text>
            {' : '}
            <Text color={tone[c.status]}>{t(`cardTest.status.${c.status}`)}</Text>
          </Text>
          <Hanging prefix="    ">{c.detail}</Hanging>
          {c.remedy !== undefined && <Hanging prefix="    ">{t('cardTest.todo', { remedy: c.remedy })}</Hanging>}
        </Box>
      ))}
      <Text bold color={result.counts.failed > 0 ? theme.danger : theme.ok}>
        {t('cardTest.summary', result.counts)}
      </Text>
    </Box>
  );
}
