// Issue 9, point 9: codes are held as secrets from the keystroke on, and zeroed after use: no
// snapshot, event or inspection shows them, and no buffer that held one keeps it.

import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createCardService } from '../../../src/card/cps/service.js';
import { SecretCode } from '../../../src/card/cps/secret-code.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import type { Transport } from '../../../src/card/transport/transport.js';
import { digitsEvent } from '../../../src/machine/events.js';
import { digitsOf } from '../../support/codes.js';
import { loaded, makeReport, openForm, type } from '../../support/machine-doubles.js';
import { InvalidCodeFormatError } from '../../../src/card/cps/errors.js';
import { errorWords } from '../../../src/view/failure.js';

const PUK = '24681357';
const PIN = '9753';

describe('codes held as secrets', () => {
  it('a DIGITS event shows a mask, not the digits', () => {
    const e = digitsEvent(PIN);
    expect(JSON.stringify(e)).not.toContain(PIN);
    expect(inspect(e, { depth: 10 })).not.toContain(PIN);
    expect(String(e.digits)).toBe('[hidden]');
  });

  it('the machine’s snapshot, serialised or inspected, never shows a typed code', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    type(r, PUK, PIN, PIN);
    const snap = r.actor.getSnapshot();
    expect(digitsOf(snap.context.form?.fields[0])).toBe(PUK);
    for (const text of [JSON.stringify(snap), JSON.stringify(r.actor.getPersistedSnapshot()), inspect(snap.context, { depth: 20 })]) {
      expect(text).not.toContain(PUK);
      expect(text).not.toContain(PIN);
    }
    r.actor.stop();
  });

  it('closing the form zeroes the codes typed in it', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    type(r, PUK, PIN);
    const typed = r.actor.getSnapshot().context.form!.fields.slice(0, 2);
    expect(typed.map(digitsOf)).toEqual([PUK, PIN]);
    r.actor.send({ type: 'CLOSE_FORM' });
    expect(typed.every((c) => c.wiped)).toBe(true);
    expect(typed.map(digitsOf)).toEqual(['00000000', '0000']);
    r.actor.stop();
  });

  it('a zeroed code can never reach the card', async () => {
    const t = new InProcessTransport();
    t.insert(DEFAULT_READER, createFixtureCard('seed'));
    const puk = SecretCode.fromText('12345678');
    puk.wipe();
    const refused = await createCardService(t)
      .unblockPin(DEFAULT_READER, puk, '2468')
      .catch((e: unknown) => e);
    // The card layer's fact (a PUK that breaks the rules), worded by the view as before.
    expect(refused).toBeInstanceOf(InvalidCodeFormatError);
    expect(errorWords(refused)).toMatch(/code de déblocage doit comporter/);
  });

  it('the command buffers that carried a code are zeroed once sent', async () => {
    const t = new InProcessTransport();
    t.insert(DEFAULT_READER, createFixtureCard('seed'));
    const sent: { ins: number; bytes: Uint8Array }[] = [];
    const spying: Transport = {
      watch: (l) => t.watch(l),
      close: () => t.close(),
      connect: async (reader, mode) => {
        const c = await t.connect(reader, mode);
        return {
          reader: c.reader,
          atr: c.atr,
          disconnect: (d) => c.disconnect(d),
          transmit: (cmd) => (sent.push({ ins: cmd.length > 5 ? cmd[1]! : -1, bytes: cmd }), c.transmit(cmd)),
        };
      },
    };
    await createCardService(spying).unblockPin(DEFAULT_READER, '12345678', '2468');
    const coded = sent.filter((c) => c.ins === 0x20 || c.ins === 0x2c);
    expect(coded).toHaveLength(2);
    for (const c of coded) expect(c.bytes.every((b) => b === 0)).toBe(true);
    // Other commands are left as they were (the zeroing is for codes only).
    expect(sent.some((c) => c.ins === 0xa4 && c.bytes.some((b) => b !== 0))).toBe(true);
  });
});
