// The test reader with a keypad (test/pinpad-reader/ifd-pinpad.c) in a real pcscd: its part 10
// features as the transport reads them, and the commands it builds from PIN_VERIFY_STRUCTURE and
// PIN_MODIFY_STRUCTURE, checked on the card's side (what the simulated card received).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectReport, renderReport } from '../../src/app/commands/report.js';
import { hex } from '../../src/card/bytes.js';
import { createCardService } from '../../src/card/cps/service.js';
import { setLanguage } from '../../src/i18n/index.js';
import { createFixtureCard } from '../../src/card/simulator/fixtures.js';
import { CM_IOCTL_GET_FEATURE_REQUEST, readReaderFeatures } from '../../src/card/transport/part10.js';
import { VirtualCard } from '../../src/card/vpcd/virtual-card.js';
import { VPCD_READERS } from '../support/pcscd.js';
import { Keypad, PINPAD_NAME, PINPAD_PORTS } from '../support/pinpad-reader.js';
import { until } from '../support/pcscd-wait.js';
import { validateReport } from '../support/report.js';
import { usePcscdTransport } from '../support/pcscd-transport.js';

const keypad = new Keypad();
const plainKeypad = new Keypad();
// pcscd numbers the readers in the order it reads its configuration folder: found by name.
let PINPAD = '';
let VERIFY_ONLY = '';
const kit = usePcscdTransport({
  quickack: true,
  pinpad: [
    { port: PINPAD_PORTS[0], keypad: keypad.path },
    { port: PINPAD_PORTS[1], keypad: plainKeypad.path, features: 'v', friendlyName: 'Verify-only Pinpad' },
  ],
});

const received: string[] = [];
const card = createFixtureCard('seed');
const vcard = new VirtualCard(card, { port: PINPAD_PORTS[0], onApdu: (c) => received.push(hex(c)) });

beforeAll(async () => {
  await keypad.listen();
  await plainKeypad.listen();
  const named = (prefix: string) => until(() => kit.readers().find((r) => r.name.startsWith(prefix))?.name, 10_000, prefix);
  PINPAD = await named(PINPAD_NAME);
  VERIFY_ONLY = await named('Verify-only Pinpad');
  await vcard.insert();
  await kit.cardIn(PINPAD, 'la carte dans le lecteur à clavier');
}, 60_000);
afterAll(async () => {
  await vcard.remove();
  await keypad.close();
  await plainKeypad.close();
});
beforeEach(() => {
  keypad.reset();
  received.length = 0;
});

const VERIFY = 0x42330006;
const MODIFY = 0x42330007;

/** PIN_VERIFY_STRUCTURE for an ASCII code padded with FF to 8 bytes, OK key, min..max digits. */
function verifyStructure(apduHead: number[], min: number, max: number, timeout = 30): Uint8Array {
  const template = [...apduHead, 8, ...Array<number>(8).fill(0xff)];
  const s = [timeout, 0, 0x82, 0x08, 0x00, max, min, 0x02, 0x00, 0x0c, 0x04, 0x00, 0, 0, 0, template.length, 0, 0, 0, ...template];
  return Uint8Array.from(s);
}

function modifyStructure(apduHead: number[], confirm: number, blocks: number, min: number, max: number): Uint8Array {
  const template = [...apduHead, 8 * blocks, ...Array<number>(8 * blocks).fill(0xff)];
  const newOffset = confirm & 0x02 ? 8 : 0;
  const s = [
    30,
    0,
    0x82,
    0x08,
    0x00,
    0,
    newOffset,
    max,
    min,
    confirm,
    0x02,
    0x00,
    0x0c,
    0x04,
    0,
    0,
    0,
    0,
    0,
    0,
    template.length,
    0,
    0,
    0,
    ...template,
  ];
  return Uint8Array.from(s);
}

const ascii = (digits: string) => Array.from(digits, (d) => d.charCodeAt(0).toString(16).toUpperCase());
const padded = (digits: string) => [...ascii(digits), ...Array<string>(8 - digits.length).fill('FF')].join(' ');

describe('the test reader with a keypad, through pcscd', () => {
  it('lists its part 10 features; the vpcd reader has none', async () => {
    const c = await kit.transport.connect(PINPAD, 'shared');
    try {
      const raw = await c.control!(CM_IOCTL_GET_FEATURE_REQUEST, new Uint8Array(0));
      expect(hex(raw)).toBe('06 04 42 33 00 06 07 04 42 33 00 07 0A 04 42 33 00 0A 12 04 42 33 00 12');
      expect(await readReaderFeatures(c)).toEqual({
        verifyPinDirect: VERIFY,
        modifyPinDirect: MODIFY,
        lcdLayout: 0,
        entryValidation: 7,
        minPinSize: 4,
        maxPinSize: 12,
        firmware: 'cps-audit test pinpad 1',
        maxApduDataSize: 0,
        vendorId: 0x1209,
        productId: 0x0007,
      });
    } finally {
      await c.disconnect('leave');
    }
    await kit.cardIn(VPCD_READERS[0], 'lecteur vpcd vide', undefined, 100).catch(() => undefined);
    const plain = new VirtualCard(createFixtureCard('seed'));
    await plain.insert();
    try {
      await kit.cardIn(VPCD_READERS[0], 'une carte dans le lecteur vpcd');
      const v = await kit.transport.connect(VPCD_READERS[0], 'shared');
      try {
        expect(await readReaderFeatures(v)).toEqual({});
      } finally {
        await v.disconnect('leave');
      }
    } finally {
      await plain.remove();
    }
  });

  it('builds VERIFY from the structure and the keys, sends it once, and answers the card', async () => {
    const c = await kit.transport.connect(PINPAD, 'exclusive');
    try {
      await c.transmit(
        Uint8Array.from([0x00, 0xa4, 0x04, 0x00, 0x0c, 0xe8, 0x28, 0xbd, 0x08, 0x0f, 0x80, 0x25, 0x00, 0x00, 0x01, 0xff, 0x00, 0x10]),
      );
      received.length = 0;
      keypad.answer('12345678O');
      const r = await c.control!(VERIFY, verifyStructure([0x00, 0x20, 0x00, 0x02], 8, 8));
      expect(hex(r)).toBe('90 00');
      expect(received).toEqual([`00 20 00 02 08 ${padded('12345678')}`]);
      expect(keypad.prompts).toEqual([{ entry: 'verify', min: 8, max: 8, timeout: 30 }]);
      expect(keypad.done).toEqual(['9000']);
    } finally {
      await c.disconnect('reset');
    }
  });

  it('answers 64 01 on cancel, 64 00 on timeout, 64 03 on a wrong length, 64 02 when the new codes differ: nothing reaches the card', async () => {
    const c = await kit.transport.connect(PINPAD, 'exclusive');
    try {
      received.length = 0;
      const s = verifyStructure([0x00, 0x20, 0x00, 0x01], 4, 8);
      keypad.answer('12C');
      expect(hex(await c.control!(VERIFY, s))).toBe('64 01');
      keypad.answer('1T');
      expect(hex(await c.control!(VERIFY, s))).toBe('64 00');
      keypad.answer('123O');
      expect(hex(await c.control!(VERIFY, s))).toBe('64 03');
      keypad.answer('1234O', '5678O');
      expect(hex(await c.control!(MODIFY, modifyStructure([0x00, 0x2c, 0x02, 0x01], 0x01, 1, 4, 8)))).toBe('64 02');
      expect(keypad.done).toEqual(['6401', '6400', '6403', '6402']);
      expect(received).toEqual([]);
      // A structure it cannot use: 6B 80, nothing asked.
      const bad = verifyStructure([0x00, 0x20, 0x00, 0x01], 4, 8);
      bad[2] = 0x02; // bit units
      expect(hex(await c.control!(VERIFY, bad))).toBe('6B 80');
      expect(received).toEqual([]);
    } finally {
      await c.disconnect('reset');
    }
  });

  it('builds a change with the old and new codes (bConfirmPIN 03), each block padded as the template says', async () => {
    const c = await kit.transport.connect(PINPAD, 'exclusive');
    try {
      received.length = 0;
      keypad.answer('1234O', '987654O', '987654O');
      const r = await c.control!(MODIFY, modifyStructure([0x00, 0x24, 0x00, 0x01], 0x03, 2, 4, 8));
      expect(r.length).toBe(2);
      expect(received).toEqual([`00 24 00 01 10 ${padded('1234')} ${padded('987654')}`]);
      expect(keypad.prompts.map((p) => p.entry)).toEqual(['old', 'new', 'confirm']);
    } finally {
      await c.disconnect('reset');
    }
  });

  it('says the card left while it waited for the keys, and sends nothing', async () => {
    const c = await kit.transport.connect(PINPAD, 'exclusive');
    received.length = 0;
    const outcome = c.control!(VERIFY, verifyStructure([0x00, 0x20, 0x00, 0x01], 4, 8)).then(
      () => 'answered',
      (e: unknown) => e,
    );
    await keypad.promptCount(1);
    await vcard.remove();
    expect(await outcome).toMatchObject({ name: 'TransportError', kind: 'card-removed' });
    expect(await keypad.doneCount(1)).toBe('REMOVED');
    expect(received).toEqual([]);
    await c.disconnect('reset');
    await until(() => kit.atr(PINPAD) === undefined, 10_000, 'pcscd voit la carte partir');
    await vcard.insert();
    await until(() => kit.atr(PINPAD), 10_000, 'la carte revient');
  });

  it('the report says what the reader told, in text and JSON (schema 2)', async () => {
    const source = { ok: true as const, transport: kit.transport, cards: createCardService(kit.transport), close: () => Promise.resolve() };
    const report = await collectReport({ source, demo: false, reader: PINPAD, version: 'test' });
    const json = JSON.parse(renderReport(report, true)) as { schemaVersion: number; readers: { card: { readerFeatures: object } }[] };
    expect(validateReport(json), JSON.stringify(validateReport.errors)).toBe(true);
    expect(json.readers[0], JSON.stringify(json.readers)).toMatchObject({ status: 'card' });
    expect(json.schemaVersion).toBe(3);
    expect(json.readers[0]!.card.readerFeatures).toMatchObject({ verifyPinDirect: VERIFY, modifyPinDirect: MODIFY, vendorId: 0x1209 });
    for (const [lang, words] of [
      ['fr', ['saisie et changement des codes sur le lecteur', 'de 4 à 12 chiffres', '1209:0007', 'APDU courts seulement']],
      ['en', ['codes entered and changed on the reader', '4 to 12 digits', '1209:0007', 'short APDUs only']],
    ] as const) {
      setLanguage(lang);
      const text = renderReport(report, false).replace(/\s+/g, ' ');
      for (const w of words) expect(text).toContain(w);
    }
    setLanguage('fr');
  });

  it('a reader with verify only does not list the modify feature', async () => {
    const other = new VirtualCard(createFixtureCard('seed'), { port: PINPAD_PORTS[1] });
    await other.insert();
    try {
      await kit.cardIn(VERIFY_ONLY, 'la carte dans le second lecteur');
      const c = await kit.transport.connect(VERIFY_ONLY, 'shared');
      try {
        const f = await readReaderFeatures(c);
        expect(f.verifyPinDirect).toBe(VERIFY);
        expect(f.modifyPinDirect).toBeUndefined();
        await expect(c.control!(MODIFY, new Uint8Array(30))).rejects.toMatchObject({ name: 'TransportError' });
      } finally {
        await c.disconnect('leave');
      }
    } finally {
      await other.remove();
    }
  });
});
