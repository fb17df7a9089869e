// The accessible mode reads the terminal's raw bytes (no Ink): one key's text (key-stream.ts's
// splitKeys hands escape sequences whole) to the key presses of keys.ts, the same presses the
// full screen gets from Ink. Arrows, Home, End, Suppr, page keys, F1 and Maj-Tab in the forms
// xterm, the Linux console, VT100 (application mode) and rxvt send.

import type { Key as InkKey } from 'ink';
import { decodeInput, isF1Sequence } from './key-decoder.js';
import type { KeyPress } from './keys.js';

/** No flag set: what Ink would say of plain text. */
export const NO_KEY = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
} as unknown as InkKey;

type Named = Exclude<KeyPress['kind'], 'char' | 'ctrl'>;

/** The final byte of a CSI or SS3 sequence (modifiers aside: Ctrl-← is ←). */
const BY_FINAL: Readonly<Record<string, Named>> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  Z: 'shift-tab',
};

/** ESC [ n ~ sequences. */
const BY_NUMBER: Readonly<Record<string, Named>> = {
  '1': 'home',
  '7': 'home',
  '4': 'end',
  '8': 'end',
  '3': 'delete',
  '5': 'page-up',
  '6': 'page-down',
};

/** One key's raw text to presses; an escape sequence the tool has no use for is no key. */
export function decodeRawKey(text: string): KeyPress[] {
  if (isF1Sequence(text)) return [{ kind: 'f1' }];
  // eslint-disable-next-line no-control-regex -- an escape sequence is what is matched
  const seq = /^\u001b(?:\[|O)([\d;]*)([A-Za-z~])$/.exec(text);
  if (seq !== null) {
    const [, params = '', final = ''] = seq;
    const kind = final === '~' ? BY_NUMBER[params.split(';')[0] ?? ''] : BY_FINAL[final];
    return kind === undefined ? [] : [{ kind }];
  }
  if (text.startsWith('\u001b[')) return [];
  return decodeInput(text, NO_KEY);
}
