// One line of text being edited (the save dialog's file name, in the full screen and in the
// accessible mode's prompt), with the editing keys of a shell (readline / emacs mode):
// Ctrl-A or Home to the start, Ctrl-E or End to the end, Ctrl-U erases before the cursor, Ctrl-K
// after it, Ctrl-W the word before it, ← →, Retour arrière, Suppr. Pure: a key and a line give a line.
// The cursor counts characters (code points), so that an accented letter is one step.

import { safeText } from '../../card/safe-text.js';

export interface EditLine {
  readonly text: string;
  /** Characters before the cursor: 0 to the text's length in code points. */
  readonly cursor: number;
}

export type EditKey =
  | 'start' // Ctrl-A, Home
  | 'end' // Ctrl-E, End
  | 'left' // ←, Ctrl-B
  | 'right' // →, Ctrl-F
  | 'erase-before' // Retour arrière, Ctrl-H
  | 'erase-at' // Suppr, Ctrl-D
  | 'kill-before' // Ctrl-U
  | 'kill-after' // Ctrl-K
  | 'kill-word'; // Ctrl-W

/** A line with the cursor at its end. */
export function lineOf(text: string): EditLine {
  return { text, cursor: [...text].length };
}

/** A bracketed paste's markers, with or without their ESC (Ink strips it). */
// eslint-disable-next-line no-control-regex -- an escape sequence is what is matched
const PASTE_MARKER = /\u001b?\[20[01]~/g;

function split(line: EditLine): { before: string[]; after: string[] } {
  const chars = [...line.text];
  const at = Math.max(0, Math.min(line.cursor, chars.length));
  return { before: chars.slice(0, at), after: chars.slice(at) };
}

function join(before: readonly string[], after: readonly string[]): EditLine {
  return { text: before.join('') + after.join(''), cursor: before.length };
}

/**
 * `text` typed at the cursor, as a burst of keys: a Retour arrière in it (a held key, a slow link)
 * erases the character before the cursor; other control characters, line breaks and a paste's
 * markers are no part of a line.
 */
export function insertText(line: EditLine, text: string): EditLine {
  let out = line;
  for (const part of text.replace(PASTE_MARKER, '').split(/([\u007f\b])/)) {
    if (part === '\u007f' || part === '\b') out = editLine(out, 'erase-before');
    else {
      const clean = safeText(part.replace(/[\t\n\r\v\f]/g, ''));
      if (clean === '') continue;
      const { before, after } = split(out);
      out = join([...before, ...clean], after);
    }
  }
  return out;
}

/** A burst as the field keeps it, from an empty field. */
export function applyErasures(value: string): string {
  return insertText(lineOf(''), value).text;
}

/** One editing key applied to the line. */
export function editLine(line: EditLine, key: EditKey): EditLine {
  const { before, after } = split(line);
  switch (key) {
    case 'start':
      return join([], [...before, ...after]);
    case 'end':
      return join([...before, ...after], []);
    case 'left':
      return before.length === 0 ? join(before, after) : join(before.slice(0, -1), [...before.slice(-1), ...after]);
    case 'right':
      return after.length === 0 ? join(before, after) : join([...before, after[0]!], after.slice(1));
    case 'erase-before':
      return join(before.slice(0, -1), after);
    case 'erase-at':
      return join(before, after.slice(1));
    case 'kill-before':
      return join([], after);
    case 'kill-after':
      return join(before, []);
    case 'kill-word': {
      // As bash's Ctrl-W: the blanks before the cursor, then back to the previous blank.
      let i = before.length;
      while (i > 0 && /\s/.test(before[i - 1]!)) i -= 1;
      while (i > 0 && !/\s/.test(before[i - 1]!)) i -= 1;
      return join(before.slice(0, i), after);
    }
  }
}

/** The line cut at its cursor, for a display that marks it: before, the character under it (a space at the end), after. */
export function atCursor(line: EditLine): { before: string; under: string; after: string } {
  const { before, after } = split(line);
  return { before: before.join(''), under: after[0] ?? ' ', after: after.slice(1).join('') };
}
