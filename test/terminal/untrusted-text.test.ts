// Issue 18 points 4 and 5, through a real pcscd: a reader's name comes from the device (a USB
// reader's own strings), and reached the full screen raw: `ESC ] 0 ;` changed the terminal's
// title, `ESC ] 52 ;` wrote its clipboard. Here pcscd's readers are named so (reader.conf's
// FRIENDLYNAME), with bidi controls, zero-width characters and a pile of combining marks too, and
// the raw bytes of every way the tool shows a reader name are scanned: the full screen (the reader
// list and the reader section), the accessible mode, the report (text and JSON), diagnose, the trace.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBench } from '../support/bench.js';

const OSC_TITLE = '\u001b]0;READER-PWNED\u0007';
const OSC52 = '\u001b]52;c;UkVBREVS\u0007';
const SGR_RED = '\u001b[31m';
const RLO = '\u202e';
const ZWSP = '\u200b';
const MARKS = '\u0301'.repeat(10);
const EVIL = `Evil${OSC_TITLE}${OSC52}${SGR_RED}${RLO}RDR${ZWSP}e${MARKS}`;
/** How the name shows once made safe (safeText): printable text only, two marks at most. */
const SHOWN = 'Evil]0;READER-PWNED]52;c;UkVBREVS[31mRDR';

const bench = useBench({ quickack: true, friendlyName: EVIL });

/** What must never reach a terminal from outside: OSC, BEL, bidi controls, zero-width, 3+ marks. */
function unsafe(raw: string): string[] {
  const found: string[] = [];
  if (raw.includes('\u001b]')) found.push('ESC ] (OSC)');
  if (raw.includes('\u0007')) found.push('BEL');
  if (raw.includes('READER-PWNED\u0007')) found.push('titre');
  if (/[\u202a-\u202e\u2066-\u2069]/.test(raw)) found.push('bidi');
  if (/[\u200b-\u200f\ufeff]/.test(raw)) found.push('largeur nulle');
  if (/\p{M}{3}/u.test(raw)) found.push('marques combinantes');
  return found;
}

/** The tool without a terminal: its stdout, and its stderr after it. */
function run(args: readonly string[]): Promise<{ out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bench.bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} ne se termine pas`));
    }, 30_000);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve({ out, err });
    });
  });
}

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

describe('a reader named with escapes, bidi and zero-width characters (issue 18 points 4, 5)', () => {
  it('never drives the terminal: full screen, accessible mode, report, JSON, diagnose, trace', async () => {
    const seed = bench.card('seed', 0);
    const cps4 = bench.card('cps4', 1);
    await Promise.all([seed.sim.waitFor('insérée'), cps4.sim.waitFor('insérée')]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-untrusted-'));
    const trace = path.join(dir, 'trace.txt');
    try {
      // Two cards: the reader list shows both names; then the reader section shows the chosen one.
      const s = bench.tool(['--trace', trace]);
      await s.waitForText('RDR', 30_000);
      s.write('1');
      await s.waitForText('99002752', 30_000);
      s.write('q');
      await s.waitForExit(10_000);
      expect(s.output()).toContain(SHOWN);
      expect(unsafe(s.output())).toEqual([]);
      expect(unsafe(fs.readFileSync(trace, 'utf8'))).toEqual([]);

      const a = bench.tool(['--accessible']);
      await a.waitFor(() => a.output().length > 200, 'le mode accessible', 20_000);
      await new Promise((r) => setTimeout(r, 1_500));
      a.write('q');
      await a.waitForExit(10_000);
      expect(unsafe(a.output())).toEqual([]);

      const text = await run(['report']);
      expect(text.out).toContain('RDR');
      expect(unsafe(text.out + text.err)).toEqual([]);
      const json = await run(['report', '--json']);
      expect(unsafe(json.out + json.err)).toEqual([]);
      const names = strings(JSON.parse(json.out));
      expect(names.some((n) => n.includes('RDR'))).toBe(true);
      expect(names.filter((n) => /[\u0000-\u001f\u007f-\u009f]/.test(n))).toEqual([]);
      const diag = await run(['diagnose']);
      expect(diag.out).toContain('RDR');
      expect(unsafe(diag.out + diag.err)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
