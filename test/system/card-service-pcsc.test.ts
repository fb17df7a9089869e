// The card layer over the real stack: createCardService(createPcscTransport()) reading and
// unblocking the simulated seed card through pcscd and vsmartcard-vpcd.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardService } from '../../src/card/cps/card-service.js';
import { createCardService } from '../../src/card/cps/service.js';
import { createFixtureCard } from '../../src/card/simulator/fixtures.js';
import { VirtualCard } from '../../src/card/vpcd/virtual-card.js';
import { quickackIsOn, setQuickack, VPCD_READERS } from '../support/pcscd.js';
import { until } from '../support/pcscd-wait.js';
import { usePcscdTransport } from '../support/pcscd-transport.js';

const kit = usePcscdTransport();

const READER = VPCD_READERS[0];
let apdus = 0;
let pullOnIns: number | undefined;
const card = createFixtureCard('seed');
const vcard: VirtualCard = new VirtualCard(card, {
  onApdu: (command) => {
    apdus++;
    if (command[1] === pullOnIns) void vcard.remove(); // the answer never leaves
  },
});

beforeAll(async () => {
  await vcard.insert();
  await until(() => kit.readers().find((r) => r.name === READER)?.atr, 10_000, 'seed card in the reader');
});
afterAll(async () => {
  await vcard.remove();
});

describe('card service through pcscd', () => {
  it('reads the seed card as the seed shows it', async () => {
    const service = createCardService(kit.transport);
    const report = await service.read(READER);
    expect(report.identity.model).toBe('CPS3');
    expect(report.serial).toMatchObject({ ok: true, value: '99002752' });
    expect(report.holder.name).toMatchObject({ ok: true, value: 'M DENT-CS0595 EMILE' });
    expect(report.pin).toMatchObject({ triesLeft: 0, maxTries: 3 });
    expect(report.puk).toMatchObject({ triesLeft: 10, maxTries: 10 });
    expect(report.certificates.length).toBe(2);
    expect(report.certificates.every((c) => c.ok)).toBe(true);
  });

  it('unblocks with the PUK, then reads the PIN back at 3 of 3', async () => {
    const service = createCardService(kit.transport);
    await service.unblockPin(READER, '12345678', '4321');
    const codes = await service.readCodes(READER);
    expect(codes.pin).toMatchObject({ triesLeft: 3, maxTries: 3 });
    expect(codes.puk).toMatchObject({ triesLeft: 10 });
    const report = await service.read(READER);
    expect(report.pin.triesLeft).toBe(3);
    await service.changePin(READER, '4321', '1234');
    expect((await service.readCodes(READER)).pin.triesLeft).toBe(3);
  });

  it('measures a full read with and without the vpcd latency workaround', async () => {
    const service = createCardService(kit.transport);
    const measure = async () => {
      await service.read(READER); // warm-up: module loading, first connection
      apdus = 0;
      const t0 = performance.now();
      await service.read(READER);
      return { apdus, ms: Math.round(performance.now() - t0) };
    };
    const was = quickackIsOn();
    try {
      setQuickack(true);
      const fast = await measure();
      setQuickack(false);
      const slow = await measure();
      console.log(
        `full read of the seed card through pcscd: ${fast.apdus} APDUs, ${fast.ms} ms with quickack; ${slow.apdus} APDUs, ${slow.ms} ms without`,
      );
      expect(fast.apdus).toBe(slow.apdus);
      expect(fast.apdus).toBeGreaterThan(10);
    } finally {
      setQuickack(was);
    }
  });
});

describe('a card pulled in the middle of a PIN operation, through pcscd', () => {
  // The card answers the command, then leaves before its answer is sent: what a user pulling the
  // card at the worst moment does. vpcd fault 2: pcscd is restarted before the card comes back.
  async function pullOn(ins: number, op: (s: CardService) => Promise<void>): Promise<unknown> {
    const service = createCardService(kit.transport);
    pullOnIns = ins;
    const error = await op(service).then(
      () => undefined,
      (e: unknown) => e,
    );
    pullOnIns = undefined;
    await until(() => !vcard.inserted, 5000, `card pulled (the operation ended with ${String(error)})`);
    await kit.pcscd.restart();
    await until(() => kit.readers().length === 0, 10_000, 'the transport saw pcscd go');
    await vcard.insert();
    await until(() => kit.readers().find((r) => r.name === READER)?.atr, 10_000, 'card back');
    return error;
  }

  it('says whether the change may have applied, and the card agrees afterwards', async () => {
    const service = createCardService(kit.transport);
    await service.unblockPin(READER, '12345678', '1234'); // a known PIN, whatever ran before
    const e = await pullOn(0x24, (s) => s.changePin(READER, '1234', '9999').then(() => undefined));
    // CHANGE REFERENCE DATA reached the card and applied: the answer was lost.
    expect(e).toMatchObject({ name: 'CardRemovedDuringOperationError', mayHaveApplied: true });
    await service.changePin(READER, '9999', '1234'); // it did apply
    // Pulled while the card layer still reads the AODF (READ BINARY), before anything is written.
    const early = await pullOn(0xb0, (s) => s.changePin(READER, '1234', '5555').then(() => undefined));
    expect(early).toMatchObject({ name: 'CardRemovedDuringOperationError', mayHaveApplied: false });
    await service.changePin(READER, '1234', '1234'); // unchanged
  });
});
