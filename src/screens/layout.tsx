// Small building blocks shared by the sections: a section heading and a "label: value" row.

import { Box, Text, Transform } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from './theme.js';
import { safeText } from '../card/safe-text.js';

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
        <Text>{safeText(label)}</Text>
      </Box>
      <Box flexGrow={1}>
        <Text color={toneColour(theme, tone)} bold={tone === 'danger' || tone === 'warning'}>
          {safeText(value ?? '')}
        </Text>
      </Box>
    </Box>
  );
}

/**
 * A paragraph after a fixed prefix (a marker such as "✖ ", or an indent of two spaces): when it
 * wraps, its next lines start under its first word, never back at the left edge. (Ink's wrap
 * keeps the space it breaks at, at the start of the next line when the previous one is exactly
 * full: that space is dropped, so that the column stays straight.)
 */
export function Hanging({
  prefix,
  children,
  color,
  bold,
}: {
  prefix: string;
  children?: ReactNode;
  color?: string | undefined;
  bold?: boolean | undefined;
}) {
  const style = { ...(color !== undefined ? { color } : {}), ...(bold !== undefined ? { bold } : {}) };
  return (
    <Box>
      <Box flexShrink={0}>
        <Text {...style}>{prefix}</Text>
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        <Transform transform={(line, index) => (index > 0 ? line.replace(/^ /, '') : line)}>
          <Text {...style}>{children}</Text>
        </Transform>
      </Box>
    </Box>
  );
}
