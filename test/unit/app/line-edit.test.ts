// The save dialog's file name field edits as a shell's line does (issue 19): before, Ctrl-U,
// Ctrl-A and Ctrl-K typed the letters u, a, k into the name and clearing it took 40 Retour arrière.

import { describe, expect, it } from 'vitest';
import { applyErasures, atCursor, editLine, insertText, lineOf, type EditKey, type EditLine } from '../../../src/app/tui/line-edit.js';

const at = (text: string, cursor: number): EditLine => ({ text, cursor });
const keys = (line: EditLine, ...ks: EditKey[]) => ks.reduce(editLine, line);

describe('line editor', () => {
  const name = lineOf('/tmp/cps-audit-99002752-2026-12-07.txt');

  it('Ctrl-U erases before the cursor, Ctrl-K after it, in one key', () => {
    expect(editLine(name, 'kill-before')).toEqual(at('', 0));
    expect(editLine(at('/tmp/rapport.txt', 5), 'kill-before')).toEqual(at('rapport.txt', 0));
    expect(editLine(at('/tmp/rapport.txt', 5), 'kill-after')).toEqual(at('/tmp/', 5));
    expect(editLine(name, 'kill-after')).toEqual(name);
  });

  it('Ctrl-A / Home, Ctrl-E / End, ← → move the cursor within the line', () => {
    expect(editLine(name, 'start').cursor).toBe(0);
    expect(keys(name, 'start', 'end')).toEqual(name);
    expect(keys(at('ab', 0), 'left')).toEqual(at('ab', 0));
    expect(keys(at('ab', 2), 'right')).toEqual(at('ab', 2));
    expect(keys(at('ab', 2), 'left', 'left', 'right')).toEqual(at('ab', 1));
  });

  it('Ctrl-W erases the word before the cursor (and the blanks before it), as bash', () => {
    expect(editLine(lineOf('mon rapport'), 'kill-word')).toEqual(at('mon ', 4));
    expect(editLine(lineOf('mon rapport  '), 'kill-word')).toEqual(at('mon ', 4));
    expect(editLine(at('un deux trois', 7), 'kill-word')).toEqual(at('un  trois', 3));
    expect(editLine(at('', 0), 'kill-word')).toEqual(at('', 0));
  });

  it('Retour arrière and Suppr erase one character, before and under the cursor', () => {
    expect(editLine(at('abc', 2), 'erase-before')).toEqual(at('ac', 1));
    expect(editLine(at('abc', 0), 'erase-before')).toEqual(at('abc', 0));
    expect(editLine(at('abc', 1), 'erase-at')).toEqual(at('ac', 1));
    expect(editLine(at('abc', 3), 'erase-at')).toEqual(at('abc', 3));
  });

  it('an accented letter is one step; text goes in at the cursor', () => {
    const l = lineOf('équipe.txt');
    expect(l.cursor).toBe(10);
    expect(keys(l, 'start', 'right', 'erase-before')).toEqual(at('quipe.txt', 0));
    expect(insertText(at('rapport.txt', 7), '-2')).toEqual(at('rapport-2.txt', 9));
    expect(atCursor(at('ab', 1))).toEqual({ before: 'a', under: 'b', after: '' });
    expect(atCursor(at('ab', 2))).toEqual({ before: 'ab', under: ' ', after: '' });
  });

  it('a burst keeps its erasures; control characters, line breaks and paste markers are no part of a name', () => {
    expect(insertText(at('xy', 2), 'a\u007f\u007f\u007fz')).toEqual(at('z', 1));
    expect(insertText(lineOf(''), '/tmp/a\r\n\u0007\u001b[200~.txt\u001b[201~')).toEqual(lineOf('/tmp/a.txt'));
    expect(applyErasures('[200~/tmp/y.txt[201~')).toBe('/tmp/y.txt');
    // Text from outside is made safe: no bidi control can hide a part of the name.
    expect(insertText(lineOf(''), 'a\u202eb')).toEqual(lineOf('ab'));
  });
});
