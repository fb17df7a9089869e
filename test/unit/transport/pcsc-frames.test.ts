// The pipe to the PC/SC process (src/card/transport/pcsc-frames.ts): frames survive any split
// into chunks, and every chunk read is zeroed once its frames are taken out (a command may hold
// a code: no copy of it stays in the receiver's buffers).

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { encodeFrame, fromWire, readFrames, toWire, type Frame, type WireError } from '../../../src/card/transport/pcsc-frames.js';
import { SCARD, bindingMissingError, fromPcscCode } from '../../../src/card/transport/pcsc-errors.js';
import { setLanguage } from '../../../src/i18n/index.js';
import { transportErrorWords } from '../../../src/view/failure.js';

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

describe('a failure across the pipe', () => {
  it('is the same typed fact on both sides: kind, PC/SC code and fact, whatever the language', () => {
    const sent = [fromPcscCode(SCARD.E_SHARING_VIOLATION), bindingMissingError('libpcsclite.so.1: cannot open'), new Error('boom')];
    const { frames } = feed(sent.map((e) => encodeFrame({ type: 'reply', id: 1, ok: false, error: toWire(e) })));
    const back = frames.map((f) => fromWire((f.json as { error: WireError }).error));
    expect(back.map((e) => [e.kind, e.code, e.fact])).toEqual([
      ['card-in-use', SCARD.E_SHARING_VIOLATION, undefined],
      ['service-unavailable', undefined, { reason: 'binding-missing', detail: 'libpcsclite.so.1: cannot open' }],
      ['unknown', undefined, undefined],
    ]);
    // The tool words it from the fact: the install remedy, in the tool's language.
    setLanguage('en');
    expect(transportErrorWords(back[1]!)).toContain('libpcsclite.so.1: cannot open');
    expect(transportErrorWords(back[0]!)).toBe(transportErrorWords(fromPcscCode(SCARD.E_SHARING_VIOLATION)));
    setLanguage('fr');
  });
});
