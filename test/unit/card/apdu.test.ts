// APDU layer: command encoding, status words, 61xx/6Cxx handling, masked traces.

import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../src/card/bytes.js';
import { channelOfCla, claForChannel, decodeCommand, encodeCommand } from '../../../src/card/apdu/command.js';
import { ApduError, MalformedResponseError } from '../../../src/card/apdu/errors.js';
import { ApduProtocol } from '../../../src/card/apdu/protocol.js';
import { SW, bytesAvailable, correctLe, describeSw, triesLeftFromSw } from '../../../src/card/apdu/status-words.js';
import { maskedCommandHex, type TraceEntry } from '../../../src/card/apdu/trace.js';
import { getDataCountersCommand } from '../../../src/card/cps/counters.js';
import { TransportError, isTransportError } from '../../../src/card/transport/errors.js';
import type { CardConnection } from '../../../src/card/transport/transport.js';
import { READER, failure, setup } from '../../support/in-process-card.js';

describe('command encoding', () => {
  it('writes cases 1 to 4 in short form', () => {
    expect(hex(encodeCommand({ cla: 0, ins: 0x20, p1: 0, p2: 1 }))).toBe('00 20 00 01');
    expect(hex(encodeCommand({ cla: 0, ins: 0xc0, p1: 0, p2: 0, le: 0x18 }))).toBe('00 C0 00 00 18');
    expect(hex(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 }))).toBe('00 B0 00 00 00');
    expect(hex(encodeCommand({ cla: 0, ins: 0xa4, p1: 0, p2: 0x0c, data: fromHex('3F00') }))).toBe('00 A4 00 0C 02 3F 00');
    // Spec §3, byte for byte.
    expect(hex(encodeCommand(getDataCountersCommand(0x01)))).toBe('00 CB 3F FF 0A 4D 08 70 06 BF 81 01 02 A0 80 00');
  });

  it('refuses what a short APDU cannot carry', () => {
    expect(() => encodeCommand({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(256) })).toThrow(RangeError);
    expect(() => encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 0 })).toThrow(RangeError);
    expect(() => encodeCommand({ cla: 0x100, ins: 0, p1: 0, p2: 0 })).toThrow(RangeError);
  });

  it('decodes what it encodes', () => {
    const c = { cla: 0, ins: 0xcb, p1: 0x3f, p2: 0xff, data: fromHex('4D08'), le: 256 };
    expect(decodeCommand(encodeCommand(c))).toEqual(c);
    expect(decodeCommand(fromHex('00 20'))).toBeNull();
    expect(decodeCommand(fromHex('00 20 00 01 05 31'))).toBeNull();
  });

  it('puts the logical channel in CLA (CPS4: channel 1, CLA 01)', () => {
    expect(claForChannel(0x00, 1)).toBe(0x01);
    expect(claForChannel(0x00, 3)).toBe(0x03);
    expect(claForChannel(0x00, 4)).toBe(0x40);
    expect(claForChannel(0x00, 19)).toBe(0x4f);
    expect(channelOfCla(0x01)).toBe(1);
    expect(channelOfCla(0x4f)).toBe(19);
    expect(() => claForChannel(0, 20)).toThrow(RangeError);
  });
});

describe('status words', () => {
  it('names them and reads the numbers they carry', () => {
    expect(SW.AUTH_METHOD_BLOCKED).toBe(0x6983);
    expect(SW.REFERENCE_DATA_INVALIDATED).toBe(0x6984);
    expect(SW.CONDITIONS_NOT_SATISFIED).toBe(0x6985);
    expect(SW.FILE_NOT_FOUND).toBe(0x6a82);
    expect(SW.INCORRECT_P1P2).toBe(0x6a86);
    expect(SW.DATA_NOT_FOUND).toBe(0x6a88);
    expect(SW.CLA_NOT_SUPPORTED).toBe(0x6e00);
    expect(triesLeftFromSw(0x63c2)).toBe(2);
    expect(triesLeftFromSw(0x63c0)).toBe(0);
    expect(triesLeftFromSw(0x6300)).toBeNull();
    expect(bytesAvailable(0x6118)).toBe(0x18);
    expect(bytesAvailable(0x6100)).toBe(256);
    expect(correctLe(0x6c0c)).toBe(12);
    expect(correctLe(0x9000)).toBeNull();
    expect(describeSw(0x6983)).toBe('AUTH_METHOD_BLOCKED (6983)');
    expect(describeSw(0x63c1)).toBe('RETRIES_LEFT_1 (63C1)');
  });
});

/** Replays a fixed exchange: each command must be the expected one (spec §3 bytes). */
function replay(script: [string, string][], atr = fromHex('3B')): CardConnection & { left: () => number } {
  const queue = [...script];
  return {
    reader: 'replay',
    atr,
    async transmit(command: Uint8Array) {
      const next = queue.shift();
      if (!next) throw new Error(`unexpected command ${hex(command)}`);
      expect(hex(command)).toBe(next[0]);
      if (next[1] === 'REMOVED') throw new TransportError('card-removed', 'carte retirée');
      return fromHex(next[1]);
    },
    async disconnect() {},
    left: () => queue.length,
  };
}

describe('protocol', () => {
  it('follows 61xx with GET RESPONSE (spec §3 counters exchange, simulated card)', async () => {
    const { transport } = setup('seed');
    const connection = await transport.connect(READER, 'shared');
    const p = new ApduProtocol(connection);
    await p.send({ cla: 0, ins: 0xa4, p1: 0, p2: 0x0c, data: fromHex('3F00') }, 'SELECT');
    const r = await p.transmit(getDataCountersCommand(0x01), 'GET DATA');
    expect(r.sw).toBe(SW.OK);
    expect(hex(r.data)).toBe('70 16 BF 81 01 12 A0 10 9A 01 03 9B 01 00 A1 08 8C 06 F3 00 00 13 FF 00');
    expect(p.apduCount).toBe(3);
    await connection.disconnect('leave');
  });

  it('resends with the right Le on 6Cxx (simulated card)', async () => {
    const { transport } = setup('seed');
    const connection = await transport.connect(READER, 'shared');
    const traces: TraceEntry[] = [];
    const p = new ApduProtocol(connection, { onTrace: (e) => traces.push(e) });
    await p.send({ cla: 0, ins: 0xa4, p1: 0x09, p2: 0x0c, data: fromHex('3F00D003') }, 'SELECT');
    const r = await p.send({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 0xe7 }, 'READ BINARY');
    expect(hex(r.data)).toBe('5A 0A 80 25 00 00 01 99 00 27 52 3F');
    expect(traces.map((t) => t.command)).toContain('00 B0 00 00 0C');
    await connection.disconnect('leave');
  });

  it('accumulates several 61xx rounds on the same logical channel', async () => {
    const c = replay([
      ['01 CA 01 00 00', '61 02'],
      ['01 C0 00 00 02', 'AA BB 61 01'],
      ['01 C0 00 00 01', '6C 01'],
      ['01 C0 00 00 01', 'CC 90 00'],
    ]);
    const p = new ApduProtocol(c, { channel: 1 });
    const r = await p.transmit({ cla: 0, ins: 0xca, p1: 1, p2: 0, le: 256 }, 'GET DATA');
    expect(hex(r.data)).toBe('AA BB CC');
    expect(r.sw).toBe(SW.OK);
    expect(c.left()).toBe(0);
  });

  it('raises ApduError with the SW, MalformedResponseError on a short answer', async () => {
    const p = new ApduProtocol(
      replay([
        ['00 A4 00 0C 02 3F 00', '6A 82'],
        ['00 A4 00 0C 02 3F 00', '90'],
      ]),
    );
    const e = await failure(p.send({ cla: 0, ins: 0xa4, p1: 0, p2: 0x0c, data: fromHex('3F00') }, 'SELECT 3F00'));
    expect(e).toBeInstanceOf(ApduError);
    expect((e as ApduError).sw).toBe(SW.FILE_NOT_FOUND);
    const m = await failure(p.send({ cla: 0, ins: 0xa4, p1: 0, p2: 0x0c, data: fromHex('3F00') }, 'SELECT 3F00'));
    expect(m).toBeInstanceOf(MalformedResponseError);
  });

  it('stops an endless 61xx chain', async () => {
    const endless: CardConnection = { reader: 'r', atr: fromHex('3B'), transmit: async () => fromHex('61 01'), disconnect: async () => {} };
    const e = await failure(new ApduProtocol(endless).transmit({ cla: 0, ins: 0xca, p1: 0, p2: 0, le: 1 }, 'x'));
    expect(e).toBeInstanceOf(MalformedResponseError);
  });

  it('lets TransportError("card-removed") through unchanged, and traces it', async () => {
    const traces: TraceEntry[] = [];
    const p = new ApduProtocol(replay([['00 20 00 01 04 31 32 33 34', 'REMOVED']]), { onTrace: (t) => traces.push(t) });
    const e = await failure(p.transmit({ cla: 0, ins: 0x20, p1: 0, p2: 1, data: fromHex('31323334') }, 'VERIFY'));
    expect(isTransportError(e, 'card-removed')).toBe(true);
    expect(traces).toEqual([
      expect.objectContaining({ seq: 1, error: 'card-removed', masked: true, command: '00 20 00 01 04 ** ** ** **' }),
    ]);
  });

  it('an observer that throws changes nothing', async () => {
    const p = new ApduProtocol(replay([['00 20 00 01', '63 C3']]), {
      onTrace: () => {
        throw new Error('observer failure');
      },
    });
    expect((await p.transmit({ cla: 0, ins: 0x20, p1: 0, p2: 1 }, 'VERIFY')).sw).toBe(0x63c3);
  });
});

describe('trace masking', () => {
  // PIN and PUK that share no digit, so that any leaked fragment is visible.
  const PIN = '2468';
  const PUK = '13579135';
  const forms = (code: string): string[] => {
    const asciiHex = Array.from(code, (c) => c.charCodeAt(0).toString(16).toUpperCase());
    const bcd = code.match(/../g)!;
    return [code, asciiHex.join(' '), asciiHex.join(''), bcd.join(' '), bcd.join('')];
  };

  it('masks the data of VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER in every form', () => {
    const cmds = [
      '00 20 00 01 04 32 34 36 38', // ASCII PIN
      '00 20 00 01 08 32 34 36 38 FF FF FF FF', // padded ASCII PIN
      '00 20 00 01 02 24 68', // BCD PIN
      '00 20 00 02 08 31 33 35 37 39 31 33 35', // ASCII PUK
      '00 20 00 02 04 13 57 91 35', // BCD PUK
      '00 24 00 01 08 32 34 36 38 32 34 36 38',
      '00 2C 02 01 04 32 34 36 38',
      '01 20 00 81 04 24 68 FF FF', // CPS4 channel 1
    ];
    for (const c of cmds) {
      const m = maskedCommandHex(fromHex(c));
      expect(m.masked).toBe(true);
      expect(m.text.slice(0, 14)).toBe(c.slice(0, 14));
      for (const f of [...forms(PIN), ...forms(PUK)]) expect(m.text, c).not.toContain(f);
    }
    expect(maskedCommandHex(fromHex('00 20 00 01')).masked).toBe(false);
    expect(maskedCommandHex(fromHex('00 B0 00 00 E7')).text).toBe('00 B0 00 00 E7');
  });

  it('no trace of an unblock or change carries the codes (simulated card with PUK 13579135)', async () => {
    const { transport, card, service, traces } = setup('seed');
    const snap = card.snapshot()!;
    transport.remove(READER);
    card.restore({ ...snap, puk: { ...snap.puk, code: PUK } });
    transport.insert(READER, card);
    await failure(service.unblockPin(READER, '97531975', PIN)); // wrong PUK first
    await service.unblockPin(READER, PUK, PIN);
    await service.changePin(READER, PIN, '1357');
    await service.readSituations(READER, '1357');
    const secretCommands = traces.filter((t) => /^0[0-3] (20|24|2C) /.test(t.command) && t.command.length > 12);
    // wrong VERIFY PUK, VERIFY PUK, RESET RETRY COUNTER, CHANGE REFERENCE DATA, VERIFY PIN
    expect(secretCommands.map((t) => t.command.slice(0, 5))).toEqual(['00 20', '00 20', '00 2C', '00 24', '00 20']);
    expect(secretCommands.every((t) => t.masked)).toBe(true);
    const onlyCodeCommands = JSON.stringify(secretCommands);
    for (const f of [...forms(PIN), ...forms(PUK), ...forms('1357'), ...forms('97531975')]) {
      expect(onlyCodeCommands).not.toContain(f);
    }
    // Nor the whole trace where it could only come from a code (ASCII forms are long enough to be telling).
    const all = JSON.stringify(traces);
    for (const code of [PIN, PUK, '1357']) {
      const asciiHex = Array.from(code, (c) => c.charCodeAt(0).toString(16).toUpperCase()).join(' ');
      expect(all).not.toContain(asciiHex);
    }
  });
});
