// The accessible mode reads raw bytes: before issue 19 every ESC [ sequence was dropped (arrows,
// F1, Home, End, Suppr) and every control letter was nothing (Ctrl-U, Ctrl-A...).

import { describe, expect, it } from 'vitest';
import { splitKeys } from '../../../src/app/tui/key-stream.js';
import { decodeRawKey } from '../../../src/app/tui/raw-keys.js';

const decode = (raw: string) => splitKeys(Buffer.from(raw, 'utf8')).flatMap(decodeRawKey);

describe('raw keys of the accessible mode', () => {
  it('arrows, Home, End, Suppr, pages and Maj-Tab, in xterm, VT100 and Linux console forms', () => {
    expect(decode('\u001b[A\u001b[B\u001b[C\u001b[D')).toEqual([{ kind: 'up' }, { kind: 'down' }, { kind: 'right' }, { kind: 'left' }]);
    expect(decode('\u001bOA\u001bOD')).toEqual([{ kind: 'up' }, { kind: 'left' }]);
    expect(decode('\u001b[H\u001b[F\u001b[1~\u001b[4~\u001bOH\u001b[7~')).toEqual([
      { kind: 'home' },
      { kind: 'end' },
      { kind: 'home' },
      { kind: 'end' },
      { kind: 'home' },
      { kind: 'home' },
    ]);
    expect(decode('\u001b[3~\u001b[5~\u001b[6~\u001b[Z')).toEqual([
      { kind: 'delete' },
      { kind: 'page-up' },
      { kind: 'page-down' },
      { kind: 'shift-tab' },
    ]);
    // Ctrl-← is ←; a sequence the tool has no use for (F5) is no key, never letters.
    expect(decode('\u001b[1;5D\u001b[15~')).toEqual([{ kind: 'left' }]);
  });

  it('F1 in every form; ? is a character', () => {
    for (const f1 of ['\u001bOP', '\u001b[11~', '\u001b[[A', '\u001b[1P']) expect(decode(f1)).toEqual([{ kind: 'f1' }]);
    expect(decode('?')).toEqual([{ kind: 'char', char: '?' }]);
  });

  it('control letters are the editing keys; Ctrl-C, Enter, Tab, Retour arrière keep their meaning', () => {
    expect(decode('\u0015\u0001\u0005\u000b\u0017')).toEqual(['u', 'a', 'e', 'k', 'w'].map((char) => ({ kind: 'ctrl', char })));
    expect(decode('\u0003\r\t\u007f')).toEqual([{ kind: 'ctrl-c' }, { kind: 'enter' }, { kind: 'tab' }, { kind: 'backspace' }]);
  });
});
