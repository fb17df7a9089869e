// The seed's scenario on the CPS4 fixture through the real stack: `cps-audit simulate --card cps4`
// as a child process behind vsmartcard-vpcd and pcscd, the card service over the PC/SC transport.
// Read (PIN blocked), a wrong PUK (9 left), the right PUK with a new PIN, the PIN then works; a
// change; and the channel rules of the simulated CPS4 seen through pcscd.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../src/card/bytes.js';
import type { CardService } from '../../src/card/cps/card-service.js';
import { WrongCodeError } from '../../src/card/cps/errors.js';
import { createCardService } from '../../src/card/cps/service.js';
import { VPCD_READERS } from '../support/pcscd.js';
import { spawnSimulate, type SimulateProcess } from '../support/pcscd-simulate.js';
import { until } from '../support/pcscd-wait.js';
import { usePcscdTransport } from '../support/pcscd-transport.js';

const kit = usePcscdTransport();

const CPS4_ATR = '3B 9B 18 80 01 00 12 25 00 64 80 04 01 00 00 90 44';
const READER = VPCD_READERS[0];

let service: CardService;
let sim: SimulateProcess | undefined;
const atr = () => kit.atr(READER);

beforeAll(async () => {
  service = createCardService(kit.transport);
  sim = spawnSimulate(['--card', 'cps4']);
  await sim.waitFor('insérée');
  await until(() => atr() === CPS4_ATR, 10_000, 'CPS4 ATR in the reader');
}, 60_000);
afterAll(async () => {
  await sim?.stop();
});

describe('the seed scenario on a CPS4, through pcscd', () => {
  it('reads the card: CPS4, PIN blocked, PUK 10 left, maxima and unblocks unknown', async () => {
    let apdus = 0;
    const counted = createCardService(kit.transport, { onTrace: () => apdus++ });
    const t0 = performance.now();
    const r = await counted.read(READER);
    console.log(`CPS4 par pcscd (quickack) : lecture complète ${apdus} APDU en ${Math.round(performance.now() - t0)} ms`);
    expect(r.identity.model).toBe('CPS4');
    expect(r.serial).toMatchObject({ ok: true, value: '99410026' });
    expect(r.holder.name).toMatchObject({ ok: true, value: 'Mme MEDECIN-RPPS0001 Hélène' });
    // The lengths come from the card's AODF (issue 17).
    expect(r.pin).toEqual({ triesLeft: 0, maxTries: null, length: { min: 4, max: 4, source: 'aodf' } });
    expect(r.puk).toEqual({ triesLeft: 10, maxTries: null, unblocksLeft: null, length: { min: 8, max: 8, source: 'aodf' } });
    expect(r.certificates.every((c) => c.ok)).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('a wrong PUK costs one try and says 9 are left', async () => {
    const e = await service.unblockPin(READER, '87654321', '4321').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(WrongCodeError);
    expect(e).toMatchObject({ code: 'puk', triesLeft: 9 });
    expect((await service.readCodes(READER)).pin.triesLeft).toBe(0);
  });

  it('the right PUK unblocks with the new PIN; the PIN is then OK and works', async () => {
    await service.unblockPin(READER, '12345678', '4321');
    const codes = await service.readCodes(READER);
    expect(codes.pin).toEqual({ triesLeft: 3, maxTries: null });
    expect(codes.puk).toEqual({ triesLeft: 10, maxTries: null, unblocksLeft: null });
    const situations = await service.readSituations(READER, '4321');
    expect(situations.map((s) => s.ok)).toEqual([true, true]);
  });

  it('changes the PIN; the old one is then refused', async () => {
    await service.changePin(READER, '4321', '8642');
    await service.readSituations(READER, '8642');
    const e = await service.readSituations(READER, '4321').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toMatchObject({ code: 'pin', triesLeft: 2 });
    await service.readSituations(READER, '8642');
  });

  it('keeps its channel rules through pcscd: 68 81 on a closed channel 1, the ChipDoc applet not on channel 0', async () => {
    // A power cycle first: channel 1 closes, whatever the last connection left open.
    await (await kit.transport.connect(READER, 'shared')).disconnect('reset');
    const c = await kit.transport.connect(READER, 'shared');
    try {
      const sw = async (h: string) => hex(await c.transmit(fromHex(h)));
      expect(await sw('00 A4 04 0C 08 80 25 00 00 01 FF 01 00')).toBe('6A 82');
      expect(await sw('00 A4 04 0C 08 80 25 00 00 01 FF 00 02')).toBe('90 00');
      expect(await sw('01 20 00 01')).toBe('68 81');
      expect(await sw('01 A4 04 0C 08 80 25 00 00 01 FF 01 00')).toBe('90 00');
      expect(await sw('01 20 00 01')).toBe('63 C3');
    } finally {
      await c.disconnect('reset');
    }
  });
});
