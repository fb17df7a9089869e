// The pipe to the PC/SC process (src/card/transport/pcsc-frames.ts): frames survive any split
// into chunks, and every chunk read is zeroed once its frames are taken out (a command may hold
// a code: no copy of it stays in the receiver's buffers).

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { encodeFrame, readFrames, type Frame } from '../../../src/card/transport/pcsc-frames.js';

const VERIFY = Uint8Array.of(0x00, 0x20, 0x00, 0x01, 0x08, 0x31, 0x32, 0x33, 0x34, 0xff, 0xff, 0xff, 0xff);

function feed(chunks: Buffer[]): { frames: Frame[]; broken: boolean } {
  const stream = new PassThrough();
  const frames: Frame[] = [];
  let broken = false;
  readFrames(
    stream,
    (f) => frames.push(f),
    () => (broken = true),
  );
  for (const c of chunks) stream.emit('data', c);
  return { frames, broken };
}

describe('PC/SC process frames', () => {
  it('decodes frames whatever the chunks, and zeroes every chunk read', () => {
    const whole = Buffer.concat([encodeFrame({ op: 'transmit', id: 1, conn: 1 }, VERIFY), encodeFrame({ op: 'watch' })]);
    for (const size of [1, 2, 3, 7, 13, whole.length]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < whole.length; i += size) chunks.push(Buffer.from(whole.subarray(i, i + size)));
      const { frames, broken } = feed(chunks);
      expect(broken).toBe(false);
      expect(frames.map((f) => f.json)).toEqual([{ op: 'transmit', id: 1, conn: 1 }, { op: 'watch' }]);
      expect(Array.from(frames[0]!.bytes)).toEqual(Array.from(VERIFY));
      expect(frames[1]!.bytes.length).toBe(0);
      for (const c of chunks) expect(c.every((b) => b === 0)).toBe(true);
    }
  });

  it('a length that no frame of ours has ends the reading', () => {
    const bad = Buffer.alloc(8);
    bad.writeUInt32BE(0xffffffff, 0);
    expect(feed([bad]).broken).toBe(true);
  });
});
