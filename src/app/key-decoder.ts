// Turns what Ink's useInput hands over into single key presses. Ink passes a burst of plain text
// (a paste, keys batched by a slow SSH link) as one string, Enter and Backspace included: each
// character becomes its own press, so that 8 digits typed at once are 8 digits.

import type { Key } from 'ink';
import type { KeyPress } from './keys.js';

const F1_SEQUENCES = new Set(['\u001bOP', '\u001b[11~', '\u001b[[A', '\u001b[1P']);

export function isF1Sequence(raw: string): boolean {
  return F1_SEQUENCES.has(raw);
}

function fromChar(c: string): KeyPress | undefined {
  if (c === '\r' || c === '\n') return { kind: 'enter' };
  if (c === '\t') return { kind: 'tab' };
  if (c === '\u007f' || c === '\b') return { kind: 'backspace' };
  if (c === '\u0003') return { kind: 'ctrl-c' };
  if (c === '\u001b') return { kind: 'escape' };
  if (c < ' ') return undefined; // other control characters do nothing
  return { kind: 'char', char: c };
}

export function decodeInput(input: string, key: Key): KeyPress[] {
  if (key.ctrl && input === 'c') return [{ kind: 'ctrl-c' }];
  if (key.upArrow) return [{ kind: 'up' }];
  if (key.downArrow) return [{ kind: 'down' }];
  if (key.leftArrow) return [{ kind: 'left' }];
  if (key.rightArrow) return [{ kind: 'right' }];
  if (key.pageUp) return [{ kind: 'page-up' }];
  if (key.pageDown) return [{ kind: 'page-down' }];
  if (key.tab) return [key.shift ? { kind: 'shift-tab' } : { kind: 'tab' }];
  if (key.return) return [{ kind: 'enter' }];
  // Ink 6 names the DEL byte (what Backspace sends) "delete".
  if (key.backspace || key.delete) return [{ kind: 'backspace' }];
  if (key.escape && input === '') return [{ kind: 'escape' }];
  if (key.ctrl) return [];
  const presses: KeyPress[] = [];
  // Esc then a key, arriving together (a quick typist, a slow link), reads as Alt+key: this tool
  // has no Alt shortcut, so it is the Esc the user pressed, then the key.
  if (key.meta && input !== '') presses.push({ kind: 'escape' });
  for (const c of input) {
    const p = fromChar(c);
    if (p) presses.push(p);
  }
  return presses;
}
