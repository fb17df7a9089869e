// The CPS4 profile plugs into the same session: every command on logical channel 1 (CLA 01),
// GET RESPONSE included, after selecting the ChipDoc applet. The card behind is the simulated
// CPS3 seed card, reached through a connection that checks and strips the channel. The CPS4's
// PIN sequences are tested on the simulated CPS4 (test/unit/cps4).

import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../src/card/bytes.js';
import { CpsSession } from '../../../src/card/cps/session.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import type { CardConnection } from '../../../src/card/transport/transport.js';

const CPS4_ATR = fromHex('3B 9B 18 80 01 00 12 25 00 64 80 04 01 00 00 90 44');
const SELECT_CHIPDOC = '01 A4 04 0C 08 80 25 00 00 01 FF 01 00';

function channelOneConnection(): CardConnection & { sent: string[] } {
  const card = createFixtureCard('seed');
  const sent: string[] = [];
  return {
    reader: 'CPS4 (canal 1)',
    atr: CPS4_ATR,
    sent,
    async transmit(command) {
      sent.push(hex(command));
      if (command[0] !== 0x01) return fromHex('6E 00'); // only channel 1 is open
      if (hex(command) === SELECT_CHIPDOC) return fromHex('90 00');
      return card.transmit(Uint8Array.of(0x00, ...command.subarray(1)));
    },
    async disconnect() {},
  };
}

describe('CPS4 profile', () => {
  it('selects the ChipDoc applet on channel 1 and sends everything with CLA 01', async () => {
    const c = channelOneConnection();
    const s = new CpsSession(c);
    const r = await s.readAll();
    expect(r.identity).toMatchObject({ model: 'CPS4', supported: true, hasPin: true });
    expect(c.sent[0]).toBe(SELECT_CHIPDOC);
    expect(c.sent.every((x) => x.startsWith('01 '))).toBe(true);
    expect(c.sent.some((x) => x.startsWith('01 C0 00 00'))).toBe(true);
    expect(r.serial).toEqual({ ok: true, value: '99002752' });
    expect(r.holder.name).toMatchObject({ ok: true, value: 'M DENT-CS0595 EMILE' });
    // Counters from the empty VERIFY: tries left known, maximum unknown (spec §3).
    expect(r.pin).toMatchObject({ triesLeft: 0, maxTries: null });
    expect(r.puk).toMatchObject({ triesLeft: 10, maxTries: null, unblocksLeft: null });
  });
});
