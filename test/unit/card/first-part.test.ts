// What the first screen needs, in few commands (issue 14): EF.SN.ICC by its short identifier, one
// SELECT of the MF for both counters, the application's ODF at its KNOWN path with EF.DIR checked
// after the first screen; and the same report as before on cards laid out otherwise.

import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../../src/card/apdu/trace.js';
import { createCardService } from '../../../src/card/cps/service.js';
import { PKCS15_AID } from '../../../src/card/simulator/cps3-files.js';
import { tlv } from '../../../src/card/simulator/der.js';
import { createCps3Variant, createFixtureCard, type FixtureName, type SimulatedCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import type { CardReport } from '../../../src/card/cps/report.js';
import { cardFactWords } from '../../../src/i18n/card-facts.js';

const SELECT_MF = '00 A4 00 0C 02 3F 00';
const bytesOf = (t: readonly TraceEntry[]) =>
  t.reduce((n, e) => n + e.command.split(' ').length + (e.response ? e.response.split(' ').length : 0), 0);

async function read(
  card: SimulatedCard,
): Promise<{ first: TraceEntry[] | undefined; partial: CardReport | undefined; all: TraceEntry[]; report: CardReport }> {
  const transport = new InProcessTransport();
  transport.insert(DEFAULT_READER, card);
  const all: TraceEntry[] = [];
  let first: TraceEntry[] | undefined;
  let partial: CardReport | undefined;
  const report = await createCardService(transport, { onTrace: (e) => all.push(e) }).read(DEFAULT_READER, (p) => {
    first = [...all];
    partial = p;
  });
  await transport.close();
  return { first, partial, all, report };
}

/** EF.DIR naming the PKCS#15 application at `path`, padded as the fixtures' own. */
function efDirAt(path: readonly number[]): Uint8Array {
  const out = new Uint8Array(101);
  out.set(tlv(0x61, tlv(0x4f, PKCS15_AID), tlv(0x51, Uint8Array.from(path))));
  return out;
}

describe('the first part of the read (what the first screen shows)', () => {
  it.each<[FixtureName, number]>([
    ['seed', 22],
    ['cps4', 21],
  ])('%s: in at most %i APDUs and at most 1,000 bytes', async (fixture, apdus) => {
    const { first } = await read(createFixtureCard(fixture));
    expect(first).toBeDefined();
    expect(first!.length).toBeLessThanOrEqual(apdus);
    expect(bytesOf(first!)).toBeLessThanOrEqual(1000);
    // Nothing of EF.DIR, TokenInfo, the AODF, the keys or the certificates before it.
    for (const fid of ['2F 00', '50 32', '70 01', '70 02', '70 05'])
      expect(first!.some((e) => e.command.includes(`3F 00 ${fid}`) || e.command.includes(`00 01 ${fid}`))).toBe(false);
  });

  it('a CPS3 fresh from its reset: EF.SN.ICC in one READ BINARY by its short identifier 1C', async () => {
    const { all, report } = await read(createFixtureCard('seed'));
    expect(all[0]).toMatchObject({ command: '00 B0 9C 00 0C', sw: 0x9000 });
    expect(report.serial).toEqual({ ok: true, value: '99002752' });
  });

  it('a card left in its application DF by an earlier connection: the serial by path (SELECT without FCP, 12 bytes), the same', async () => {
    const transport = new InProcessTransport();
    transport.insert(DEFAULT_READER, createFixtureCard('seed'));
    const traces: TraceEntry[] = [];
    const service = createCardService(transport, { onTrace: (e) => traces.push(e) });
    await service.read(DEFAULT_READER); // leaves the card in 3F00/0001, where SFI 1C is no file
    traces.length = 0;
    await service.unblockPin(DEFAULT_READER, '12345678', '4321', { expectedSerial: '99002752' });
    expect(traces.slice(0, 3).map((e) => [e.command, e.sw])).toEqual([
      ['00 B0 9C 00 0C', 0x6a82],
      ['00 A4 09 0C 04 3F 00 D0 03', 0x9000],
      ['00 B0 00 00 0C', 0x9000],
    ]);
    await transport.close();
  });

  it('the two counters after one SELECT of the MF', async () => {
    const { first } = await read(createFixtureCard('seed'));
    const commands = first!.map((e) => e.command);
    expect(commands.filter((c) => c === SELECT_MF)).toHaveLength(1);
    const at = commands.indexOf(SELECT_MF);
    expect(commands.slice(at + 1, at + 5).map((c) => c.slice(0, 11))).toEqual(['00 CB 3F FF', '00 C0 00 00', '00 CB 3F FF', '00 C0 00 00']);
  });

  it('the full read says the same as before, EF.DIR and TokenInfo included, with no warning', async () => {
    const { all, report } = await read(createFixtureCard('seed'));
    expect(all.some((e) => e.command.startsWith('00 A4 09 04 04 3F 00 2F 00'))).toBe(true);
    expect(report.warnings).toEqual([]);
    expect(report.certificates).toHaveLength(2);
  });
});

describe('cards whose holder comes from the authentication certificate (data objects in a layout not published)', () => {
  it.each<[FixtureName, string]>([
    ['cps3-public', 'certificate'],
    ['cpe', 'data'],
  ])(
    '%s: the first part once that certificate alone is read, before the keys and the other certificate; the certificate read once',
    async (fixture, nameSource) => {
      const { first, partial, all, report } = await read(createFixtureCard(fixture));
      expect(first).toBeDefined();
      const commands = first!.map((e) => e.command);
      expect(commands.some((c) => c.includes('3F 00 00 01 C0 02'))).toBe(true); // the authentication certificate
      expect(commands.some((c) => c.includes('3F 00 00 01 C0 01') || c.includes('3F 00 00 01 70 02'))).toBe(false);
      expect(all.filter((e) => e.command.includes('3F 00 00 01 C0 02'))).toHaveLength(1);
      // 51, and the codes' lengths after the first part: SELECT MF, GET DATA 7F41 for each code (issue 17).
      expect(all).toHaveLength(56);
      expect(report.holder.name).toMatchObject({ ok: true, source: nameSource });
      // The same holder in the first part as at the end.
      expect(partial?.holder).toEqual(report.holder);
    },
  );
});

describe('cards whose application is laid out otherwise', () => {
  it('an application that is not at 3F00/0001: found through EF.DIR, read whole, no warning', async () => {
    const card = createCps3Variant('seed', { app: { fid: 0x0003, aid: PKCS15_AID }, efDir: efDirAt([0x3f, 0x00, 0x00, 0x03]) });
    const { first, report } = await read(card);
    expect(first).toBeDefined();
    expect(report.holder.name).toMatchObject({ ok: true });
    expect(report.pin.triesLeft).toBe(0);
    expect(report.certificates.every((c) => c.ok)).toBe(true);
    expect(report.warnings).toEqual([]);
  });

  it('EF.DIR placing the application elsewhere than where its ODF was read: said in the warnings', async () => {
    const { report } = await read(createCps3Variant('seed', { efDir: efDirAt([0x3f, 0x00, 0x00, 0x09]) }));
    expect(report.holder.name).toMatchObject({ ok: true });
    expect(report.warnings.map((w) => cardFactWords(w))).toEqual([
      'EF.DIR place l’application E828BD080F8025000001FF0010 en 3F000009 : lue en 3F000001',
    ]);
  });

  it('EF.DIR that does not list the application: said in the warnings, the card read all the same', async () => {
    const { report } = await read(createCps3Variant('seed', { efDir: new Uint8Array(101) }));
    expect(report.certificates).toHaveLength(2);
    expect(report.warnings.map((w) => cardFactWords(w))).toEqual([
      'EF.DIR ne décrit pas l’application E828BD080F8025000001FF0010 : chemin 3F000001 utilisé',
    ]);
  });
});

/**
 * The seed card as a card whose AODF names its PIN and PUK at references 11 and 12, not the
 * profile's 01 and 02: the card answers 6A 88 (referenced data not found) at 01 and 02.
 */
function otherReferences(card: SimulatedCard): SimulatedCard {
  const OURS = new Map([
    [0x11, 0x01],
    [0x12, 0x02],
  ]);
  const THEIRS = new Map([...OURS].map(([a, b]) => [b, a]));
  let mapNext = false;
  const swap = (b: Uint8Array, from: number, to: number, at: (b: Uint8Array, i: number) => boolean) => {
    const out = b.slice();
    for (let i = 0; i + 2 < out.length; i++) if (out[i + 2] === from && at(out, i)) out[i + 2] = to;
    return out;
  };
  const notFound = Uint8Array.of(0x6a, 0x88);
  return Object.assign(Object.create(card) as SimulatedCard, {
    transmit(command: Uint8Array): Uint8Array {
      let c = command;
      const getData = c[1] === 0xcb && c.length > 11 && c[9] === 0xbf && c[10] === 0x81;
      const verifyLike = c[1] === 0x20 || c[1] === 0x24 || c[1] === 0x2c;
      if (getData) {
        const ref = c[11]!;
        if (!OURS.has(ref)) return notFound;
        c = c.slice();
        c[11] = OURS.get(ref)!;
      } else if (verifyLike) {
        if (!OURS.has(c[3]!)) return notFound;
        c = c.slice();
        c[3] = OURS.get(c[3]!)!;
      }
      let r = card.transmit(c);
      if (getData || (mapNext && c[1] === 0xc0)) {
        for (const [theirs, ours] of THEIRS) r = swap(r, theirs, ours, (b, i) => b[i] === 0xbf && b[i + 1] === 0x81);
      }
      mapNext = getData;
      // The AODF's PinAttributes: reference 80 01 xx, then padChar 04 01.
      for (const [theirs, ours] of THEIRS)
        r = swap(r, theirs, ours, (b, i) => b[i] === 0x80 && b[i + 1] === 0x01 && b[i + 3] === 0x04 && b[i + 4] === 0x01);
      return r;
    },
  });
}

describe('a card whose AODF names other references than the profile', () => {
  it("the first part shows the counters it could read at the profile's references; the full read, those the AODF names", async () => {
    const { first, partial, all, report } = await read(otherReferences(createFixtureCard('seed')));
    expect(first).toBeDefined();
    // Not read at 11 and 12 before the AODF was: unknown in the first part, never another code's.
    expect(partial?.pin.triesLeft).toBeNull();
    expect(partial?.puk.triesLeft).toBeNull();
    const commands = all.map((e) => e.command);
    const aodfAt = commands.findIndex((c) => c.includes('3F 00 00 01 70 01'));
    const at11 = commands.findIndex((c) => c.startsWith('00 CB 3F FF') && c.includes('BF 81 11'));
    expect(aodfAt).toBeGreaterThan(first!.length - 1);
    expect(at11).toBeGreaterThan(aodfAt);
    expect(report.pin).toMatchObject({ triesLeft: 0, maxTries: 3 });
    expect(report.puk).toMatchObject({ triesLeft: 10, maxTries: 10 });
    expect(report.warnings).toEqual([]);
  });

  it('the seed card itself (references 01 and 02, as the profile says): the counters are read once', async () => {
    const { all, report } = await read(createFixtureCard('seed'));
    expect(all.filter((e) => e.command.startsWith('00 CB 3F FF') && !e.command.includes('7F 41'))).toHaveLength(2);
    expect(report.pin).toMatchObject({ triesLeft: 0, maxTries: 3 });
  });
});
