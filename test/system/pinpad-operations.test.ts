// Issue 20: the code operations with every code typed on the keypad of the test reader
// (test/pinpad-reader), through a real pcscd, each checked on the card's side: the commands the
// simulated card received (one per action, the right block), its counters and codes after.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/card/apdu/trace.js';
import { hex } from '../../src/card/bytes.js';
import { ON_KEYPAD } from '../../src/card/cps/keypad.js';
import { createCardService } from '../../src/card/cps/service.js';
import { createFixtureCard, type FixtureName, type SimulatedCard } from '../../src/card/simulator/fixtures.js';
import { VirtualCard } from '../../src/card/vpcd/virtual-card.js';
import { VPCD_READERS } from '../support/pcscd.js';
import { until } from '../support/pcscd-wait.js';
import { usePcscdTransport } from '../support/pcscd-transport.js';
import { Keypad, PINPAD_NAME, PINPAD_PORTS } from '../support/pinpad-reader.js';
import { findCode } from '../support/secrets-detector.js';

const keypad = new Keypad();
const verifyOnlyKeypad = new Keypad();
const kit = usePcscdTransport({
  quickack: true,
  pinpad: [
    { port: PINPAD_PORTS[0], keypad: keypad.path },
    { port: PINPAD_PORTS[1], keypad: verifyOnlyKeypad.path, features: 'v', friendlyName: 'Verify-only Pinpad' },
  ],
});

let PINPAD = '';
let VERIFY_ONLY = '';
const received: string[] = [];
let card: SimulatedCard;
let vcard: VirtualCard | undefined;
let inReader = '';
const trace: TraceEntry[] = [];

beforeAll(async () => {
  await keypad.listen();
  await verifyOnlyKeypad.listen();
  const named = (prefix: string) => until(() => kit.readers().find((r) => r.name.startsWith(prefix))?.name, 10_000, prefix);
  PINPAD = await named(PINPAD_NAME);
  VERIFY_ONLY = await named('Verify-only Pinpad');
}, 60_000);
afterAll(async () => {
  await keypad.close();
  await verifyOnlyKeypad.close();
});
beforeEach(() => {
  keypad.reset();
  verifyOnlyKeypad.reset();
  keypad.onPrompt = undefined;
  received.length = 0;
  trace.length = 0;
});
afterEach(async () => {
  await vcard?.remove();
  vcard = undefined;
  // The next card has the same ATR: wait until pcscd saw this one leave.
  if (inReader) await until(() => kit.atr(inReader) === undefined, 10_000, `${inReader} vide`);
});

async function insert(fixture: FixtureName, port: number = PINPAD_PORTS[0], reader = PINPAD): Promise<void> {
  card = createFixtureCard(fixture);
  vcard = new VirtualCard(card, { port, onApdu: (c) => received.push(hex(c)) });
  await vcard.insert();
  inReader = reader;
  await kit.cardIn(reader, `${fixture} dans ${reader}`);
}

const service = () => createCardService(kit.transport, { onTrace: (e) => trace.push(e) });
const ascii = (digits: string) => Array.from(digits, (d) => d.charCodeAt(0).toString(16).toUpperCase());
const padded = (digits: string) => [...ascii(digits), ...Array<string>(8 - digits.length).fill('FF')].join(' ');
/** The commands that carry a code (VERIFY with data, CHANGE REFERENCE DATA, RESET RETRY COUNTER). */
const codeCommands = () => received.filter((c) => /^0[01] (20 00 0[12] [0-9A-F]{2}|24|2C)/.test(c));
const memory = () => card.snapshot()!;
// Card data read in the same session (READ BINARY answers) may hold the same digits: only the
// commands are searched where situations are read.
const noCodeIn = (text: string, ...codes: string[]) => codes.forEach((c) => expect(findCode(text, c), c).toBeNull());

describe('codes typed on the reader’s keypad, through pcscd (CPS3)', () => {
  it('unblocks: the PUK and the new PIN on the keypad, the card checked and counted before the reader asks', async () => {
    await insert('seed');
    let seenAtFirstPrompt: string[] = [];
    keypad.onPrompt = () => {
      if (seenAtFirstPrompt.length === 0) seenAtFirstPrompt = [...received];
    };
    keypad.answer('12345678O', '4321O', '4321O');
    await service().unblockPin(PINPAD, ON_KEYPAD, ON_KEYPAD, { expectedSerial: '99002752' });
    expect(codeCommands()).toEqual([`00 20 00 02 08 ${padded('12345678')}`, `00 2C 02 01 08 ${padded('4321')}`]);
    expect(keypad.prompts.map((p) => [p.entry, p.min, p.max, p.timeout])).toEqual([
      ['verify', 8, 8, 60],
      ['new', 4, 4, 60],
      ['confirm', 4, 4, 60],
    ]);
    // Before the first prompt: the serial number read and the counters read, no code yet.
    expect(seenAtFirstPrompt.some((c) => c.startsWith('00 CB 3F FF'))).toBe(true);
    expect(seenAtFirstPrompt.some((c) => c.startsWith('00 B0') || c.startsWith('00 A4'))).toBe(true);
    expect(seenAtFirstPrompt.filter((c) => codeCommands().includes(c))).toEqual([]);
    expect(memory().pin).toEqual({ code: '4321', triesLeft: 3 });
    expect(memory().puk.triesLeft).toBe(10);
    noCodeIn(JSON.stringify(trace), '12345678', '4321');
    expect(trace.filter((e) => e.keypad).map((e) => e.command)).toEqual([
      '00 20 00 02 08 ** ** ** ** ** ** ** **',
      '00 2C 02 01 08 ** ** ** ** ** ** ** **',
    ]);
  });

  it('reads the situations and changes the PIN with the codes on the keypad', async () => {
    await insert('cps3-rpps');
    keypad.answer('1234O');
    const situations = await service().readSituations(PINPAD, ON_KEYPAD);
    expect(situations.length).toBeGreaterThan(0);
    expect(codeCommands()).toEqual([`00 20 00 01 08 ${padded('1234')}`]);
    received.length = 0;
    keypad.answer('1234O', '9876O', '9876O');
    await service().changePin(PINPAD, ON_KEYPAD, ON_KEYPAD);
    expect(codeCommands()).toEqual([`00 24 00 01 10 ${padded('1234')} ${padded('9876')}`]);
    expect(keypad.prompts.slice(1).map((p) => p.entry)).toEqual(['old', 'new', 'confirm']);
    expect(memory().pin).toEqual({ code: '9876', triesLeft: 3 });
    noCodeIn(JSON.stringify(trace.map((e) => e.command)), '1234', '9876');
  });

  it('a wrong PUK on the keypad costs exactly one try, and is the card’s "wrong code"', async () => {
    await insert('seed');
    keypad.answer('11111111O');
    await expect(service().unblockPin(PINPAD, ON_KEYPAD, ON_KEYPAD)).rejects.toMatchObject({
      name: 'WrongCodeError',
      code: 'puk',
      triesLeft: 9,
    });
    expect(codeCommands()).toEqual([`00 20 00 02 08 ${padded('11111111')}`]);
    expect(memory().puk.triesLeft).toBe(9);
    expect(memory().pin.triesLeft).toBe(0);
  });

  it('cancel, timeout and a wrong length are the reader’s answers: no try spent, nothing sent', async () => {
    await insert('cps3-rpps');
    for (const [keys, reason] of [
      ['12C', 'cancelled'],
      ['T', 'timeout'],
      ['12O', 'length'],
    ] as const) {
      keypad.answer(keys);
      await expect(service().readSituations(PINPAD, ON_KEYPAD)).rejects.toMatchObject({ name: 'KeypadError', reason });
    }
    expect(codeCommands()).toEqual([]);
    expect(memory().pin.triesLeft).toBe(3);
  });

  it('two different new PINs: the PUK was checked (its tries back), the PIN not touched', async () => {
    await insert('seed');
    keypad.answer('12345678O', '1111O', '2222O');
    await expect(service().unblockPin(PINPAD, ON_KEYPAD, ON_KEYPAD)).rejects.toMatchObject({ name: 'KeypadError', reason: 'mismatch' });
    expect(codeCommands()).toEqual([`00 20 00 02 08 ${padded('12345678')}`]);
    expect(memory().pin).toEqual({ code: '1234', triesLeft: 0 });
  });

  it('the last PUK try is confirmed before the reader asks: unconfirmed, the keypad is never asked', async () => {
    await insert('puk-last-try');
    await expect(service().unblockPin(PINPAD, ON_KEYPAD, ON_KEYPAD)).rejects.toMatchObject({
      name: 'LastTryUnconfirmedError',
      code: 'puk',
    });
    expect(keypad.prompts).toEqual([]);
    expect(codeCommands()).toEqual([]);
    keypad.answer('12345678O', '4321O', '4321O');
    await service().unblockPin(PINPAD, ON_KEYPAD, ON_KEYPAD, { lastTryConfirmed: true });
    expect(memory().pin.code).toBe('4321');
  });

  it('another card in the reader: refused before the reader asks', async () => {
    await insert('cps3-rpps');
    await expect(service().readSituations(PINPAD, ON_KEYPAD, { expectedSerial: '00000000' })).rejects.toMatchObject({
      name: 'OtherCardError',
    });
    expect(keypad.prompts).toEqual([]);
  });

  it('the card pulled while the reader waits for the keys: nothing sent, nothing changed', async () => {
    await insert('seed');
    const outcome = service()
      .unblockPin(PINPAD, ON_KEYPAD, ON_KEYPAD)
      .then(
        () => 'done',
        (e: unknown) => e,
      );
    await keypad.promptCount(1);
    await vcard!.remove();
    expect(await outcome).toMatchObject({ name: 'CardRemovedDuringOperationError', mayHaveApplied: false });
    expect(codeCommands()).toEqual([]);
    expect(memory().puk.triesLeft).toBe(10);
    vcard = undefined;
  });
});

describe('readers that cannot build every command', () => {
  it('a reader that verifies only: the PUK on its keypad, the new PIN from the keyboard', async () => {
    await insert('seed', PINPAD_PORTS[1], VERIFY_ONLY);
    await expect(service().unblockPin(VERIFY_ONLY, ON_KEYPAD, ON_KEYPAD)).rejects.toMatchObject({
      name: 'KeypadError',
      reason: 'unavailable',
    });
    expect(verifyOnlyKeypad.prompts).toEqual([]);
    expect(codeCommands()).toEqual([]);
    verifyOnlyKeypad.answer('12345678O');
    await service().unblockPin(VERIFY_ONLY, ON_KEYPAD, '4321');
    expect(codeCommands()).toEqual([`00 20 00 02 08 ${padded('12345678')}`, `00 2C 02 01 08 ${padded('4321')}`]);
    expect(memory().pin).toEqual({ code: '4321', triesLeft: 3 });
  });

  it('a reader without a keypad (vpcd): the keypad is refused before anything is sent; the keyboard works as today', async () => {
    card = createFixtureCard('seed');
    vcard = new VirtualCard(card, { onApdu: (c) => received.push(hex(c)) });
    await vcard.insert();
    inReader = VPCD_READERS[0];
    await kit.cardIn(VPCD_READERS[0], 'seed dans vpcd');
    await expect(service().unblockPin(VPCD_READERS[0], ON_KEYPAD, ON_KEYPAD)).rejects.toMatchObject({
      name: 'KeypadError',
      reason: 'unavailable',
    });
    expect(codeCommands()).toEqual([]);
    await service().unblockPin(VPCD_READERS[0], '12345678', '4321');
    expect(memory().pin).toEqual({ code: '4321', triesLeft: 3 });
  });
});

describe('codes typed on the reader’s keypad (CPS4, channel 1)', () => {
  it('unblocks and changes with the class byte of channel 1 in the templates', async () => {
    await insert('cps4');
    keypad.answer('12345678O', '4321O', '4321O');
    await service().unblockPin(PINPAD, ON_KEYPAD, ON_KEYPAD);
    const unblock = codeCommands();
    expect(unblock.map((c) => c.slice(0, 11))).toEqual(['01 20 00 02', '01 2C 03 81', '01 24 01 01']);
    expect(memory().pin).toEqual({ code: '4321', triesLeft: 3 });
    received.length = 0;
    keypad.answer('4321O', '5555O', '5555O');
    await service().changePin(PINPAD, ON_KEYPAD, ON_KEYPAD);
    expect(codeCommands().map((c) => c.slice(0, 11))).toEqual(['01 20 00 01', '01 24 01 01']);
    expect(memory().pin).toEqual({ code: '5555', triesLeft: 3 });
    noCodeIn(JSON.stringify(trace.map((e) => e.command)), '12345678', '4321', '5555');
  });
});

describe('the card pulled at each command of a keypad operation (fault walk, through pcscd)', () => {
  for (const { fixture, op, keys, firstWrite, oldPin } of [
    { fixture: 'seed', op: 'unblock', keys: ['12345678O', '4321O', '4321O'], firstWrite: /^00 2C/, oldPin: '1234' },
    { fixture: 'cps3-rpps', op: 'change', keys: ['1234O', '4321O', '4321O'], firstWrite: /^00 24/, oldPin: '1234' },
    { fixture: 'cps4', op: 'unblock', keys: ['12345678O', '4321O', '4321O'], firstWrite: /^01 2C/, oldPin: '1234' },
  ] as const) {
    it(`${fixture} ${op}: "nothing changed" before the first write, "may have applied" from it on`, async () => {
      let finished = false;
      let mayHave = 0;
      let nothing = 0;
      for (let n = 1; n < 40 && !finished; n++) {
        await insert(fixture);
        keypad.reset();
        received.length = 0;
        keypad.answer(...keys);
        vcard!.removeDuring(n);
        const run =
          op === 'unblock' ? service().unblockPin(PINPAD, ON_KEYPAD, ON_KEYPAD) : service().changePin(PINPAD, ON_KEYPAD, ON_KEYPAD);
        const outcome = await run.then(
          () => 'done' as const,
          (e: unknown) => e as { name: string; mayHaveApplied?: boolean },
        );
        const wrote = received.some((c) => firstWrite.test(c));
        if (outcome === 'done') {
          expect(n, 'the walk reached the end').toBeGreaterThan(3);
          expect(memory().pin.code).toBe('4321');
          vcard!.removeDuring(1000);
          finished = true;
          continue;
        }
        expect(outcome.name, `APDU ${n}`).not.toBe('WrongCodeError');
        if (outcome.name === 'CardRemovedDuringOperationError') {
          expect(outcome.mayHaveApplied, `APDU ${n}: ${received.at(-1)}`).toBe(wrote);
          if (wrote) mayHave++;
          else nothing++;
          if (!wrote) expect(memory().pin.code, `APDU ${n}`).toBe(oldPin);
        }
        // The card left during this run: wait for pcscd to see it go before the next one.
        vcard = undefined;
        await until(() => kit.atr(PINPAD) === undefined, 10_000, 'la carte est partie');
      }
      expect({ finished, someNothing: nothing > 0, someMayHave: mayHave > 0 }).toEqual({
        finished: true,
        someNothing: true,
        someMayHave: true,
      });
    }, 120_000);
  }
});
