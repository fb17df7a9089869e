// The read in two parts (issue 14): the first screen's data (card, holder, PIN and PUK) is handed
// over before any certificate is read, in the same connection, and the full report is the one a
// read without the callback gives. Other verbs on the reader wait for the read to end.

import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../../src/card/apdu/trace.js';
import type { CardReport, CodeStatus } from '../../../src/card/cps/report.js';
import { FIXTURE_NAMES, type FixtureName } from '../../../src/card/simulator/fixtures.js';
import { READER, setup } from '../../support/in-process-card.js';

const bytesOf = (t: readonly TraceEntry[]) =>
  t.reduce((n, e) => n + e.command.split(' ').length + (e.response ? e.response.split(' ').length : 0), 0);

/** READ BINARY of a certificate file: the CDF's paths, as the simulated cards hold them. */
const readsCertificate = (t: readonly TraceEntry[]) => t.some((e) => /^00 A4 .*(C0 01|C0 02)/i.test(e.command));

async function twoParts(fixture: FixtureName) {
  const { service, transport, traces } = setup(fixture);
  let first: { report: CardReport; apdus: number; traces: TraceEntry[]; calls: number } | undefined;
  let calls = 0;
  const full = await service.read(READER, (partial) => {
    calls++;
    first = { report: partial, apdus: transport.apduCount, traces: [...traces], calls };
  });
  return { first, full, total: transport.apduCount, traces, calls };
}

/** A code's counters without its length (the first part has no AODF yet). */
const counts = ({ length: _, ...c }: CodeStatus): Omit<CodeStatus, 'length'> => c;

describe('progressive read', () => {
  it('hands the seed card’s first screen over before its certificates, then the same full report', async () => {
    const { first, full, total, traces, calls } = await twoParts('seed');
    expect(calls).toBe(1);
    expect(first).toBeDefined();
    const f = first!;
    // Fewer APDUs than the whole read: the keys and certificates come after the callback.
    expect(f.apdus).toBeLessThan(total);
    expect(f.report.certificates).toEqual([]);
    expect(f.report.holder.name).toEqual({ ok: true, value: 'M DENT-CS0595 EMILE', source: 'data' });
    // The same counters; the codes' lengths come with the AODF, after the first part.
    expect(f.report.pin).toEqual(counts(full.pin));
    expect(f.report.puk).toEqual(counts(full.puk));
    expect(full.pin.length).toEqual({ min: 4, max: 4, source: 'aodf+chv' });
    expect(f.report.serial).toEqual(full.serial);
    expect(full.certificates.length).toBeGreaterThan(0);
    const { service } = setup('seed');
    expect(full).toEqual(await service.read(READER));
    console.log(
      `[mesure] seed : 1re partie ${f.apdus} APDU, ${bytesOf(f.traces)} octets ; lecture complète ${total} APDU, ${bytesOf(traces)} octets`,
    );
  });

  it.each(FIXTURE_NAMES.filter((n) => n !== 'unknown' && n !== 'vitale'))(
    '%s: the report with the callback equals the one without',
    async (fixture) => {
      const { first, full, total } = await twoParts(fixture);
      const { service } = setup(fixture);
      expect(full).toEqual(await service.read(READER));
      if (first) {
        expect(first.apdus).toBeLessThan(total);
        expect(first.report.certificates).toEqual([]);
        expect({ pin: first.report.pin, puk: first.report.puk, holder: first.report.holder.name }).toEqual({
          pin: counts(full.pin),
          puk: counts(full.puk),
          holder: full.holder.name,
        });
      } else {
        // Only a holder the data objects do not give in full waits for the certificates.
        const h = full.holder;
        expect([h.name, h.identifier, h.profession].every((x) => x.ok && x.source === 'data')).toBe(false);
      }
    },
  );

  it('no certificate file is selected before the first part', async () => {
    const { first, traces } = await twoParts('cps3-rpps');
    expect(first).toBeDefined();
    expect(readsCertificate(first!.traces)).toBe(false);
    expect(readsCertificate(traces)).toBe(true);
  });

  it('a holder known only from the certificate: the early part comes with that certificate, the holder from it', async () => {
    const { first, full } = await twoParts('cps3-public');
    expect(full.holder.certificate).toBeDefined();
    expect(first?.report.holder).toEqual(full.holder);
    expect(first?.report.certificates).toEqual([]);
  });

  it('a PIN counter read asked for during the rest of a read runs after it, on its own connection', async () => {
    const { service, transport } = setup('seed');
    let atReadEnd = -1;
    let codes: Promise<unknown> | undefined;
    const read = service.read(READER, () => {
      codes = service.readCodes(READER);
    });
    await read.then(() => (atReadEnd = transport.apduCount));
    const alone = setup('seed');
    await alone.service.readCodes(READER);
    await codes;
    // All of readCodes' APDUs came once the read was over.
    expect(transport.apduCount - atReadEnd).toBe(alone.transport.apduCount);
  });
});
