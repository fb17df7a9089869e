// A private pcscd for the 'system' tests: `pcscd -f` with its own reader.conf.d holding only
// vsmartcard-vpcd (two virtual readers, "Virtual PCD 00 00" on TCP 35963 and "… 00 01" on 35964).
//
// There is one pcscd per machine (fixed socket, fixed vpcd ports). Policy: a lock file (one per
// network namespace) names the test process that owns the harness's pcscd. Another live test run
// holding it is waited for (test files of other runs then take turns); a pcscd left by a dead run
// is stopped; any other running pcscd is left alone and the harness refuses with a message saying
// how to stop it — a test must not kill the machine's service.
//
// vpcd latency (stack.md, fault 1): `quickack: true` sets `quickack 1` on the loopback routes of
// the local table for the harness's lifetime and restores them on stop (needs root).

import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPinpadReader, pinpadReaderConf, type PinpadReaderConf } from './pinpad-reader.js';

export const VPCD_READERS = ['Virtual PCD 00 00', 'Virtual PCD 00 01'] as const;
export const VPCD_PORTS = [35963, 35964] as const;

const WAIT_FOR_OTHER_RUN_MS = 300_000;
const SOCKET = '/run/pcscd/pcscd.comm';
const LO_ROUTES = ['127.0.0.1', '127.0.0.0/8'];

export interface PcscdOptions {
  readonly quickack?: boolean;
  /** Log APDUs in pcscd's output (kept in memory, shown when something fails). */
  readonly apduLog?: boolean;
  /** vpcd's readers named `${friendlyName} 00 00` and `… 00 01` (a USB reader names itself too). */
  readonly friendlyName?: string;
  /** Test readers with a keypad (test/pinpad-reader), loaded besides vpcd's two readers. */
  readonly pinpad?: readonly PinpadReaderConf[];
}

export interface Pcscd {
  /** pcscd's recent output, for failure messages. */
  log(): string;
  /** Stops pcscd (the service goes away for clients). */
  stop(): Promise<void>;
  /** Starts it again and waits until the readers show. */
  start(): Promise<void>;
  /** stop + start: needed after a card was pulled mid-operation (stack.md, fault 2). */
  restart(): Promise<void>;
  /** Stops pcscd and restores the routes. */
  dispose(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /.test(stat); // a zombie is no longer running
  } catch {
    return false;
  }
}

function ns(pid: number | 'self', kind: 'mnt' | 'net'): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/ns/${kind}`);
  } catch {
    return undefined;
  }
}

/**
 * A pcscd clashes with ours when it shares our mount namespace (the socket /run/pcscd/pcscd.comm)
 * or our network namespace (vpcd's ports). One started by `unshare --mount --net` does not.
 */
function clashes(pid: number): boolean {
  return ns(pid, 'mnt') === ns('self', 'mnt') || ns(pid, 'net') === ns('self', 'net');
}

function runningPcscd(): number[] {
  let out: string;
  try {
    out = execFileSync('pgrep', ['-x', 'pcscd'], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((pid) => alive(pid) && clashes(pid));
}

async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`pcscd harness: ${what} (attendu ${ms} ms)`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function killAndWait(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  try {
    await until(() => !alive(pid), 5000, `pcscd ${pid} ne s’arrête pas`);
  } catch {
    process.kill(pid, 'SIGKILL');
    await until(() => !alive(pid), 2000, `pcscd ${pid} ne s’arrête pas (SIGKILL)`);
  }
}

function listening(port: number): boolean {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  try {
    const tcp = fs.readFileSync('/proc/net/tcp', 'utf8');
    // state 0A = LISTEN
    return tcp.split('\n').some((l) => new RegExp(`^\\s*\\d+: [0-9A-F]{8}:${hex} [0-9A-F]{8}:0000 0A`).test(l));
  } catch {
    return false;
  }
}

export function setQuickack(on: boolean): void {
  for (const dst of LO_ROUTES) {
    const args = ['route', 'change', 'local', dst, 'dev', 'lo', 'proto', 'kernel', 'scope', 'host', 'src', '127.0.0.1', 'table', 'local'];
    execFileSync('ip', on ? [...args, 'quickack', '1'] : args);
  }
}

export function quickackIsOn(): boolean {
  return execFileSync('ip', ['route', 'show', 'table', 'local'], { encoding: 'utf8' }).includes('quickack 1');
}

interface Lock {
  readonly owner: number;
  readonly pcscd?: number;
}

function lockFile(): string {
  const id = /\[(\d+)\]/.exec(ns('self', 'net') ?? '')?.[1] ?? 'host';
  return path.join(os.tmpdir(), `cps-audit-test-pcscd-${id}.lock`);
}

function readLock(file: string): Lock | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Lock;
  } catch {
    return undefined;
  }
}

/** Takes the lock: waits for another live run, clears one left by a dead run. */
async function acquire(file: string): Promise<void> {
  const end = Date.now() + WAIT_FOR_OTHER_RUN_MS;
  for (;;) {
    try {
      fs.writeFileSync(file, JSON.stringify({ owner: process.pid } satisfies Lock), { flag: 'wx' });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const lock = readLock(file);
    if (lock && lock.owner !== process.pid && alive(lock.owner)) {
      if (Date.now() > end) {
        throw new Error(
          `pcscd harness: le processus de test ${lock.owner} garde le pcscd des tests depuis plus de ${WAIT_FOR_OTHER_RUN_MS / 1000} s.`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    // Left by a dead run, or by this process without dispose(): its pcscd is ours to stop.
    if (lock?.pcscd && alive(lock.pcscd)) await killAndWait(lock.pcscd);
    fs.rmSync(file, { force: true });
  }
}

export async function startPcscd(options: PcscdOptions = {}): Promise<Pcscd> {
  const lock = lockFile();
  await acquire(lock);
  const foreign = runningPcscd();
  if (foreign.length > 0) {
    fs.rmSync(lock, { force: true });
    throw new Error(
      `Un pcscd étranger tourne déjà (pid ${foreign.join(', ')}) : les tests système ont besoin du seul pcscd de la machine. ` +
        'Arrêtez-le (sudo systemctl stop pcscd.socket pcscd, ou sudo kill <pid>) puis relancez les tests.',
    );
  }
  const confDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-pcscd-'));
  fs.copyFileSync('/etc/reader.conf.d/vpcd', path.join(confDir, 'vpcd'));
  if (options.friendlyName !== undefined) {
    const conf = fs.readFileSync(path.join(confDir, 'vpcd'), 'utf8');
    fs.writeFileSync(path.join(confDir, 'vpcd'), conf.replace(/^FRIENDLYNAME .*$/m, `FRIENDLYNAME "${options.friendlyName}"`));
  }
  const pinpads = options.pinpad ?? [];
  if (pinpads.length > 0) {
    const lib = buildPinpadReader();
    pinpads.forEach((conf, i) => fs.writeFileSync(path.join(confDir, `pinpad-${i}`), pinpadReaderConf(conf, lib)));
  }
  const ports = [...VPCD_PORTS, ...pinpads.map((p) => p.port)];
  const routesWereQuick = quickackIsOn();
  if (options.quickack && !routesWereQuick) setQuickack(true);
  if (!options.quickack && routesWereQuick) setQuickack(false);

  let child: ChildProcess | undefined;
  let output = '';
  const start = async () => {
    const args = ['-f', '-c', confDir, ...(options.apduLog ? ['-a', '-d'] : [])];
    const proc = spawn('pcscd', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const keep = (d: Buffer) => {
      output = (output + d.toString()).slice(-20_000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    fs.writeFileSync(lock, JSON.stringify({ owner: process.pid, pcscd: proc.pid } satisfies Lock));
    await until(
      () => fs.existsSync(SOCKET) && ports.every(listening),
      10_000,
      `les lecteurs virtuels n’apparaissent pas.\n${output.slice(-2000)}`,
    );
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (proc?.pid !== undefined) {
      await killAndWait(proc.pid);
      await until(() => proc.exitCode !== null || proc.signalCode !== null, 2000, 'pcscd non récolté');
    }
    await until(() => !ports.some(listening), 5000, 'les ports des lecteurs virtuels restent ouverts');
  };
  await start();
  return {
    log: () => output,
    stop,
    start,
    restart: async () => {
      await stop();
      await start();
    },
    dispose: async () => {
      await stop();
      if (quickackIsOn() !== routesWereQuick) setQuickack(routesWereQuick);
      fs.rmSync(confDir, { recursive: true, force: true });
      fs.rmSync(lock, { force: true });
    },
  };
}
