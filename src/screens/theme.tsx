// Semantic colour tokens, in one place. Colour only ever repeats what the words already say;
// with NO_COLOR set (https://no-color.org) every token is empty and the words remain.

import { createContext, useContext } from 'react';

export interface Theme {
  readonly title: string | undefined;
  readonly heading: string | undefined;
  readonly label: string | undefined;
  readonly ok: string | undefined;
  readonly warning: string | undefined;
  readonly danger: string | undefined;
  readonly muted: string | undefined;
  readonly focus: string | undefined;
  readonly key: string | undefined;
  /** Whether colours are on at all (a colourless theme still uses bold and inverse). */
  readonly colour: boolean;
}

export const COLOUR_THEME: Theme = {
  title: 'cyan',
  heading: 'blueBright',
  label: undefined,
  ok: 'green',
  warning: 'yellow',
  danger: 'red',
  muted: 'gray',
  focus: 'cyan',
  key: 'cyan',
  colour: true,
};

export const NO_COLOUR_THEME: Theme = {
  title: undefined,
  heading: undefined,
  label: undefined,
  ok: undefined,
  warning: undefined,
  danger: undefined,
  muted: undefined,
  focus: undefined,
  key: undefined,
  colour: false,
};

/** NO_COLOR set to anything non-empty turns colours off. */
export function themeFor(env: NodeJS.ProcessEnv): Theme {
  const v = env.NO_COLOR;
  return v !== undefined && v !== '' ? NO_COLOUR_THEME : COLOUR_THEME;
}

export const ThemeContext = createContext<Theme>(COLOUR_THEME);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
