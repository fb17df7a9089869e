// The keys that work now, at the bottom of the screen (built from the key table by the app).

import { Box, Text } from 'ink';
import { useTheme } from './theme.js';

export interface KeyBarItem {
  readonly keys: string;
  readonly label: string;
}

export function KeyBar({ items, more }: { items: readonly KeyBarItem[]; more?: string }) {
  const theme = useTheme();
  return (
    <Box flexWrap="wrap" columnGap={1} flexShrink={0}>
      {more !== undefined && (
        <Text bold inverse>
          {more}
        </Text>
      )}
      {items.map((it) => (
        <Text key={it.keys + it.label}>
          <Text bold inverse color={theme.key}>
            {it.keys}
          </Text>{' '}
          {it.label}
        </Text>
      ))}
    </Box>
  );
}
