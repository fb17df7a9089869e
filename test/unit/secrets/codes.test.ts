// No PIN or PUK anywhere it could leak: with codes that share no digit with each other's
// neighbours (PUK 13579135 on a seed card changed through its memory snapshot, new PIN 2468,
// then changed to 8642, and a wrong PUK 97531975), an unblock then a change, with failures and
// faults on the way, through the card service (APDU trace recording) and through the machine.
// Searched: the trace, every console or stdout/stderr write, every error (String, stack,
// inspect, JSON), the machine's snapshots once a form is closed, process.argv, process.env.
// The detector itself is proven on planted codes first.

import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, waitFor, type Actor } from 'xstate';
import type { TraceEntry } from '../../../src/card/apdu/trace.js';
import { createCardService } from '../../../src/card/cps/service.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { auditMachine, type AuditMachine } from '../../../src/machine/machine.js';
import { findCode, forms, leaks } from '../../support/secrets-detector.js';
import { digitsEvent } from '../../../src/machine/events.js';

const PUK = '13579135';
const WRONG_PUK = '97531975';
const PIN = '2468';
const PIN2 = '8642';
const CODES = [PUK, WRONG_PUK, PIN, PIN2];

/** The seed card (PIN blocked), its PUK changed to 13579135 through its memory. */
function card() {
  const c = createFixtureCard('seed');
  const s = c.snapshot()!;
  c.restore({ ...s, puk: { ...s.puk, code: PUK } });
  return c;
}

/** Everything written to the console, stdout or stderr while a test runs. */
let output: string[] = [];
beforeEach(() => {
  output = [];
  const keep = (...args: unknown[]) => void output.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 8 }))).join(' '));
  for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) vi.spyOn(console, m).mockImplementation(keep);
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation((chunk: unknown, ...rest: unknown[]) => {
      output.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    });
  }
});
afterEach(() => vi.restoreAllMocks());

/** Each way an error can be shown or logged. */
function errorTexts(e: unknown): string {
  const err = e as Error;
  return [String(e), err.stack ?? '', inspect(e, { depth: 8, showHidden: true }), JSON.stringify(e) ?? '', err.message].join('\n');
}

// Trace timings are measured floats ("ms": 0.24683...): their digits are not data.
const traceText = (t: readonly TraceEntry[]) => JSON.stringify(t.map((e) => ({ ...e, ms: 0 })));

describe('the leak detector', () => {
  it('finds a planted code in every form it looks for, and nothing in clean text', () => {
    let found = 0;
    for (const code of CODES) {
      for (const f of forms(code)) {
        expect(findCode(`avant ${f.text} après`, code), `${code} ${f.name}`).not.toBeNull();
        found++;
      }
      const bytes = Uint8Array.from(Buffer.from(code, 'ascii'));
      expect(findCode(inspect(bytes), code)).toBe('octets ASCII en décimal');
      expect(findCode(JSON.stringify(bytes), code)).toBe('octets ASCII en décimal');
      expect(findCode(inspect({ block: Uint8Array.from(Buffer.from(code, 'hex')) }), code)).not.toBeNull();
      expect(findCode(`00 20 00 02 08 ${Buffer.from(code).toString('hex').replace(/(..)/g, '$1 ').trim()}`, code)).not.toBeNull();
      expect(findCode('00 20 00 02 08 ** ** ** ** ** ** ** **', code)).toBeNull();
    }
    expect(leaks('planté', `Error: code ${PIN} refusé`, CODES)).toEqual([`planté : ASCII de PIN ${PIN}`]);
    vi.restoreAllMocks();
    console.log(`détecteur : ${found} formes plantées, toutes trouvées`);
  });
});

describe('codes never leak', () => {
  it('through the card service: trace, console, errors', async () => {
    const transport = new InProcessTransport();
    const c = card();
    transport.insert(DEFAULT_READER, c);
    const trace: TraceEntry[] = [];
    const service = createCardService(transport, { onTrace: (e) => trace.push(e) });
    const errors: unknown[] = [];
    const failing = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e) {
        errors.push(e);
        return;
      }
      throw new Error('should have failed');
    };

    await service.read(DEFAULT_READER);
    await failing(service.unblockPin(DEFAULT_READER, WRONG_PUK, PIN)); // wrong PUK: 9 left
    await failing(service.unblockPin(DEFAULT_READER, `${PUK}0`, PIN)); // 9 digits, refused locally
    await failing(service.unblockPin(DEFAULT_READER, PUK, `${PIN}0`)); // 5 digits
    // The card pulled at the VERIFY PUK, then at the RESET RETRY COUNTER (the write).
    const start = transport.apduCount;
    await service.unblockPin(DEFAULT_READER, PUK, PIN);
    const steps = transport.apduCount - start;
    c.restore({ ...c.snapshot()!, pin: { code: '1234', triesLeft: 0 } });
    for (const at of [steps - 1, steps]) {
      transport.injectFault({ at, kind: 'remove-card' });
      await failing(service.unblockPin(DEFAULT_READER, PUK, PIN));
      transport.insert(DEFAULT_READER, c);
    }
    c.restore({ ...c.snapshot()!, pin: { code: '1234', triesLeft: 0 } });
    transport.injectFault({ at: steps - 1, kind: 'garbage' });
    await failing(service.unblockPin(DEFAULT_READER, PUK, PIN));
    c.restore({ ...c.snapshot()!, pin: { code: '1234', triesLeft: 0 } });
    await service.unblockPin(DEFAULT_READER, PUK, PIN);
    expect(c.snapshot()!.pin).toEqual({ code: PIN, triesLeft: 3 });

    await service.readSituations(DEFAULT_READER, PIN);
    await failing(service.changePin(DEFAULT_READER, PIN2, PIN)); // wrong current PIN
    transport.injectFault({ at: 1, kind: 'truncate' });
    await service.changePin(DEFAULT_READER, PIN, PIN2).catch((e: unknown) => errors.push(e));
    if (c.snapshot()!.pin.code !== PIN2) await service.changePin(DEFAULT_READER, PIN, PIN2);
    expect(c.snapshot()!.pin.code).toBe(PIN2);
    await failing(service.readSituations(DEFAULT_READER, PIN)); // the old PIN, now wrong

    expect(trace.filter((t) => t.masked).length).toBeGreaterThan(8);
    expect(errors.length).toBeGreaterThanOrEqual(8);
    const found = [
      ...leaks('trace', traceText(trace), CODES),
      ...errors.flatMap((e, i) => leaks(`erreur ${i + 1} (${(e as Error).name})`, errorTexts(e), CODES)),
      ...leaks('console', output.join('\n'), CODES),
    ];
    expect(found).toEqual([]);
    vi.restoreAllMocks();
    console.log(
      `secrets, service : ${trace.length} APDU tracées, ${errors.length} erreurs, ${output.length} sorties console ; ${found.length} fuite`,
    );
  });

  it('through the machine: snapshots once each form is closed, console, argv, env', async () => {
    const transport = new InProcessTransport();
    const c = card();
    transport.insert(DEFAULT_READER, c);
    const trace: TraceEntry[] = [];
    const actor = createActor(auditMachine, {
      input: { transport, cards: createCardService(transport, { onTrace: (e) => trace.push(e) }) },
    }).start();
    type Snap = ReturnType<Actor<AuditMachine>['getSnapshot']>;
    const until = (p: (s: Snap) => boolean) => waitFor(actor, p, { timeout: 5000 });
    const type = (...fields: string[]) => {
      for (const f of fields) {
        for (const ch of f) actor.send(digitsEvent(ch));
        actor.send({ type: 'NEXT_FIELD' });
      }
    };
    const found: string[] = [];
    const look = (where: string) => {
      const s = actor.getSnapshot();
      expect(s.context.form, where).toBeUndefined();
      found.push(
        ...leaks(`${where}, instantané JSON`, JSON.stringify(s), CODES),
        ...leaks(`${where}, instantané persistant`, JSON.stringify(actor.getPersistedSnapshot()), CODES),
        // Without the transport: it holds the simulated card, whose memory is the card's own.
        ...leaks(`${where}, contexte inspecté`, inspect({ ...s.context, transport: undefined }, { depth: 6 }), CODES),
      );
    };
    // While the code is on its way to the card the form (context) still holds it, by design; the
    // invoked actor's input (persisted with the snapshot) must mask it.
    const inFlight = () => {
      const children = (actor.getPersistedSnapshot() as { children?: unknown }).children;
      expect(Object.keys(children ?? {}).length).toBeGreaterThan(0);
      found.push(...leaks('pendant l’envoi, acteurs invoqués', JSON.stringify(children), CODES));
    };

    try {
      await until((s) => s.matches({ card: { codes: 'pinBlocked' } }));
      actor.send({ type: 'OPEN_UNBLOCK' });
      await until((s) => s.matches({ card: { view: { unblock: 'entering' } } }));
      type(WRONG_PUK, PIN, PIN);
      actor.send({ type: 'SUBMIT' });
      inFlight();
      await until((s) => s.context.form?.error !== undefined);
      actor.send({ type: 'CLOSE_FORM' });
      await until((s) => s.matches({ card: { view: 'browsing' } }));
      look('déblocage refusé, formulaire fermé');

      actor.send({ type: 'OPEN_UNBLOCK' });
      await until((s) => s.matches({ card: { view: { unblock: 'entering' } } }));
      type(PUK, PIN, PIN);
      actor.send({ type: 'SUBMIT' });
      inFlight();
      await until((s) => s.matches({ done: 'waitRemoval' }));
      look('déblocage réussi');
      transport.remove(DEFAULT_READER);
      await until((s) => s.matches({ done: 'waitReinsert' }));
      transport.insert(DEFAULT_READER, c);
      await until((s) => s.matches({ card: { codes: 'pinOk' } }));

      actor.send({ type: 'OPEN_CHANGE' });
      await until((s) => s.matches({ card: { view: { change: 'entering' } } }));
      type(PIN, PIN2, PIN2);
      actor.send({ type: 'SUBMIT' });
      inFlight();
      await until((s) => s.matches({ done: 'waitRemoval' }));
      look('changement réussi');
      transport.remove(DEFAULT_READER);
      await until((s) => s.matches({ done: 'waitReinsert' }));
      transport.insert(DEFAULT_READER, c);
      await until((s) => s.matches({ card: { codes: 'pinOk' } }));
      expect(c.snapshot()!.pin.code).toBe(PIN2);

      // The situations form: the PIN, then the form closes.
      actor.send({ type: 'ASK_SITUATIONS' });
      await until((s) => s.matches({ card: { view: { situations: 'entering' } } }));
      type(PIN2);
      actor.send({ type: 'SUBMIT' });
      await until((s) => s.matches({ card: { view: 'browsing' } }) && s.context.situations !== undefined);
      look('situations lues');

      found.push(
        ...leaks('trace', traceText(trace), CODES),
        ...leaks('console', output.join('\n'), CODES),
        ...leaks('process.argv', JSON.stringify(process.argv), CODES),
        ...leaks('process.env', JSON.stringify(process.env), CODES),
      );
      expect(found).toEqual([]);
    } finally {
      actor.stop();
      await transport.close();
    }
    vi.restoreAllMocks();
    console.log(`secrets, machine : 4 formulaires, ${trace.length} APDU tracées, ${output.length} sorties console ; ${found.length} fuite`);
  });
});
