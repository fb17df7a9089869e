// Benchmarks (figures for the README, never asserted by tests): APDUs and time of each card
// operation in process; for each simulated card, APDUs, bytes and time to the first part of the
// read (holder, codes) and to the full read, in process and at real link speed (link-speed.ts);
// the tool's start-up to the seed card on screen beside `node -e 0`, bundle against tsx; key to
// frame and peak memory in a pty; then, holding the machine's system-test lock for the whole
// pcscd part (one pcscd per machine): reads through pcscd + vpcd, OpenSC 0.23 on the same
// simulated cards (as ratios to ours), and the tool's idle CPU with pcscd absent, a reader and no
// card, and a card.
// Run: npm run bench   (builds dist/ first if needed; about seven minutes, half of it in the lock)
//      npm run bench -- start keys   (only those parts: phases, ops, cardtest, start, keys, system, mute)
//      CPS_AUDIT_BENCH_BUNDLE=path/to/cps-audit.mjs npm run bench -- mute   (another build, for a before/after)

import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCardService } from '../src/card/cps/service.js';
import { createFixtureCard, type FixtureName } from '../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../src/card/transport/in-process.js';
import { spawnSync } from 'node:child_process';
import { createPcscTransport } from '../src/card/transport/pcsc.js';
import type { ReaderState, Transport } from '../src/card/transport/transport.js';
import { VirtualCard } from '../src/card/vpcd/virtual-card.js';
import { startPcscd, VPCD_READERS } from './lib/pcscd.js';
import { spawnSimulate } from './lib/pcscd-simulate.js';
import { until } from './lib/pcscd-wait.js';
import type { PtySession } from './lib/pty.js';
import type { TraceEntry } from '../src/card/apdu/trace.js';
import { startPty } from './lib/pty.js';
import { bundle, ensureBuilt, fillUnblock, openUnblock } from './lib/pty-build.js';
import { NODE_FLAGS } from './node-flags.mjs';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function cardOperation(fixture: FixtureName, op: 'read' | 'unblock' | 'change', runs = 21) {
  const times: number[] = [];
  let apdus = 0;
  for (let i = 0; i < runs; i++) {
    const transport = new InProcessTransport();
    transport.insert(DEFAULT_READER, createFixtureCard(fixture));
    const service = createCardService(transport);
    const t0 = performance.now();
    if (op === 'read') await service.read(DEFAULT_READER);
    else if (op === 'unblock') await service.unblockPin(DEFAULT_READER, '12345678', '2468');
    else await service.changePin(DEFAULT_READER, '1234', '2468');
    times.push(performance.now() - t0);
    apdus = transport.apduCount;
    await transport.close();
  }
  console.log(
    `${fixture.padEnd(9)} ${op.padEnd(8)} ${String(apdus).padStart(3)} APDU   médiane ${ms(median(times))}  (min ${ms(Math.min(...times))}, ${runs} essais)`,
  );
}

function rssMiB(pid: number): string {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return hwm ? `${(Number(hwm[1]) / 1024).toFixed(0)} Mio` : '?';
  } catch {
    return '?';
  }
}

async function startUp(label: string, command: string, args: string[], runs: number, env?: Record<string, string>): Promise<number> {
  const times: number[] = [];
  const cpu: number[] = [];
  let peak = '?';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const pty = startPty({ command, args, ...(env ? { env } : {}) });
    await frameWith(pty, 0, '99002752', 30_000); // the raw output, polled every millisecond
    times.push(performance.now() - t0);
    cpu.push(cpuMs(pty.pid));
    peak = rssMiB(pty.pid);
    pty.write('q');
    await pty.waitForExit(10_000).catch(() => pty.kill());
  }
  console.log(
    `${label.padEnd(34)} médiane ${ms(median(times))}  (min ${ms(Math.min(...times))}), CPU du processus ${ms(median(cpu))}, mémoire max ${peak}`,
  );
  return median(times);
}

const bytesOf = (t: readonly TraceEntry[]) =>
  t.reduce((n, e) => n + e.command.split(' ').length + (e.response ? e.response.split(' ').length : 0), 0);

/** Insertion to the first part (onFirst) and to the full read: APDUs, bytes, median time. */
async function phases(fixture: FixtureName, realSpeed: boolean, runs: number) {
  const first: number[] = [];
  const full: number[] = [];
  let f = { apdus: 0, bytes: 0 };
  let all = { apdus: 0, bytes: 0 };
  let early = false;
  for (let i = 0; i < runs; i++) {
    const transport = new InProcessTransport(realSpeed ? { realSpeed: {} } : {});
    transport.insert(DEFAULT_READER, createFixtureCard(fixture));
    const traces: TraceEntry[] = [];
    const service = createCardService(transport, { onTrace: (e) => traces.push(e) });
    const t0 = performance.now();
    let tFirst = Number.NaN;
    await service.read(DEFAULT_READER, () => {
      tFirst = performance.now() - t0;
      f = { apdus: transport.apduCount, bytes: bytesOf(traces) };
      early = true;
    });
    const tFull = performance.now() - t0;
    all = { apdus: transport.apduCount, bytes: bytesOf(traces) };
    if (!early) f = all;
    first.push(Number.isNaN(tFirst) ? tFull : tFirst);
    full.push(tFull);
    await transport.close();
  }
  console.log(
    `${fixture.padEnd(13)} ${realSpeed ? 'vitesse réelle' : 'en processus  '}  1re partie ${String(f.apdus).padStart(2)} APDU ${String(f.bytes).padStart(5)} o ${ms(median(first)).padStart(10)}` +
      `   complète ${String(all.apdus).padStart(2)} APDU ${String(all.bytes).padStart(5)} o ${ms(median(full)).padStart(10)}${early ? '' : '  (porteur pris du certificat : pas de 1re partie)'}`,
  );
}

function bareNode(runs = 7, node = process.execPath, label = 'node -e 0 (nu)'): number {
  const times: number[] = [];
  const cpu: number[] = [];
  const script = "process.on('exit', () => { const u = process.cpuUsage(); process.stdout.write(String((u.user + u.system) / 1000)); })";
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(node, ['-e', script], { encoding: 'utf8' });
    times.push(performance.now() - t0);
    cpu.push(Number(r.stdout));
  }
  console.log(`${label.padEnd(34)} médiane ${ms(median(times))}  (min ${ms(Math.min(...times))}), CPU du processus ${ms(median(cpu))}`);
  return median(times);
}

// ——— Issue 14, the rest of its list: key to frame, peak memory, pcscd + vpcd, OpenSC, idle CPU ———

const SYSTEM_LOCK = '/tmp/cps-system-tests.lock';
const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux
const pct = (x: number) => `${x.toFixed(2)} %`;

/** CPU time (user + system) of a process so far, from /proc/PID/stat, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
}

function peakMiB(pid: number): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return hwm ? Number(hwm[1]) / 1024 : Number.NaN;
}

/** Waits, polling every millisecond, until the tool's raw output since `from` shows `text` and then the end of a frame. */
async function frameWith(pty: PtySession, from: number, text: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const out = pty.output().slice(from);
    const at = out.indexOf(text);
    // Ink wraps each frame in a synchronized update (CSI ? 2026 h … l); without it, the text is the frame.
    if (at >= 0 && (!out.includes('\x1b[?2026h') || out.indexOf('\x1b[?2026l', at) >= 0)) return;
    if (Date.now() > end) throw new Error(`banc : « ${text} » n’apparaît pas`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

async function endTool(pty: PtySession): Promise<void> {
  pty.write('q');
  await pty.waitForExit(10_000).catch(async () => {
    pty.kill('SIGKILL');
    await pty.waitForExit(5_000).catch(() => undefined);
  });
}

/**
 * Key to frame: the tab keys 2 and 1 in turn on the seed card (demo), time to the frame showing
 * the new tab, and to the last frame the key caused (any frame within 150 ms after it: Ink
 * used to write each one twice, the second a throttle period later); CPU per key.
 */
async function keyToFrame(label: string, flags: readonly string[], presses = 41): Promise<void> {
  const pty = startPty({ command: process.execPath, args: [...flags, bundle, '--demo'] });
  await pty.waitForText('99002752', 30_000);
  await new Promise((r) => setTimeout(r, 1500)); // the full read and its frames are over
  const times: number[] = [];
  const lasts: number[] = [];
  const counts: number[] = [];
  const cpu0 = cpuMs(pty.pid);
  for (let i = 0; i < presses; i++) {
    const [key, text] = i % 2 === 0 ? ['2', 'ne peuvent pas'] : ['1', 'Etat du code porteur'];
    const from = pty.output().length;
    const t0 = performance.now();
    pty.write(key);
    await frameWith(pty, from, text);
    times.push(performance.now() - t0);
    // Frames ends seen as they come, until 150 ms pass with none.
    let seen = 0;
    let last = performance.now() - t0;
    for (let quiet = performance.now(); performance.now() - quiet < 150;) {
      const n = pty.output().slice(from).split('\x1b[?2026l').length - 1;
      if (n > seen) {
        seen = n;
        last = performance.now() - t0;
        quiet = performance.now();
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    lasts.push(last);
    counts.push(seen);
  }
  const cpuPerKey = (cpuMs(pty.pid) - cpu0) / presses;
  pty.write('3');
  await pty.waitForText('Certificat de signature');
  const peak = peakMiB(pty.pid);
  await endTool(pty);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `touche → écran, ${label} (onglets 2 et 1, seed, démo)  médiane ${ms(median(times))}  (min ${ms(sorted[0]!)}, 9e décile ${ms(sorted[Math.floor(sorted.length * 0.9)]!)}, ${presses} touches)` +
      `  ; → dernière image ${ms(median(lasts))}, ${median(counts)} image(s) par touche, CPU ${ms(cpuPerKey)} par touche`,
  );
  console.log(`mémoire max, ${label} (démo seed, lecture complète, ${presses} touches, les trois onglets vus)  ${peak.toFixed(0)} Mio`);
}

/** Holds the machine's system-test lock (flock, as the system tests take it) while `fn` runs. */
async function withSystemLock<T>(fn: () => Promise<T>): Promise<T> {
  const holder = spawn('flock', [SYSTEM_LOCK, 'sh', '-c', 'echo verrou; read _'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    holder.stdout.on('data', (d: Buffer) => d.toString().includes('verrou') && resolve());
    holder.once('exit', (code) => reject(new Error(`flock ${SYSTEM_LOCK} a quitté (${code})`)));
  });
  const waited = performance.now() - t0;
  if (waited > 1000) console.log(`(verrou ${SYSTEM_LOCK} obtenu après ${(waited / 1000).toFixed(0)} s d’attente)`);
  try {
    return await fn();
  } finally {
    holder.stdin.end(); // `read` returns, flock's child ends, the lock is released
    await new Promise((r) => (holder.exitCode === null ? holder.once('exit', r) : r(undefined)));
  }
}

/** The readers as pcscd shows them, kept up to date. */
function watchReaders(transport: Transport): () => readonly ReaderState[] {
  let readers: readonly ReaderState[] = [];
  transport.watch((e) => {
    if (e.type === 'readers') readers = e.readers;
    else if (e.service.status === 'down') readers = [];
  });
  return () => readers;
}

interface Exchange {
  apdus: number;
  bytes: number;
}

/** A simulated card behind vpcd (reader 0) counting the APDUs and bytes it sees. */
function countedCard(fixture: FixtureName, realSpeed: boolean): { card: VirtualCard; seen: Exchange } {
  const seen = { apdus: 0, bytes: 0 };
  const card = new VirtualCard(createFixtureCard(fixture), {
    onApdu: (command, response) => {
      seen.apdus++;
      seen.bytes += command.length + response.length;
    },
    ...(realSpeed ? { realSpeed: {} } : {}),
  });
  return { card, seen };
}

const READER0 = VPCD_READERS[0];
const holds = (readers: () => readonly ReaderState[]) => readers().find((r) => r.name === READER0)?.atr !== undefined;

async function insert(card: VirtualCard, readers: () => readonly ReaderState[]): Promise<number> {
  const t0 = performance.now();
  await card.insert();
  await until(() => holds(readers), 20_000, 'la carte vue par pcscd');
  return performance.now() - t0;
}

async function remove(card: VirtualCard, readers: () => readonly ReaderState[]): Promise<void> {
  await card.remove();
  await until(() => readers().length > 0 && !holds(readers), 20_000, 'le lecteur vide pour pcscd');
}

interface SystemRead {
  first: Exchange;
  full: Exchange;
  detectMs: number;
  firstMs: number;
  fullMs: number;
}

/** Our read through pcscd + vpcd, in this process: insertion → pcscd sees the card → first part → full read. */
async function pcscdRead(
  fixture: FixtureName,
  realSpeed: boolean,
  runs: number,
  readers: () => readonly ReaderState[],
  transport: Transport,
) {
  const results: SystemRead[] = [];
  for (let i = 0; i < runs; i++) {
    const { card, seen } = countedCard(fixture, realSpeed);
    const detectMs = await insert(card, readers);
    const service = createCardService(transport);
    const t0 = performance.now();
    let first: Exchange | undefined;
    let firstMs = Number.NaN;
    await service.read(READER0, () => {
      firstMs = performance.now() - t0;
      first = { ...seen };
    });
    const fullMs = performance.now() - t0;
    results.push({ first: first ?? { ...seen }, full: { ...seen }, detectMs, firstMs: Number.isNaN(firstMs) ? fullMs : firstMs, fullMs });
    await remove(card, readers);
  }
  const r = results[0]!;
  const detect = median(results.map((x) => x.detectMs));
  console.log(
    `${fixture.padEnd(13)} ${realSpeed ? 'vitesse réelle' : 'instantanée   '}  détection ${ms(detect).padStart(8)}   1re partie ${String(r.first.apdus).padStart(2)} APDU ${String(r.first.bytes).padStart(5)} o ${ms(median(results.map((x) => x.firstMs))).padStart(10)}` +
      `   complète ${String(r.full.apdus).padStart(2)} APDU ${String(r.full.bytes).padStart(5)} o ${ms(median(results.map((x) => x.fullMs))).padStart(10)}`,
  );
  return { apdus: r.full.apdus, bytes: r.full.bytes, ms: median(results.map((x) => x.fullMs)) };
}

function runOpensc(args: readonly string[]): Promise<{ code: number; out: string; ms: number }> {
  const env: Record<string, string> = { LANG: 'C' };
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('OPENSC_')) env[k] = v;
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile('pkcs15-tool', ['-r', READER0, ...args], { env: { ...env, LANG: 'C' }, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, out: stdout + stderr, ms: performance.now() - t0 });
    });
  });
}

/** OpenSC's pkcs15-tool on the same simulated card: APDUs and bytes as the card sees them, wall time of the command; ratios to our full read. */
async function openscRead(
  fixture: FixtureName,
  realSpeed: boolean,
  runs: number,
  ours: { apdus: number; bytes: number; ms: number },
  readers: () => readonly ReaderState[],
) {
  const { card, seen } = countedCard(fixture, realSpeed);
  await insert(card, readers);
  for (const args of [['--list-pins', '--list-certificates'], ['--dump']] as const) {
    const times: number[] = [];
    let one: Exchange = { apdus: 0, bytes: 0 };
    let refused = '';
    for (let i = 0; i < runs; i++) {
      const before = { ...seen };
      const r = await runOpensc(args);
      times.push(r.ms);
      one = { apdus: seen.apdus - before.apdus, bytes: seen.bytes - before.bytes };
      // OpenSC does not know every card (e.g. no PKCS#15 binding): said, not a failure of the bench.
      if (r.code !== 0) refused = r.out.trim().split('\n').pop() ?? `code ${r.code}`;
    }
    const t = median(times);
    const head = `${fixture.padEnd(13)} ${realSpeed ? 'vitesse réelle' : 'instantanée   '}  OpenSC ${args.join(' ').padEnd(34)} ${String(one.apdus).padStart(3)} APDU ${String(one.bytes).padStart(6)} o ${ms(t).padStart(10)}`;
    console.log(
      refused
        ? `${head}   échec d’OpenSC : ${refused}`
        : `${head}   OpenSC / nous : APDU ${(one.apdus / ours.apdus).toFixed(2)}×, octets ${(one.bytes / ours.bytes).toFixed(2)}×, temps ${(t / ours.ms).toFixed(2)}×`,
    );
  }
  await remove(card, readers);
}

/** CPU of each tool over `seconds` (it shows `text` first), and its peak memory; the median and the spread. */
async function idleCpu(label: string, tools: PtySession[], text: string, seconds = 30): Promise<void> {
  for (const t of tools) await t.waitForText(text, 30_000);
  await new Promise((r) => setTimeout(r, 3000)); // reads, first frames and timers of the start are over
  const before = tools.map((t) => cpuMs(t.pid));
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const wall = performance.now() - t0;
  const shares = tools.map((t, i) => ((cpuMs(t.pid) - before[i]!) / wall) * 100);
  const peaks = tools.map((t) => peakMiB(t.pid));
  console.log(
    `CPU au repos, ${label.padEnd(32)} médiane ${pct(median(shares))}  (${shares.map(pct).join(', ')} ; ${tools.length} outils, ${seconds} s)  mémoire max ${median(peaks).toFixed(0)} Mio`,
  );
}

/** The pcscd part: the machine's system-test lock held throughout, a private pcscd with vpcd as the system tests start it. */
async function systemPart(): Promise<void> {
  await withSystemLock(async () => {
    console.log('— Outil au repos (pseudo-terminal, 3 outils en même temps, CPU user + système de /proc/PID/stat) —');
    const tool = () => startPty({ command: process.execPath, args: [bundle] });
    const noPcscd = [tool(), tool(), tool()];
    await idleCpu('pcscd absent', noPcscd, 'pcscd');
    await Promise.all(noPcscd.map(endTool));
    const pcscd = await startPcscd({ quickack: true });
    const transport = createPcscTransport();
    try {
      const readers = watchReaders(transport);
      await until(() => readers().some((r) => r.name === READER0), 20_000, 'les lecteurs vpcd');
      const tools = [tool(), tool(), tool()];
      await idleCpu('un lecteur, pas de carte', tools, 'Introduisez votre');
      // Ended before the card comes: three tools reading one card at the same moment interleave
      // their commands on it (no transaction spans a whole read), and one of them misreads.
      await Promise.all(tools.map(endTool));
      const { card } = countedCard('seed', false);
      await insert(card, readers);
      const reading: PtySession[] = [];
      for (let i = 0; i < 3; i++) {
        const t = tool();
        await t.waitForText('99002752', 30_000);
        await new Promise((r) => setTimeout(r, 1000)); // its certificates too
        reading.push(t);
      }
      await idleCpu('une carte lue (seed, pcscd)', reading, '99002752');
      await Promise.all(reading.map(endTool));
      await remove(card, readers);

      console.log('— Lecture par phases à travers pcscd + vpcd (carte simulée dans ce processus ; APDU et octets vus par la carte) —');
      const ours = new Map<string, { apdus: number; bytes: number; ms: number }>();
      for (const fixture of ['seed', 'cps3-rpps', 'cps3-public', 'cpe', 'cps4'] as const) {
        ours.set(`${fixture} false`, await pcscdRead(fixture, false, 5, readers, transport));
      }
      for (const fixture of ['seed', 'cps4'] as const) ours.set(`${fixture} true`, await pcscdRead(fixture, true, 3, readers, transport));

      console.log('— OpenSC 0.23 (pkcs15-tool) sur les mêmes cartes, à travers pcscd + vpcd ; rapports à notre lecture complète —');
      for (const fixture of ['seed', 'cps3-rpps', 'cps3-public', 'cpe', 'cps4'] as const) {
        await openscRead(fixture, false, 3, ours.get(`${fixture} false`)!, readers);
      }
      for (const fixture of ['seed', 'cps4'] as const) await openscRead(fixture, true, 3, ours.get(`${fixture} true`)!, readers);
    } finally {
      await transport.close();
      await pcscd.dispose();
    }
  });
}

// ——— Issue 18: the PC/SC process (start-up and memory through pcscd), and quitting with a mute card ———

/** The PC/SC process the tool started (its child), if any. */
function childOf(pid: number): number | undefined {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return kids[0];
  } catch {
    return undefined;
  }
}

/** Quits the tool `how`, returns the time to its exit (ms), or undefined past `boundMs` (then SIGKILL). */
async function timeQuit(pty: PtySession, how: 'q' | 'Ctrl-C' | 'SIGTERM' | 'SIGHUP', boundMs = 30_000): Promise<number | undefined> {
  const t0 = performance.now();
  if (how === 'q') pty.write('q');
  else if (how === 'Ctrl-C') pty.write('\u0003');
  else pty.kill(how);
  try {
    await pty.waitForExit(boundMs);
    return performance.now() - t0;
  } catch {
    pty.kill('SIGKILL');
    await pty.waitForExit(5_000).catch(() => undefined);
    return undefined;
  }
}

async function mutePart(): Promise<void> {
  const tool = process.env.CPS_AUDIT_BENCH_BUNDLE ?? bundle;
  process.env.CPS_AUDIT_BIN = tool;
  const run = (args: string[] = []) => startPty({ command: process.execPath, args: [...NODE_FLAGS, tool, ...args] });
  const show = (x: number | undefined) => (x === undefined ? '> 30 s (tué par SIGKILL)' : ms(x));
  await withSystemLock(async () => {
    const pcscd = await startPcscd({ quickack: true });
    try {
      const card = async (extra: string[]) => {
        const sim = spawnSimulate(['--card', 'seed', ...extra]);
        await sim.waitFor('insérée');
        return sim;
      };
      console.log(`— Démarrage à travers pcscd jusqu’à la carte du seed à l’écran (${tool}) —`);
      const sim = await card([]);
      const times: number[] = [];
      const toolMem: number[] = [];
      const hostMem: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t0 = performance.now();
        const pty = run();
        await frameWith(pty, 0, '99002752', 30_000);
        times.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 1000)); // its certificates too
        toolMem.push(peakMiB(pty.pid));
        const host = childOf(pty.pid);
        if (host !== undefined) hostMem.push(peakMiB(host));
        await endTool(pty);
      }
      await sim.stop();
      console.log(
        `démarrage → carte à l’écran   médiane ${ms(median(times))} (min ${ms(Math.min(...times))}) ; mémoire max : outil ${median(toolMem).toFixed(0)} Mio` +
          (hostMem.length > 0 ? `, processus PC/SC ${median(hostMem).toFixed(0)} Mio` : ', pas de processus PC/SC'),
      );

      console.log('— Quitter avec une carte muette (pcscd + vpcd ; la carte ne répond plus, vpcd attend sans fin) —');
      for (const how of ['q', 'Ctrl-C', 'SIGTERM', 'SIGHUP'] as const) {
        const mute = await card(['--quirk', 'mute-during-read']);
        const pty = run();
        await pty.waitForText(/Lecteur/, 20_000);
        await new Promise((r) => setTimeout(r, 2000));
        console.log(`muette pendant la lecture, ${how.padEnd(8)} sortie en ${show(await timeQuit(pty, how))}`);
        await mute.stop();
      }
      {
        const mute = await card(['--quirk', 'mute-after-verify']);
        const pty = run();
        await pty.waitForText('Verrouillé', 30_000);
        await openUnblock(pty);
        await fillUnblock(pty, '12345678', '4321');
        pty.write('\r');
        await pty.waitForText(/Envoi en cours|Opération en cours/, 5_000);
        await new Promise((r) => setTimeout(r, 500));
        console.log(`muette après le VERIFY d’un déblocage, Ctrl-C  sortie en ${show(await timeQuit(pty, 'Ctrl-C'))}`);
        await mute.stop();
      }
      for (const how of ['q', 'SIGTERM'] as const) {
        const slow = await card(['--real-speed', '--card-ms', '8000']);
        const pty = run();
        await pty.waitForText(/Lecteur/, 20_000);
        await new Promise((r) => setTimeout(r, 1000));
        console.log(`carte qui répond en 8 s, ${how.padEnd(8)}   sortie en ${show(await timeQuit(pty, how))}`);
        await slow.stop();
      }
      for (const verb of ['report', 'diagnose']) {
        const mute = await card(['--quirk', 'mute-during-read']);
        const t0 = performance.now();
        const r = spawnSync(process.execPath, [...NODE_FLAGS, tool, verb], { timeout: 60_000 });
        const took = performance.now() - t0;
        console.log(`${verb}, carte muette pendant la lecture : ${r.signal ? '> 60 s (tué)' : `fin en ${ms(took)}, code ${r.status}`}`);
        await mute.stop();
      }
    } finally {
      await pcscd.dispose();
    }
  });
}

// `npm run bench -- start keys` runs only those parts (phases, ops, cardtest, start, keys, system, mute); all by default.
const PARTS = ['phases', 'ops', 'cardtest', 'start', 'keys', 'system', 'mute'] as const;
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const a of asked)
  if (!(PARTS as readonly string[]).includes(a)) throw new Error(`banc : partie inconnue « ${a} » (${PARTS.join(', ')})`);
const part = (name: (typeof PARTS)[number]) => asked.length === 0 || asked.includes(name);

console.log(
  `Machine : ${(await import('node:os')).cpus().length} cœurs ${(await import('node:os')).cpus()[0]?.model ?? ''}, Node ${process.version}, charge ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`,
);
if (part('phases')) {
  console.log('— Lecture par phases : insertion → 1re partie à l’écran (porteur, codes) → lecture complète —');
  for (const fixture of ['seed', 'cps3-rpps', 'cps3-public', 'cpe', 'cps4'] as const) {
    await phases(fixture, false, 11);
    await phases(fixture, true, 3);
  }
}

if (part('ops')) {
  console.log('— Opérations sur carte simulée, en processus —');
  for (const fixture of ['seed', 'cps4'] as const) {
    await cardOperation(fixture, 'read');
    await cardOperation(fixture, 'unblock');
  }
  await cardOperation('cps3-rpps', 'read');
  await cardOperation('cps3-rpps', 'change');
}

async function cardTestRun(fixture: 'cps3-rpps' | 'cps4', realSpeed: boolean, runs: number) {
  const { runCardTest } = await import('../src/card/cps/card-test.js');
  const { defaultTrust, withTestAnchors } = await import('../src/card/trust/chain.js');
  const { testHierarchyPem } = await import('../src/card/simulator/fixtures.js');
  const trust = withTestAnchors(defaultTrust(), Buffer.from(testHierarchyPem()));
  const times: number[] = [];
  let apdus = 0;
  let summary = '';
  for (let i = 0; i < runs; i++) {
    const transport = new InProcessTransport(realSpeed ? { realSpeed: {} } : {});
    const card = createFixtureCard(fixture);
    card.restore({ ...card.snapshot()!, pin: { code: '1234', triesLeft: 3 } });
    transport.insert(DEFAULT_READER, card);
    const cards = createCardService(transport);
    const t0 = performance.now();
    const r = await runCardTest(DEFAULT_READER, {
      cards,
      trust,
      askPin: () => Promise.resolve({ kind: 'pin' as const, code: '1234', lastTryConfirmed: false }),
    });
    times.push(performance.now() - t0);
    apdus = transport.apduCount;
    summary = `${r.counts.passed}/${r.counts.total} réussis`;
    await transport.close();
  }
  console.log(
    `${fixture.padEnd(9)} ${realSpeed ? 'vitesse réelle ' : 'instantanée    '} ${String(apdus).padStart(3)} APDU   médiane ${ms(median(times))}  (min ${ms(Math.min(...times))}, ${runs} essais, ${summary})`,
  );
}

const LAUNCHER = `node ${NODE_FLAGS.join(' ')}`;
if (part('start')) {
  console.log(`— Démarrage jusqu’à la carte du seed à l’écran (pseudo-terminal 80×24 ; lanceur : ${LAUNCHER}) —`);
  ensureBuilt();
  const node0 = bareNode();
  const runs = 9;
  const tool = await startUp('bundle, comme le lanceur', process.execPath, [...NODE_FLAGS, bundle, '--demo'], runs);
  console.log(`rapport bundle / node nu : ${(tool / node0).toFixed(1)}×`);
  await startUp('bundle, node sans drapeaux', process.execPath, [bundle, '--demo'], runs);
  await startUp('tsx (src/app/main.tsx)', process.execPath, ['--import', 'tsx', 'src/app/main.tsx', '--demo'], 3);
}

// Issue 23: the Debian package's tree (bash scripts/package.sh leaves it in .tmp/package/tree), run
// by its /usr/bin/cps-audit with its own Node 22: beside that runtime's bare start, without and
// with the compile cache (in a fresh XDG cache folder: the first run fills it).
if (part('start')) {
  const tree = resolve('.tmp/package/tree');
  const launcher = join(tree, 'usr/bin/cps-audit');
  if (!existsSync(launcher)) {
    console.log('— Outil empaqueté : absent (bash scripts/package.sh le construit dans .tmp/package/tree) —');
  } else {
    console.log('— Outil empaqueté (.tmp/package/tree/usr/bin/cps-audit, son propre Node) jusqu’à la carte du seed —');
    const node0 = bareNode(7, join(tree, 'usr/lib/cps-audit/node'), 'node -e 0 du paquet');
    const xdg = mkdtempSync(join(tmpdir(), 'cps-bench-xdg-'));
    try {
      const runs = 9;
      const without = await startUp('paquet, sans cache de compilation', launcher, ['--demo'], runs, {
        XDG_CACHE_HOME: xdg,
        NODE_DISABLE_COMPILE_CACHE: '1',
      });
      await startUp('paquet, 1er lancement (cache vide)', launcher, ['--demo'], 1, { XDG_CACHE_HOME: xdg });
      const withCache = await startUp('paquet, cache de compilation', launcher, ['--demo'], runs, { XDG_CACHE_HOME: xdg });
      console.log(
        `rapport paquet / node nu du paquet : ${(without / node0).toFixed(1)}× sans cache, ${(withCache / node0).toFixed(1)}× avec ; cache / sans cache : ${(withCache / without).toFixed(2)}`,
      );
    } finally {
      rmSync(xdg, { recursive: true, force: true });
    }
  }
}

if (part('keys')) {
  console.log('— Touche → écran, mémoire (pseudo-terminal 80×24, construit) —');
  ensureBuilt();
  await keyToFrame('comme le lanceur', NODE_FLAGS);
  await keyToFrame('node sans drapeaux', []);
}
if (part('cardtest')) {
  console.log('— Test de la carte (issue 21), en processus : lecture, PrKDF/CDF, chaîne, code porteur, deux signatures —');
  for (const fixture of ['cps3-rpps', 'cps4'] as const) {
    await cardTestRun(fixture, false, 11);
    await cardTestRun(fixture, true, 3);
  }
}
if (part('system')) await systemPart();
if (part('mute')) await mutePart();
