// Small building blocks shared by the sections: a section heading and a "label: value" row.

import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from './theme.js';

export type Tone = 'ok' | 'warning' | 'danger' | 'muted' | undefined;

export function Section({ title, children }: { title: string; children?: ReactNode }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold color={theme.heading}>
        {'■ '}
        {title}
      </Text>
      {children}
    </Box>
  );
}

export function toneColour(theme: ReturnType<typeof useTheme>, tone: Tone): string | undefined {
  return tone === undefined ? undefined : theme[tone];
}

/** "Label : value"; an empty value leaves the label alone, as the seed does with no card. */
export function Field({ label, value, width, tone }: { label: string; value?: string; width: number; tone?: Tone }) {
  const theme = useTheme();
  return (
    <Box>
      <Box width={width} flexShrink={0}>
        <Text>{label}</Text>
      </Box>
      <Box flexGrow={1}>
        <Text color={toneColour(theme, tone)} bold={tone === 'danger' || tone === 'warning'}>
          {value ?? ''}
        </Text>
      </Box>
    </Box>
  );
}
