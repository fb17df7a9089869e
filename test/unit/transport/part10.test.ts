// PC/SC part 10 answers as readers give them: the feature list and the TLV properties.
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../src/card/bytes.js';
import { parseFeatureList, parseTlvProperties, readReaderFeatures } from '../../../src/card/transport/part10.js';
import type { CardConnection } from '../../../src/card/transport/transport.js';

describe('part 10', () => {
  it('reads the feature list, and stops at a malformed entry', () => {
    expect([...parseFeatureList(fromHex('06 04 42 33 00 06 12 04 42 33 00 12'))]).toEqual([
      [0x06, 0x42330006],
      [0x12, 0x42330012],
    ]);
    expect([...parseFeatureList(fromHex('06 04 42 33 00 06 07 02 42 33'))]).toEqual([[0x06, 0x42330006]]);
    expect(parseFeatureList(new Uint8Array(0)).size).toBe(0);
  });

  it('reads the TLV properties little-endian, the firmware without control characters', () => {
    const props = parseTlvProperties(fromHex('0B 02 E6 08 0C 02 34 12 06 01 04 07 01 08 08 04 41 1B 42 00 0A 04 00 01 00 00'));
    expect(props).toEqual({ vendorId: 0x08e6, productId: 0x1234, minPinSize: 4, maxPinSize: 8, firmware: 'AB', maxApduDataSize: 256 });
  });

  it('a reader that refuses the request has no feature, and a transport without control neither', async () => {
    const refusing = {
      reader: 'r',
      atr: new Uint8Array(0),
      transmit: () => Promise.reject(new Error('not used')),
      control: () => Promise.reject(new Error('SCardControl: unsupported')),
      disconnect: () => Promise.resolve(),
    } satisfies CardConnection;
    expect(await readReaderFeatures(refusing)).toEqual({});
    const { control: _, ...without } = refusing;
    expect(await readReaderFeatures(without)).toEqual({});
  });
});
