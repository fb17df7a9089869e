// The three tabs of "Contenu de la carte"; the active one is marked by brackets and an arrow,
// not by colour alone.

import { Box, Text } from 'ink';
import type { Tab } from '../machine/events.js';
import { useTheme } from './theme.js';
import { tr, type Key } from '../i18n/index.js';

export const TAB_TITLES: Readonly<Record<Tab, Key>> = {
  info: 'tab.info',
  situations: 'tab.situations',
  certificates: 'tab.certificates',
};

const ORDER: readonly Tab[] = ['info', 'situations', 'certificates'];

/** `active` undefined: a form covers the tabs' content, no tab is shown as open. */
export function TabBar({ active }: { active: Tab | undefined }) {
  const theme = useTheme();
  return (
    <Box flexWrap="wrap" columnGap={1}>
      {ORDER.map((tab, i) => {
        const on = tab === active;
        return (
          <Box key={tab} flexShrink={0}>
            <Text bold={on} inverse={on} color={on ? theme.focus : undefined} wrap="truncate-end">
              {on ? `▸${i + 1} ${tr(TAB_TITLES[tab])} ` : ` ${i + 1} ${tr(TAB_TITLES[tab])} `}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
