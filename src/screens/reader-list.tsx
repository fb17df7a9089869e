// Several cards at once: the user picks the reader by its number (never silently the first).

import { Box, Text } from 'ink';
import type { ReaderState } from '../card/transport/transport.js';
import { useTheme } from './theme.js';

export function readerLine(r: ReaderState): string {
  if (r.atr === undefined) return `${r.name} (pas de carte)`;
  return r.inUse ? `${r.name} (carte utilisée par un autre programme)` : `${r.name} (carte présente)`;
}

export function ReaderList({ readers, selected }: { readers: readonly ReaderState[]; selected?: string }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {readers.slice(0, 9).map((r, i) => (
        <Text key={r.name}>
          <Text bold color={theme.key}>{`  ${i + 1}`}</Text>
          {` ${r.name === selected ? '▸ ' : ''}${readerLine(r)}`}
        </Text>
      ))}
      {readers.length > 9 && <Text>{`  (${readers.length - 9} autres lecteurs non listés : utilisez --reader NOM)`}</Text>}
    </Box>
  );
}
