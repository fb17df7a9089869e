// The terminal's input one key at a time (key-stream.ts): no string of more than one character
// holds a digit unless it is an escape sequence, and the bytes read are zeroed once split.

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { afterReactWork, KeyStream, splitKeys } from '../../../src/app/tui/key-stream.js';
import { unstable_NormalPriority, unstable_scheduleCallback } from 'scheduler';
import { KeyDecoder, PASTE_LIMIT, pasteOf, type Paste } from '../../../src/app/tui/key-decoder.js';
import { SecretCode } from '../../../src/card/cps/secret-code.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('splitKeys', () => {
  it('a bracketed paste: its markers whole, each digit alone', () => {
    expect(splitKeys(bytes('\u001b[200~12345678\u001b[201~\t'))).toEqual(['\u001b[200~', ...'12345678', '\u001b[201~', '\t']);
  });

  it('a burst of keys: one string a key, arrows, F1 and Shift-Tab whole, UTF-8 characters decoded alone', () => {
    expect(splitKeys(bytes('d1234\r\u001b[A\u001bOP\u001b[[A\u001b[Zé€x'))).toEqual([
      'd',
      '1',
      '2',
      '3',
      '4',
      '\r',
      '\u001b[A',
      '\u001bOP',
      '\u001b[[A',
      '\u001b[Z',
      'é',
      '€',
      'x',
    ]);
  });

  it('Esc alone, Esc before a key, a sequence cut at the end of the read: byte by byte', () => {
    expect(splitKeys(bytes('\u001b'))).toEqual(['\u001b']);
    expect(splitKeys(bytes('\u001bq'))).toEqual(['\u001b', 'q']);
    expect(splitKeys(bytes('\u001b[20'))).toEqual(['\u001b', '[', '2', '0']);
  });

  it('no key of more than one character holds a digit, escape sequences aside', () => {
    const keys = splitKeys(bytes('98765432\t1234\t1234\t\u001b[200~55556666\u001b[201~ 1 2 3é9'));
    expect(keys.filter((k) => k.length > 1 && /\d/.test(k) && !k.startsWith('\u001b'))).toEqual([]);
  });
});

/** The terminal's stream as KeyStream uses it. */
class FakeTty extends EventEmitter {
  isTTY = true;
  isRaw = false;
  flowing = false;
  refs = 0;
  setRawMode(mode: boolean) {
    this.isRaw = mode;
    return this;
  }
  resume() {
    this.flowing = true;
    return this;
  }
  pause() {
    this.flowing = false;
    return this;
  }
  ref() {
    this.refs += 1;
    return this;
  }
  unref() {
    this.refs -= 1;
    return this;
  }
}

/** A settle function the test releases by hand: each call is one read the stream waits to give. */
function handSettle() {
  const waiting: (() => void)[] = [];
  return {
    settle: (next: () => void) => void waiting.push(next),
    get waiting() {
      return waiting.length;
    },
    release() {
      waiting.shift()?.();
    },
  };
}

describe('KeyStream', () => {
  it('reads the terminal only while Ink listens, zeroes what it read, gives nothing at once', () => {
    const tty = new FakeTty();
    const settle = handSettle();
    const keys = new KeyStream(tty as unknown as NodeJS.ReadStream, settle.settle);
    expect(tty.listenerCount('data')).toBe(0);
    const got: string[] = [];
    const onReadable = () => {
      let k: string | null;
      while ((k = keys.read()) !== null) got.push(k);
    };
    keys.setEncoding();
    keys.setRawMode(true);
    keys.addListener('readable', onReadable);
    expect({ data: tty.listenerCount('data'), flowing: tty.flowing, raw: tty.isRaw }).toEqual({ data: 1, flowing: true, raw: true });
    const chunk = bytes('\u001b[200~2468\u001b[201~');
    tty.emit('data', chunk);
    expect([...chunk].every((b) => b === 0)).toBe(true);
    // Nothing during the read itself: the last key's effects may still be pending.
    expect(got).toEqual([]);
    expect(keys.read()).toBeNull();
    while (settle.waiting > 0) settle.release();
    expect(got).toEqual(['\u001b[200~', '2', '4', '6', '8', '\u001b[201~']);
    keys.removeListener('readable', onReadable);
    expect({ data: tty.listenerCount('data'), flowing: tty.flowing }).toEqual({ data: 0, flowing: false });
  });

  it('one read each time the reader has settled: each digit alone, keys without digits together as they came', () => {
    const tty = new FakeTty();
    const settle = handSettle();
    const keys = new KeyStream(tty as unknown as NodeJS.ReadStream, settle.settle);
    const reads: string[][] = [];
    keys.addListener('readable', () => {
      const now: string[] = [];
      let k: string | null;
      while ((k = keys.read()) !== null) now.push(k);
      reads.push(now);
    });
    tty.emit('data', bytes('98765432\t1234\t/tmp/r-2.txt\u007f\u007f\u007f'));
    for (let i = 0; settle.waiting > 0; i++) {
      expect(settle.waiting, 'one read queued at a time').toBe(1);
      settle.release();
      expect(reads).toHaveLength(i + 1);
    }
    expect(reads).toEqual([...'98765432', '\t', ...'1234', '\t/tmp/r-', '2', '.txt\u007f\u007f\u007f'].map((r) => [r]));
    // A read of more than one character never holds a digit.
    expect(reads.flat().filter((r) => r.length > 1 && /\d/.test(r))).toEqual([]);
  });

  it('a chunk that comes while a read waits joins the queue, still one read a settle', () => {
    const tty = new FakeTty();
    const settle = handSettle();
    const keys = new KeyStream(tty as unknown as NodeJS.ReadStream, settle.settle);
    const got: string[] = [];
    keys.addListener('readable', () => {
      const k = keys.read();
      if (k !== null) got.push(k);
    });
    tty.emit('data', bytes('ab'));
    tty.emit('data', bytes('c1'));
    expect(settle.waiting).toBe(1);
    settle.release();
    expect(got).toEqual(['abc']);
    settle.release();
    expect(got).toEqual(['abc', '1']);
    expect(settle.waiting).toBe(0);
  });
});

describe('afterReactWork', () => {
  it('waits for the work React queued meanwhile, however long: a normal-priority task first', async () => {
    const order: string[] = [];
    const done = new Promise<void>((resolve) =>
      afterReactWork(() => {
        order.push('key');
        resolve();
      }),
    );
    // Work queued after the key was: what a render's effects are (normal priority), and a render
    // in a microtask that queues more.
    unstable_scheduleCallback(unstable_NormalPriority, () => {
      order.push('effects');
      queueMicrotask(() => unstable_scheduleCallback(unstable_NormalPriority, () => void order.push('effects of effects')));
    });
    await done;
    expect(order).toEqual(['effects', 'effects of effects', 'key']);
  });
});

describe('a paste gathered key by key (key-decoder.ts)', () => {
  it('the same Paste as the text whole: digits kept, blanks around it aside, others counted', () => {
    const byKeys = new KeyDecoder();
    const noKey = {} as Key;
    const out = [...splitKeys(bytes('\u001b[200~ 12 3a4\r\n\u001b[201~'))].flatMap((k) =>
      byKeys.decode(k.startsWith('\u001b[') ? k.slice(1) : k, noKey),
    );
    expect(out).toHaveLength(1);
    const p = out[0] as Paste;
    const whole = pasteOf(' 12 3a4\r\n');
    expect({ others: p.others, overflow: p.overflow, length: p.digits.length }).toEqual({ others: 2, overflow: false, length: 4 });
    expect(p.digits.equals(whole.digits)).toBe(true);
    expect(whole.others).toBe(2);
    expect(pasteOf('1'.repeat(PASTE_LIMIT + 1))).toMatchObject({ others: 0, overflow: true });
  });

  it('SecretCode.fromDigits copies the digits and refuses anything else', () => {
    const digits = Uint8Array.from([1, 2, 3, 4, 9]);
    const code = SecretCode.fromDigits(digits, 4);
    digits.fill(0);
    expect(code.equals(SecretCode.fromText('1234'))).toBe(true);
    expect(() => SecretCode.fromDigits(Uint8Array.from([1, 10]), 2)).toThrow(RangeError);
  });
});
