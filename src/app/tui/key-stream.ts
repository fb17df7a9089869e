// The terminal's input: read into a buffer of the tool's own, zeroed after each read, and handed on
// one key at a time, never as a multi-character string holding digits.
//
// Node's own terminal stream reads each chunk into a 64 KiB buffer of its own, copies it into a
// Buffer of the chunk's size and frees the first without zeroing it: a paste, or a burst of keys a
// slow link batches, stays in freed memory whatever JavaScript does with the copy (measured: the
// accessible mode's pasted PIN, 2 runs in 5). And once given an encoding (Ink sets utf8) it decodes
// each chunk into one string, which holds a whole PUK, lives in V8's heap and cannot be zeroed.
// So the tool opens the terminal itself with `onread` (TerminalInput): libuv reads straight into
// one buffer of READ_SIZE bytes, handed to the 'data' listeners as a view and zeroed right after.
// Its keys (splitKeys) are strings of one character — an ASCII character is V8's shared
// one-character string, never allocated — or whole escape sequences, or one UTF-8 character.
//
// Ink reads them through KeyStream: a digit is always a read of its own, and each read comes on a
// turn of the event loop of its own, so that React has committed the last key (and the input
// handlers have their new state) before the next one comes: the save dialog's text input took one
// Backspace of a burst when keys came in one go. Keys without digits stay together as they came
// (a burst of Backspaces, a pasted path without digits): Ink sees them as it saw them before.

import { EventEmitter } from 'node:events';
import type { SocketConstructorOpts } from 'node:net';
import tty from 'node:tty';
import { unstable_IdlePriority, unstable_scheduleCallback } from 'scheduler';

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

/** The most a read of the terminal takes: a longer paste comes in several reads. */
export const READ_SIZE = 4096;

/**
 * The terminal (standard input's descriptor unless said), read into one buffer of the tool's own
 * (`onread`: no copy by Node, no buffer of Node's left in freed memory). Each read is handed to the
 * 'data' listeners as a view of that buffer, valid only during the call: it is zeroed right after.
 * Otherwise the terminal's stream as Node makes it (raw mode, 'end', 'error' with EIO on a hangup,
 * pause and resume, destroy).
 */
export class TerminalInput extends tty.ReadStream {
  constructor(fd = 0) {
    const buffer = Buffer.alloc(READ_SIZE);
    const holder: { input?: TerminalInput } = {};
    const callback = (n: number): boolean => {
      try {
        holder.input?.emit('data', buffer.subarray(0, n));
      } finally {
        buffer.fill(0, 0, n);
      }
      return true;
    };
    super(fd, { onread: { buffer, callback } } as SocketConstructorOpts);
    holder.input = this;
  }
}

let shared: TerminalInput | undefined;

/** The interactive runtimes' input: one TerminalInput on standard input, opened on first use. */
export function terminalInput(): TerminalInput {
  shared ??= new TerminalInput(0);
  return shared;
}

type Tty = Pick<NodeJS.ReadStream, 'on' | 'off' | 'resume' | 'pause' | 'setRawMode' | 'ref' | 'unref' | 'isTTY' | 'isRaw'>;

const isDigit = (key: string) => key.length === 1 && key >= '0' && key <= '9';

/** When the next read may go: by default on a later turn of the event loop. */
export type Settle = (next: () => void) => void;

/** How many rounds afterReactWork waits: a key's render, the effects it runs, the render those cause. */
export const REACT_ROUNDS = 3;

/**
 * Calls `next` once React has done the work a key caused: the render (React 19 queues it in a
 * microtask), the passive effects (where a component such as a text field takes its new
 * value into its input handler: a key handled before them met the old value) and what those
 * cause in turn. A round is a turn of the event loop (every microtask queued before has run, the
 * renders with them) then a task of idle priority in React's scheduler, which Ink's renderer
 * uses too (one copy, a dependency of react-reconciler): it runs after every task of higher
 * priority, the effects included, however often the scheduler yields (every 5 ms; one turn was
 * not enough under load). REACT_ROUNDS rounds: the save dialog's field needs two.
 */
export const afterReactWork: Settle = (next) => {
  let rounds = 0;
  const round = () => {
    setImmediate(() => {
      unstable_scheduleCallback(unstable_IdlePriority, () => {
        rounds += 1;
        if (rounds < REACT_ROUNDS) round();
        else setImmediate(next);
      });
    });
  };
  round();
};

/**
 * What Ink reads its input from, in place of the terminal's own stream: 'readable' says one read
 * waits, `read()` gives it. A digit is a read of its own; keys without digits that came together
 * stay one read. After each read the next waits for a later turn of the event loop, queued once
 * the reader has handled this one (React's effects, queued as it handled it, run first). The
 * terminal is read (as Buffers) only while someone listens for 'readable', as Ink does while it
 * takes input.
 */
export class KeyStream extends EventEmitter {
  readonly #tty: Tty;
  readonly #settle: Settle;
  readonly #reads: string[] = [];
  #reading = false;
  /** read() may give one read now (inside the 'readable' this stream emits). */
  #open = false;
  /** The next read is queued for a later turn. */
  #queued = false;
  readonly #onData = (chunk: Buffer | string) => {
    if (typeof chunk === 'string') {
      // Someone set an encoding on the terminal's stream after all: still one key at a time.
      for (const c of chunk) this.#add(c);
    } else {
      for (const key of splitKeys(chunk)) this.#add(key);
      chunk.fill(0);
    }
    // Never at once: the last read's effects may still be pending (a read ends, the next chunk comes).
    this.#queue();
  };

  #queue(): void {
    if (this.#queued || this.#reads.length === 0) return;
    this.#queued = true;
    this.#settle(this.#next);
  }

  /** Offers one read to the reader, then queues the next one if more wait. */
  readonly #next = () => {
    this.#queued = false;
    if (!this.#reading || this.#reads.length === 0) return;
    this.#open = true;
    try {
      this.emit('readable');
    } finally {
      this.#open = false;
    }
    this.#queue();
  };

  constructor(tty: Tty, settle: Settle = setImmediate) {
    super();
    this.#tty = tty;
    this.#settle = settle;
    this.on('newListener', (event: string) => {
      if (event === 'readable' && !this.#reading) {
        this.#reading = true;
        this.#tty.on('data', this.#onData);
        this.#tty.resume();
        this.#queue();
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

  /** A key joins the last read waiting unless either is a digit. */
  #add(key: string): void {
    const last = this.#reads.length - 1;
    if (last >= 0 && !isDigit(key) && !isDigit(this.#reads[last]!)) this.#reads[last] += key;
    else this.#reads.push(key);
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

  /** The read offered by 'readable', once; null otherwise (the next comes with the next 'readable'). */
  read(): string | null {
    if (!this.#open) return null;
    this.#open = false;
    return this.#reads.shift() ?? null;
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
