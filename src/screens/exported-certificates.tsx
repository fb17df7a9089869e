// Issue 21: what the certificates tab's key (`e`) wrote, until Entrée or Échap.

import { Box } from 'ink';
import { Hanging } from './layout.js';
import { CloseMessageHint } from './notice.js';

export function ExportedCertificates({ lines }: { lines: readonly string[] }) {
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      {lines.map((l, i) => (
        <Hanging key={i} prefix="">
          {l}
        </Hanging>
      ))}
      <CloseMessageHint />
    </Box>
  );
}
