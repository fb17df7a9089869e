// Key b on the card screen (issue 22): the file for the support ticket, from what the screen
// holds (the card's report, the readers the tool sees), with the diagnosis of a fake workstation
// root (CPS_AUDIT_TEST_ROOT), the journal and its JSON twin, 0600; no new read of the card.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { helpText } from '../../src/app/cli/help-text.js';
import { startApp, type Harness } from '../support/app-harness.js';

let h: Harness | undefined;
let base: string;
const saved: Record<string, string | undefined> = {};

beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'bundle-key-'));
  const root = path.join(base, 'root');
  mkdirSync(path.join(root, 'etc/opt/santesocial/CPS'), { recursive: true });
  writeFileSync(path.join(root, 'etc/opt/santesocial/CPS/cps3_pkcs11.conf'), 'Traces { active = true; }\n');
  for (const [k, v] of Object.entries({ CPS_AUDIT_TEST_ROOT: root, XDG_STATE_HOME: path.join(base, 'state') })) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});
afterEach(async () => {
  await h?.unmount();
  h = undefined;
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(base, { recursive: true, force: true });
});

describe('b: the file for support, from the card screen', () => {
  it('writes the report on screen, the diagnosis and the journal, with a JSON twin, 0600', async () => {
    h = await startApp({ card: 'seed' });
    await h.readDone();
    const apdus = h.transport.apduCount;
    await h.press('b');
    await h.waitFor('Fichier pour le support');
    const file = path.join(base, 'ticket.txt');
    await h.press('\u007f'.repeat(80), file, '\r');
    await h.waitFor('✔ Fichier pour le support enregistré');
    const text = readFileSync(file, 'utf8');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    for (const part of [
      'M DENT-CS0595 EMILE',
      '✖ Carte CPS3 n° 99002752 : code porteur bloqué',
      '✖ Traces de la Cryptolib : activées',
      '✔ Lecteur « Lecteur simulé 00 » : ATR 3B AC 00 40',
      'Aucune opération enregistrée.',
    ])
      expect(text).toContain(part);
    expect(JSON.parse(readFileSync(path.join(base, 'ticket.json'), 'utf8')).kind).toBe('cps-audit-bundle');
    // Nothing was sent to the card for it.
    expect(h.transport.apduCount).toBe(apdus);
  });

  it('is in the help', () => {
    expect(helpText('1')).toMatch(/^ {4}b {16}enregistre le fichier pour le support/m);
  });
});
