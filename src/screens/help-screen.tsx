// The help screen; its rows come from the key table (src/app/keys.ts), like the key bar and `--help`.

import { Box, Text } from 'ink';
import { useTheme } from './theme.js';
import { t } from '../i18n/index.js';
import { Hanging } from './layout.js';

/** The keys' column; a description wraps in its own column, right of it. */
const KEYS_WIDTH = 18;

export interface HelpSection {
  readonly title: string;
  readonly rows: readonly { readonly keys: string; readonly does: string }[];
}

export function HelpScreen({ sections }: { sections: readonly HelpSection[] }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold color={theme.heading}>
        {t('help.title')}
      </Text>
      <Text>{t('help.noKeySends')}</Text>
      {sections
        .filter((s) => s.rows.length > 0)
        .map((s) => (
          <Box key={s.title} flexDirection="column">
            <Text bold>{s.title}</Text>
            {s.rows.map((r, i) => (
              <Box key={i}>
                <Box width={KEYS_WIDTH} flexShrink={0}>
                  <Text color={theme.key}>{`  ${r.keys}`}</Text>
                </Box>
                <Hanging prefix="">{r.does}</Hanging>
              </Box>
            ))}
          </Box>
        ))}
    </Box>
  );
}
