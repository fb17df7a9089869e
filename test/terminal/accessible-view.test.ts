// Issue 19: the accessible mode reads the whole card, through the real stack: the built tool in a
// real pseudo-terminal with TERM=dumb, a real pcscd, the vsmartcard virtual reader and `cps-audit
// simulate` behind it, in French and in English, read as the raw bytes the program wrote. The
// reader, model, serial, identifier, profession, issuer and dates; tab 3's certificates; tab 2's
// situations after the PIN (typed once, never echoed); the whole help on `?`. Before issue 19 it
// printed the holder's name and the codes' states only, and 1, 2, 3 and ? printed a key line.

import { describe, expect, it } from 'vitest';
import { CATALOGUES, fill, type Key, type Lang } from '../../src/i18n/index.js';
import { pcscdSeesCards, useBench } from '../support/bench.js';
import { VPCD_READERS } from '../support/pcscd.js';
import type { PtySession } from '../support/pty.js';

const bench = useBench({ quickack: true });

/** cps3-rpps's PIN (src/card/simulator/fixtures.ts). */
const PIN = '1234';

async function until(s: PtySession, text: string, timeoutMs = 20_000): Promise<void> {
  await s.waitFor(() => s.output().includes(text), text, timeoutMs);
}

describe.each(['fr', 'en'] as const)('the accessible mode through pcscd (%s)', (lang: Lang) => {
  const w = (k: Key, params?: Record<string, string | number>) => fill(CATALOGUES[lang][k], params);
  const row = (label: string, value: string) => `${label}${w('a11y.colon')}${value}`;

  it('TERM=dumb: the whole card, the certificates, the situations after the PIN, the help', async () => {
    const card = bench.card('cps3-rpps');
    await card.sim.waitFor('insérée');
    await pcscdSeesCards([VPCD_READERS[0]]);
    const s = bench.tool(['--lang', lang], { env: { TERM: 'dumb' } });

    // The card screen: every section, as the full screen has them.
    await until(s, row(w('field.validTo'), '28/02/2029'));
    for (const line of [
      w('section.reader'),
      row(w('field.selectedReader'), VPCD_READERS[0]),
      row(w('field.model'), 'CPS3'),
      row(w('field.serial'), '99104417'),
      w('section.holder'),
      row(w('field.holderName'), 'Mme MEDECIN-RPPS0001 Hélène'),
      row(w('field.identifier'), '10101234567 (RPPS)'),
      row(w('field.profession'), 'Médecin'),
      `[c] ${w('pin.change')}`,
      row(w('field.issuer'), '8025000001'),
      row(w('field.validFrom'), '01/03/2025'),
      w('a11y.i19.tabOpen', { key: '1', title: w('tab.info') }),
    ])
      expect(s.output(), line).toContain(line);

    // Tab 3: the certificates.
    s.write('3');
    await until(s, w('cert.authentification'));
    await until(s, row(`  ${w('field.serial')}`, '715E303BAE8CDB7D'));
    expect(s.output()).toContain(w('cert.signature'));
    expect(s.output()).toContain(row(`  ${w('field.certHolder')}`, 'MEDECIN-RPPS0001 Hélène'));

    // Tab 2: what a wrong PIN costs, the PIN asked once, then the situations printed.
    s.write('2');
    await until(s, w('msg.situationsCost.text'));
    s.write('\r');
    await until(s, w('a11y.prompt', { field: w('form.field.pin'), count: w('form.typed', { typed: 0, length: 4 }) }));
    await s.type(PIN.split(''));
    await until(s, w('a11y.prompt', { field: w('form.field.pin'), count: w('form.typed', { typed: 4, length: 4 }) }));
    s.write('\r');
    await until(s, w('a11y.button', { label: w('form.button.situations') }));
    s.write('\r');
    await until(s, 'CENTRE HOSPITALIER DE TEST');
    expect(s.output()).toContain(row(`  ${w('situation.company')}`, 'Cabinet du Dr Hélène MEDECIN-RPPS0001'));
    expect(s.output()).toContain(row(`  ${w('situation.structureId')}`, '750100018 (FINESS)'));
    expect(card.memory().pin.triesLeft).toBe(3);

    // ? : the whole help, not a key line.
    s.write('?');
    await until(s, w('help.noKeySends'));
    const help = s.output().slice(s.output().lastIndexOf(w('help.title')));
    expect(help.split('\n').length).toBeGreaterThan(40);
    expect(help).toContain(w('help.title'));

    s.write('q');
    s.write('q');
    await s.waitForExit(10_000);
    const raw = s.output();
    expect(raw).not.toContain('\u001b');
    // The PIN's digits are never written (its count is).
    expect(raw).not.toMatch(new RegExp(`${w('form.field.pin')}[^\\n]*${PIN}`));
    expect(raw.split(row(w('field.holderName'), 'Mme MEDECIN-RPPS0001 Hélène')).length - 1).toBe(1);
  });
});
