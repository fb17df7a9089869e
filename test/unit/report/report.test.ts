// `cps-audit report` on every simulated card, in process: text that fits 80 columns, JSON valid
// against docs/report.schema.json (ajv, a maintained validator), and the exit code of that card.

import { describe, expect, it } from 'vitest';
import { collectReport, renderReport, reportExitCode } from '../../../src/app/commands/report.js';
import { EXIT } from '../../../src/app/exit-codes.js';
import { demoSource, pcscSource } from '../../../src/app/wiring.js';
import { FIXTURE_NAMES, createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { InProcessTransport } from '../../../src/card/transport/in-process.js';
import { createCardService } from '../../../src/card/cps/service.js';
import type { Source } from '../../../src/app/wiring.js';
import { EXIT_OF_FIXTURE, validateReport } from '../../support/report.js';

const NOW = new Date('2026-12-01T12:00:00Z');

function expectFits(text: string) {
  for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
}

function expectValid(json: string) {
  const value = JSON.parse(json);
  const ok = validateReport(value);
  expect(ok, JSON.stringify(validateReport.errors, null, 1)).toBe(true);
  return value;
}

describe('report on every simulated card (in process)', () => {
  for (const name of FIXTURE_NAMES) {
    it(`${name}: text fits 80 columns, JSON is schema-valid, exit code ${EXIT_OF_FIXTURE[name]}`, async () => {
      const source = demoSource(name);
      const report = await collectReport({ source, demo: true, version: '9.9.9', now: NOW });
      if (source.ok) await source.close();
      const text = renderReport(report, false);
      expectFits(text);
      expect(text).toContain(`code de sortie ${EXIT_OF_FIXTURE[name]}`);
      const json = expectValid(renderReport(report, true));
      expect(json.schemaVersion).toBe(3);
      expect(json.exitCode).toBe(EXIT_OF_FIXTURE[name]);
      expect(reportExitCode(report)).toBe(EXIT_OF_FIXTURE[name]);
    });
  }

  it('one warnings field (issue 22): the card layer’s remarks are in readers[].warnings, the card has none of its own', async () => {
    const source = demoSource('seed');
    const report = await collectReport({ source, demo: true, version: '9.9.9', now: NOW });
    if (source.ok) await source.close();
    const [entry] = report.readers;
    const card = { ...entry!.card!, warnings: ['données et certificat en désaccord'] };
    const json = expectValid(renderReport({ ...report, readers: [{ ...entry!, card }] }, true));
    expect(json.readers[0].card).not.toHaveProperty('warnings');
    expect(json.readers[0].warnings).toContainEqual(
      expect.objectContaining({ code: 'card-data', message: 'données et certificat en désaccord' }),
    );
  });

  it('the seed: what the card screen and its tabs show, with the expiry warnings', async () => {
    const source = demoSource('seed');
    const report = await collectReport({ source, demo: true, version: '9.9.9', now: NOW });
    const text = renderReport(report, false);
    for (const v of [
      'M DENT-CS0595 EMILE',
      '0B4005951 (ADELI)',
      'Chirurgien-Dentiste',
      '99002752',
      '8025000001',
      '2300081197',
      '15/05/2011',
      '31/03/2014',
      'Verrouillé (0 essai sur 3)',
      'Certificat de signature',
      "Certificat d'authentification",
      'La carte est expirée depuis le 31/03/2014',
    ]) {
      expect(text).toContain(v);
    }
    // Never the practice situations: no code is ever asked.
    expect(text).not.toMatch(/Situation d.exercice/);
    const json = JSON.parse(renderReport(report, true));
    expect(json.readers[0].card.serial).toEqual({ ok: true, value: '99002752' });
    expect(json.readers[0].card.pinState).toBe('blocked');
    expect(json.readers[0].warnings.map((w: { code: string }) => w.code)).toEqual([
      'card-expired',
      'certificate-expired',
      'certificate-expired',
    ]);
  });

  it('puk-last-try and cps3-rpps near its end of validity carry their warnings', async () => {
    const last = await collectReport({ source: demoSource('puk-last-try'), demo: true, version: '1', now: NOW });
    expect(renderReport(last, false)).toContain('Un seul essai restant au code de déblocage');
    const rpps = await collectReport({ source: demoSource('cps3-rpps'), demo: true, version: '1', now: NOW });
    const end = rpps.readers[0]?.card?.validTo;
    expect(end?.ok).toBe(true);
    if (!end?.ok) return;
    const soon = new Date(new Date(`${end.value}T00:00:00Z`).getTime() - 30 * 86_400_000);
    const j = JSON.parse(renderReport({ ...rpps, generatedAt: soon }, true));
    expect(j.readers[0].warnings.map((w: { code: string }) => w.code)).toContain('card-expiring');
  });

  it('two readers: both are reported; an empty one beside a read card is no problem', async () => {
    const transport = new InProcessTransport({ readers: ['Lecteur A', 'Lecteur B', 'Lecteur C'] });
    transport.insert('Lecteur A', createFixtureCard('cps3-rpps'));
    transport.insert('Lecteur B', createFixtureCard('puk-blocked'));
    const source: Source = { ok: true, transport, cards: createCardService(transport), close: () => transport.close() };
    const report = await collectReport({ source, demo: false, version: '1', now: NOW });
    expect(report.readers.map((r) => r.status)).toEqual(['card', 'card', 'empty']);
    expect(reportExitCode(report)).toBe(EXIT.cannotUnblock);
    const text = renderReport(report, false);
    expectFits(text);
    expect(text).toContain('Lecteur 2 : Lecteur B');
    expectValid(renderReport(report, true));
  });

  it('a Vitale card in reader 00 and a CPS read fine in 01: the CPS’s verdict (was 33, card not recognised)', async () => {
    const transport = new InProcessTransport({ readers: ['Lecteur 00', 'Lecteur 01'] });
    transport.insert('Lecteur 00', createFixtureCard('vitale'));
    transport.insert('Lecteur 01', createFixtureCard('cps3-rpps'));
    const source: Source = { ok: true, transport, cards: createCardService(transport), close: () => transport.close() };
    const report = await collectReport({ source, demo: false, version: '1', now: NOW });
    expect(report.readers.map((r) => r.status)).toEqual(['unrecognised', 'card']);
    expect(reportExitCode(report)).toBe(EXIT.ok);
    // The Vitale card stays a note in its own reader's entry.
    const json = JSON.parse(renderReport(report, true)) as { readers: { verdict: string }[]; verdict: string };
    expect(json.readers.map((r) => r.verdict)).toEqual(['cardUnrecognised', 'ok']);
    expect(json.verdict).toBe('ok');
    // Beside a blocked-PIN CPS, the same: the CPS's code.
    transport.remove('Lecteur 01');
    transport.insert('Lecteur 01', createFixtureCard('puk-last-try'));
    const again = await collectReport({ source, demo: false, version: '1', now: NOW });
    expect(reportExitCode(again)).toBe(EXIT.lastTry);
  });

  it('an unknown card alone is still "not recognised"', async () => {
    const transport = new InProcessTransport({ readers: ['Lecteur 00'] });
    transport.insert('Lecteur 00', createFixtureCard('vitale'));
    const source: Source = { ok: true, transport, cards: createCardService(transport), close: () => transport.close() };
    expect(reportExitCode(await collectReport({ source, demo: false, version: '1', now: NOW }))).toBe(EXIT.cardUnrecognised);
  });

  it('no reader, no card, --reader matching nothing', async () => {
    const none = new InProcessTransport({ readers: [] });
    const r0 = await collectReport({
      source: { ok: true, transport: none, cards: createCardService(none), close: () => none.close() },
      demo: false,
      version: '1',
      now: NOW,
    });
    expect(reportExitCode(r0)).toBe(EXIT.noReader);
    expectValid(renderReport(r0, true));
    const empty = new InProcessTransport();
    const r1 = await collectReport({
      source: { ok: true, transport: empty, cards: createCardService(empty), close: () => empty.close() },
      demo: false,
      version: '1',
      now: NOW,
    });
    expect(reportExitCode(r1)).toBe(EXIT.noCard);
    const r2 = await collectReport({ source: demoSource('seed'), demo: true, reader: 'OMNIKEY 5422', version: '1', now: NOW });
    expect(reportExitCode(r2)).toBe(EXIT.noReader);
    const text = renderReport(r2, false);
    expect(text).toContain('Aucun lecteur ne correspond');
    expect(text).not.toContain('5422');
    expectValid(renderReport(r2, true));
  });

  it('without the PC/SC binding: says what to install, exit code of a missing module', async () => {
    const source = pcscSource(undefined, () => ({ ok: false, detail: 'libpcsclite.so.1: cannot open shared object file' }));
    const report = await collectReport({ source, demo: false, version: '1', now: NOW });
    expect(reportExitCode(report)).toBe(EXIT.bindingMissing);
    expect(renderReport(report, false)).toContain('sudo apt-get install pcscd');
    expectValid(renderReport(report, true));
  });

  it('text from the card is stripped of control characters (OSC 52 in a holder name)', async () => {
    const source = demoSource('seed');
    const report = await collectReport({ source, demo: true, version: '1', now: NOW });
    const card = report.readers[0]!.card!;
    const evil = {
      ...report,
      readers: [
        {
          ...report.readers[0]!,
          card: { ...card, holder: { ...card.holder, name: { ok: true as const, value: 'EMILE\u001b]52;c;ZXZpbA==\u0007\u009b' } } },
        },
      ],
    };
    for (const out of [renderReport(evil, false), renderReport(evil, true)]) {
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    }
  });
});

// Issue 11a: the schema describes every field the report emits (undecoded, lastUpdate,
// holder.certificate, lang...) and lets nothing else through: before, the card objects had no
// additionalProperties, so a field the schema did not know passed unseen.
describe('the schema describes the whole report', () => {
  async function reportOf(name: (typeof FIXTURE_NAMES)[number]) {
    const source = demoSource(name);
    const report = await collectReport({ source, demo: true, version: '9.9.9', now: NOW });
    if (source.ok) await source.close();
    return JSON.parse(renderReport(report, true)) as Record<string, unknown> & { readers: { card: Record<string, unknown> }[] };
  }

  it('the fields only some cards have are there, and checked: undecoded, lastUpdate, holder.certificate, lang', async () => {
    const pub = await reportOf('cps3-public');
    const card = pub.readers[0]!.card as {
      undecoded: { label: string; section: string; content: { size: number; nodes: unknown[] } }[];
      holder: { certificate?: string };
    };
    expect(card.undecoded.length).toBeGreaterThan(0);
    expect(card.undecoded[0]).toMatchObject({ label: expect.any(String), section: expect.any(String) });
    expect(card.holder.certificate).toBe('authentification');
    expectValid(JSON.stringify(pub));
    const rpps = await reportOf('cps3-rpps');
    expect(rpps.readers[0]!.card.lastUpdate).toMatchObject({ kind: 'date', encoding: expect.any(String) });
    expectValid(JSON.stringify(rpps));
    expect(rpps.lang).toBe('fr');
    // A lastUpdate the schema does not describe, an unknown section, a wrong lang: refused.
    for (const bad of [
      { ...rpps.readers[0]!.card, lastUpdate: { kind: 'date', iso: '2020-01-01' } },
      { ...pub.readers[0]!.card, undecoded: [{ ...card.undecoded[0]!, section: 'ailleurs' }] },
      { ...pub.readers[0]!.card, holder: { ...(pub.readers[0]!.card.holder as object), certificate: 'other' } },
    ])
      expect(validateReport({ ...rpps, readers: [{ ...rpps.readers[0]!, card: bad }] })).toBe(false);
    expect(validateReport({ ...rpps, lang: 'de' })).toBe(false);
  });

  it('a field the schema does not know fails validation, wherever it is', async () => {
    const pub = await reportOf('cps3-public');
    const rpps = await reportOf('cps3-rpps');
    /** Every object of the report, by path. */
    const objects = (v: unknown, path: string, out: string[]) => {
      if (Array.isArray(v)) v.forEach((x, i) => objects(x, `${path}/${i}`, out));
      else if (v !== null && typeof v === 'object') {
        out.push(path);
        for (const [k, x] of Object.entries(v)) objects(x, `${path}/${k}`, out);
      }
      return out;
    };
    for (const report of [pub, rpps]) {
      const paths = objects(report, '', []);
      expect(paths.length).toBeGreaterThan(20);
      const letThrough: string[] = [];
      for (const p of paths) {
        const copy = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
        const target = p
          .split('/')
          .slice(1)
          .reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, copy);
        target.addedByANewerTool = 1;
        if (validateReport(copy)) letThrough.push(p || '/');
      }
      expect(letThrough).toEqual([]);
    }
  });
});
