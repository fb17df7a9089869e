// What a support technician uses, on the built tool in a real pseudo-terminal (80×24): the trace
// of an unblock and a change holds neither code in any encoding; Ctrl-C during an unblock waits
// for it, then one line on stderr says how it ended, with the documented exit code (in English
// too); DEV=true; `report` piped, and in English.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/app/exit-codes.js';
import { fillUnblock, openUnblock, useTool } from '../support/pty-build.js';
import type { PtySession } from '../support/pty.js';

const kit = useTool();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-support-'));
const KEEP = process.env.CPS_KEEP_TRACE;

afterAll(() => {
  if (KEEP) fs.copyFileSync(path.join(dir, 'trace.txt'), KEEP);
  fs.rmSync(dir, { recursive: true, force: true });
});

const PUK = '12345678';
// Two-byte BCD forms can occur by chance in the card's own data (certificates): these codes were
// checked absent from the fixture's trace in every encoding, so a hit can only be a leak.
const NEW_PIN = '2468';
const CHANGED_PIN = '8642';

/** Every way a code could be written in a trace: digits, ASCII bytes, BCD, nibbles with F padding, base64. */
function encodings(code: string): string[] {
  const ascii = [...code].map((c) => c.charCodeAt(0));
  const bcd: number[] = [];
  for (let i = 0; i < code.length; i += 2) bcd.push(Number.parseInt((code[i] ?? 'F') + (code[i + 1] ?? 'F'), 16));
  const hexes = (bytes: number[]) => {
    const h = bytes.map((b) => b.toString(16).padStart(2, '0'));
    return [h.join(' '), h.join(''), h.join(':')].flatMap((s) => [s.toUpperCase(), s.toLowerCase()]);
  };
  return [
    code,
    ...hexes(ascii),
    ...hexes(bcd),
    `${code}F`,
    `${code}f`,
    Buffer.from(ascii).toString('base64').replace(/=+$/, ''),
    Buffer.from(bcd).toString('base64').replace(/=+$/, ''),
  ];
}

async function unblockThenChange(s: PtySession) {
  await s.waitForText('M DENT-CS0595 EMILE', 15_000);
  await openUnblock(s);
  await fillUnblock(s, PUK, NEW_PIN);
  s.write('\r');
  await s.waitForText('débloqué avec succès', 15_000);
  s.write('i');
  await s.waitForText(/[Rr]éinsérez/);
  s.write('i');
  await s.waitForText('OK (3 essais sur 3)', 15_000);
  s.write('c');
  await s.waitForText('Code porteur actuel');
  await s.type([...NEW_PIN, '\t', ...CHANGED_PIN, '\t', ...CHANGED_PIN, '\t']);
  await s.waitForText('▶ [ Changer ] ◀');
  s.write('\r');
  await s.waitForText('changé avec succès', 15_000);
}

describe('support tools in a real terminal', () => {
  it('--trace: an unblock and a change leave neither code, in any encoding, in the trace (0600, masked commands)', async () => {
    const trace = path.join(dir, 'trace.txt');
    const s = kit.tool(['--demo', '--trace', trace]);
    await unblockThenChange(s);
    s.write('q');
    const exit = await s.waitForExit();
    // The seed card expired in 2014: 13 after the unblock and the change (issue 17), not 0.
    expect(exit.exitCode).toBe(EXIT.expired);
    const text = fs.readFileSync(trace, 'utf8');
    expect(fs.statSync(trace).mode & 0o777).toBe(0o600);
    expect(text.split('\n')[0]).toBe('# cps-audit trace v1');
    expect(text).toMatch(/# node : \d+/);
    expect(text).toMatch(/# pcsc-lite : /);
    // The masked commands are there: RESET RETRY COUNTER and CHANGE REFERENCE DATA went out.
    expect(text).toMatch(/> 00 2C [0-9A-F]{2} [0-9A-F]{2} [0-9A-F]{2} (\*\* )+/);
    expect(text).toMatch(/> 00 24 [0-9A-F]{2} [0-9A-F]{2} [0-9A-F]{2} (\*\* )+/);
    for (const code of [PUK, NEW_PIN, CHANGED_PIN]) {
      for (const form of encodings(code)) expect(text.includes(form), `${code} sous la forme « ${form} »`).toBe(false);
    }
    expect(s.output()).not.toContain(PUK);
  }, 90_000);

  it('Ctrl-C during an unblock waits for it, then says on stderr how it ended, with its exit code', async () => {
    const s = kit.tool(['--demo']);
    await s.waitForText('M DENT-CS0595 EMILE', 15_000);
    await openUnblock(s);
    await fillUnblock(s, '87654321', '4321');
    // The tries read as the form opened are in (an Enter held while they are read is dropped by
    // a quit that follows: nothing was sent yet, and nothing will be).
    await s.waitForNoText('Lecture des compteurs de la carte', 10_000);
    // Enter then Ctrl-C in one write: the quit arrives while the unblock is on its way.
    s.write('\r\u0003');
    const exit = await s.waitForExit();
    expect(s.onAlternateBuffer()).toBe(false);
    const after = s.output().slice(s.output().lastIndexOf('\u001b[?1049l'));
    expect(after).toContain('cps-audit : carte 99002752 (CPS3), code porteur bloqué');
    expect(after).toContain('dernière opération : déblocage refusé : Code de déblocage erroné. Il vous reste 9 essais.');
    expect(after).toContain(`code de sortie ${EXIT.operationFailed}`);
    expect(exit.exitCode).toBe(EXIT.operationFailed);
    process.stdout.write(`\nligne de sortie : ${after.replace(/\u001b\[[0-9;?]*[a-zA-Z]/g, '').trim()}\n`);

    const ok = kit.tool(['--demo']);
    await ok.waitForText('M DENT-CS0595 EMILE', 15_000);
    await openUnblock(ok);
    await fillUnblock(ok, PUK, '4321');
    // As above: the tries read first, else the Enter is held and the quit drops it (nothing sent).
    await ok.waitForNoText('Lecture des compteurs de la carte', 10_000);
    ok.write('\r\u0003');
    const done = await ok.waitForExit();
    const line = ok.output().slice(ok.output().lastIndexOf('\u001b[?1049l'));
    expect(line).toContain('code porteur débloqué ; dernière opération : déblocage réussi — code de sortie 13');
    expect(done.exitCode).toBe(EXIT.expired);
  }, 90_000);

  it('q on the card screen: the exit code of the card shown, and the line that says it', async () => {
    const s = kit.tool(['--demo', '--card', 'puk-blocked']);
    await s.waitForText('Verrouillé (0 essai sur 10)', 15_000);
    s.write('q');
    const exit = await s.waitForExit();
    expect(exit.exitCode).toBe(EXIT.cannotUnblock);
    expect(s.output()).toMatch(/aucune opération — code de sortie 11/);
  });

  // Issue 11a: the exit line, written once the terminal is restored, in the chosen language.
  it('q on the card screen in English (LANG=en_US.UTF-8): the exit line in English', async () => {
    const s = kit.tool(['--demo', '--card', 'puk-blocked'], { env: { LANG: 'en_US.UTF-8', LC_ALL: '' } });
    await s.waitForText('Locked (0 tries of 10)', 15_000);
    s.write('q');
    const exit = await s.waitForExit();
    expect(exit.exitCode).toBe(EXIT.cannotUnblock);
    expect(s.output()).toMatch(/cps-audit: card 99002754 \(CPS3\), PIN blocked, unblock code blocked; no operation — exit code 11/);
  });

  // Issue 9 point 12: before, the bundle's devtools stub had no initialize() and DEV=true crashed.
  it('DEV=true does not crash the bundle', async () => {
    const s = kit.tool(['--demo'], { env: { DEV: 'true' } });
    await s.waitForText('M DENT-CS0595 EMILE', 15_000);
    s.write('q');
    const exit = await s.waitForExit();
    expect(exit.exitCode).toBe(EXIT.pinBlocked);
  });

  it('report works piped: text, then JSON, with the card exit code', () => {
    const text = spawnSync(process.execPath, [kit.bundle, 'report', '--demo'], { encoding: 'utf8' });
    expect(text.status).toBe(EXIT.pinBlocked);
    expect(text.stdout).toMatch(/^ {2}Nom du porteur +M DENT-CS0595 EMILE$/m);
    for (const line of text.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    const json = spawnSync(process.execPath, [kit.bundle, 'report', '--demo', '--json'], { encoding: 'utf8' });
    expect(json.status).toBe(EXIT.pinBlocked);
    expect(JSON.parse(json.stdout).schemaVersion).toBe(3);
    const version = spawnSync(process.execPath, [kit.bundle, '--version'], { encoding: 'utf8' });
    expect(version.stdout).toMatch(/^cps-audit \d+\.\d+\.\d+\nNode \d+\.\d+\.\d+\nmodule PC\/SC \(pcsclite\) : chargé\n$/);
    const help = spawnSync(process.execPath, [kit.bundle, 'help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toBe(spawnSync(process.execPath, [kit.bundle, '--help'], { encoding: 'utf8' }).stdout);
    // Issue 11a: the bundle speaks English too (help, report, the refusal of a redirected screen).
    const en = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
    const helpEn = spawnSync(process.execPath, [kit.bundle, '--help'], { encoding: 'utf8', env: en });
    expect(helpEn.stdout).toMatch(/^cps-audit \S+ — CPS card audit/);
    expect(helpEn.stdout).toBe(spawnSync(process.execPath, [kit.bundle, '--help', '--lang', 'en'], { encoding: 'utf8' }).stdout);
    const reportEn = spawnSync(process.execPath, [kit.bundle, 'report', '--demo', '--lang', 'en'], { encoding: 'utf8' });
    expect(reportEn.status).toBe(EXIT.pinBlocked);
    expect(reportEn.stdout).toMatch(/^ {2}Holder name +M DENT-CS0595 EMILE$/m);
    expect(reportEn.stdout).toContain('Result: exit code 10');
    const notTty = spawnSync(process.execPath, [kit.bundle, '--demo', '--lang', 'en'], { encoding: 'utf8' });
    expect(notTty.stderr).toContain('cps-audit: this tool runs full screen and must be started in a terminal');
    const interactive = spawnSync(process.execPath, [kit.bundle, '--demo'], { encoding: 'utf8' });
    expect(interactive.status).toBe(EXIT.notTerminal);
    expect(interactive.stderr).toContain('cps-audit report');
  });
});
