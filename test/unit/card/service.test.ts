// createCardService over the in-process transport, against every simulated fixture (spec §7, §3).

import { describe, expect, it } from 'vitest';
import {
  CardRemovedDuringOperationError,
  CodeBlockedError,
  InvalidCodeFormatError,
  LastTryUnconfirmedError,
  NotSupportedError,
  PukExhaustedError,
  WrongCodeError,
} from '../../../src/card/cps/errors.js';
import { isTransportError } from '../../../src/card/transport/errors.js';
import { READER, failure, setup } from '../../support/in-process-card.js';

describe('full read of the seed card (spec §7)', () => {
  it('shows what the seed shows', async () => {
    const { service } = setup('seed');
    const r = await service.read(READER);
    expect(r.identity).toMatchObject({ model: 'CPS3', supported: true, hasPin: true });
    expect(r.serial).toEqual({ ok: true, value: '99002752' });
    expect(r.issuer).toEqual({ ok: true, value: '8025000001' });
    expect(r.logicalId).toMatchObject({ ok: true, value: '2300081197' });
    expect(r.validFrom).toMatchObject({ ok: true, value: '2011-05-15' });
    expect(r.validTo).toMatchObject({ ok: true, value: '2014-03-31' });
    expect(r.category).toMatchObject({ ok: true, value: { code: '80', label: 'Carte test de Professionnel ou Personnel de Santé' } });
    expect(r.cardType).toMatchObject({ ok: true, value: { code: '00', label: 'Carte de Professionnel de Santé (CPS)' } });
    expect(r.holder.name).toEqual({ ok: true, value: 'M DENT-CS0595 EMILE', source: 'data' });
    expect(r.holder.identifier).toEqual({ ok: true, value: { value: '0B4005951', type: { code: '0', label: 'ADELI' } }, source: 'data' });
    expect(r.holder.profession).toEqual({ ok: true, value: { code: '40', label: 'Chirurgien-Dentiste' }, source: 'data' });
    expect(r.pin).toMatchObject({ triesLeft: 0, maxTries: 3 });
    expect(r.puk).toMatchObject({ triesLeft: 10, maxTries: 10, unblocksLeft: 100 });
    expect(r.warnings).toEqual([]);
    expect(r.certificates).toHaveLength(2);
    const uses = r.certificates.map((c) => (c.ok ? c.value.use : 'illisible')).sort();
    expect(uses).toEqual(['authentification', 'signature']);
    for (const c of r.certificates) {
      expect(c.ok).toBe(true);
      if (!c.ok) continue;
      expect(c.value.holder).toBe('DENT-CS0595 EMILE');
      expect(c.value.notBefore.toISOString().slice(0, 10)).toBe('2011-05-15');
      expect(c.value.notAfter.toISOString().slice(0, 10)).toBe('2014-03-31');
      expect(c.value.serial).toMatch(/^[0-9A-F]+$/);
    }
  });

  it('reads with a shared connection and leaves the card as it was', async () => {
    const { service, transport } = setup('seed');
    await service.read(READER);
    // A second reader-side exclusive connection is possible at once: nothing was left open.
    const c = await transport.connect(READER, 'exclusive');
    await c.disconnect('leave');
  });

  it('reads counters without spending a try', async () => {
    const { service } = setup('cps3-rpps');
    for (let i = 0; i < 3; i++) {
      const codes = await service.readCodes(READER);
      expect(codes.pin).toMatchObject({ triesLeft: 3, maxTries: 3 });
      expect(codes.puk).toMatchObject({ triesLeft: 10, maxTries: 10, unblocksLeft: 100 });
    }
  });
});

describe('other fixtures', () => {
  it('cps3-rpps: RPPS identifier, valid card, two situations behind the PIN', async () => {
    const { service } = setup('cps3-rpps');
    const r = await service.read(READER);
    expect(r.holder.identifier).toMatchObject({ ok: true, value: { type: { code: '8', label: 'RPPS' } } });
    expect(r.holder.profession).toMatchObject({ ok: true, value: { code: '10', label: 'Médecin' } });
    expect(r.pin).toMatchObject({ triesLeft: 3, maxTries: 3 });
    const situations = await service.readSituations(READER, '1234');
    expect(situations).toHaveLength(2);
    expect(situations.map((s) => (s.ok ? s.value.number : 'x'))).toEqual(['01', '02']);
    const first = situations[0]!;
    expect(first.ok && first.value.mode).toMatchObject({ ok: true, value: { code: '00', label: 'Libéral, exploitant ou commerçant' } });
    expect(first.ok && first.value.companyName).toMatchObject({ ok: true, value: 'Cabinet du Dr Hélène MEDECIN-RPPS0001' });
  });

  it('cps3-rpps: a wrong PIN before the situations costs a try and says how many are left', async () => {
    const { service } = setup('cps3-rpps');
    const e = await failure(service.readSituations(READER, '9999'));
    expect(e).toBeInstanceOf(WrongCodeError);
    expect(e).toMatchObject({ code: 'pin', triesLeft: 2 });
    expect((await service.readCodes(READER)).pin.triesLeft).toBe(2);
  });

  it('cpe: staff card type 02', async () => {
    const { service } = setup('cpe');
    const r = await service.read(READER);
    expect(r.cardType).toMatchObject({ ok: true, value: { code: '02' } });
    expect(r.serial.ok).toBe(true);
  });

  it('unknown card: a report saying so, no throw, not one APDU sent', async () => {
    const { service, traces } = setup('unknown');
    const r = await service.read(READER);
    expect(r.identity).toMatchObject({ model: 'inconnu', supported: false, hasPin: false });
    expect(r.serial.ok).toBe(false);
    expect(r.holder.name.ok).toBe(false);
    expect(traces).toHaveLength(0);
    await expect(service.unblockPin(READER, '12345678', '1234')).rejects.toBeInstanceOf(NotSupportedError);
  });
});

describe('unblock and change (spec §3)', () => {
  it('wrong PUK: tries left, PIN still blocked', async () => {
    const { service } = setup('seed');
    const e = await failure(service.unblockPin(READER, '87654321', '2468'));
    expect(e).toBeInstanceOf(WrongCodeError);
    expect(e).toMatchObject({ code: 'puk', triesLeft: 9 });
    const codes = await service.readCodes(READER);
    expect(codes.puk.triesLeft).toBe(9);
    expect(codes.pin.triesLeft).toBe(0);
  });

  it('right PUK (12345678): PIN back to 3/3, the new PIN works, the PUK tries restored', async () => {
    const { service } = setup('seed');
    await failure(service.unblockPin(READER, '87654321', '2468'));
    await service.unblockPin(READER, '12345678', '2468');
    const codes = await service.readCodes(READER);
    expect(codes.pin).toMatchObject({ triesLeft: 3, maxTries: 3 });
    expect(codes.puk).toMatchObject({ triesLeft: 10, maxTries: 10, unblocksLeft: 99 });
    await service.readSituations(READER, '2468');
  });

  it('change PIN: old code required, new code works', async () => {
    const { service } = setup('cps3-rpps');
    const wrong = await failure(service.changePin(READER, '0000', '5678'));
    expect(wrong).toMatchObject({ code: 'pin', triesLeft: 2 });
    await service.changePin(READER, '1234', '5678');
    expect((await service.readCodes(READER)).pin.triesLeft).toBe(3);
    await failure(service.readSituations(READER, '1234'));
    await service.readSituations(READER, '5678');
  });

  it('PUK on its last try: nothing is sent unconfirmed; confirmed, a wrong PUK blocks it (0 left), then it is refused before any try', async () => {
    const { service, traces } = setup('puk-last-try');
    expect((await service.readCodes(READER)).puk.triesLeft).toBe(1);
    const unconfirmed = await failure(service.unblockPin(READER, '11111111', '2468'));
    expect(unconfirmed).toBeInstanceOf(LastTryUnconfirmedError);
    expect(unconfirmed).toMatchObject({ code: 'puk', counters: { puk: { triesLeft: 1 } } });
    expect(traces.some((t) => t.masked)).toBe(false);
    const e = await failure(service.unblockPin(READER, '11111111', '2468', { lastTryConfirmed: true }));
    expect(e).toMatchObject({ code: 'puk', triesLeft: 0 });
    const again = await failure(service.unblockPin(READER, '12345678', '2468'));
    expect(again).toBeInstanceOf(CodeBlockedError);
    expect(again).toMatchObject({ code: 'puk' });
  });

  it('PUK on its last try: the right PUK still unblocks', async () => {
    const { service } = setup('puk-last-try');
    await service.unblockPin(READER, '12345678', '2468', { lastTryConfirmed: true });
    const codes = await service.readCodes(READER);
    expect(codes.pin.triesLeft).toBe(3);
    expect(codes.puk.triesLeft).toBe(10);
  });

  it('blocked PUK: CodeBlockedError, no VERIFY sent', async () => {
    const { service, traces } = setup('puk-blocked');
    const e = await failure(service.unblockPin(READER, '12345678', '2468'));
    expect(e).toBeInstanceOf(CodeBlockedError);
    expect(traces.some((t) => t.masked)).toBe(false);
  });

  it('exhausted PUK: PukExhaustedError, no VERIFY sent, tries intact', async () => {
    const { service, traces } = setup('puk-exhausted');
    const r = await service.read(READER);
    expect(r.puk.unblocksLeft).toBe(0);
    const e = await failure(service.unblockPin(READER, '12345678', '2468'));
    expect(e).toBeInstanceOf(PukExhaustedError);
    expect(traces.some((t) => t.masked)).toBe(false);
    expect((await service.readCodes(READER)).puk.triesLeft).toBe(10);
  });

  it('anything but digits is refused before any connection', async () => {
    const { service, traces } = setup('seed');
    for (const [puk, pin] of [
      ['1234567a', '1234'],
      ['12345678', '12a4'],
    ]) {
      await expect(service.unblockPin(READER, puk!, pin!)).rejects.toBeInstanceOf(InvalidCodeFormatError);
    }
    await expect(service.readSituations(READER, ' 1234')).rejects.toBeInstanceOf(InvalidCodeFormatError);
    expect(traces).toHaveLength(0);
  });

  it('a length outside the card’s rules (its AODF: PIN 4, PUK 8 on the seed) is refused before any code is sent', async () => {
    const { service, traces, card } = setup('seed');
    for (const [puk, pin] of [
      ['1234567', '1234'],
      ['12345678', '123'],
      ['12345678', '12345'],
    ]) {
      await expect(service.unblockPin(READER, puk!, pin!)).rejects.toBeInstanceOf(InvalidCodeFormatError);
    }
    await expect(service.changePin(READER, '12', '1234')).rejects.toBeInstanceOf(InvalidCodeFormatError);
    expect(traces.filter((t) => t.masked)).toHaveLength(0);
    expect(card.received).toEqual([]);
  });

  it('the card is reset after a code was presented (no verified PIN survives)', async () => {
    const { service, transport } = setup('cps3-rpps');
    await service.readSituations(READER, '1234');
    // A fresh connection must not find the PIN verified: empty VERIFY answers 63 C3, not 90 00.
    const c = await transport.connect(READER, 'shared');
    const r = await c.transmit(Uint8Array.of(0x00, 0x20, 0x00, 0x01));
    await c.disconnect('leave');
    expect(Array.from(r)).toEqual([0x63, 0xc3]);
  });
});

describe('card removed at each APDU of an unblock', () => {
  it('is never reported as a wrong code, and the counters re-read are the card’s', async () => {
    // First count the APDUs of a whole unblock on an untouched seed card.
    const probe = setup('seed');
    await probe.service.unblockPin(READER, '12345678', '2468');
    const total = probe.transport.apduCount;
    expect(total).toBeGreaterThan(5);
    const rrcIndex = probe.traces.findIndex((t) => t.command.startsWith('00 2C'));
    expect(rrcIndex).toBeGreaterThan(0);

    for (const executed of [true, false]) {
      for (let k = 1; k <= total; k++) {
        const at = `APDU ${k}, exécutée : ${executed}`;
        const { service, transport, card } = setup('seed');
        transport.injectFault({ at: k, kind: 'remove-card', executed });
        const e = await failure(service.unblockPin(READER, '12345678', '2468'));
        expect(e, at).toBeInstanceOf(CardRemovedDuringOperationError);
        // true only when the RESET RETRY COUNTER went out and its answer never came.
        expect((e as CardRemovedDuringOperationError).mayHaveApplied, at).toBe(k === rrcIndex + 1);
        // Put the same card back: the counters read are the card's own.
        transport.insert(READER, card);
        const codes = await service.readCodes(READER);
        const memory = card.snapshot()!;
        expect(codes.pin.triesLeft, at).toBe(memory.pin.triesLeft);
        expect(codes.puk.triesLeft, at).toBe(memory.puk.triesLeft);
        expect(codes.puk.unblocksLeft, at).toBe(memory.puk.unblocksLeft);
        const applied = k > rrcIndex + 1 || (k === rrcIndex + 1 && executed);
        expect(memory.pin.triesLeft, at).toBe(applied ? 3 : 0);
      }
    }
  });

  it('a card removed during a read surfaces as the transport error it is', async () => {
    const { service, transport } = setup('seed');
    transport.injectFault({ at: 5, kind: 'remove-card' });
    const e = await failure(service.read(READER));
    expect(isTransportError(e, 'card-removed')).toBe(true);
  });

  it('garbage or a truncated answer to the VERIFY is an unexpected response, not a wrong code', async () => {
    for (const kind of ['garbage', 'truncate'] as const) {
      const probe = setup('cps3-rpps');
      await probe.service.readSituations(READER, '1234');
      const verifyAt = probe.traces.findIndex((t) => t.masked) + 1;
      const { service, transport } = setup('cps3-rpps');
      transport.injectFault({ at: verifyAt, kind });
      const e = await failure(service.readSituations(READER, '1234'));
      expect(e, kind).not.toBeInstanceOf(WrongCodeError);
      expect((e as Error).name, kind).toBe('UnexpectedCardResponseError');
    }
  });
});

describe('a full read under faults at each APDU', () => {
  it('garbage, truncated answers or a stray status word leave a report, never a raw error', async () => {
    const probe = setup('seed');
    await probe.service.read(READER);
    const total = probe.transport.apduCount;
    const faults = [
      { kind: 'garbage' as const },
      { kind: 'truncate' as const },
      { kind: 'status' as const, sw: 0x6f00 },
      { kind: 'status' as const, sw: 0x6982 },
    ];
    let degraded = 0;
    for (const fault of faults) {
      for (let k = 1; k <= total; k++) {
        const { service, transport } = setup('seed');
        transport.injectFault({ ...fault, at: k });
        const r = await service.read(READER);
        // Something is said to be unreadable or warned about, except where the fault hit a
        // command whose failure has a fallback (the counters' GET DATA falls back to VERIFY).
        const fields = [
          r.serial,
          r.issuer,
          r.category,
          r.cardType,
          r.logicalId,
          r.validFrom,
          r.validTo,
          r.holder.name,
          r.holder.identifier,
          r.holder.profession,
        ];
        const unreadable = fields.filter((f) => !f.ok).length + r.certificates.filter((c) => !c.ok).length;
        if (unreadable > 0 || r.warnings.length > 0 || r.pin.triesLeft === null) degraded++;
        for (const f of fields) if (f.ok === false) expect(f.reason.length, `${fault.kind} @${k}`).toBeGreaterThan(0);
      }
    }
    expect(degraded).toBeGreaterThan(total);
  });
});

describe('change PIN: card removed at each APDU', () => {
  it('mayHaveApplied only for the CHANGE REFERENCE DATA itself; the card’s PIN is the old or the new one', async () => {
    const probe = setup('cps3-rpps');
    await probe.service.changePin(READER, '1234', '2468');
    const total = probe.transport.apduCount;
    const changeAt = probe.traces.findIndex((t) => t.command.startsWith('00 24')) + 1;
    expect(changeAt).toBe(total);
    for (let k = 1; k <= total; k++) {
      const { service, transport, card } = setup('cps3-rpps');
      transport.injectFault({ at: k, kind: 'remove-card' });
      const e = await failure(service.changePin(READER, '1234', '2468'));
      expect(e, `APDU ${k}`).toBeInstanceOf(CardRemovedDuringOperationError);
      expect((e as CardRemovedDuringOperationError).mayHaveApplied, `APDU ${k}`).toBe(k === changeAt);
      transport.insert(READER, card);
      expect(card.snapshot()!.pin.code).toBe(k === changeAt ? '2468' : '1234');
      expect((await service.readCodes(READER)).pin.triesLeft).toBe(3);
    }
  });

  it('a blocked PIN: reading the situations says blocked, not wrong', async () => {
    const { service } = setup('seed');
    const e = await failure(service.readSituations(READER, '1234'));
    expect(e).toBeInstanceOf(CodeBlockedError);
    expect(e).toMatchObject({ code: 'pin' });
  });
});

describe('recovery after 6E 00 / 6A 86 (spec §2, the Cryptolib’s)', () => {
  it('reselects the ECC root and resends once: the read is complete', async () => {
    for (const sw of [0x6e00, 0x6a86]) {
      const { service, transport, traces } = setup('seed');
      transport.injectFault({ at: 1, kind: 'status', sw });
      const r = await service.read(READER);
      expect(r.serial).toEqual({ ok: true, value: '99002752' });
      expect(r.warnings).toEqual([]);
      expect(traces[1]!.command).toBe('00 A4 04 0C 08 80 25 00 00 01 FF 01 00');
      expect(traces[2]!.command).toBe(traces[0]!.command);
    }
  });

  it('never resends a VERIFY carrying a code: after 6E 00 the applet is reselected, the PIN sent once, and the answer is unexpected, never a wrong code', async () => {
    const probe = setup('cps3-rpps');
    await probe.service.readSituations(READER, '1234');
    const verifyAt = probe.traces.findIndex((t) => t.masked) + 1;
    const once = setup('cps3-rpps');
    once.transport.injectFault({ at: verifyAt, kind: 'status', sw: 0x6e00 });
    const e = await failure(once.service.readSituations(READER, '1234'));
    expect((e as Error).name).toBe('UnexpectedCardResponseError');
    expect(once.traces.filter((t) => t.masked)).toHaveLength(1);
    // The reselection ran (the next action finds the applet), and no try was spent.
    expect(once.traces.some((t) => t.command.startsWith('00 A4 04'))).toBe(true);
    expect((await once.service.readCodes(READER)).pin.triesLeft).toBe(3);
    expect(await once.service.readSituations(READER, '1234')).toHaveLength(2);
  });
});
