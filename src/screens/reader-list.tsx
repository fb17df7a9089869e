// Several cards at once: the user picks the reader by its number (never silently the first).

import { Box, Text } from 'ink';
import type { ReaderState } from '../card/transport/transport.js';
import { cardWords } from '../card/cps/identify.js';
import { useTheme } from './theme.js';
import { t } from '../i18n/index.js';

export function readerLine(r: ReaderState): string {
  if (r.atr === undefined) return t('reader.noCard', { name: r.name });
  // Which card is in which reader (issue 22): "carte CPS3", "carte Vitale : ce n’est pas une carte CPS".
  return r.inUse ? t('reader.inUse', { name: r.name }) : t('reader.i22.card', { name: r.name, card: cardWords(r.atr) });
}

export function ReaderList({
  readers,
  selected,
  keypadReader,
}: {
  readers: readonly ReaderState[];
  selected?: string;
  /** Issue 20: the reader whose last read said it has a keypad (part 10). */
  keypadReader?: string;
}) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {readers.slice(0, 9).map((r, i) => (
        <Text key={r.name}>
          <Text bold color={theme.key}>{`  ${i + 1}`}</Text>
          {` ${r.name === selected ? '▸ ' : ''}${readerLine(r)}${r.name === keypadReader ? t('reader.keypadMark') : ''}`}
        </Text>
      ))}
      {readers.length > 9 && <Text>{t('reader.more', { n: readers.length - 9 })}</Text>}
    </Box>
  );
}
