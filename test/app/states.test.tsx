// Every state of the tool in words, with its remedy, on the real machine and transport, in French
// and in English (each catalogue's words; a few French literals at the end prove the reference).

import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createFixtureCard } from '../../src/card/simulator/fixtures.js';
import { TransportError } from '../../src/card/transport/errors.js';
import { DEFAULT_READER, InProcessTransport } from '../../src/card/transport/in-process.js';
import { createCardService } from '../../src/card/cps/service.js';
import { startApp, type Harness } from '../support/app-harness.js';
import { LANG_CASES, flat, row, wordsIn } from '../support/words.js';
import { t } from '../../src/i18n/index.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

describe.each(LANG_CASES)('states in words (%s)', (lang) => {
  const w = wordsIn(lang);
  it('no reader', async () => {
    h = await startApp({ readers: [], lang });
    const f = await h.waitFor(w('state.noReader'));
    expect(flat(f)).toContain(w('status.noReader.remedy'));
    expect(f).toContain(w('readers.none'));
  });

  it('a reader without a card', async () => {
    h = await startApp({ lang });
    const f = await h.waitFor(w('state.noCard'));
    expect(flat(f)).toContain(w('status.noCard.text'));
    expect(f).toContain(w('readers.none'));
    // The sections are there, empty, as in the seed's first window.
    for (const label of ['field.selectedReader', 'field.holderName', 'field.pinState'] as const) expect(f).toContain(w(label));
  });

  it('reading, then the card', async () => {
    h = await startApp({ lang });
    await h.waitFor(w('state.noCard'));
    h.transport.insert(DEFAULT_READER, createFixtureCard('seed'));
    await h.waitFor('M DENT-CS0595 EMILE');
    expect(h.frames().some((f) => f.includes(w('state.reading')))).toBe(true);
  });

  it('no PC/SC service, with the remedy; back by itself when it returns', async () => {
    h = await startApp({ card: 'seed', lang });
    await h.waitFor('M DENT-CS0595 EMILE');
    h.transport.stopService();
    const f = await h.waitFor(w('state.serviceUnavailable'));
    expect(f).toContain('sudo systemctl start pcscd');
    expect(f).not.toContain('DENT-CS0595');
    h.transport.startService();
    await h.waitFor('M DENT-CS0595 EMILE');
  });

  it('access refused by the PC/SC service (polkit, over SSH), with the remedy', async () => {
    h = await startApp({ card: 'seed', lang });
    await h.waitFor('M DENT-CS0595 EMILE');
    await act(async () => {
      h!.actor.send({
        type: 'TRANSPORT.SERVICE',
        service: { status: 'down', error: new TransportError('access-refused', 'accès refusé') },
      });
    });
    const f = await h.waitFor(w('state.accessRefused'));
    expect(f).toContain('polkit');
  });

  it('a card that is not a CPS, with its ATR', async () => {
    h = await startApp({ card: 'unknown', lang });
    const f = await h.waitFor(w('state.cardUnrecognised'));
    const atr = [...createFixtureCard('unknown').atr].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
    expect(f).toContain(atr);
    expect(f).not.toContain(w('pin.unblock'));
  });

  it('a card used by another program', async () => {
    h = await startApp({ lang });
    await h.waitFor(w('state.noCard'));
    h.transport.insert(DEFAULT_READER, createFixtureCard('seed'));
    // Another program takes the card exclusively before this tool reads it.
    const other = await h.transport.connect(DEFAULT_READER, 'exclusive');
    const f = flat(await h.waitFor(w('state.cardInUse')));
    expect(f.includes(w('msg.cardInUse.remedy')), f).toBe(true);
    await other.disconnect('leave');
    await h.waitFor('M DENT-CS0595 EMILE');
  });

  it('several cards: the user picks the reader by its number', async () => {
    h = await startApp({ readers: ['Lecteur A', 'Lecteur B'], card: 'cps3-rpps', more: [['Lecteur B', 'seed']], lang });
    const f = await h.waitFor(w('state.choosingReader'));
    expect(f).toContain(w('readers.many', { n: 2 }));
    expect(f).toMatch(/1 .*Lecteur A/);
    expect(f).toMatch(/2 .*Lecteur B/);
    await h.press('2');
    await h.waitFor('M DENT-CS0595 EMILE');
    expect(h.frame()).toMatch(row(w('field.selectedReader'), 'Lecteur B'));
    // l offers the list again; Esc goes back to the card already read.
    await h.press('l');
    await h.waitFor(w('state.choosingReader'));
    await h.press('\u001b');
    await h.waitFor('M DENT-CS0595 EMILE');
    await h.press('l');
    await h.waitFor(w('state.choosingReader'));
    await h.press('1');
    await h.waitFor('MEDECIN-RPPS0001');
  });

  it('a read that fails says so, with the remedy, and r reads again', async () => {
    h = await startApp({ lang });
    await h.waitFor(w('state.noCard'));
    h.transport.injectFault({ at: 1, kind: 'unresponsive' });
    h.transport.insert(DEFAULT_READER, createFixtureCard('seed'));
    const f = await h.waitFor(w('state.readFailed'));
    expect(f).toContain(w('msg.unresponsive.text'));
    expect(f).toContain(`r ${w('key.waiting.retry.bar')}`);
    await h.press('r');
    await h.waitFor('M DENT-CS0595 EMILE');
  });

  it('a PUK with no unblock left: final, with the ANS', async () => {
    h = await startApp({ card: 'puk-exhausted', lang });
    const f = await h.waitFor(w('state.pukUnusable'));
    expect(f).toContain(w('value.exhausted'));
    expect(f).toContain('Agence du Numérique en Santé');
    expect(f).not.toContain('[d]');
  });
});

describe('states: the reference wording (French)', () => {
  it('no card, pcscd missing, a failed read, as the French catalogue words them', async () => {
    h = await startApp();
    let f = await h.waitFor('Aucune carte');
    expect(f).toContain('Aucun lecteur ou carte présent.');
    h.transport.stopService();
    f = await h.waitFor('Service PC/SC indisponible');
    expect(f).toContain('sudo systemctl start pcscd');
  });

  it('a read that fails: "La carte ne répond pas." and r relire', async () => {
    h = await startApp();
    await h.waitFor('Aucune carte');
    h.transport.injectFault({ at: 1, kind: 'unresponsive' });
    h.transport.insert(DEFAULT_READER, createFixtureCard('seed'));
    const f = await h.waitFor('Lecture impossible');
    expect(f).toContain('La carte ne répond pas.');
    expect(f).toMatch(/r relire/);
  });
});

describe.each(LANG_CASES)('the read in two parts (%s)', (lang) => {
  const w = wordsIn(lang);
  it('shows the holder and codes while the certificates come; their tab says so until they are in', async () => {
    // APDUs of the first part: the card service's own count at its callback.
    const probe = new InProcessTransport();
    probe.insert(DEFAULT_READER, createFixtureCard('seed'));
    let firstApdus = 0;
    await createCardService(probe).read(DEFAULT_READER, () => (firstApdus = probe.apduCount));
    expect(firstApdus).toBeGreaterThan(0);

    h = await startApp({ lang });
    await h.waitFor(w('state.noCard'));
    // The card stops answering right after the first part: the certificates never come.
    h.transport.injectFault({ at: firstApdus + 1, kind: 'hang' });
    h.transport.insert(DEFAULT_READER, createFixtureCard('seed'));
    let f = await h.waitFor('M DENT-CS0595 EMILE');
    expect(f).toContain(`[d] ${w('pin.unblock')}`);
    await h.press('3');
    f = await h.waitFor((fr) => flat(fr).includes(t('msg.certificatesComing')));
    expect(f).not.toContain(w('cert.signature'));
    expect(f).not.toContain(w('cert.authentification'));
    expect(h.actor.getSnapshot().matches({ card: { rest: 'coming' } })).toBe(true);
  });

  it('the certificates tab lists them once the read is over', async () => {
    h = await startApp({ card: 'seed', lang });
    await h.readDone();
    await h.press('3');
    const f = await h.waitFor(w('cert.authentification'));
    expect(f).not.toContain(t('msg.certificatesComing'));
  });
});
