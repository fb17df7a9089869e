// A message from the machine (what happened, what to do), with a marker so that its tone is
// never told by colour alone.

import { Box, Text } from 'ink';
import { t } from '../i18n/index.js';
import type { Notice } from '../machine/context.js';
import type { NoticeModel } from '../view/present.js';
import { Hanging, toneColour, type Tone } from './layout.js';
import { useTheme } from './theme.js';

export const NOTICE_COLOUR: Record<Notice['tone'], Tone> = { info: undefined, success: 'ok', warning: 'warning', error: 'danger' };
const MARKER: Record<Notice['tone'], string> = { info: '› ', success: '✔ ', warning: '⚠ ', error: '✖ ' };

export function NoticeView({ notice }: { notice: NoticeModel }) {
  const theme = useTheme();
  const words = notice;
  return (
    <Box flexDirection="column">
      <Hanging prefix={MARKER[notice.tone]} bold color={toneColour(theme, NOTICE_COLOUR[notice.tone])}>
        {words.text}
      </Hanging>
      {words.remedy !== undefined && <Hanging prefix="  ">{words.remedy}</Hanging>}
    </Box>
  );
}

/** "Entrée ou Échap : fermer ce message", under a message that waits to be closed. */
export function CloseMessageHint() {
  const theme = useTheme();
  return (
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
  );
}
