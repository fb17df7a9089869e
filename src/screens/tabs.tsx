// The three tabs of "Contenu de la carte"; the active one is marked by brackets and an arrow,
// not by colour alone. The tabs are the view's (src/view/present.ts).

import { Box, Text } from 'ink';
import type { TabModel } from '../view/present.js';
import { useTheme } from './theme.js';

/** No tab active: a form covers the tabs' content, no tab is shown as open. */
export function TabBar({ tabs }: { tabs: readonly TabModel[] }) {
  const theme = useTheme();
  return (
    <Box flexWrap="wrap" columnGap={1}>
      {tabs.map((tab) => {
        const on = tab.active;
        return (
          <Box key={tab.tab} flexShrink={0}>
            <Text bold={on} inverse={on} color={on ? theme.focus : undefined} wrap="truncate-end">
              {on ? `▸${tab.key} ${tab.title} ` : ` ${tab.key} ${tab.title} `}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
