// Issue 17, point 1: a code's length is the card's rule (its AODF, narrowed by the CHV object's
// sizes), never "PIN = 4 digits". The simulated cards count every code block they receive, so
// each test proves what reached the card and what did not.

import { describe, expect, it } from 'vitest';
import { InvalidCodeFormatError, WrongCodeError } from '../../../src/card/cps/errors.js';
import { PIN_REF, PUK_REF } from '../../../src/card/simulator/profile.js';
import { READER, failure, setup } from '../../support/in-process-card.js';

describe('a CPS3 whose AODF says PIN 4 to 8 digits and whose holder chose 6 (cps3-pin6)', () => {
  it('the report gives each code’s lengths, from the card (AODF and CHV object)', async () => {
    const { service } = setup('cps3-pin6');
    const r = await service.read(READER);
    expect(r.pin.length).toEqual({ min: 4, max: 8, source: 'aodf+chv' });
    expect(r.puk.length).toEqual({ min: 8, max: 8, source: 'aodf+chv' });
  });

  it('the 6-digit PIN reads the situations without spending a try: one block of 6 digits reached the card', async () => {
    const { service, card } = setup('cps3-pin6');
    await service.readSituations(READER, '123456');
    expect(card.received).toEqual([{ ref: PIN_REF, digits: 6 }]);
    expect((await service.readCodes(READER)).pin.triesLeft).toBe(3);
  });

  it('changed to 4 digits, then to 8, each used afterwards', async () => {
    const { service, card } = setup('cps3-pin6');
    await service.changePin(READER, '123456', '4321');
    await service.readSituations(READER, '4321');
    await service.changePin(READER, '4321', '87654321');
    await service.readSituations(READER, '87654321');
    // CHANGE carries the old and the new block: [6, 4], then the situations [4], then [4, 8], then [8].
    expect(card.received.map((c) => c.digits)).toEqual([6, 4, 4, 4, 8, 8]);
  });

  it('a code outside 4 to 8 digits is refused before anything is sent; the card’s tries are unchanged', async () => {
    const { service, card, traces } = setup('cps3-pin6');
    expect(await failure(service.changePin(READER, '123456', '123456789'))).toBeInstanceOf(InvalidCodeFormatError);
    expect(await failure(service.changePin(READER, '123', '1234'))).toBeInstanceOf(InvalidCodeFormatError);
    expect(await failure(service.readSituations(READER, '123456789'))).toBeInstanceOf(InvalidCodeFormatError);
    expect(card.received).toEqual([]);
    expect(traces.filter((t) => t.masked)).toHaveLength(0);
    expect(card.snapshot()?.pin.triesLeft).toBe(3);
  });

  it('what the issue measured: the first 4 of the 6 digits are a wrong code, and cost a try', async () => {
    const { service, card } = setup('cps3-pin6');
    const e = await failure(service.changePin(READER, '1234', '5678'));
    expect(e).toBeInstanceOf(WrongCodeError);
    expect((e as WrongCodeError).triesLeft).toBe(2);
    expect(card.received[0]).toEqual({ ref: PIN_REF, digits: 4 });
  });
});

describe('the seed card: PIN fixed at 4 digits by its AODF, PUK 8', () => {
  it('lengths 4 and 8; a new PIN of 6 digits is refused before any code is sent', async () => {
    const { service, card } = setup('seed');
    const r = await service.read(READER);
    expect(r.pin.length).toEqual({ min: 4, max: 4, source: 'aodf+chv' });
    expect(await failure(service.unblockPin(READER, '12345678', '123456'))).toBeInstanceOf(InvalidCodeFormatError);
    expect(card.received).toEqual([]);
    await service.unblockPin(READER, '12345678', '4321');
    expect(card.received).toEqual([
      { ref: PUK_REF, digits: 8 },
      { ref: PIN_REF, digits: 4 },
    ]);
  });
});

describe('a CPS4: its lengths from its AODF (no CHV object asked: it reads its counters with the empty VERIFY)', () => {
  it('PIN 4, PUK 8, from the AODF alone', async () => {
    const { service, traces } = setup('cps4');
    const r = await service.read(READER);
    expect(r.pin.length).toEqual({ min: 4, max: 4, source: 'aodf' });
    expect(r.puk.length).toEqual({ min: 8, max: 8, source: 'aodf' });
    expect(traces.some((t) => t.command.includes('7F 41'))).toBe(false);
  });
});
