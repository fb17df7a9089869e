// vpcd's framing: every message, both ways, is a 2-byte big-endian length then the payload.
// TCP may split or merge messages, so incoming bytes are reassembled here.

export function frame(payload: Uint8Array): Buffer {
  if (payload.length > 0xffff) throw new RangeError('message vpcd trop long');
  const out = Buffer.alloc(2 + payload.length);
  out.writeUInt16BE(payload.length, 0);
  out.set(payload, 2);
  return out;
}

export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  /** Adds received bytes; returns every payload now complete, in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    this.pending = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    const out: Uint8Array[] = [];
    while (this.pending.length >= 2) {
      const len = this.pending.readUInt16BE(0);
      if (this.pending.length < 2 + len) break;
      out.push(new Uint8Array(this.pending.subarray(2, 2 + len)));
      this.pending = this.pending.subarray(2 + len);
    }
    return out;
  }
}
