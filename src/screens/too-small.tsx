// Below 80×24 the screens cannot be read: one message, and quitting still works.

import { Box, Text } from 'ink';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Box flexDirection="column">
      <Text bold>Terminal trop petit (80×24 minimum)</Text>
      <Text>{`Taille actuelle : ${columns}×${rows}. Agrandissez la fenêtre.`}</Text>
      <Text>q ou Ctrl-C : quitter</Text>
    </Box>
  );
}
