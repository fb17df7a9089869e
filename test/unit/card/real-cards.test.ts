// Real cards (issue 12): the EE situation layout beside the OURS A3 one, objects in unknown
// layouts shown as "format non publié" with their generic view, the holder taken from the
// certificate and saying so, situations however they are numbered, the reselect after 6A 86 on
// a read, EF_ACTUA, and the cps3-public card built from a real CPS3's public bytes.

import { describe, expect, it } from 'vitest';
import { concat, fromHex, hex } from '../../../src/card/bytes.js';
import { parseActivity, parseIdCard, parseInfoPs, parseNamePs, UnknownLayoutError } from '../../../src/card/cps/holder-data.js';
import { parseLastUpdate } from '../../../src/card/cps/last-update.js';
import { createCardService } from '../../../src/card/cps/service.js';
import type { TraceEntry } from '../../../src/card/apdu/trace.js';
import type { ApduCard } from '../../../src/card/simulator/apdu-card.js';
import { SimulatedCps3Card } from '../../../src/card/simulator/cps3-card.js';
import { buildCps3Files, oursObjects } from '../../../src/card/simulator/cps3-files.js';
import { FIXTURE_CERTIFICATES } from '../../../src/card/simulator/fixture-certificates.js';
import { RPPS_HOLDER } from '../../../src/card/simulator/fixture-holders.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { InProcessTransport } from '../../../src/card/transport/in-process.js';
import { encodeTlv } from '../../../src/card/tlv/tlv.js';
import { READER, setup } from '../../support/in-process-card.js';

const t = (tag: number, ...v: Uint8Array[]) => encodeTlv(tag, concat(...v));
const a = (s: string) => new TextEncoder().encode(s);

describe('CPS_ACTIVITY_nn_PS layouts, chosen by the template', () => {
  it('EE (evidence): 84 raison sociale, 85 structure, 86 R02 sector with its label; other tags kept', () => {
    const s = parseActivity(
      t(
        0xee,
        t(0x84, a('CABINET M DOC0073574')),
        t(0x85, a('499700735741008')),
        t(0x86, a('SA07')),
        t(0x87, a('01')),
        t(0x88, fromHex('00 1B')),
      ),
      'CPS_ACTIVITY_03_PS',
    );
    expect(s).toMatchObject({ label: 'CPS_ACTIVITY_03_PS', number: '03', layout: 'EE' });
    expect(s.companyName).toMatchObject({ ok: true, value: 'CABINET M DOC0073574' });
    expect(s.structureId).toMatchObject({ ok: true, value: '499700735741008' });
    expect(s.sector).toMatchObject({ ok: true, value: { code: 'SA07', label: 'Cabinet individuel' } });
    expect(s.otherFields).toEqual([
      { tag: '87', kind: 'text', text: '01' },
      { tag: '88', kind: 'bytes', hex: '00 1B' },
    ]);
    expect(s.mode).toMatchObject({ ok: false, reason: 'absent du format EE' });
  });

  it('EE with an unknown R02 code keeps it raw; a missing field is absent, not invented', () => {
    const s = parseActivity(t(0xee, t(0x86, a('SA99'))), 'CPS_ACTIVITY_01_PS');
    expect(s.sector).toMatchObject({ ok: true, value: { code: 'SA99' } });
    expect((s.sector as { value: { label?: string } }).value.label).toBeUndefined();
    expect(s.companyName).toMatchObject({ ok: false, reason: 'absent de la carte' });
  });

  it('A3 (OURS) still reads, its number from tag 80, unknown tags kept beside it', () => {
    const s = parseActivity(t(0xa3, t(0x80, a('02')), t(0x82, a('31')), t(0x8f, a('X'))), 'CPS_ACTIVITY_05_PS');
    expect(s).toMatchObject({ number: '02', layout: 'A3', otherFields: [{ tag: '8F', kind: 'text', text: 'X' }] });
    expect(s.sector).toMatchObject({ ok: true, value: { code: '31', label: 'Cabinet individuel' } });
  });

  it('any other template, a truncated object or non-TLV bytes: unknown layout, with the generic view', () => {
    for (const bytes of [t(0xe5, t(0x80, a('x'))), fromHex('EE 09 84 02 41'), fromHex('31 32 33')]) {
      let err: unknown;
      try {
        parseActivity(bytes, 'CPS_ACTIVITY_02_PS');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UnknownLayoutError);
      expect((err as UnknownLayoutError).message).toBe('CPS_ACTIVITY_02_PS : format non publié');
      expect((err as UnknownLayoutError).content.size).toBe(bytes.length);
    }
    expect(() => parseIdCard(t(0xe1, t(0x81, fromHex('80'))))).toThrow('CPS_ID_CARD : format non publié');
    expect(() => parseNamePs(t(0xa0))).toThrow(UnknownLayoutError);
    expect(() => parseInfoPs(fromHex('A2 05 80'))).toThrow(UnknownLayoutError);
  });
});

describe('R01 specialities (RPPS, e.g. SM26) beside the G100 ones', () => {
  it('reads an R01 code with its label, an unknown one raw, a G100 code as before', () => {
    expect(parseInfoPs(t(0xa2, t(0x80, a('10')), t(0x81, a('SM26')))).speciality).toMatchObject({
      ok: true,
      value: { code: 'SM26', label: 'Qualifié en Médecine générale (SM)' },
    });
    expect(parseInfoPs(t(0xa2, t(0x81, a('SM54')))).speciality).toMatchObject({ value: { label: 'Médecine générale (SM)' } });
    const unknown = parseInfoPs(t(0xa2, t(0x81, a('SM99')))).speciality;
    expect(unknown).toMatchObject({ ok: true, value: { code: 'SM99' } });
    expect((unknown as { value: { label?: string } }).value.label).toBeUndefined();
    expect(parseInfoPs(t(0xa2, t(0x81, a('01')))).speciality).toMatchObject({ value: { code: '01', label: 'Médecine générale' } });
  });
});

describe('EF_ACTUA, the date of the last update (OUR decoding: docs/card.md §2)', () => {
  it('a date as 4 BCD bytes or 8 ASCII digits, alone or inside TLV; anything else raw', () => {
    expect(parseLastUpdate(fromHex('20 25 09 15'))).toEqual({ kind: 'date', iso: '2025-09-15', encoding: 'bcd' });
    expect(parseLastUpdate(a('20240102'))).toEqual({ kind: 'date', iso: '2024-01-02', encoding: 'ascii' });
    expect(parseLastUpdate(t(0xa0, t(0x80, fromHex('20 23 12 31'))))).toEqual({ kind: 'date', iso: '2023-12-31', encoding: 'bcd' });
    expect(parseLastUpdate(fromHex('20 25 02 30 FF FF'))).toMatchObject({ kind: 'raw', content: { size: 6 } });
    expect(parseLastUpdate(fromHex('01 02 03'))).toMatchObject({ kind: 'raw' });
  });

  it('shown when present (cps3-rpps), silently absent on a card that answers 6A 82 (seed)', async () => {
    const rpps = await setup('cps3-rpps').service.read(READER);
    expect(rpps.lastUpdate).toEqual({ kind: 'date', iso: '2025-09-15', encoding: 'bcd' });
    const seed = setup('seed');
    const r = await seed.service.read(READER);
    expect(r.lastUpdate).toBeUndefined();
    expect(r.warnings).toEqual([]);
    const actua = seed.traces.find((e) => e.command.startsWith('00 A4 09 04 04 3F 00 D0 10'));
    expect(actua?.sw).toBe(0x6a82);
  });
});

describe('cps3-public: a real CPS3 as the public traces show it', () => {
  it('answers with the traced bytes: serial, FCPs, counters', async () => {
    const card = createFixtureCard('cps3-public');
    const send = (h: string) => hex(card.transmit(fromHex(h)));
    expect(send('00 A4 09 04 04 3F 00 D0 03')).toBe('61 27');
    expect(send('00 C0 00 00 27')).toBe(
      '62 25 80 02 00 0C 82 01 01 83 02 D0 03 88 01 E0 A1 12 8C 07 7B FF FF FF FF FF 00 9C 07 7B FF FF FF FF FF 00 8A 01 05 90 00',
    );
    expect(send('00 B0 00 00 0C')).toBe('5A 0A 80 25 00 00 01 99 21 38 45 0F 90 00');
    expect(send('00 A4 09 04 04 3F 00 D0 10')).toBe('6A 82');
    expect(send('00 A4 09 0C 02 3F 00')).toBe('90 00');
    expect(send('00 CB 3F FF 0A 4D 08 70 06 BF 81 01 02 A0 80')).toBe('61 18');
    expect(send('00 C0 00 00 18')).toBe('70 16 BF 81 01 12 A0 10 9A 01 03 9B 01 03 A1 08 8C 06 F3 00 00 13 FF 00 90 00');
    send('00 CB 3F FF 0A 4D 08 70 06 BF 81 02 02 A0 80');
    expect(send('00 C0 00 00 1C')).toBe('70 1A BF 81 02 16 A0 14 9A 01 0A 9B 01 0A 9D 02 00 64 A1 08 8C 06 F3 FF 00 FF FF 00 90 00');
    expect(send('00 A4 09 04 02 2F 01')).toBe('61 27');
    expect(send('00 C0 00 00 27')).toBe(
      '62 25 80 02 00 39 82 01 01 83 02 2F 01 88 01 E8 A1 12 8C 07 7B 45 FF FF FF 45 00 9C 07 7B FF FF FF FF FF 00 8A 01 05 90 00',
    );
  });

  it('reads: undecoded objects once each, holder from the authentication certificate, said so', async () => {
    const r = await setup('cps3-public').service.read(READER);
    expect(r.serial).toEqual({ ok: true, value: '99213845' });
    expect(r.pin).toMatchObject({ triesLeft: 3, maxTries: 3 });
    expect(r.puk).toMatchObject({ triesLeft: 10, maxTries: 10, unblocksLeft: 100 });
    expect(r.undecoded.map((u) => [u.label, u.section])).toEqual([
      ['CPS_ID_CARD', 'card'],
      ['CPS_NAME_PS', 'holder'],
      ['CPS_INFO_PS', 'holder'],
    ]);
    expect(r.category).toEqual({ ok: false, reason: 'CPS_ID_CARD : format non publié' });
    expect(r.logicalId).toEqual({ ok: false, reason: 'CPS_ID_CARD : format non publié' });
    expect(r.holder).toMatchObject({
      name: { ok: true, value: 'MEDECIN-RPPS0001 Hélène', source: 'certificate' },
      identifier: { ok: true, value: { value: '10101234567', type: { code: '8' } }, source: 'certificate' },
      profession: { ok: true, value: { code: '10', label: 'Médecin' }, source: 'certificate' },
      certificate: 'authentification',
    });
    expect(r.lastUpdate).toBeUndefined();
    expect(r.warnings).toEqual([]);
    expect(JSON.stringify(r)).not.toMatch(/illisible/);
  });

  it('finds situations 01 and 03 though 02 is missing, in the EE layout', async () => {
    const s = await setup('cps3-public').service.readSituations(READER, '1234');
    expect(s.map((x) => (x.ok ? [x.value.number, x.value.layout] : x.reason))).toEqual([
      ['01', 'EE'],
      ['03', 'EE'],
    ]);
  });
});

describe('situations however they are numbered', () => {
  it('reads 01 and 03 only, and one in an unknown layout as it is', async () => {
    const h = { ...RPPS_HOLDER, situations: [] };
    const objects = [
      ...oursObjects(h),
      { label: 'CPS_ACTIVITY_03_PS', fid: 0xd123, data: t(0xa3, t(0x80, a('03')), t(0x85, a('CABINET TROIS'))), needsPin: true },
      { label: 'CPS_ACTIVITY_01_PS', fid: 0xd121, data: t(0xe7, t(0x80, a('inconnu'))), needsPin: true },
    ];
    const one = (c: { readonly der: string; readonly keyId: string }) => ({
      der: Uint8Array.from(Buffer.from(c.der, 'base64')),
      keyId: Uint8Array.from(Buffer.from(c.keyId, 'hex')),
    });
    const certs = {
      signature: one(FIXTURE_CERTIFICATES['cps3-rpps'].signature),
      authentication: one(FIXTURE_CERTIFICATES['cps3-rpps'].authentication),
    };
    const card = new SimulatedCps3Card({
      fixture: 'x',
      files: buildCps3Files(h, certs, { objects }),
      memory: { pin: { code: '1234', triesLeft: 3 }, puk: { code: '12345678', triesLeft: 10, unblocksLeft: 100 } },
    });
    const transport = new InProcessTransport();
    transport.insert(READER, card);
    const s = await createCardService(transport).readSituations(READER, '1234');
    expect(s).toHaveLength(2);
    const [first, third] = s.map((x) => (x.ok ? x.value : undefined));
    expect(first).toMatchObject({ label: 'CPS_ACTIVITY_01_PS', number: '01', layout: null, content: { nodes: [{ tag: 'E7' }] } });
    expect(first?.companyName).toEqual({ ok: false, reason: 'CPS_ACTIVITY_01_PS : format non publié' });
    expect(third).toMatchObject({ number: '03', layout: 'A3', companyName: { ok: true, value: 'CABINET TROIS' } });
  });
});

/** A card that answers 6A 86 once, to the first command matching `when` (as after another applet). */
class LostOnce implements ApduCard {
  fired = false;
  constructor(
    private readonly card: ApduCard,
    private readonly when: (cmd: Uint8Array) => boolean,
  ) {}
  get atr(): Uint8Array {
    return this.card.atr;
  }
  transmit(cmd: Uint8Array): Uint8Array {
    if (!this.fired && this.when(cmd)) {
      this.fired = true;
      return fromHex('6A 86');
    }
    return this.card.transmit(cmd);
  }
  reset(): void {
    this.card.reset();
  }
}

describe('the reselect after 6A 86, as the Cryptolib does (a read command: no code carried)', () => {
  it('a READ BINARY answered 6A 86 once: the IAS application is reselected and the read sent once more', async () => {
    const readSn = (c: Uint8Array) => c[1] === 0xb0;
    const card = new LostOnce(createFixtureCard('seed'), readSn);
    const transport = new InProcessTransport();
    transport.insert(READER, card);
    const traces: TraceEntry[] = [];
    const r = await createCardService(transport, { onTrace: (e) => traces.push(e) }).read(READER);
    expect(card.fired).toBe(true);
    expect(r.serial).toEqual({ ok: true, value: '99002752' });
    expect(r.warnings).toEqual([]);
    const i = traces.findIndex((e) => e.sw === 0x6a86);
    // The first read of the card: EF.SN.ICC by its short identifier.
    expect(traces[i]?.command).toBe('00 B0 9C 00 0C');
    expect(traces[i + 1]?.command).toBe('00 A4 04 0C 08 80 25 00 00 01 FF 01 00');
    expect(traces[i + 1]?.sw).toBe(0x9000);
    // The read goes out again, once, and is answered.
    expect(traces[i + 2]).toMatchObject({ command: '00 B0 9C 00 0C', sw: 0x9000 });
    expect(traces.filter((e) => e.command === '00 A4 04 0C 08 80 25 00 00 01 FF 01 00')).toHaveLength(1);
  });
});

describe('the other simulated cards of issue 12', () => {
  it('cps4-rc and cps4-t0: the two other CPS4 ATRs, read as CPS4 on channel 1', async () => {
    for (const f of ['cps4-rc', 'cps4-t0'] as const) {
      const { service, card } = setup(f);
      expect(card.atr).not.toEqual(createFixtureCard('cps4').atr);
      const r = await service.read(READER);
      expect(r.identity).toMatchObject({ model: 'CPS4', supported: true, hasPin: true });
      expect(r.serial).toEqual({ ok: true, value: '99410026' });
      expect(r.pin.triesLeft).toBe(0);
    }
  });

  it('cps3-cl: the contactless ATR, read, and no PIN action', async () => {
    const { service } = setup('cps3-cl');
    const r = await service.read(READER);
    expect(r.identity).toMatchObject({ model: 'CPS3 sans contact', supported: true, hasPin: false });
    expect(r.serial).toEqual({ ok: true, value: '99104418' });
    expect(r.holder.name).toMatchObject({ ok: true });
    expect(r.pin).toMatchObject({ triesLeft: null, maxTries: null });
    await expect(service.readSituations(READER, '1234')).rejects.toThrow(/sans contact/);
  });

  it('vitale: a plausible Vitale ATR (pcsc-tools), not a CPS', async () => {
    const r = await setup('vitale').service.read(READER);
    expect(hex(r.identity.atr)).toBe('3B 75 13 00 00 43 09 EA 90 00');
    expect(r.identity).toMatchObject({ model: 'inconnu', supported: false });
  });
});
