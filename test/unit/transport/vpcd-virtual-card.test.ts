// The virtual card against a TCP server that speaks vpcd's side of the protocol, byte for byte.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApduCard } from '../../../src/card/simulator/apdu-card.js';
import { FrameReader, frame } from '../../../src/card/vpcd/frames.js';
import { VirtualCard } from '../../../src/card/vpcd/virtual-card.js';

/** A tiny card: echoes the command's INS in its answer, counts resets. */
class EchoCard implements ApduCard {
  readonly atr = Uint8Array.from([0x3b, 0x02, 0x14, 0x50]);
  resets = 0;
  transmit(c: Uint8Array): Uint8Array {
    return Uint8Array.from([c[1] ?? 0, 0x90, 0x00]);
  }
  reset(): void {
    this.resets++;
  }
}

interface Peer {
  port: number;
  sockets: net.Socket[];
  received: Uint8Array[];
  server: net.Server;
}

async function vpcdPeer(): Promise<Peer> {
  const peer: Peer = { port: 0, sockets: [], received: [], server: net.createServer() };
  peer.server.on('connection', (s) => {
    peer.sockets.push(s);
    const r = new FrameReader();
    s.on('data', (d) => peer.received.push(...r.push(d)));
  });
  await new Promise<void>((res) => peer.server.listen(0, '127.0.0.1', res));
  peer.port = (peer.server.address() as net.AddressInfo).port;
  return peer;
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

async function setup() {
  const peer = await vpcdPeer();
  const card = new EchoCard();
  let lost = 0;
  const vc = new VirtualCard(card, { port: peer.port, onLost: () => lost++ });
  cleanup.push(async () => {
    await vc.remove();
    for (const s of peer.sockets) s.destroy();
    await new Promise((r) => peer.server.close(r));
  });
  await vc.insert();
  await until(() => peer.sockets.length === 1);
  return { peer, card, vc, lost: () => lost, sock: peer.sockets[0]! };
}

describe('FrameReader', () => {
  it('reassembles frames split anywhere and merged together', () => {
    const bytes = Buffer.concat([frame(Uint8Array.from([1, 2, 3])), frame(Uint8Array.from([4])), frame(new Uint8Array(300).fill(7))]);
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const r = new FrameReader();
      const got = [...r.push(bytes.subarray(0, cut)), ...r.push(bytes.subarray(cut))];
      expect(got.map((g) => g.length)).toEqual([3, 1, 300]);
      expect(got[2]!.every((b) => b === 7)).toBe(true);
    }
  });

  it('handles a zero-length frame and a length byte alone', () => {
    const r = new FrameReader();
    expect(r.push(Uint8Array.from([0]))).toEqual([]);
    expect(r.push(Uint8Array.from([0, 0, 1]))).toEqual([new Uint8Array(0)]);
    expect(r.push(Uint8Array.from([9]))).toEqual([Uint8Array.from([9])]);
  });
});

describe('VirtualCard over vpcd', () => {
  it('answers GET ATR with the ATR, every time (the presence poll)', async () => {
    const { peer, sock } = await setup();
    sock.write(frame(Uint8Array.from([4])));
    sock.write(frame(Uint8Array.from([4])));
    await until(() => peer.received.length === 2);
    expect(peer.received[0]).toEqual(Uint8Array.from([0x3b, 0x02, 0x14, 0x50]));
    expect(peer.received[1]).toEqual(peer.received[0]);
  });

  it('resets the card on power on, reset and power off, answering nothing', async () => {
    const { peer, card, sock } = await setup();
    sock.write(Buffer.from([0, 1, 1, 0, 1, 2, 0, 1, 0, 0, 1, 4]));
    await until(() => peer.received.length === 1);
    expect(card.resets).toBe(3);
    expect(peer.received).toHaveLength(1); // only the ATR
  });

  it('answers APDUs sent byte by byte, in order', async () => {
    const { peer, sock } = await setup();
    const bytes = Buffer.concat([frame(Uint8Array.from([0, 0xa4, 0, 0])), frame(Uint8Array.from([0, 0xb0, 0, 0, 0]))]);
    for (const b of bytes) sock.write(Buffer.from([b]));
    await until(() => peer.received.length === 2);
    expect(peer.received).toEqual([Uint8Array.from([0xa4, 0x90, 0]), Uint8Array.from([0xb0, 0x90, 0])]);
  });

  it('removal closes the connection; insertion opens a new one with the same card', async () => {
    const { peer, vc, lost } = await setup();
    await vc.remove();
    expect(vc.inserted).toBe(false);
    await until(() => peer.sockets[0]!.closed || peer.sockets[0]!.readableEnded);
    await vc.insert();
    await until(() => peer.sockets.length === 2);
    expect(lost()).toBe(0); // a removal asked for is not a loss
  });

  it('reports a connection vpcd dropped', async () => {
    const { vc, lost, sock } = await setup();
    sock.destroy();
    await until(() => lost() === 1);
    expect(vc.inserted).toBe(false);
  });

  it('rejects insertion when nothing listens', async () => {
    const peer = await vpcdPeer();
    await new Promise((r) => peer.server.close(r));
    const vc = new VirtualCard(new EchoCard(), { port: peer.port });
    await expect(vc.insert()).rejects.toThrow(/ECONNREFUSED/);
    expect(vc.inserted).toBe(false);
  });
});

describe('VirtualCard.removeDuring', () => {
  it('runs the n-th next command, then leaves without answering it', async () => {
    const peer = await vpcdPeer();
    const seen: number[] = [];
    const card: ApduCard = {
      atr: Uint8Array.from([0x3b, 0x00]),
      transmit: (c) => (seen.push(c[1] ?? 0), Uint8Array.from([0x90, 0x00])),
      reset: () => undefined,
    };
    let pulled: Uint8Array | undefined;
    const vc = new VirtualCard(card, { port: peer.port, onPulled: (c) => (pulled = c) });
    cleanup.push(async () => {
      await vc.remove();
      for (const s of peer.sockets) s.destroy();
      await new Promise((r) => peer.server.close(r));
    });
    await vc.insert();
    await until(() => peer.sockets.length === 1);
    const sock = peer.sockets[0]!;
    const closed = new Promise<void>((r) => sock.once('close', () => r()));
    vc.removeDuring(2);
    sock.write(frame(Uint8Array.from([0x00, 0xa4, 0x00, 0x00])));
    await until(() => peer.received.length === 1);
    sock.write(frame(Uint8Array.from([0x00, 0x2c, 0x02, 0x01])));
    await closed;
    expect(seen).toEqual([0xa4, 0x2c]); // the card ran both commands
    expect(peer.received).toHaveLength(1); // but answered only the first
    expect(pulled?.[1]).toBe(0x2c);
    expect(vc.inserted).toBe(false);
  });

  it('refuses a count below 1', () => {
    const vc = new VirtualCard(new EchoCard());
    expect(() => vc.removeDuring(0)).toThrow(RangeError);
  });
});
