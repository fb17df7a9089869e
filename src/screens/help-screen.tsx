// The help screen; its rows come from the key table (src/app/keys.ts), like the key bar and `--help`.

import { Box, Text } from 'ink';
import { useTheme } from './theme.js';
import { Hanging } from './layout.js';
import { helpModel, type HelpModel } from '../view/present.js';

/** The keys' column; a description wraps in its own column, right of it. */
const KEYS_WIDTH = 18;

export interface HelpSection {
  readonly title: string;
  readonly rows: readonly { readonly keys: string; readonly does: string }[];
}

/** The help of the view (`help`), or one built from the key table's `sections`. */
export function HelpScreen(props: { help: HelpModel } | { sections: readonly HelpSection[] }) {
  const theme = useTheme();
  const help = 'help' in props ? props.help : helpModel(props.sections);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.heading}>
        {help.title}
      </Text>
      <Text>{help.intro}</Text>
      {help.sections.map((s) => (
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
