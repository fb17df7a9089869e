// Every state of the tool in words, with its remedy, on the real machine and transport.

import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createFixtureCard } from '../../src/card/simulator/fixtures.js';
import { TransportError } from '../../src/card/transport/errors.js';
import { DEFAULT_READER, InProcessTransport } from '../../src/card/transport/in-process.js';
import { createCardService } from '../../src/card/cps/service.js';
import { certificatesComing } from '../../src/machine/messages.js';
import { startApp, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

describe('states in words', () => {
  it('no reader', async () => {
    h = await startApp({ readers: [] });
    const f = await h.waitFor('Aucun lecteur');
    expect(f).toContain('Branchez');
    expect(f).toContain('Aucun lecteur ou carte présent.');
  });

  it('a reader without a card', async () => {
    h = await startApp();
    const f = await h.waitFor('Aucune carte');
    expect(f).toContain('Introduisez votre Carte de Professionnel de Santé');
    expect(f).toContain('Aucun lecteur ou carte présent.');
    // The sections are there, empty, as in the seed's first window.
    for (const label of ['Lecteur sélectionné', 'Nom du porteur', 'Etat du code porteur utilisateur']) expect(f).toContain(label);
  });

  it('reading, then the card', async () => {
    h = await startApp();
    await h.waitFor('Aucune carte');
    h.transport.insert(DEFAULT_READER, createFixtureCard('seed'));
    await h.waitFor('M DENT-CS0595 EMILE');
    expect(h.frames().some((f) => f.includes('Lecture de la carte'))).toBe(true);
  });

  it('no PC/SC service, with the remedy; back by itself when it returns', async () => {
    h = await startApp({ card: 'seed' });
    await h.waitFor('M DENT-CS0595 EMILE');
    h.transport.stopService();
    const f = await h.waitFor('Service PC/SC indisponible');
    expect(f).toContain('sudo systemctl start pcscd');
    expect(f).not.toContain('DENT-CS0595');
    h.transport.startService();
    await h.waitFor('M DENT-CS0595 EMILE');
  });

  it('access refused by the PC/SC service (polkit, over SSH), with the remedy', async () => {
    h = await startApp({ card: 'seed' });
    await h.waitFor('M DENT-CS0595 EMILE');
    await act(async () => {
      h!.actor.send({
        type: 'TRANSPORT.SERVICE',
        service: { status: 'down', error: new TransportError('access-refused', 'accès refusé') },
      });
    });
    const f = await h.waitFor('Accès refusé par le service PC/SC');
    expect(f).toContain('polkit');
  });

  it('a card that is not a CPS, with its ATR', async () => {
    h = await startApp({ card: 'unknown' });
    const f = await h.waitFor('Carte non reconnue');
    const atr = [...createFixtureCard('unknown').atr].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
    expect(f).toContain(atr);
    expect(f).not.toContain('Débloquer votre code porteur');
  });

  it('a card used by another program', async () => {
    h = await startApp();
    await h.waitFor('Aucune carte');
    h.transport.insert(DEFAULT_READER, createFixtureCard('seed'));
    // Another program takes the card exclusively before this tool reads it.
    const other = await h.transport.connect(DEFAULT_READER, 'exclusive');
    const f = await h.waitFor(/utilisée par un autre programme/);
    expect(f).toMatch(/Fermez le programme/);
    await other.disconnect('leave');
    await h.waitFor('M DENT-CS0595 EMILE');
  });

  it('several cards: the user picks the reader by its number', async () => {
    h = await startApp({ readers: ['Lecteur A', 'Lecteur B'], card: 'cps3-rpps', more: [['Lecteur B', 'seed']] });
    const f = await h.waitFor('Choix du lecteur');
    expect(f).toContain('2 lecteurs de carte connectés.');
    expect(f).toMatch(/1 .*Lecteur A/);
    expect(f).toMatch(/2 .*Lecteur B/);
    await h.press('2');
    await h.waitFor('M DENT-CS0595 EMILE');
    expect(h.frame()).toContain('Lecteur sélectionné  Lecteur B');
    // l offers the list again; Esc goes back to the card already read.
    await h.press('l');
    await h.waitFor('Choix du lecteur');
    await h.press('\u001b');
    await h.waitFor('M DENT-CS0595 EMILE');
    await h.press('l');
    await h.waitFor('Choix du lecteur');
    await h.press('1');
    await h.waitFor('MEDECIN-RPPS0001');
  });

  it('a read that fails says so, with the remedy, and r reads again', async () => {
    h = await startApp();
    await h.waitFor('Aucune carte');
    h.transport.injectFault({ at: 1, kind: 'unresponsive' });
    h.transport.insert(DEFAULT_READER, createFixtureCard('seed'));
    const f = await h.waitFor('Lecture impossible');
    expect(f).toContain('La carte ne répond pas.');
    expect(f).toMatch(/r relire/);
    await h.press('r');
    await h.waitFor('M DENT-CS0595 EMILE');
  });

  it('a PUK with no unblock left: final, with the ANS', async () => {
    h = await startApp({ card: 'puk-exhausted' });
    const f = await h.waitFor('Déblocage impossible');
    expect(f).toContain('Épuisé (plus aucun déblocage possible)');
    expect(f).toContain('Agence du Numérique en Santé');
    expect(f).not.toContain('[d]');
  });
});

describe('the read in two parts', () => {
  it('shows the holder and codes while the certificates come; their tab says so until they are in', async () => {
    // APDUs of the first part: the card service's own count at its callback.
    const probe = new InProcessTransport();
    probe.insert(DEFAULT_READER, createFixtureCard('seed'));
    let firstApdus = 0;
    await createCardService(probe).read(DEFAULT_READER, () => (firstApdus = probe.apduCount));
    expect(firstApdus).toBeGreaterThan(0);

    h = await startApp();
    await h.waitFor('Aucune carte');
    // The card stops answering right after the first part: the certificates never come.
    h.transport.injectFault({ at: firstApdus + 1, kind: 'hang' });
    h.transport.insert(DEFAULT_READER, createFixtureCard('seed'));
    let f = await h.waitFor('M DENT-CS0595 EMILE');
    expect(f).toContain('[d] Débloquer votre code porteur');
    await h.press('3');
    f = await h.waitFor(certificatesComing());
    expect(f).not.toContain('Certificat d');
    expect(h.actor.getSnapshot().matches({ card: { rest: 'coming' } })).toBe(true);
  });

  it('the certificates tab lists them once the read is over', async () => {
    h = await startApp({ card: 'seed' });
    await h.readDone();
    await h.press('3');
    const f = await h.waitFor("Certificat d'authentification");
    expect(f).not.toContain(certificatesComing());
  });
});
