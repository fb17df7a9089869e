// A data object this tool cannot decode, shown as it is: its label, "format non publié", and its
// content in the generic BER-TLV view (tags, printable text, other bytes in hex).

import { Box, Text } from 'ink';
import type { GenericView } from '../card/cps/report.js';
import { genericLines } from '../view/format.js';
import { useTheme } from './theme.js';
import { t } from '../i18n/index.js';

export { notPublished } from '../view/present.js';

/** A line of explanation under a section's fields, wrapped under its own indent. */
export function Note({ children, indent = 2 }: { children: string; indent?: number }) {
  return (
    <Box paddingLeft={indent}>
      <Text wrap="wrap">{children}</Text>
    </Box>
  );
}

export function GenericContent({ view, indent = '    ' }: { view: GenericView; indent?: string }) {
  return <GenericContentLines lines={genericLines(view)} indent={indent} />;
}

/** The generic view's lines (genericLines), each wrapped under its own indent. */
export function GenericContentLines({ lines, indent = '    ' }: { lines: readonly string[]; indent?: string }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Note key={i} indent={indent.length + line.length - line.trimStart().length}>
          {line.trimStart()}
        </Note>
      ))}
    </Box>
  );
}

export function UndecodedObjectView({ label, view, title }: { label: string; view: GenericView; title?: string }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{title ?? label}</Text>
        {title !== undefined ? ` (${label})` : ''}
        {t('screen.colon')}
        <Text color={theme.warning}>{t('value.notPublished')}</Text>
        {t(view.size > 1 ? 'value.bytes.many' : 'value.bytes.one', { n: view.size })}
      </Text>
      <GenericContent view={view} />
    </Box>
  );
}
