// Every parser of card data, fuzzed from the seed card's own files (fixed seed): each may raise
// only its declared error, and an entry that fails inside a directory file must fail for a
// reason of its own (Pkcs15Error/TlvError), never a JavaScript TypeError or RangeError.

import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../src/card/bytes.js';
import { ApduProtocol } from '../../../src/card/apdu/protocol.js';
import { CardFiles, fcpSize } from '../../../src/card/cps/card-files.js';
import { parseCountersResponse } from '../../../src/card/cps/counters.js';
import { CommandChannel } from '../../../src/card/cps/recovery.js';
import { UnknownLayoutError, parseActivity, parseIdCard, parseInfoPs, parseNamePs } from '../../../src/card/cps/holder-data.js';
import { parseSnIcc } from '../../../src/card/cps/sn-icc.js';
import { parseAodf } from '../../../src/card/pkcs15/aodf.js';
import { Pkcs15Error, type Entry } from '../../../src/card/pkcs15/asn1.js';
import { parseCdf } from '../../../src/card/pkcs15/cdf.js';
import { parseEfDir } from '../../../src/card/pkcs15/dir.js';
import { parseDodf } from '../../../src/card/pkcs15/dodf.js';
import { parseOdf } from '../../../src/card/pkcs15/odf.js';
import { parsePrkdf } from '../../../src/card/pkcs15/prkdf.js';
import { parseTokenInfo } from '../../../src/card/pkcs15/token-info.js';
import { TlvError } from '../../../src/card/tlv/tlv.js';
import { fuzz } from '../../support/fuzz.js';
import { READER, setup } from '../../support/in-process-card.js';

async function seedFiles(): Promise<Record<string, Uint8Array>> {
  const { transport } = setup('cps3-rpps');
  const c = await transport.connect(READER, 'shared');
  const protocol = new ApduProtocol(c);
  const files = new CardFiles(new CommandChannel(protocol, null));
  // The practice situations need the PIN (1234, as the fixture's AODF formats it).
  await protocol.send({ cla: 0, ins: 0x20, p1: 0, p2: 1, data: fromHex('31323334FFFFFFFF') }, 'VERIFY');
  const read = (p: string) => files.read(fromHex(p));
  const out: Record<string, Uint8Array> = {
    dir: await read('3F002F00'),
    odf: await read('3F0000015031'),
    token: await read('3F0000015032'),
    aodf: await read('3F0000017001'),
    prkdf: await read('3F0000017002'),
    cdf: await read('3F0000017005'),
    dodf: await read('3F0000017006'),
    sn: await read('3F00D003'),
  };
  // Data objects as the DODF names them.
  for (const e of parseDodf(out.dodf!)) if (e.ok) out[e.value.common.label!] = await files.read(e.value.path.path);
  await c.disconnect('reset');
  return out;
}

const typedEntryFailure = (entries: Entry<unknown>[]): void => {
  for (const e of entries) {
    if (!e.ok && /TypeError|RangeError|undefined|Cannot read/.test(e.reason)) throw new Error(`entry failed untyped: ${e.reason}`);
  }
};

describe('parsers under fuzzing (seed 0x5EED)', () => {
  it('raise only their declared errors', async () => {
    const f = await seedFiles();
    const isTlv = (e: unknown) => e instanceof TlvError;
    const targets = [
      { name: 'EF.DIR', corpus: [f.dir!], run: (b: Uint8Array) => typedEntryFailure(parseEfDir(b)), isExpectedError: isTlv },
      { name: 'ODF', corpus: [f.odf!], run: (b: Uint8Array) => typedEntryFailure(parseOdf(b)), isExpectedError: isTlv },
      { name: 'AODF', corpus: [f.aodf!], run: (b: Uint8Array) => typedEntryFailure(parseAodf(b)), isExpectedError: isTlv },
      { name: 'PrKDF', corpus: [f.prkdf!], run: (b: Uint8Array) => typedEntryFailure(parsePrkdf(b)), isExpectedError: isTlv },
      { name: 'CDF', corpus: [f.cdf!], run: (b: Uint8Array) => typedEntryFailure(parseCdf(b)), isExpectedError: isTlv },
      { name: 'DODF', corpus: [f.dodf!], run: (b: Uint8Array) => typedEntryFailure(parseDodf(b)), isExpectedError: isTlv },
      { name: 'TokenInfo', corpus: [f.token!], run: parseTokenInfo, isExpectedError: (e: unknown) => isTlv(e) || e instanceof Pkcs15Error },
      { name: 'EF.SN.ICC', corpus: [f.sn!], run: parseSnIcc, isExpectedError: () => false },
      { name: 'FCP', corpus: [fromHex('62 0E 80 02 00 0C 82 01 01 83 02 D0 03 8A 01 05')], run: fcpSize, isExpectedError: () => false },
      {
        name: 'counters',
        corpus: [fromHex('70 1A BF 81 02 16 A0 14 9A 01 0A 9B 01 0A 9D 02 00 64 A1 08 8C 06 F3 00 00 13 FF 00')],
        run: (b: Uint8Array) => parseCountersResponse(b, 2),
        isExpectedError: isTlv,
      },
      {
        name: 'holder data',
        corpus: [f.CPS_ID_CARD!, f.CPS_NAME_PS!, f.CPS_INFO_PS!, f.CPS_ACTIVITY_01_PS!],
        run: (b: Uint8Array) =>
          [parseIdCard, parseNamePs, parseInfoPs, parseActivity].map((p) => {
            try {
              return p(b);
            } catch (e) {
              if (e instanceof UnknownLayoutError) return null;
              throw e;
            }
          }),
        isExpectedError: () => false,
      },
    ];
    for (const t of targets) {
      expect(
        t.corpus.every((c) => c && c.length > 0),
        t.name,
      ).toBe(true);
      const r = fuzz(t, 3000, 0x5eed);
      expect(r.crashes, t.name).toEqual([]);
    }
  });
});
