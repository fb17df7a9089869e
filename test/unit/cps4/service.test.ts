// The card service on the simulated CPS4 (spec §1–§3): full read on channel 1, unblock and change
// with the CPS4's own sequences, counters from the empty VERIFY with the maxima unknown.

import { describe, expect, it } from 'vitest';
import { PukExhaustedError, WrongCodeError } from '../../../src/card/cps/errors.js';
import { READER, failure, setup } from '../../support/in-process-card.js';

const SELECT_CHIPDOC = '01 A4 04 0C 08 80 25 00 00 01 FF 01 00';

describe('full read of the cps4 card', () => {
  it('model CPS4, RPPS doctor, PIN blocked, PUK 10 left, maxima and unblocks unknown', async () => {
    const { service, traces } = setup('cps4');
    const r = await service.read(READER);
    expect(r.identity).toMatchObject({ model: 'CPS4', supported: true, hasPin: true });
    expect(r.serial).toEqual({ ok: true, value: '99410026' });
    expect(r.issuer).toEqual({ ok: true, value: '8025000001' });
    expect(r.logicalId).toMatchObject({ ok: true, value: '2500654321' });
    expect(r.validTo).toMatchObject({ ok: true, value: '2029-02-28' });
    expect(r.holder.name).toMatchObject({ ok: true, value: 'Mme MEDECIN-RPPS0001 Hélène' });
    expect(r.holder.profession).toMatchObject({ ok: true, value: { code: '10', label: 'Médecin' } });
    expect(r.pin).toMatchObject({ triesLeft: 0, maxTries: null });
    expect(r.puk).toMatchObject({ triesLeft: 10, maxTries: null, unblocksLeft: null });
    expect(r.warnings).toEqual([]);
    expect(r.certificates.map((c) => c.ok)).toEqual([true, true]);
    // The applet first, then everything on channel 1; the counters by empty VERIFY, no GET DATA.
    expect(traces[0]!.command).toBe(SELECT_CHIPDOC);
    expect(traces.every((t) => t.command.startsWith('01 '))).toBe(true);
    expect(traces.some((t) => t.command.startsWith('01 CB'))).toBe(false);
    expect(traces.map((t) => t.command)).toEqual(expect.arrayContaining(['01 20 00 01', '01 20 00 02']));
  });
});

describe('unblock on the cps4 card', () => {
  it('wrong PUK: 9 left, PIN still blocked, nothing written', async () => {
    const { service, card, traces } = setup('cps4');
    const e = await failure(service.unblockPin(READER, '87654321', '2468'));
    expect(e).toBeInstanceOf(WrongCodeError);
    expect(e).toMatchObject({ code: 'puk', triesLeft: 9 });
    expect(traces.some((t) => /^01 (2C|24)/.test(t.command))).toBe(false);
    expect(card.snapshot()).toMatchObject({ pin: { code: '1234', triesLeft: 0 }, puk: { triesLeft: 9, unblocksLeft: 100 } });
    const codes = await service.readCodes(READER);
    expect(codes.pin.triesLeft).toBe(0);
    expect(codes.puk).toMatchObject({ triesLeft: 9, maxTries: null, unblocksLeft: null });
  });

  it('right PUK then the new PIN: the CPS4 sequence, PIN works, one unblock spent', async () => {
    const { service, card, traces } = setup('cps4');
    await failure(service.unblockPin(READER, '87654321', '2468'));
    traces.length = 0;
    await service.unblockPin(READER, '12345678', '2468');
    // The empty VERIFYs (counters) aside, the codes' commands in order.
    const codeCommands = traces.map((t) => t.command).filter((c) => /^01 (20|2C|24) /.test(c) && !/^01 20 00 0\d$/.test(c));
    expect(codeCommands).toEqual(['01 20 00 02 08 ** ** ** ** ** ** ** **', '01 2C 03 81', '01 24 01 01 08 ** ** ** ** ** ** ** **']);
    expect(card.snapshot()).toMatchObject({ pin: { code: '2468', triesLeft: 3 }, puk: { triesLeft: 10, unblocksLeft: 99 } });
    const codes = await service.readCodes(READER);
    expect(codes.pin).toMatchObject({ triesLeft: 3, maxTries: null });
    const situations = await service.readSituations(READER, '2468');
    expect(situations).toHaveLength(2);
    expect(situations.every((s) => s.ok)).toBe(true);
  });

  it('a wrong PIN after the unblock costs a try; the old PIN no longer works', async () => {
    const { service } = setup('cps4');
    await service.unblockPin(READER, '12345678', '2468');
    const e = await failure(service.readSituations(READER, '1234'));
    expect(e).toMatchObject({ code: 'pin', triesLeft: 2 });
    await service.readSituations(READER, '2468');
    expect((await service.readCodes(READER)).pin.triesLeft).toBe(3);
  });
});

describe('change on the cps4 card', () => {
  it('VERIFY old then 24 01 new; a wrong old PIN costs a try and writes nothing', async () => {
    const { service, card, traces } = setup('cps4');
    await service.unblockPin(READER, '12345678', '2468');
    traces.length = 0;
    const wrong = await failure(service.changePin(READER, '0000', '5678'));
    expect(wrong).toMatchObject({ code: 'pin', triesLeft: 2 });
    expect(traces.some((t) => t.command.startsWith('01 24'))).toBe(false);
    traces.length = 0;
    await service.changePin(READER, '2468', '5678');
    const codeCommands = traces.filter((t) => t.masked).map((t) => t.command.slice(0, 11));
    expect(codeCommands).toEqual(['01 20 00 01', '01 24 01 01']);
    expect(card.snapshot()).toMatchObject({ pin: { code: '5678', triesLeft: 3 } });
    await failure(service.readSituations(READER, '2468'));
    await service.readSituations(READER, '5678');
  });
});

describe('an exhausted PUK on a CPS4', () => {
  it('the empty VERIFY answers 69 84: no unblock left is shown, and the unblock is refused before any code is sent', async () => {
    const { service, card, traces } = setup('cps4');
    card.restore({ ...card.snapshot(), puk: { code: '12345678', triesLeft: 10, unblocksLeft: 0 } });
    const r = await service.read(READER);
    expect(r.puk).toMatchObject({ triesLeft: null, maxTries: null, unblocksLeft: 0 });
    const e = await failure(service.unblockPin(READER, '12345678', '2468'));
    expect(e).toBeInstanceOf(PukExhaustedError);
    expect(traces.some((t) => t.masked)).toBe(false);
  });
});
