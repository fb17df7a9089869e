// `cps-audit bundle [FILE]` (issue 22): one file for the ticket with the report, the diagnosis
// (here of a fake workstation root), the journal and the last trace, a JSON twin, 0600; replaced
// only when it is a bundle of ours, refused through a link or over another file.

import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_MAGIC, runBundle } from '../../../src/app/commands/bundle.js';
import { EXIT } from '../../../src/app/exit-codes.js';
import { appendJournal } from '../../../src/app/commands/journal.js';
import { rememberTrace } from '../../../src/app/last-trace.js';
import { openTrace } from '../../../src/app/trace-file.js';
import { workstation } from '../../../src/app/commands/workstation.js';
import { InProcessTransport } from '../../../src/card/transport/in-process.js';
import { setLanguage } from '../../../src/i18n/index.js';

let base: string;
let env: NodeJS.ProcessEnv;

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { stream, text: () => text };
}

beforeEach(() => {
  setLanguage('fr');
  base = mkdtempSync(path.join(os.tmpdir(), 'bundle-'));
  env = { XDG_STATE_HOME: path.join(base, 'state') };
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

async function bundle(file: string) {
  const root = path.join(base, 'root');
  mkdirSync(path.join(root, 'etc/opt/santesocial/CPS'), { recursive: true });
  writeFileSync(path.join(root, 'etc/opt/santesocial/CPS/cps3_pkcs11.conf'), 'Traces\n{\n  active = true;\n}\n');
  const readers = new InProcessTransport({ readers: ['Lecteur vide'] });
  const out = sink();
  const err = sink();
  const code = await runBundle({ kind: 'bundle', file, demo: true, card: 'seed' }, '9.9.9', {
    env,
    out: out.stream,
    err: err.stream,
    // The workstation's readers: an empty simulated reader (no pcscd in unit tests).
    diagnose: { workstation: workstation({ CPS_AUDIT_TEST_ROOT: root }), transport: readers },
  });
  return { code, out: out.text(), err: err.text() };
}

describe('the file for the ticket', () => {
  it('holds the report, the diagnosis, the journal and the last trace, with a JSON twin, 0600', async () => {
    appendJournal(
      {
        operation: 'unblock',
        outcome: 'done',
        card: { serial: '99002752', model: 'CPS3' },
        before: { pin: 0, puk: 10 },
        after: { pin: 3, puk: null },
      },
      { env, version: '9.9.9' },
    );
    const tracePath = path.join(base, 'trace.txt');
    const trace = openTrace(tracePath, ['head']);
    if (!trace.ok) throw new Error(trace.message);
    trace.trace.line('une ligne de la trace');
    trace.trace.close();
    rememberTrace(tracePath, env);

    const file = path.join(base, 'ticket.txt');
    const r = await bundle(file);
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain(`${file} (et ${path.join(base, 'ticket.json')})`);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(`${BUNDLE_MAGIC}\n`)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(base, 'ticket.json')).mode & 0o777).toBe(0o600);
    for (const part of [
      '== 1. Rapport des lecteurs et des cartes',
      'M DENT-CS0595 EMILE',
      '== 2. Diagnostic du poste',
      '· Lecteur « Lecteur vide » : aucune carte',
      '✖ Traces de la Cryptolib : activées',
      '== 3. Journal des opérations',
      'unblock : done — CPS3 n° 99002752 — code porteur 0→3',
      '== 4. Dernière trace APDU',
      'une ligne de la trace',
    ])
      expect(text).toContain(part);
    const json = JSON.parse(readFileSync(path.join(base, 'ticket.json'), 'utf8'));
    expect(json.kind).toBe('cps-audit-bundle');
    expect(json.report.readers[0].card.serial).toBeDefined();
    expect(json.diagnosis.checks.some((c: { id: string; status: string }) => c.id === 'cryptolib-traces' && c.status === 'problem')).toBe(
      true,
    );
    expect(json.journal.entries).toHaveLength(1);
    expect(json.trace.lines.join('\n')).toContain('une ligne de la trace');

    // A bundle of ours is replaced.
    expect((await bundle(file)).code).toBe(EXIT.ok);
  });

  it('without a trace, says how to make one', async () => {
    const file = path.join(base, 'b.txt');
    expect((await bundle(file)).code).toBe(EXIT.ok);
    expect(readFileSync(file, 'utf8')).toContain('relancez cps-audit avec --trace FICHIER');
  });

  it('refuses a symbolic link and a file not of ours, leaving them untouched', async () => {
    const target = path.join(base, 'precious.txt');
    writeFileSync(target, 'precious\n');
    const link = path.join(base, 'link.txt');
    symlinkSync(target, link);
    const r = await bundle(link);
    expect(r.code).toBe(EXIT.fileError);
    expect(r.err).toContain('lien symbolique');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');

    const r2 = await bundle(target);
    expect(r2.code).toBe(EXIT.fileError);
    expect(r2.err).toContain('n’est pas un dossier cps-audit');
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
  });
});
