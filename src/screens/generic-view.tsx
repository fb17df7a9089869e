// A data object this tool cannot decode, shown as it is: its label, "format non publié", and its
// content in the generic BER-TLV view (tags, printable text, other bytes in hex).

import { Box, Text } from 'ink';
import type { GenericView } from '../card/cps/report.js';
import { genericLines } from '../card/tlv/generic.js';
import { useTheme } from './theme.js';

export const NOT_PUBLISHED = 'format non publié';

export function GenericContent({ view, indent = '    ' }: { view: GenericView; indent?: string }) {
  return (
    <Box flexDirection="column">
      {genericLines(view, indent).map((line, i) => (
        <Text key={i} wrap="wrap">
          {line}
        </Text>
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
        {title !== undefined ? ` (${label})` : ''} : <Text color={theme.warning}>{NOT_PUBLISHED}</Text>
        {`, ${view.size} octet${view.size > 1 ? 's' : ''}`}
      </Text>
      <GenericContent view={view} />
    </Box>
  );
}
