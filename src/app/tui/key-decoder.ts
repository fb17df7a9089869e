// Turns what Ink's useInput hands over into single key presses. Ink passes a burst of plain text
// (keys batched by a slow SSH link) as one string, Enter and Backspace included: each character
// becomes its own press, so that 8 digits typed at once are 8 digits.
//
// A bracketed paste (ESC[200~ … ESC[201~, issue 17) is one Paste, never keys: its markers are
// recognised wherever they arrive, asked for or not, so that no byte of a marker is ever a digit,
// and what was pasted never becomes a command key (d, c, q…). Ink hands each escape sequence as
// an input of its own with ESC stripped ("[200~"); the accessible mode reads raw bytes, where a
// marker may be cut across two reads (PasteReader keeps the part that may begin one).

import type { Key } from 'ink';
import { SecretCode } from '../../card/cps/secret-code.js';
import type { KeyPress } from './keys.js';

/** A bracketed paste, whole: its digits as a secret, and how many other characters it held. */
export interface Paste {
  readonly kind: 'paste';
  readonly digits: SecretCode;
  /** Characters that are not digits, blanks around the text aside (a copied line's end). */
  readonly others: number;
  /** The paste went past PASTE_LIMIT characters: refused whatever it holds. */
  readonly overflow: boolean;
}

export type Decoded = KeyPress | Paste;

const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';
/** A paste longer than this is refused whole. */
export const PASTE_LIMIT = 256;
/**
 * A start marker whose end never comes (a broken terminal, a stray sequence) stops swallowing
 * input after this many characters: the paste is refused, and keys are keys again.
 */
export const PASTE_GIVE_UP = 4096;

/** What was pasted, as a Paste; `text` is not kept. */
export function pasteOf(text: string, overflow = false): Paste {
  const paste = new PasteBuffer();
  paste.add(text);
  return paste.close(overflow || paste.overflow);
}

const isBlank = (c: string) => /\s/.test(c);

/**
 * A paste in progress, character by character: its digits in a byte buffer zeroed once the Paste
 * is made, never in a string (the terminal's input comes one key at a time, key-stream.ts: adding
 * them to a string would make one holding the code); the other characters counted, blanks around
 * the text aside. Kept up to PASTE_LIMIT characters, counted beyond.
 */
class PasteBuffer {
  readonly #digits = new Uint8Array(PASTE_LIMIT);
  #count = 0;
  #others = 0;
  #blanks = 0;
  #started = false;
  seen = 0;
  add(part: string): void {
    for (const c of part) {
      this.seen += c.length;
      if (this.seen > PASTE_LIMIT) continue;
      if (isBlank(c)) {
        // A blank counts only once something follows it: the end of a copied line is no character.
        if (this.#started) this.#blanks += 1;
        continue;
      }
      this.#started = true;
      this.#others += this.#blanks;
      this.#blanks = 0;
      const d = c.charCodeAt(0) - 48;
      if (c.length === 1 && d >= 0 && d <= 9) this.#digits[this.#count++] = d;
      else this.#others += 1;
    }
  }
  get overflow(): boolean {
    return this.seen > PASTE_LIMIT;
  }
  get givenUp(): boolean {
    return this.seen > PASTE_GIVE_UP;
  }
  close(overflow = this.overflow): Paste {
    const digits = overflow ? SecretCode.empty : SecretCode.fromDigits(this.#digits, this.#count);
    this.#digits.fill(0);
    return { kind: 'paste', digits, others: overflow ? 0 : this.#others, overflow };
  }
}

/**
 * The full screen's decoder: Ink's inputs, one after the other, with the paste in progress. A
 * start marker opens a paste (its text is gathered, no key is pressed), an end marker closes it
 * as one Paste; an end marker never opened, or a start marker inside a paste, is dropped.
 */
export class KeyDecoder {
  #paste: PasteBuffer | undefined;
  #textPaste = false;

  get pasting(): boolean {
    return this.#paste !== undefined;
  }

  /**
   * `textField`: a plain text field has focus (the save dialog's file name): a paste there is
   * text typed, its printable characters as keys (no line break, so that a pasted line never
   * submits), and its markers are dropped.
   */
  decode(input: string, key: Key, textField = false): Decoded[] {
    if (this.#textPaste || (textField && this.#paste === undefined)) {
      if (input === PASTE_START.slice(1) || input === PASTE_END.slice(1)) {
        this.#textPaste = input === PASTE_START.slice(1);
        return [];
      }
      if (this.#textPaste) return [...input].filter((c) => c >= ' ' && c !== '\u007f').map((c) => ({ kind: 'char', char: c }));
    }
    if (input === PASTE_START.slice(1)) {
      this.#paste ??= new PasteBuffer();
      return [];
    }
    if (input === PASTE_END.slice(1)) return this.#endPaste();
    if (this.#paste !== undefined) {
      // Inside a paste, what Ink decoded as keys is text again (Enter, Tab: their characters).
      this.#paste.add(key.return ? '\r' : key.tab ? '\t' : input);
      return this.#paste.givenUp ? this.#endPaste() : [];
    }
    return decodeInput(input, key);
  }

  #endPaste(): Decoded[] {
    const paste = this.#paste;
    this.#paste = undefined;
    return paste === undefined ? [] : [paste.close()];
  }
}

/** `text` without bracketed-paste markers, with or without their ESC (the save dialog's path). */
export function stripPasteMarkers(text: string): string {
  return text.split(PASTE_START).join('').split(PASTE_END).join('').split(PASTE_START.slice(1)).join('').split(PASTE_END.slice(1)).join('');
}

export type Part = { readonly kind: 'text'; readonly text: string } | Paste;

/**
 * The accessible mode's reader of raw input: plain text between pastes, and each paste whole.
 * A read that ends with what may be the start of a marker keeps it for the next read.
 */
/**
 * How long a lone Esc is held as the possible start of a paste marker before it is an Esc key
 * (ms). A terminal writes a marker in one write; 50 ms is the usual escape-sequence timeout.
 */
export const LONE_ESC_MS = 50;

export class PasteReader {
  #pending = '';
  #paste: PasteBuffer | undefined;

  /** read() holds the start of a marker with no paste open: an Esc typed alone, until flush() or more keys. */
  get holding(): boolean {
    return this.#pending !== '' && this.#paste === undefined;
  }

  /** What is held, as typed text: the reader calls it once no more keys came (LONE_ESC_MS). */
  flush(): Part[] {
    if (!this.holding) return [];
    const text = this.#pending;
    this.#pending = '';
    return [{ kind: 'text', text }];
  }

  /** The parts of `raw`, in order: text typed, and pastes. */
  read(raw: string): Part[] {
    let rest = this.#pending + raw;
    this.#pending = '';
    const out: Part[] = [];
    while (rest !== '') {
      const marker = this.#paste === undefined ? PASTE_START : PASTE_END;
      const at = rest.indexOf(marker);
      const before = at < 0 ? rest : rest.slice(0, at);
      // Keep the end of a read that could be the start of a marker.
      let keep = '';
      if (at < 0) {
        for (let n = Math.min(marker.length - 1, before.length); n > 0; n--) {
          if (marker.startsWith(before.slice(-n))) {
            keep = before.slice(-n);
            break;
          }
        }
      }
      const body = keep === '' ? before : before.slice(0, -keep.length);
      if (this.#paste === undefined) {
        // An end marker never opened is dropped, not typed.
        const text = body.split(PASTE_END).join('');
        if (text !== '') out.push({ kind: 'text', text });
      } else {
        this.#paste.add(body);
        if (this.#paste.givenUp) {
          out.push(this.#paste.close());
          this.#paste = undefined;
        }
      }
      if (at < 0) {
        this.#pending = keep;
        break;
      }
      if (this.#paste === undefined) this.#paste = new PasteBuffer();
      else {
        out.push(this.#paste.close());
        this.#paste = undefined;
      }
      rest = rest.slice(at + marker.length);
    }
    return out;
  }
}

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
  // Ctrl and a letter: the save field's editing keys; elsewhere they do nothing.
  if (c >= '\u0001' && c <= '\u001a') return { kind: 'ctrl', char: String.fromCharCode(c.charCodeAt(0) + 96) };
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
  if (key.home) return [{ kind: 'home' }];
  if (key.end) return [{ kind: 'end' }];
  if (key.tab) return [key.shift ? { kind: 'shift-tab' } : { kind: 'tab' }];
  if (key.return) return [{ kind: 'enter' }];
  // Ink 6 names the DEL byte (what Backspace sends) "delete".
  if (key.backspace || key.delete) return [{ kind: 'backspace' }];
  if (key.escape && input === '') return [{ kind: 'escape' }];
  if (key.ctrl) return /^[a-z]$/.test(input) ? [{ kind: 'ctrl', char: input }] : [];
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
