// Issue 9 point 10: text from the card never reaches the terminal raw. A holder name or a
// certificate subject holding `ESC ] 52 ; …` (write the terminal's clipboard), C1 controls or
// DEL is stripped where it enters the report, so neither the report, the screen nor the trace
// carries it.

import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { CardReport } from '../../../src/card/cps/report.js';
import { createCardService } from '../../../src/card/cps/service.js';
import { SimulatedCps3Card } from '../../../src/card/simulator/cps3-card.js';
import { buildCps3Files, oursObjects } from '../../../src/card/simulator/cps3-files.js';
import { tlv } from '../../../src/card/simulator/der.js';
import { RPPS_HOLDER } from '../../../src/card/simulator/fixture-holders.js';
import { t } from '../../../src/i18n/index.js';
import { MAX_COMBINING, safeText } from '../../../src/card/safe-text.js';
import { InProcessTransport } from '../../../src/card/transport/in-process.js';
import { CardInfoTab } from '../../../src/screens/card-info-tab.js';
import { CertificatesTab } from '../../../src/screens/certificates-tab.js';
import { HolderSection } from '../../../src/screens/holder-section.js';
import { READER } from '../../support/in-process-card.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const OSC52 = '\u001b]52;c;SGVsbG8=\u0007';
const C1 = '\u009b2J'; // CSI as one C1 character: clears the screen on some terminals
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Issue 18 point 5: bidi controls (a name that reads as another), zero-width characters, a pile of
// combining marks (it eats the end of the line on screen).
const BIDI = '\u202eTNEDISERP\u202c\u2066x\u2069\u200f';
const ZERO_WIDTH = '\u200b\u200c\u200d\ufeff\u2060';
const MARKS = '\u0301'.repeat(50);
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|\p{M}{3}/u;

/** Every string anywhere in `v`. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (v instanceof Uint8Array || v instanceof Date) return out;
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

async function craftedCertificate(surname: string, given: string): Promise<Uint8Array> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const name = new x509.Name([
    { '2.5.4.3': ['810101234567'], '2.5.4.4': [surname], '2.5.4.42': [given] },
    { '2.5.4.12': [`Médecin${OSC52}`] },
    { '2.5.4.6': ['FR'] },
  ]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name,
    notBefore: new Date('2025-01-01'),
    notAfter: new Date('2028-01-01'),
    keys,
    signingAlgorithm: alg,
  });
  return new Uint8Array(cert.rawData);
}

async function craftedReport(): Promise<CardReport> {
  const h = { ...RPPS_HOLDER, surname: `EVIL${OSC52}${BIDI}${ZERO_WIDTH}`, givenName: `Jean${C1}\u007f`, situations: [] };
  const der = await craftedCertificate(`EVIL${OSC52}${BIDI}`, `Jean${C1}e${MARKS}${ZERO_WIDTH}`);
  const certs = { signature: { der, keyId: Uint8Array.of(1) }, authentication: { der, keyId: Uint8Array.of(2) } };
  // CPS_INFO_PS in an unknown layout, its text holding the escape: the generic view shows it.
  const objects = oursObjects(h).map((o) =>
    o.label === 'CPS_INFO_PS' ? { ...o, data: tlv(0xe3, tlv(0x80, new TextEncoder().encode(`SM26${OSC52}`))) } : o,
  );
  const card = new SimulatedCps3Card({
    fixture: 'x',
    files: buildCps3Files(h, certs, { objects }),
    memory: { pin: { code: '1234', triesLeft: 3 }, puk: { code: '12345678', triesLeft: 10, unblocksLeft: 100 } },
  });
  const transport = new InProcessTransport();
  transport.insert(READER, card);
  return createCardService(transport).read(READER);
}

describe('card text is stripped of control characters (issue 9 point 10)', () => {
  it('safeText removes C0, DEL and C1, keeps letters and accents', () => {
    expect(safeText(`EVIL${OSC52}`)).toBe('EVIL]52;c;SGVsbG8=');
    expect(safeText(`Hélène${C1}\u007f\u0000`)).toBe('Hélène2J');
    expect(safeText('A\tB\r\nC')).toBe('A B C');
  });

  it('safeText removes bidi controls and zero-width characters, and bounds combining marks (issue 18)', () => {
    expect(safeText(`A${BIDI}B`)).toBe('ATNEDISERPxB');
    expect(safeText(`A${ZERO_WIDTH}B\u00ad`)).toBe('AB');
    expect(safeText(`e${MARKS}nd`)).toBe(`e${'\u0301'.repeat(MAX_COMBINING)}nd`);
    // Letters with their accents, composed or not, and other scripts stay as they are.
    expect(safeText('Hélène Ngô Thị Müller 李 Ελένη')).toBe('Hélène Ngô Thị Müller 李 Ελένη');
    expect(safeText('He\u0301le\u0300ne q\u0307\u0323')).toBe('He\u0301le\u0300ne q\u0307\u0323');
  });

  it('every parameter of every sentence is made safe (a reader name, a file name, pcscd’s words)', () => {
    const name = `Evil${OSC52}\u001b[31m${BIDI}${ZERO_WIDTH}e${MARKS}`;
    const line = t('reader.noCard', { name });
    expect(line).toContain('Evil]52;c;SGVsbG8=[31mTNEDISERPxe');
    expect(line).not.toMatch(UNSAFE);
    // Line breaks meant by the message's author stay; a carriage return does not.
    expect(t('reader.noCard', { name: 'a\nb\rc' })).toContain('a\nb c');
  });

  it('a crafted holder object and certificate subject reach the report without a control character', async () => {
    const r = await craftedReport();
    expect(r.holder.name).toMatchObject({ ok: true, value: 'Mme EVIL]52;c;SGVsbG8=TNEDISERPx Jean2J' });
    const cert = r.certificates[0];
    expect(cert?.ok).toBe(true);
    if (cert?.ok) {
      expect(cert.value.holder).toBe(`EVIL]52;c;SGVsbG8=TNEDISERPx Jean2Je${'\u0301'.repeat(MAX_COMBINING)}`);
      expect(cert.value.subject).toContain('EVIL]52');
      expect(cert.value.subject).not.toMatch(CONTROL);
    }
    expect(r.undecoded.map((u) => u.label)).toEqual(['CPS_INFO_PS']);
    const bad = strings(r).filter((s) => UNSAFE.test(s));
    expect(bad).toEqual([]);
  });

  it('nor the screen', async () => {
    const r = await craftedReport();
    const frames = [
      render(createElement(HolderSection, { report: r })).lastFrame() ?? '',
      render(createElement(CardInfoTab, { report: r, now: new Date('2026-01-01') })).lastFrame() ?? '',
      render(createElement(CertificatesTab, { certificates: r.certificates, now: new Date('2026-01-01') })).lastFrame() ?? '',
    ].join('\n');
    expect(frames).toContain('EVIL]52;c;SGVsbG8=');
    expect(frames).not.toContain('\u001b]');
    expect(frames).not.toContain('\u0007');
    expect(frames).not.toContain('\u009b');
    // Ink's own colours and line breaks aside.
    expect(
      frames
        .replace(/\u001b\[[0-9;]*m/g, '')
        .split('\n')
        .filter((l) => UNSAFE.test(l)),
    ).toEqual([]);
  });
});
