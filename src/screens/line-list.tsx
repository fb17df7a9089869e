// Issue 19: the lines of the presentation model (src/view/present.ts) laid out for the full
// screen: a "label : value" row in a column of the section's width, notes under their indent,
// warnings with their marker, headings in bold, undecoded objects as they are. The words and the
// facts are the model's; only the layout and the colours are chosen here.

import { Box, Text } from 'ink';
import type { Line } from '../view/present.js';
import { GenericContentLines } from './generic-view.js';
import { Field, Hanging, toneColour } from './layout.js';
import { NoticeView } from './notice.js';
import { useTheme } from './theme.js';
import { t } from '../i18n/index.js';

function LineView({ line, width }: { line: Line; width: number }) {
  const theme = useTheme();
  switch (line.kind) {
    case 'field':
      return (
        <Field
          label={`${' '.repeat(line.indent ?? 0)}${line.label}`}
          width={width}
          value={line.value}
          {...(line.tone !== undefined ? { tone: line.tone } : {})}
        />
      );
    case 'note':
      return (
        <Box paddingLeft={line.indent}>
          <Text wrap="wrap" color={toneColour(theme, line.tone)}>
            {line.text}
          </Text>
        </Box>
      );
    case 'warning':
      return (
        <Hanging prefix={line.severity === 'danger' ? '✖ ' : '⚠ '} bold color={toneColour(theme, line.severity)}>
          {line.text}
        </Hanging>
      );
    case 'heading':
      return (
        <Text bold color={toneColour(theme, line.tone)}>
          {line.text}
        </Text>
      );
    case 'object':
      return (
        <Box flexDirection="column">
          <Text>
            <Text bold>{line.title}</Text>
            {line.label !== undefined ? ` (${line.label})` : ''}
            {t('screen.colon')}
            <Text color={theme.warning}>{line.notPublished}</Text>
            {line.size}
          </Text>
          <GenericContentLines lines={line.content} />
        </Box>
      );
    case 'action':
      return line.brackets ? (
        <Text>
          <Text bold color={theme.key}>
            [{line.key}]
          </Text>{' '}
          {line.label}
        </Text>
      ) : (
        <Text>
          {'  '}
          <Text bold color={theme.key}>
            {line.key}
          </Text>{' '}
          {line.label}
        </Text>
      );
    case 'notice':
      return <NoticeView notice={line.notice} />;
    case 'text':
      return (
        <Text bold={line.bold === true} color={toneColour(theme, line.tone)}>
          {line.text}
        </Text>
      );
  }
}

/** `width`: the label column of this section's "label : value" rows. */
export function LineList({ lines, width }: { lines: readonly Line[]; width: number }) {
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <LineView key={i} line={l} width={width} />
      ))}
    </Box>
  );
}
