// No PIN or PUK leaks on the CPS4 path either: its sequences (VERIFY, 2C 03 without data, 24 01),
// its recovery (resent VERIFYs, a sequence started again) and removals at every APDU. Searched
// with the shared detector: the APDU trace, every error in every form, the console.

import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TraceEntry } from '../../../src/card/apdu/trace.js';
import { createCardService } from '../../../src/card/cps/service.js';
import { createFixtureCard, type Cps4FixtureCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { leaks } from '../../support/secrets-detector.js';

const PUK = '13579135';
const WRONG_PUK = '97531975';
const PIN = '2468';
const PIN2 = '8642';
const CODES = [PUK, WRONG_PUK, PIN, PIN2];

let output: string[] = [];
beforeEach(() => {
  output = [];
  const keep = (...args: unknown[]) => void output.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 8 }))).join(' '));
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, m).mockImplementation(keep);
});
afterEach(() => vi.restoreAllMocks());

function errorTexts(e: unknown): string {
  const err = e as Error;
  return [String(e), err.stack ?? '', inspect(e, { depth: 8, showHidden: true }), JSON.stringify(e) ?? ''].join('\n');
}

describe('CPS4: codes never leak', () => {
  it('unblock and change with a wrong PUK, lost applets and removals at every APDU', async () => {
    const transport = new InProcessTransport();
    const card = createFixtureCard('cps4') as Cps4FixtureCard;
    const blocked = () =>
      card.restore({ ...card.snapshot(), pin: { code: '1234', triesLeft: 0 }, puk: { code: PUK, triesLeft: 10, unblocksLeft: 100 } });
    blocked();
    transport.insert(DEFAULT_READER, card);
    const trace: TraceEntry[] = [];
    const service = createCardService(transport, { onTrace: (e) => trace.push(e) });
    const errors: unknown[] = [];
    const attempt = (p: Promise<unknown>) => p.catch((e: unknown) => void errors.push(e));

    await service.read(DEFAULT_READER);
    await attempt(service.unblockPin(DEFAULT_READER, WRONG_PUK, PIN));
    const start = transport.apduCount;
    await service.unblockPin(DEFAULT_READER, PUK, PIN);
    const steps = transport.apduCount - start;
    for (let at = 1; at <= steps; at++) {
      blocked();
      transport.injectFault({ at, kind: 'remove-card' });
      await attempt(service.unblockPin(DEFAULT_READER, PUK, PIN));
      transport.clearFaults();
      transport.insert(DEFAULT_READER, card);
    }
    for (const sw of [0x6985, 0x6881] as const) {
      blocked();
      // Lost before the last command: it is not resent (may have applied); the next unblock ends it.
      card.loseApplet(sw, steps - 1);
      await attempt(service.unblockPin(DEFAULT_READER, PUK, PIN));
      await service.unblockPin(DEFAULT_READER, PUK, PIN);
    }
    expect(card.snapshot().pin).toEqual({ code: PIN, triesLeft: 3 });
    await attempt(service.changePin(DEFAULT_READER, PIN2, PIN)); // wrong current PIN
    card.loseApplet(0x6985, 3);
    await attempt(service.changePin(DEFAULT_READER, PIN, PIN2));
    if (card.snapshot().pin.code !== PIN2) await service.changePin(DEFAULT_READER, PIN, PIN2);
    expect(card.snapshot().pin.code).toBe(PIN2);
    await attempt(service.readSituations(DEFAULT_READER, PIN));

    // Fewer than before issue 9: a code is never resent after a lost applet.
    expect(trace.filter((t) => t.masked).length).toBeGreaterThan(15);
    expect(errors.length).toBeGreaterThan(steps);
    const found = [
      // The commands as traced; the responses are the card's own bytes (a certificate holds any
      // byte pair, "24 68" included) and never carry a code sent to it.
      ...leaks('trace', JSON.stringify(trace.map((e) => e.command)), CODES),
      ...errors.flatMap((e, i) => leaks(`erreur ${i + 1}`, errorTexts(e), CODES)),
      ...leaks('console', output.join('\n'), CODES),
    ];
    expect(found).toEqual([]);
  });
});
