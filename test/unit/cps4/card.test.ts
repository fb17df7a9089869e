// The simulated CPS4 at the APDU level: its channels, its files on channel 1, the CPS4 PIN
// commands with their counters, what it refuses (the CPS3 forms, GET DATA), and random commands.

import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../src/card/bytes.js';
import { encodeBlock } from '../../../src/card/simulator/cps3-card.js';
import { createFixtureCard, FIXTURE_NAMES, type Cps4FixtureCard } from '../../../src/card/simulator/fixtures.js';
import { PIN_FORMAT, PUK_FORMAT } from '../../../src/card/simulator/profile.js';
import { errorWords } from '../../../src/view/failure.js';

/** The words of the refusal `f` throws (the card layer's fact, worded by the view). */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return errorWords(e);
  }
  return 'no refusal';
}

const CHIPDOC = '01 A4 04 0C 08 80 25 00 00 01 FF 01 00';
const pin = (code: string) => `08 ${hex(encodeBlock(code, PIN_FORMAT))}`;
const puk = (code: string) => `08 ${hex(encodeBlock(code, PUK_FORMAT))}`;

function cps4(): { card: Cps4FixtureCard; send: (h: string) => string } {
  const card = createFixtureCard('cps4') as Cps4FixtureCard;
  return { card, send: (h) => hex(card.transmit(fromHex(h))) };
}

/** Data + SW of a command on channel 1, following 61 xx with GET RESPONSE on channel 1. */
function exchange(send: (h: string) => string, command: string): string {
  let r = send(command);
  let data = '';
  while (r.startsWith('61') || / 61 [0-9A-F]{2}$/.test(r)) {
    const bytes = r.split(' ');
    const le = bytes.pop()!;
    bytes.pop();
    data += bytes.length ? `${bytes.join(' ')} ` : '';
    r = send(`01 C0 00 00 ${le}`);
  }
  return data + r;
}

/** The first bytes of an EF on channel 1 as text (SELECT by path, READ BINARY, 6C xx followed). */
function readText(send: (h: string) => string, lcAndPath: string): string {
  expect(send(`01 A4 09 0C ${lcAndPath}`)).toBe('90 00');
  let r = send('01 B0 00 00 E7');
  if (r.startsWith('6C')) r = send(`01 B0 00 00 ${r.slice(3)}`);
  expect(r.endsWith('90 00')).toBe(true);
  return Buffer.from(fromHex(r.slice(0, -6))).toString('latin1');
}

describe('simulated CPS4: channels (OURS, profile.ts)', () => {
  it('has the CPS4 ATR', () => {
    expect(hex(cps4().card.atr)).toBe('3B 9B 18 80 01 00 12 25 00 64 80 04 01 00 00 90 44');
  });

  it('channel 0 is the CPS2ter applet: its AID selects, the rest is not simulated', () => {
    const { send } = cps4();
    expect(send('00 A4 04 0C 08 80 25 00 00 01 FF 00 02')).toBe('90 00');
    expect(send('00 A4 04 0C 08 80 25 00 00 01 FF 01 00')).toBe('6A 82');
    expect(send('00 A4 09 0C 04 3F 00 D0 03')).toBe('6D 00');
    expect(send('00 20 00 01')).toBe('6D 00');
  });

  it('channel 1 is closed until a SELECT by AID; channels 2 and 3 answer 68 81; other classes 6E 00', () => {
    const { send, card } = cps4();
    expect(send('01 A4 09 0C 04 3F 00 D0 03')).toBe('68 81');
    expect(send('01 20 00 01')).toBe('68 81');
    expect(send('01 A4 04 0C 07 A0 00 00 01 51 00 00')).toBe('90 00');
    expect(send('01 20 00 01')).toBe('6D 00'); // the card manager, not simulated
    expect(send(CHIPDOC)).toBe('90 00');
    expect(send('01 20 00 01')).toBe('69 83'); // the fixture's PIN is blocked
    expect(send('02 A4 04 0C 08 80 25 00 00 01 FF 01 00')).toBe('68 81');
    expect(send('03 20 00 01')).toBe('68 81');
    expect(send('80 20 00 01')).toBe('6E 00');
    card.reset();
    expect(send('01 20 00 01')).toBe('68 81');
  });
});

describe('simulated CPS4: files on channel 1 (OURS layout, CPS4 labels)', () => {
  it('EF.SN.ICC with the fixture serial, TokenInfo labelled CPS4, EF.DIR naming CPS4', () => {
    const { send } = cps4();
    expect(send(CHIPDOC)).toBe('90 00');
    expect(send('01 A4 09 0C 04 3F 00 D0 03')).toBe('90 00');
    const sn = send('01 B0 00 00 0C');
    expect(sn.startsWith('5A 0A 80 25 00 00 01 99 41 00 26')).toBe(true);
    const token = readText(send, '06 3F 00 00 01 50 32');
    expect(token).toContain('CPS4');
    expect(token).not.toContain('CPS3');
    expect(readText(send, '04 3F 00 2F 00')).toContain('CPS4 PKCS#15');
    // GET RESPONSE follows on channel 1.
    expect(exchange(send, '01 A4 09 04 04 3F 00 D0 03 00')).toMatch(/^62 .* 90 00$/);
  });

  it('its serial number is none of the CPS3 fixtures’', () => {
    const serials = FIXTURE_NAMES.filter((n) => n !== 'unknown' && n !== 'vitale' && !n.startsWith('cps4')).map((n) => {
      const c = createFixtureCard(n);
      c.transmit(fromHex('00 A4 09 0C 04 3F 00 D0 03'));
      return hex(c.transmit(fromHex('00 B0 00 00 0C'))).slice(21, 32);
    });
    expect(serials).toHaveLength(13);
    expect(serials).not.toContain('99 41 00 26');
  });

  it('refuses the CPS3 GET DATA and the CPS3 forms of CHANGE and RESET RETRY COUNTER', () => {
    const { send, card } = cps4();
    send(CHIPDOC);
    send('01 A4 00 0C 02 3F 00');
    expect(send('01 CB 3F FF 0A 4D 08 70 06 BF 81 02 02 A0 80 00')).toBe('6D 00');
    expect(send(`01 20 00 02 ${puk('12345678')}`)).toBe('90 00');
    expect(send(`01 2C 02 01 ${pin('2468')}`)).toBe('6A 86');
    expect(send(`01 24 00 01 10 ${hex(encodeBlock('1234', PIN_FORMAT))} ${hex(encodeBlock('2468', PIN_FORMAT))}`)).toBe('6A 86');
    expect(card.snapshot()).toMatchObject({ pin: { code: '1234', triesLeft: 0 }, puk: { unblocksLeft: 100 } });
  });
});

describe('simulated CPS4: unblock and change commands', () => {
  it('2C 03 81 needs the PUK verified, restores the tries, spends an unblock; 24 01 01 then sets the PIN', () => {
    const { send, card } = cps4();
    send(CHIPDOC);
    expect(send('01 2C 03 81')).toBe('69 82');
    expect(send('01 2C 03 01')).toBe('6A 86'); // bit 8 of P2, as the Cryptolib sets it
    expect(send(`01 24 01 01 ${pin('2468')}`)).toBe('69 82');
    expect(send(`01 20 00 02 ${puk('11111111')}`)).toBe('63 C9');
    expect(send('01 2C 03 81')).toBe('69 82');
    expect(send(`01 20 00 02 ${puk('12345678')}`)).toBe('90 00');
    expect(send(`01 24 01 01 ${pin('2468')}`)).toBe('69 83'); // still blocked before the 2C
    expect(send('01 2C 03 81 01 00')).toBe('67 00');
    expect(send('01 2C 03 81')).toBe('90 00');
    expect(card.snapshot()).toMatchObject({ pin: { code: '1234', triesLeft: 3 }, puk: { triesLeft: 10, unblocksLeft: 99 } });
    expect(send(`01 24 01 02 ${puk('87654321')}`)).toBe('69 85'); // the holder may not change the PUK
    expect(send('01 24 01 01 04 32 34 36 38')).toBe('6A 80'); // not the AODF's block
    expect(send(`01 24 01 01 ${pin('2468')}`)).toBe('90 00');
    expect(card.snapshot()).toMatchObject({ pin: { code: '2468', triesLeft: 3 } });
    // The PUK is no longer verified after the change: another change needs a code again.
    expect(send(`01 24 01 01 ${pin('1111')}`)).toBe('69 82');
    expect(send('01 20 00 01')).toBe('63 C3');
  });

  it('change: a wrong old PIN costs a try and allows nothing; the right one allows 24 01', () => {
    const { send, card } = cps4();
    card.restore({ ...card.snapshot(), pin: { code: '1357', triesLeft: 3 } });
    send(CHIPDOC);
    expect(send(`01 20 00 01 ${pin('0000')}`)).toBe('63 C2');
    expect(send(`01 24 01 01 ${pin('2468')}`)).toBe('69 82');
    expect(send(`01 20 00 01 ${pin('1357')}`)).toBe('90 00');
    expect(send('01 20 00 01')).toBe('90 00');
    expect(send(`01 24 01 01 ${pin('2468')}`)).toBe('90 00');
    expect(card.snapshot()).toMatchObject({ pin: { code: '2468', triesLeft: 3 } });
  });

  it('an exhausted PUK: VERIFY 69 84 and 2C 03 69 84', () => {
    const { send, card } = cps4();
    card.restore({ ...card.snapshot(), puk: { code: '12345678', triesLeft: 10, unblocksLeft: 0 } });
    send(CHIPDOC);
    expect(send(`01 20 00 02 ${puk('12345678')}`)).toBe('69 84');
    expect(send('01 2C 03 81')).toBe('69 84');
  });

  it('keeps its memory in a snapshot of its own fixture, and refuses another card’s', () => {
    const { card } = cps4();
    const s = card.snapshot();
    expect(s.fixture).toBe('cps4');
    expect(refusal(() => card.restore({ ...s, fixture: 'seed' }))).toMatch(/carte « seed »/);
  });
});

describe('simulated CPS4: random commands on channel 1 (seed 20261127)', () => {
  it('always a status word; no code, no unblock moves without the right code', () => {
    let st = 20261127;
    const rnd = () => {
      st = (Math.imul(st, 1103515245) + 12345) >>> 0;
      return st / 4294967296;
    };
    const byte = () => Math.floor(rnd() * 256);
    const { card } = cps4();
    const before = card.snapshot();
    const ins = [0xa4, 0xb0, 0xc0, 0xcb, 0x20, 0x24, 0x2c, 0x70];
    for (let i = 0; i < 3000; i++) {
      if (i % 50 === 0) card.transmit(fromHex(CHIPDOC));
      if (i % 700 === 0) card.loseApplet(rnd() < 0.5 ? 0x6985 : 0x6881, Math.floor(rnd() * 20));
      const data = Array.from({ length: Math.floor(rnd() * 12) }, byte);
      const cmd = Uint8Array.from([
        rnd() < 0.8 ? 0x01 : byte() & 0x03,
        ins[Math.floor(rnd() * ins.length)]!,
        rnd() < 0.5 ? 0 : byte(),
        byte(),
        ...(data.length ? [data.length, ...data] : []),
        ...(rnd() < 0.5 ? [byte()] : []),
      ]);
      const r = card.transmit(cmd);
      expect(r.length).toBeGreaterThanOrEqual(2);
      expect([0x61, 0x62, 0x63, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x90]).toContain(r[r.length - 2]);
    }
    const after = card.snapshot();
    expect(after.pin.code).toBe(before.pin.code);
    expect(after.puk.code).toBe(before.puk.code);
    expect(after.puk.unblocksLeft).toBe(before.puk.unblocksLeft);
  });
});
