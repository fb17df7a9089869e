// OpenSC 0.23 (Debian's opensc, IAS-ECC driver with CPx support) as an independent peer: it reads,
// unblocks and changes the simulated seed card through pcscd, and agrees with cps-audit.
// Codes go to OpenSC at its prompts in a pseudo-terminal, never in its arguments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCardService } from '../../src/card/cps/service.js';
import type { CardService } from '../../src/card/cps/card-service.js';
import { FIXTURE_NAMES, createFixtureCard } from '../../src/card/simulator/fixtures.js';
import { VirtualCard } from '../../src/card/vpcd/virtual-card.js';
import { VPCD_READERS } from '../support/pcscd.js';
import { opensc, openscPrompted, openscTriesLeft } from '../support/pcscd-opensc.js';
import { until } from '../support/pcscd-wait.js';
import { usePcscdTransport } from '../support/pcscd-transport.js';

const kit = usePcscdTransport();

const READER = VPCD_READERS[0];
const PUK = '12345678';
let service: CardService;
let apdus = 0;
let vcard = new VirtualCard(createFixtureCard('seed'), { onApdu: () => apdus++ });

/** Puts another simulated card in the reader, once pcscd saw the previous one leave. */
async function swapCard(name: (typeof FIXTURE_NAMES)[number]): Promise<void> {
  await vcard.remove();
  await until(() => kit.readers().length > 0 && !kit.readers().find((r) => r.name === READER)?.atr, 10_000, 'card out');
  vcard = new VirtualCard(createFixtureCard(name), { onApdu: () => apdus++ });
  await vcard.insert();
  await until(() => kit.readers().find((r) => r.name === READER)?.atr, 10_000, `${name} in the reader`);
}

function pemToDer(pem: string): Uint8Array {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem);
  if (!m?.[1]) throw new Error(`pas de certificat dans la sortie d’OpenSC :\n${pem}`);
  return Uint8Array.from(Buffer.from(m[1].replace(/\s/g, ''), 'base64'));
}

beforeAll(async () => {
  service = createCardService(kit.transport);
  await vcard.insert();
  await until(() => kit.readers().find((r) => r.name === READER)?.atr, 10_000, 'seed card in the reader');
});
afterAll(async () => {
  await vcard.remove();
});

describe('OpenSC as a peer', () => {
  it('names the card (opensc-tool -n)', async () => {
    const r = await opensc('opensc-tool', ['-r', READER, '-n']);
    expect(r.out).toContain('IAS-ECC');
    expect(r.code).toBe(0);
  });

  it('finds the same serial number', async () => {
    const report = await service.read(READER);
    expect(report.serial).toMatchObject({ ok: true, value: '99002752' });
    // TokenInfo's serial is EF.SN.ICC's BCD digits: issuer 8025000001, serial, Luhn key, F.
    const dump = await opensc('pkcs15-tool', ['-r', READER, '--dump']);
    expect(dump.out).toMatch(/Serial number\s*:\s*8025000001990027523f/i);
    // The driver's own serial (READ BINARY by short file identifier of EF.SN.ICC).
    const sn = await opensc('opensc-tool', ['-r', READER, '--serial']);
    expect(sn.out, sn.out).toMatch(/99 00 27 52 3F/i);
  });

  it('lists the PIN and the PUK as cps-audit understands them', async () => {
    const r = await opensc('pkcs15-tool', ['-r', READER, '--list-pins']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('PIN [Code porteur de la carte CPX]');
    expect(r.out).toMatch(/Auth ID\s*:\s*02/); // the PIN names its PUK, as spec §4 says
    expect(r.out).toMatch(/min_len:4, max_len:4/);
    expect(r.out).toMatch(/Reference\s*:\s*1 \(0x01\)/);
    expect(r.out).toMatch(/unblockingPin/);
    expect(r.out).toMatch(/Reference\s*:\s*2 \(0x02\)/);
  });

  it('reads the same tries as cps-audit', async () => {
    const codes = await service.readCodes(READER);
    expect(await openscTriesLeft(1)).toBe(codes.pin.triesLeft);
    expect(await openscTriesLeft(2)).toBe(codes.puk.triesLeft);
    expect(codes.pin.triesLeft).toBe(0);
    expect(codes.puk.triesLeft).toBe(10);
  });

  it('reads the same certificate bytes', async () => {
    const report = await service.read(READER);
    const mine = report.certificates.map((c) => (c.ok ? Buffer.from(c.value.der).toString('hex') : 'illisible'));
    const list = await opensc('pkcs15-tool', ['-r', READER, '--list-certificates']);
    const ids = [...list.out.matchAll(/ID\s*:\s*([0-9a-f]+)/gi)].map((m) => m[1]!);
    expect(ids).toHaveLength(2);
    const theirs: string[] = [];
    for (const id of ids) {
      const r = await opensc('pkcs15-tool', ['-r', READER, '--read-certificate', id]);
      theirs.push(Buffer.from(pemToDer(r.out)).toString('hex'));
    }
    expect(theirs.sort()).toEqual([...mine].sort());
  });

  it('an unblock by OpenSC is seen by cps-audit', async () => {
    const r = await openscPrompted(
      'pkcs15-tool',
      ['-r', READER, '--unblock-pin', '--auth-id', '01'],
      [
        [/Enter PUK/, PUK],
        [/Enter new PIN/, '4321'],
        [/Enter new PIN again/, '4321'],
      ],
    );
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toMatch(/incorrect|failed|error/i);
    expect(r.out).not.toContain(PUK); // typed with the echo off: no code on the terminal
    expect(r.out).not.toContain('4321');
    const codes = await service.readCodes(READER);
    expect(codes.pin).toMatchObject({ triesLeft: 3, maxTries: 3 });
    expect(codes.puk.triesLeft).toBe(10);
  });

  it('a change by OpenSC is seen by cps-audit, and a change by cps-audit by OpenSC', async () => {
    const r = await openscPrompted(
      'pkcs15-tool',
      ['-r', READER, '--change-pin', '--auth-id', '01'],
      [
        [/Enter old PIN/, '4321'],
        [/Enter new PIN/, '5678'],
        [/Enter new PIN again/, '5678'],
      ],
    );
    expect(r.code, r.out).toBe(0);
    await service.changePin(READER, '5678', '1234'); // throws if OpenSC's new PIN were not on the card
    const back = await openscPrompted(
      'pkcs15-tool',
      ['-r', READER, '--change-pin', '--auth-id', '01'],
      [
        [/Enter old PIN/, '1234'],
        [/Enter new PIN/, '2468'],
        [/Enter new PIN again/, '2468'],
      ],
    );
    expect(back.code, back.out).toBe(0);
    expect(await openscTriesLeft(1)).toBe(3);
    expect((await service.readCodes(READER)).pin.triesLeft).toBe(3);
  });

  it('a PIN blocked and unblocked by cps-audit is seen by OpenSC', async () => {
    for (let left = 2; left >= 0; left--) {
      // The last try goes only confirmed (the tool's form asks; here the test confirms).
      await expect(service.changePin(READER, '0000', '1111', { lastTryConfirmed: true })).rejects.toMatchObject({
        name: 'WrongCodeError',
        triesLeft: left,
      });
      expect(await openscTriesLeft(1)).toBe(left);
    }
    await service.unblockPin(READER, PUK, '1234');
    expect(await openscTriesLeft(1)).toBe(3);
    expect(await openscTriesLeft(2)).toBe(10);
  });

  it('measures OpenSC reading the same information as cps-audit', async () => {
    const runs: [string, string[], string?][] = [
      ['pkcs15-tool', ['-r', READER, '--list-pins', '--list-certificates']],
      ['opensc-explorer', [], 'pin_info CHV1\npin_info CHV2\n'],
    ];
    const list = await opensc('pkcs15-tool', ['-r', READER, '--list-certificates']);
    for (const m of list.out.matchAll(/ID\s*:\s*([0-9a-f]+)/gi)) runs.push(['pkcs15-tool', ['-r', READER, '--read-certificate', m[1]!]]);
    apdus = 0;
    const t0 = performance.now();
    for (const [tool, args, input] of runs) {
      const r = await opensc(tool, args, input === undefined ? {} : { input });
      expect(r.code, r.out).toBe(0);
    }
    const theirs = { apdus, ms: Math.round(performance.now() - t0) };
    apdus = 0;
    const t1 = performance.now();
    await service.read(READER);
    const ours = { apdus, ms: Math.round(performance.now() - t1) };
    apdus = 0;
    const t2 = performance.now();
    await opensc('pkcs15-tool', ['-r', READER, '--dump']);
    const dump = { apdus, ms: Math.round(performance.now() - t2) };
    console.log(
      `OpenSC (list pins + certificates, 2 × read certificate, 2 × pin_info; ${runs.length} processes): ${theirs.apdus} APDUs, ${theirs.ms} ms; ` +
        `pkcs15-tool --dump: ${dump.apdus} APDUs, ${dump.ms} ms; cps-audit full read: ${ours.apdus} APDUs, ${ours.ms} ms`,
    );
    expect(theirs.apdus).toBeGreaterThan(0);
  });

  it.each(FIXTURE_NAMES.filter((n) => n !== 'seed'))('agrees on the codes of the %s card', async (name) => {
    await swapCard(name);
    const report = await service.read(READER);
    const named = await opensc('opensc-tool', ['-r', READER, '-n']);
    if (name === 'unknown' || name === 'vitale') {
      expect(report.identity.supported).toBe(false);
      expect(named.out).not.toContain('IAS-ECC');
      return;
    }
    if (name === 'cps4' || name === 'cps4-rc' || name === 'cps4-t0') {
      // OpenSC 0.23 does not know the CPS4's ATRs: no peer for the CPS4 here (cps-audit reads it).
      expect(report.identity.model).toBe('CPS4');
      expect(named.out).toMatch(/Unsupported card|Failed to connect/);
      return;
    }
    if (name === 'cps3-cl') {
      // Nor the contactless ATR; cps-audit reads the card and offers no PIN action on it.
      expect(report.identity).toMatchObject({ model: 'CPS3 sans contact', hasPin: false });
      expect(named.out).not.toContain('IAS-ECC');
      return;
    }
    expect(named.out).toContain('IAS-ECC');
    expect(await openscTriesLeft(1)).toBe(report.pin.triesLeft);
    if (name === 'puk-exhausted') {
      // No unblock left: the card answers 69 84 and OpenSC calls the PUK unusable.
      expect(report.puk.unblocksLeft).toBe(0);
      const info = await opensc('opensc-explorer', [], { input: 'pin_info CHV2\n' });
      expect(info.out).toContain('Reference data not usable');
      return;
    }
    expect(await openscTriesLeft(2)).toBe(report.puk.triesLeft);
  });
});
