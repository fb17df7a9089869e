// Issue 18, point 5: the raw chunk a code came in is zeroed once consumed, never while it waits.
// Real Node streams (a Readable decoding to text as Ink's stdin does, and one in flowing mode as
// the accessible mode reads it).

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { wipeInputChunks } from '../../../src/app/tui/input-wipe.js';

const PASTE = '73914628\t5937\t5937';

describe('raw input chunks', () => {
  it('decoded to text at once (Ink: utf8 on stdin): the text arrives, the chunk is zeroed', async () => {
    const stream = new Readable({ read: () => undefined });
    stream.setEncoding('utf8');
    wipeInputChunks(stream);
    const chunk = Buffer.from(PASTE);
    stream.push(chunk);
    expect(chunk.every((b) => b === 0)).toBe(true);
    expect(stream.read()).toBe(PASTE);
  });

  it('handed to a data listener at once (accessible mode): the listener reads it, then it is zeroed', async () => {
    const stream = new Readable({ read: () => undefined });
    const seen: string[] = [];
    stream.on('data', (d: Buffer) => seen.push(d.toString('utf8')));
    wipeInputChunks(stream);
    await new Promise((r) => setImmediate(r)); // flowing from the next turn
    const chunk = Buffer.from(PASTE);
    stream.push(chunk);
    expect(seen).toEqual([PASTE]);
    expect(chunk.every((b) => b === 0)).toBe(true);
  });

  it('a chunk still waiting in the stream (paused, no decoder) is left as it is', () => {
    const stream = new Readable({ read: () => undefined });
    wipeInputChunks(stream);
    const chunk = Buffer.from(PASTE);
    stream.push(chunk);
    expect(chunk.toString('utf8')).toBe(PASTE);
    expect((stream.read() as Buffer).toString('utf8')).toBe(PASTE);
  });
});
