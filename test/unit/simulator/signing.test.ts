// The simulated cards sign (docs/card.md §9): MSE SET, PSO HASH, PSO CDS and INTERNAL
// AUTHENTICATE on the CPS3, MSE SET and PSO CDS on channel 1 of the CPS4, each only after the
// PIN was verified; every signature verifies with the certificate the card holds for that key.

import { createHash, randomBytes, verify, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../src/card/bytes.js';
import { digestInfo } from '../../../src/card/simulator/card-keys.js';
import { createFixtureCard, type SimulatedCard } from '../../../src/card/simulator/fixtures.js';
import { exchange, readAll, selectPath, send } from '../../support/simulator-apdu.js';

const PIN_1234 = '31 32 33 34 FF FF FF FF';

function certificateOf(card: SimulatedCard, fid: string, cla = '00'): X509Certificate {
  if (cla === '00') {
    expect(selectPath(card, `3F 00 00 01 ${fid}`)).toBe('90 00');
    return new X509Certificate(Buffer.from(readAll(card)));
  }
  const p = `3F 00 00 01 ${fid}`;
  expect(send(card, `${cla} A4 09 0C 06 ${p}`)).toBe('90 00');
  let out = Buffer.alloc(0);
  for (;;) {
    const r = card.transmit(Uint8Array.of(0x01, 0xb0, out.length >> 8, out.length & 0xff, 0xe7));
    let rr = r;
    if (rr.length === 2 && rr[0] === 0x6c) rr = card.transmit(Uint8Array.of(0x01, 0xb0, out.length >> 8, out.length & 0xff, rr[1]!));
    const sw = (rr[rr.length - 2]! << 8) | rr[rr.length - 1]!;
    if (sw === 0x6b00) break;
    expect(sw).toBe(0x9000);
    out = Buffer.concat([out, Buffer.from(rr.subarray(0, rr.length - 2))]);
  }
  return new X509Certificate(out);
}

/** data + SW of an exchange (T=0, 61 xx followed). */
function answer(card: SimulatedCard, apdu: string): { data: Buffer; sw: string } {
  const r = fromHex(exchange(card, apdu));
  return { data: Buffer.from(r.subarray(0, r.length - 2)), sw: hex(r.subarray(r.length - 2)) };
}

const lc = (b: Uint8Array): string => hex(Uint8Array.of(b.length));

function internalAuthenticate(card: SimulatedCard, di: Uint8Array) {
  return answer(card, `00 88 00 00 ${lc(di)} ${hex(di)} 00`);
}

describe('CPS3: the authentication key (MSE SET A4, INTERNAL AUTHENTICATE)', () => {
  it('refuses before the PIN (69 82), signs after it, and the certificate verifies the signature', () => {
    const card = createFixtureCard('cps3-rpps');
    const cert = certificateOf(card, 'C0 02');
    const challenge = randomBytes(32);
    const di = digestInfo('sha256', challenge);
    expect(send(card, '00 22 41 A4 06 80 01 02 84 01 82')).toBe('69 82');
    expect(internalAuthenticate(card, di).sw).toBe('69 82');
    expect(send(card, `00 20 00 01 08 ${PIN_1234}`)).toBe('90 00');
    expect(send(card, '00 22 41 A4 06 80 01 02 84 01 82')).toBe('90 00');
    const r = internalAuthenticate(card, di);
    expect(r.sw).toBe('90 00');
    expect(r.data.length).toBe(256);
    expect(verify('sha256', challenge, cert.publicKey, r.data)).toBe(true);
    expect(verify('sha256', randomBytes(32), cert.publicKey, r.data)).toBe(false);
  });

  it('forgets the PIN and the environment on a reset', () => {
    const card = createFixtureCard('cps3-rpps');
    send(card, `00 20 00 01 08 ${PIN_1234}`);
    send(card, '00 22 41 A4 06 80 01 02 84 01 82');
    card.reset();
    expect(internalAuthenticate(card, digestInfo('sha256', randomBytes(8))).sw).toBe('69 82');
    send(card, `00 20 00 01 08 ${PIN_1234}`);
    expect(internalAuthenticate(card, digestInfo('sha256', randomBytes(8))).sw).toBe('69 85');
  });

  it('refuses a key it does not hold (6A 88) and a DigestInfo over 40 % of the modulus (67 00)', () => {
    const card = createFixtureCard('cps3-rpps');
    send(card, `00 20 00 01 08 ${PIN_1234}`);
    expect(send(card, '00 22 41 A4 06 80 01 02 84 01 83')).toBe('6A 88');
    expect(send(card, '00 22 41 A4 06 80 01 02 84 01 82')).toBe('90 00');
    expect(internalAuthenticate(card, randomBytes(103)).sw).toBe('67 00');
  });

  it('key-mismatch: signs with a key its certificate does not verify', () => {
    const card = createFixtureCard('key-mismatch');
    const cert = certificateOf(card, 'C0 02');
    const challenge = randomBytes(32);
    send(card, `00 20 00 01 08 ${PIN_1234}`);
    send(card, '00 22 41 A4 06 80 01 02 84 01 82');
    const r = internalAuthenticate(card, digestInfo('sha256', challenge));
    expect(r.sw).toBe('90 00');
    expect(verify('sha256', challenge, cert.publicKey, r.data)).toBe(false);
  });
});

describe('CPS3: the signature key (MSE SET B6, PSO CDS)', () => {
  it('signs a hash computed off the card, SHA-256 and SHA-1', () => {
    const card = createFixtureCard('cps3-rpps');
    const cert = certificateOf(card, 'C0 01');
    send(card, `00 20 00 01 08 ${PIN_1234}`);
    for (const [algo, digest] of [
      ['42', 'sha256'],
      ['12', 'sha1'],
    ] as const) {
      const message = randomBytes(100);
      const hash = createHash(digest).update(message).digest();
      expect(send(card, `00 22 41 B6 06 80 01 ${algo} 84 01 81`)).toBe('90 00');
      const r = answer(card, `00 2A 9E 9A ${lc(hash)} ${hex(hash)} 00`);
      expect(r.sw).toBe('90 00');
      expect(verify(digest, message, cert.publicKey, r.data)).toBe(true);
    }
  });

  it('signs a finished hash given by PSO HASH; refuses the on-card last round (6A 80)', () => {
    const card = createFixtureCard('cpe');
    const cert = certificateOf(card, 'C0 01');
    send(card, `00 20 00 01 08 ${PIN_1234}`);
    const message = randomBytes(64);
    const hash = createHash('sha256').update(message).digest();
    expect(send(card, '00 22 41 AA 03 80 01 40')).toBe('90 00');
    expect(send(card, '00 22 41 B6 06 80 01 42 84 01 81')).toBe('90 00');
    expect(send(card, `00 2A 90 A0 22 90 20 ${hex(hash)}`)).toBe('90 00');
    const r = answer(card, '00 2A 9E 9A 00');
    expect(r.sw).toBe('90 00');
    expect(verify('sha256', message, cert.publicKey, r.data)).toBe(true);
    expect(send(card, `00 2A 90 A0 2C 90 28 ${hex(hash)} 00 00 00 00 00 00 02 00 80 00`)).toBe('6A 80');
  });

  it('the signature key needs the PIN too', () => {
    const card = createFixtureCard('cps3-rpps');
    expect(send(card, '00 22 41 B6 06 80 01 42 84 01 81')).toBe('69 82');
    expect(answer(card, `00 2A 9E 9A 20 ${hex(randomBytes(32))} 00`).sw).toBe('69 82');
  });
});

describe('CPS4 on channel 1 (MSE SET 81 B6 91 02, PSO CDS)', () => {
  it('signs with either key after the PIN, and each certificate verifies its key', () => {
    const card = createFixtureCard('cps4');
    card.restore({ ...card.snapshot()!, pin: { code: '1234', triesLeft: 3 } });
    expect(send(card, '01 A4 04 0C 08 80 25 00 00 01 FF 01 00')).toBe('90 00');
    const certs = { '81': certificateOf(card, 'C0 01', '01'), '82': certificateOf(card, 'C0 02', '01') };
    const hash = createHash('sha256').update('challenge').digest();
    expect(send(card, '01 22 81 B6 04 91 02 28 82')).toBe('69 82');
    expect(send(card, `01 20 00 01 08 ${PIN_1234}`)).toBe('90 00');
    for (const [ref, cert] of Object.entries(certs)) {
      expect(send(card, `01 22 81 B6 04 91 02 28 ${ref}`)).toBe('90 00');
      const r = fromHex(send(card, `01 2A 9E 9A 20 ${hex(hash)} 00`));
      expect(hex(r.subarray(256))).toBe('90 00');
      expect(verify('sha256', Buffer.from('challenge'), cert.publicKey, r.subarray(0, 256))).toBe(true);
    }
    // A PSO without its MSE SET after the applet is selected again: 69 85.
    send(card, '01 A4 04 0C 08 80 25 00 00 01 FF 01 00');
    expect(send(card, `01 20 00 01 08 ${PIN_1234}`)).toBe('90 00');
    expect(send(card, `01 2A 9E 9A 20 ${hex(hash)} 00`)).toBe('69 85');
  });
});
