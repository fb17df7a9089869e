// The terminal's input, one key at a time, never as a multi-character string holding digits.
//
// Node's tty stream, once given an encoding (Ink sets utf8), decodes each read — a paste, or a
// burst of keys batched by a slow link — into one string, and Ink hands that string to useInput.
// Such a string holds a whole PUK, lives in V8's heap, cannot be zeroed from JavaScript, and stays
// in freed memory until the collector happens to reuse it (a core, a swap file or a debugger
// would find it). So the tool reads the terminal as Buffers itself and hands Ink each character
// as its own string: a single ASCII character is V8's shared one-character string (never
// allocated), an escape sequence (arrows, F1, paste markers) stays whole, a multi-byte UTF-8
// character is decoded alone. Every Buffer read is zeroed once split (input-wipe.ts zeroes it too).

import { EventEmitter } from 'node:events';

const ESC = 0x1b;

/** The length of the escape sequence at `i` (CSI, SS3, ESC + one byte), or 0 if it is cut at the chunk's end. */
function escapeLength(bytes: Uint8Array, i: number): number {
  const next = bytes[i + 1];
  if (next === undefined) return 0;
  if (next === 0x5b /* [ */) {
    let j = i + 2;
    // ESC [ [ A: the Linux console's function keys.
    if (bytes[j] === 0x5b) j += 1;
    for (; j < bytes.length; j++) {
      const b = bytes[j]!;
      if (b >= 0x40 && b <= 0x7e) return j - i + 1;
      if (b < 0x20 || b > 0x3f) return j - i; // not a CSI after all: what came is handed on as it is
    }
    return 0;
  }
  if (next === 0x4f /* O */) return i + 2 < bytes.length ? 3 : 0;
  return 1; // ESC alone, or before a key (Ink reads ESC + key as Alt+key)
}

/** The length of the UTF-8 character whose first byte is `b` (1 for ASCII and stray bytes). */
function utf8Length(b: number): number {
  if (b >= 0xf0 && b <= 0xf4) return 4;
  if (b >= 0xe0) return b <= 0xef ? 3 : 1;
  if (b >= 0xc2) return 2;
  return 1;
}

/**
 * `bytes` as keys: each ASCII byte its own one-character string, each escape sequence complete
 * in the chunk whole (one cut at its end is handed on byte by byte: Ink's parser joins it again),
 * each UTF-8 character alone.
 */
export function splitKeys(bytes: Uint8Array): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === ESC) {
      const n = escapeLength(bytes, i);
      if (n > 1) {
        keys.push(Buffer.from(bytes.buffer, bytes.byteOffset + i, n).toString('latin1'));
        i += n;
        continue;
      }
    }
    if (b < 0x80) {
      keys.push(String.fromCharCode(b));
      i += 1;
      continue;
    }
    const n = Math.min(utf8Length(b), bytes.length - i);
    keys.push(Buffer.from(bytes.buffer, bytes.byteOffset + i, n).toString('utf8'));
    i += n;
  }
  return keys;
}

type Tty = Pick<NodeJS.ReadStream, 'on' | 'off' | 'resume' | 'pause' | 'setRawMode' | 'ref' | 'unref' | 'isTTY' | 'isRaw'>;

/**
 * What Ink reads its input from, in place of the terminal's own stream: `read()` gives one key a
 * call, 'readable' says keys wait. The terminal is read (as Buffers) only while someone listens
 * for 'readable', as Ink does while it takes input.
 */
export class KeyStream extends EventEmitter {
  readonly #tty: Tty;
  readonly #keys: string[] = [];
  #reading = false;
  readonly #onData = (chunk: Buffer | string) => {
    if (typeof chunk === 'string') {
      // Someone set an encoding on the terminal's stream after all: still one key at a time.
      for (const c of chunk) this.#keys.push(c);
    } else {
      for (const key of splitKeys(chunk)) this.#keys.push(key);
      chunk.fill(0);
    }
    if (this.#keys.length > 0) this.emit('readable');
  };

  constructor(tty: Tty) {
    super();
    this.#tty = tty;
    this.on('newListener', (event: string) => {
      if (event === 'readable' && !this.#reading) {
        this.#reading = true;
        this.#tty.on('data', this.#onData);
        this.#tty.resume();
      }
    });
    this.on('removeListener', (event: string) => {
      if (event === 'readable' && this.listenerCount('readable') === 0 && this.#reading) {
        this.#reading = false;
        this.#tty.off('data', this.#onData);
        this.#tty.pause();
      }
    });
  }

  get isTTY(): boolean {
    return this.#tty.isTTY;
  }

  get isRaw(): boolean {
    return this.#tty.isRaw;
  }

  setRawMode(mode: boolean): this {
    this.#tty.setRawMode(mode);
    return this;
  }

  /** Keys are strings already: Ink's utf8 changes nothing, and the terminal's stream keeps giving Buffers. */
  setEncoding(): this {
    return this;
  }

  /** The next key, or null when none waits. */
  read(): string | null {
    return this.#keys.shift() ?? null;
  }

  ref(): this {
    this.#tty.ref();
    return this;
  }

  unref(): this {
    this.#tty.unref();
    return this;
  }
}
