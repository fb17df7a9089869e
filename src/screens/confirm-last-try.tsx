// Before the last try of a code: what is at stake, and an explicit yes (o) or no (Échap / n).

import { Box, Text } from 'ink';
import type { Operation } from '../machine/context.js';
import { lastTryWarning } from '../machine/messages.js';
import { NoticeView } from './notice.js';
import { useTheme } from './theme.js';

/** `triesLeft`: the count read just before (null: the card did not give it). */
export function ConfirmLastTry({ operation, triesLeft = 1 }: { operation: Operation; triesLeft?: number | null }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={theme.warning} paddingX={1}>
      <Text bold>DERNIER ESSAI</Text>
      <NoticeView notice={lastTryWarning(operation, triesLeft)} />
      <Text>
        <Text bold color={theme.key}>
          o
        </Text>{' '}
        : oui, envoyer le code à la carte —{' '}
        <Text bold color={theme.key}>
          Échap
        </Text>{' '}
        ou{' '}
        <Text bold color={theme.key}>
          n
        </Text>{' '}
        : non, revenir au formulaire
      </Text>
    </Box>
  );
}
