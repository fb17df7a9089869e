// The whole card layer over a card whose files are damaged: one EF of the RPPS test card mutated
// at a time (fixed seed), then a full read, the situations behind the PIN, and the counters, as
// the tool does them. The read always ends in a report; a field that cannot be read carries a
// reason of its own (never a JavaScript TypeError/RangeError); anything thrown is a typed error.

import { describe, expect, it } from 'vitest';
import { CpsError } from '../../../src/card/cps/errors.js';
import type { Readable } from '../../../src/card/cps/report.js';
import { createCardService } from '../../../src/card/cps/service.js';
import { SimulatedCps3Card } from '../../../src/card/simulator/cps3-card.js';
import { buildCps3Files } from '../../../src/card/simulator/cps3-files.js';
import { ef, type Df, type Ef } from '../../../src/card/simulator/file-system.js';
import { FIXTURE_CERTIFICATES } from '../../../src/card/simulator/fixture-certificates.js';
import { RPPS_HOLDER } from '../../../src/card/simulator/fixture-holders.js';
import { TransportError } from '../../../src/card/transport/errors.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { mutate, rng, seeds } from '../../support/fuzz.js';

const ROUNDS = 800;
const SEED = 0xf11e5;

const der = (c: { der: string; keyId: string }) => ({
  der: Uint8Array.from(Buffer.from(c.der, 'base64')),
  keyId: Uint8Array.from(Buffer.from(c.keyId, 'hex')),
});
const certs = {
  signature: der(FIXTURE_CERTIFICATES['cps3-rpps'].signature),
  authentication: der(FIXTURE_CERTIFICATES['cps3-rpps'].authentication),
};

function efs(dir: Df): Ef[] {
  return dir.children.flatMap((c) => (c.kind === 'ef' ? [c] : efs(c)));
}

const untyped = /TypeError|RangeError|Cannot read|is not a function|undefined/;

function checkReadable(where: string, r: Readable<unknown>, bad: string[]): void {
  if (!r.ok && (r.reason.length === 0 || untyped.test(r.reason))) bad.push(`${where} : ${r.reason}`);
}

describe(`the card layer over damaged files (seed ${SEED.toString(16)})`, () => {
  it('reads a report, the situations and the counters, or fails with a typed error', async () => {
    const count = efs(buildCps3Files(RPPS_HOLDER, certs)).length;
    expect(count).toBeGreaterThan(15);
    const bad: string[] = [];
    let tried = 0;
    let degraded = 0;
    for (const s of seeds(SEED)) {
      const r = rng(s);
      for (let i = 0; i < ROUNDS; i++) {
        tried++;
        const files = buildCps3Files(RPPS_HOLDER, certs);
        const target = efs(files)[Math.floor(r() * count)]!;
        const parent = target.parent!;
        const damaged = ef(target.fid, mutate(target.data, r), {
          ...(target.needsPin ? { needsPin: true } : {}),
          ...(target.sfi ? { sfi: target.sfi } : {}),
        });
        damaged.parent = parent;
        parent.children[parent.children.indexOf(target)] = damaged;
        const card = new SimulatedCps3Card({
          fixture: 'cps3-rpps',
          files,
          memory: { pin: { code: '1234', triesLeft: 3 }, puk: { code: '12345678', triesLeft: 10, unblocksLeft: 100 } },
        });
        const transport = new InProcessTransport();
        transport.insert(DEFAULT_READER, card);
        const service = createCardService(transport);
        const where = `EF ${target.fid.toString(16)} (tour ${i})`;
        const typed = (e: unknown) => {
          if (!(e instanceof CpsError || e instanceof TransportError)) bad.push(`${where} : ${String(e)}`);
        };
        try {
          const report = await service.read(DEFAULT_READER);
          const fields = [
            report.serial,
            report.issuer,
            report.category,
            report.cardType,
            report.logicalId,
            report.validFrom,
            report.validTo,
            report.holder.name,
            report.holder.identifier,
            report.holder.profession,
            ...report.certificates,
          ];
          for (const f of fields) checkReadable(where, f, bad);
          if (fields.some((f) => !f.ok) || report.warnings.length > 0) degraded++;
        } catch (e) {
          typed(e);
        }
        try {
          const situations = await service.readSituations(DEFAULT_READER, '1234');
          for (const x of situations) checkReadable(`${where}, situation`, x, bad);
        } catch (e) {
          typed(e);
        }
        try {
          const codes = await service.readCodes(DEFAULT_READER);
          // Damaged files never change the card's counters: a VERIFY with a garbled block is refused, not counted wrong here.
          if (codes.puk.triesLeft !== null && codes.puk.triesLeft !== card.snapshot().puk.triesLeft) bad.push(`${where} : compteur faux`);
        } catch (e) {
          typed(e);
        }
      }
    }
    console.log(
      `fuzz fichiers de carte : ${tried} cartes abîmées lues (${count} EF), ${degraded} rapports dégradés, ${tried - bad.length} sans défaut`,
    );
    expect(bad.slice(0, 5)).toEqual([]);
  }, 60_000);
});
